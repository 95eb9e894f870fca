CREATE TABLE `event_feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`scope` text NOT NULL,
	`household_id` text,
	`created_by` text NOT NULL,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_feeds_token_hash_unique` ON `event_feeds` (`token_hash`);--> statement-breakpoint
CREATE INDEX `event_feeds_group_idx` ON `event_feeds` (`group_id`);--> statement-breakpoint
CREATE INDEX `event_feeds_created_by_idx` ON `event_feeds` (`created_by`);--> statement-breakpoint
CREATE TABLE `event_occurrences` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`series_id` text NOT NULL,
	`original_starts_at` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`moved` integer DEFAULT false NOT NULL,
	`space_id` text,
	`place_text` text DEFAULT '' NOT NULL,
	`capacity` integer,
	`note` text DEFAULT '' NOT NULL,
	`booking_id` text,
	`booking_problem` text,
	`cancel_reason` text,
	`cancelled_at` integer,
	`cancelled_by` text,
	`closed_at` integer,
	`closed_by` text,
	`frozen_cost_cents` integer,
	`frozen_half_portions` integer,
	`frozen_persons` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`series_id`) REFERENCES `event_series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "event_occurrences_values" CHECK("event_occurrences"."ends_at" > "event_occurrences"."starts_at" and ("event_occurrences"."capacity" is null or "event_occurrences"."capacity" > 0))
);
--> statement-breakpoint
CREATE INDEX `event_occurrences_group_starts_idx` ON `event_occurrences` (`group_id`,`starts_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_occurrences_series_original_uq` ON `event_occurrences` (`series_id`,`original_starts_at`);--> statement-breakpoint
CREATE INDEX `event_occurrences_booking_idx` ON `event_occurrences` (`booking_id`);--> statement-breakpoint
CREATE TABLE `event_reminders` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`occurrence_id` text NOT NULL,
	`household_id` text NOT NULL,
	`sent_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`occurrence_id`) REFERENCES `event_occurrences`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_reminders_group_idx` ON `event_reminders` (`group_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_reminders_occurrence_household_uq` ON `event_reminders` (`occurrence_id`,`household_id`);--> statement-breakpoint
CREATE TABLE `event_series` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`space_id` text,
	`place_text` text DEFAULT '' NOT NULL,
	`start_date` text NOT NULL,
	`start_time` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`time_zone` text NOT NULL,
	`rrule` text,
	`until_date` text,
	`count` integer,
	`capacity` integer,
	`signup_deadline_hours` integer,
	`organiser_ids` text DEFAULT '[]' NOT NULL,
	`host_person_id` text,
	`host_text` text DEFAULT '' NOT NULL,
	`materials` text DEFAULT '' NOT NULL,
	`skills` text DEFAULT '[]' NOT NULL,
	`helper_slots` integer DEFAULT 2 NOT NULL,
	`cleaner_slots` integer DEFAULT 2 NOT NULL,
	`parent_series_id` text,
	`materialised_until` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`host_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "event_series_values" CHECK("event_series"."duration_minutes" > 0 and ("event_series"."capacity" is null or "event_series"."capacity" > 0) and ("event_series"."count" is null or "event_series"."count" > 0)
        and ("event_series"."signup_deadline_hours" is null or "event_series"."signup_deadline_hours" >= 0) and "event_series"."helper_slots" >= 0 and "event_series"."cleaner_slots" >= 0)
);
--> statement-breakpoint
CREATE INDEX `event_series_group_idx` ON `event_series` (`group_id`);--> statement-breakpoint
CREATE TABLE `event_settings` (
	`group_id` text PRIMARY KEY NOT NULL,
	`child_age_limit` integer DEFAULT 12 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "event_settings_child_age_limit" CHECK("event_settings"."child_age_limit" between 4 and 18)
);
--> statement-breakpoint
CREATE TABLE `event_signups` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`occurrence_id` text NOT NULL,
	`household_id` text NOT NULL,
	`adults` integer DEFAULT 0 NOT NULL,
	`children` integer DEFAULT 0 NOT NULL,
	`infants` integer DEFAULT 0 NOT NULL,
	`guests` integer DEFAULT 0 NOT NULL,
	`diets` text DEFAULT '[]' NOT NULL,
	`allergies` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`position` integer,
	`created_by` text,
	`on_behalf` integer DEFAULT false NOT NULL,
	`promoted_at` integer,
	`cancelled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`occurrence_id`) REFERENCES `event_occurrences`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "event_signups_counts" CHECK("event_signups"."adults" >= 0 and "event_signups"."children" >= 0 and "event_signups"."infants" >= 0 and "event_signups"."guests" >= 0 and "event_signups"."adults" + "event_signups"."children" + "event_signups"."infants" + "event_signups"."guests" >= 1)
);
--> statement-breakpoint
CREATE INDEX `event_signups_group_idx` ON `event_signups` (`group_id`);--> statement-breakpoint
CREATE INDEX `event_signups_occurrence_status_idx` ON `event_signups` (`occurrence_id`,`status`,`position`);--> statement-breakpoint
CREATE INDEX `event_signups_household_idx` ON `event_signups` (`household_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_signups_active_uq` ON `event_signups` (`occurrence_id`,`household_id`) WHERE "event_signups"."status" <> 'cancelled';--> statement-breakpoint
CREATE TABLE `meal_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`occurrence_id` text NOT NULL,
	`role_id` text NOT NULL,
	`household_id` text NOT NULL,
	`person_id` text,
	`created_by` text,
	`on_behalf` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`occurrence_id`) REFERENCES `event_occurrences`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`role_id`) REFERENCES `meal_roles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `meal_assignments_group_idx` ON `meal_assignments` (`group_id`);--> statement-breakpoint
CREATE INDEX `meal_assignments_occurrence_idx` ON `meal_assignments` (`occurrence_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `meal_assignments_role_person_uq` ON `meal_assignments` (`role_id`,`person_id`) WHERE "meal_assignments"."person_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `meal_assignments_role_household_uq` ON `meal_assignments` (`role_id`,`household_id`) WHERE "meal_assignments"."person_id" is null;--> statement-breakpoint
CREATE TABLE `meal_costs` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`occurrence_id` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`paid_by_household_id` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`occurrence_id`) REFERENCES `event_occurrences`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`paid_by_household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "meal_costs_amount" CHECK("meal_costs"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE INDEX `meal_costs_group_idx` ON `meal_costs` (`group_id`);--> statement-breakpoint
CREATE INDEX `meal_costs_occurrence_idx` ON `meal_costs` (`occurrence_id`);--> statement-breakpoint
CREATE TABLE `meal_ledger` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`occurrence_id` text NOT NULL,
	`household_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`half_portions` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`occurrence_id`) REFERENCES `event_occurrences`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "meal_ledger_sign" CHECK(("meal_ledger"."kind" = 'paid' and "meal_ledger"."amount_cents" > 0) or ("meal_ledger"."kind" = 'eaten' and "meal_ledger"."amount_cents" <= 0))
);
--> statement-breakpoint
CREATE INDEX `meal_ledger_group_household_idx` ON `meal_ledger` (`group_id`,`household_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `meal_ledger_occurrence_household_kind_uq` ON `meal_ledger` (`occurrence_id`,`household_id`,`kind`);--> statement-breakpoint
CREATE TABLE `meal_roles` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`occurrence_id` text NOT NULL,
	`role` text NOT NULL,
	`slots` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`occurrence_id`) REFERENCES `event_occurrences`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "meal_roles_slots" CHECK("meal_roles"."slots" >= 0)
);
--> statement-breakpoint
CREATE INDEX `meal_roles_group_idx` ON `meal_roles` (`group_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `meal_roles_occurrence_role_uq` ON `meal_roles` (`occurrence_id`,`role`);