CREATE TABLE `bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`space_id` text NOT NULL,
	`household_id` text,
	`created_by` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`block_start` integer NOT NULL,
	`block_end` integer NOT NULL,
	`status` text NOT NULL,
	`purpose` text DEFAULT '' NOT NULL,
	`guests` integer DEFAULT 0 NOT NULL,
	`nights` integer DEFAULT 0 NOT NULL,
	`fee_cents` integer DEFAULT 0 NOT NULL,
	`series_id` text,
	`decided_by` text,
	`decided_at` integer,
	`decision_reason` text,
	`cancelled_by` text,
	`cancelled_at` integer,
	`cancel_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "bookings_end_after_start" CHECK("bookings"."ends_at" > "bookings"."starts_at" and "bookings"."block_start" <= "bookings"."starts_at" and "bookings"."block_end" >= "bookings"."ends_at")
);
--> statement-breakpoint
CREATE INDEX `bookings_space_block_idx` ON `bookings` (`space_id`,`block_start`);--> statement-breakpoint
CREATE INDEX `bookings_group_starts_idx` ON `bookings` (`group_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `bookings_household_starts_idx` ON `bookings` (`household_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `bookings_group_status_idx` ON `bookings` (`group_id`,`status`);--> statement-breakpoint
CREATE INDEX `bookings_series_idx` ON `bookings` (`series_id`);--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`scope` text NOT NULL,
	`space_id` text,
	`household_id` text,
	`created_by` text NOT NULL,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token_hash_unique` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE INDEX `calendar_feeds_group_idx` ON `calendar_feeds` (`group_id`);--> statement-breakpoint
CREATE INDEX `calendar_feeds_created_by_idx` ON `calendar_feeds` (`created_by`);--> statement-breakpoint
CREATE TABLE `space_closures` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`space_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "space_closures_end_after_start" CHECK("space_closures"."ends_at" > "space_closures"."starts_at")
);
--> statement-breakpoint
CREATE INDEX `space_closures_group_idx` ON `space_closures` (`group_id`);--> statement-breakpoint
CREATE INDEX `space_closures_space_starts_idx` ON `space_closures` (`space_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `spaces` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`capacity` integer,
	`active` integer DEFAULT true NOT NULL,
	`booking_window_days` integer,
	`min_notice_hours` integer DEFAULT 0 NOT NULL,
	`min_minutes` integer,
	`max_minutes` integer,
	`quota_hours_per_month` integer,
	`quota_bookings_per_month` integer,
	`quota_nights_per_year` integer,
	`approval_required` integer DEFAULT false NOT NULL,
	`buffer_minutes` integer DEFAULT 0 NOT NULL,
	`quiet_start` text,
	`quiet_end` text,
	`check_in_time` text,
	`check_out_time` text,
	`nightly_fee_cents` integer DEFAULT 0 NOT NULL,
	`max_nights` integer,
	`house_rules` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `spaces_group_idx` ON `spaces` (`group_id`);