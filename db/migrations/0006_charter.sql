CREATE TABLE `charter_articles` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`version_id` text NOT NULL,
	`key` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `charter_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `charter_articles_group_idx` ON `charter_articles` (`group_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `charter_articles_version_key_uq` ON `charter_articles` (`version_id`,`key`);--> statement-breakpoint
CREATE INDEX `charter_articles_version_position_idx` ON `charter_articles` (`version_id`,`position`);--> statement-breakpoint
CREATE TABLE `charter_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`version_id` text NOT NULL,
	`article_key` text,
	`user_id` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `charter_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `charter_comments_group_idx` ON `charter_comments` (`group_id`);--> statement-breakpoint
CREATE INDEX `charter_comments_version_idx` ON `charter_comments` (`version_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `charter_signatures` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`version_id` text NOT NULL,
	`person_id` text NOT NULL,
	`method` text NOT NULL,
	`signed_on` text NOT NULL,
	`user_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `charter_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `charter_signatures_group_idx` ON `charter_signatures` (`group_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `charter_signatures_version_person_uq` ON `charter_signatures` (`version_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `charter_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`adopted_on` text,
	`adopted_decision_id` text,
	`adopted_by` text,
	`superseded_on` text,
	`proposed_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`adopted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "charter_versions_adopted_on" CHECK("charter_versions"."status" not in ('adopted', 'superseded') or "charter_versions"."adopted_on" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `charter_versions_group_number_uq` ON `charter_versions` (`group_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `charter_versions_one_in_force_uq` ON `charter_versions` (`group_id`) WHERE status = 'adopted';--> statement-breakpoint
CREATE UNIQUE INDEX `charter_versions_one_in_progress_uq` ON `charter_versions` (`group_id`) WHERE status in ('draft', 'proposed');