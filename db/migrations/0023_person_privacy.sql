ALTER TABLE `persons` ADD `birth_year_visibility` text DEFAULT 'hidden' NOT NULL;--> statement-breakpoint
ALTER TABLE `persons` ADD `sensitive_tags_visible` integer DEFAULT false NOT NULL;