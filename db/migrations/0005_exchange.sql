CREATE TABLE `approved_carers` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`person_id` text NOT NULL,
	`approved_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `approved_carers_group_idx` ON `approved_carers` (`group_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `approved_carers_person_uq` ON `approved_carers` (`group_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `exchange_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`availability` text DEFAULT '' NOT NULL,
	`person_id` text,
	`household_id` text NOT NULL,
	`created_by` text,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `exchange_posts_group_created_idx` ON `exchange_posts` (`group_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `exchange_posts_household_idx` ON `exchange_posts` (`household_id`);--> statement-breakpoint
CREATE TABLE `exchange_settings` (
	`group_id` text PRIMARY KEY NOT NULL,
	`min_balance_minutes` integer DEFAULT -600 NOT NULL,
	`care_restricted` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `exchanges` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`post_id` text NOT NULL,
	`giver_household_id` text NOT NULL,
	`receiver_household_id` text NOT NULL,
	`giver_person_id` text,
	`receiver_person_id` text,
	`opened_by_household_id` text NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`agreed_date` text,
	`minutes` integer,
	`message` text DEFAULT '' NOT NULL,
	`confirmed_by` text,
	`confirmed_at` integer,
	`thanks` text,
	`dispute_reason` text,
	`cancelled_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`post_id`) REFERENCES `exchange_posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`giver_household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`receiver_household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`giver_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`receiver_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`opened_by_household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "exchanges_two_households" CHECK("exchanges"."giver_household_id" <> "exchanges"."receiver_household_id"),
	CONSTRAINT "exchanges_minutes_range" CHECK("exchanges"."minutes" is null or ("exchanges"."minutes" > 0 and "exchanges"."minutes" <= 1440))
);
--> statement-breakpoint
CREATE INDEX `exchanges_group_status_idx` ON `exchanges` (`group_id`,`status`);--> statement-breakpoint
CREATE INDEX `exchanges_post_idx` ON `exchanges` (`post_id`);--> statement-breakpoint
CREATE INDEX `exchanges_giver_idx` ON `exchanges` (`giver_household_id`);--> statement-breakpoint
CREATE INDEX `exchanges_receiver_idx` ON `exchanges` (`receiver_household_id`);--> statement-breakpoint
CREATE TABLE `time_movements` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`exchange_id` text NOT NULL,
	`household_id` text NOT NULL,
	`minutes` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`exchange_id`) REFERENCES `exchanges`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `time_movements_group_idx` ON `time_movements` (`group_id`);--> statement-breakpoint
CREATE INDEX `time_movements_household_idx` ON `time_movements` (`household_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `time_movements_exchange_household_uq` ON `time_movements` (`exchange_id`,`household_id`);