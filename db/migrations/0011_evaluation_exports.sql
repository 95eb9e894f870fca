CREATE TABLE `export_log` (
	`id` text PRIMARY KEY NOT NULL,
	`programme_id` text NOT NULL,
	`user_id` text,
	`what` text NOT NULL,
	`filters` text DEFAULT '{}' NOT NULL,
	`row_count` integer DEFAULT 0 NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `export_log_programme_at_idx` ON `export_log` (`programme_id`,`at`);