CREATE TABLE `support_access_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_id` text NOT NULL,
	`user_id` text,
	`household_id` text,
	`what` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `support_access_log_group_at_idx` ON `support_access_log` (`group_id`,`at`);--> statement-breakpoint
CREATE INDEX `support_access_log_household_idx` ON `support_access_log` (`household_id`);--> statement-breakpoint
CREATE TABLE `support_action_persons` (
	`action_id` text NOT NULL,
	`person_id` text NOT NULL,
	`group_id` text NOT NULL,
	PRIMARY KEY(`action_id`, `person_id`),
	FOREIGN KEY (`action_id`) REFERENCES `support_actions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `support_action_persons_group_idx` ON `support_action_persons` (`group_id`);--> statement-breakpoint
CREATE INDEX `support_action_persons_person_idx` ON `support_action_persons` (`person_id`);--> statement-breakpoint
CREATE TABLE `support_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`household_id` text NOT NULL,
	`episode_id` text,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`topics` text DEFAULT '[]' NOT NULL,
	`duration_minutes` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`aid_cents` integer,
	`aid_source` text,
	`rights_opened` text DEFAULT '[]' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`episode_id`) REFERENCES `support_episodes`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "support_actions_duration" CHECK("support_actions"."duration_minutes" > 0 and "support_actions"."duration_minutes" <= 1440),
	CONSTRAINT "support_actions_aid" CHECK(("support_actions"."aid_cents" is null) = ("support_actions"."aid_source" is null) and ("support_actions"."aid_cents" is null or "support_actions"."aid_cents" > 0))
);
--> statement-breakpoint
CREATE INDEX `support_actions_group_date_idx` ON `support_actions` (`group_id`,`date`);--> statement-breakpoint
CREATE INDEX `support_actions_household_idx` ON `support_actions` (`household_id`,`date`);--> statement-breakpoint
CREATE TABLE `support_episodes` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`household_id` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`goals` text DEFAULT '[]' NOT NULL,
	`entry_situation` text NOT NULL,
	`outcome` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "support_episodes_end_after_start" CHECK("support_episodes"."end_date" is null or "support_episodes"."end_date" >= "support_episodes"."start_date"),
	CONSTRAINT "support_episodes_closed_has_outcome" CHECK(("support_episodes"."end_date" is null) = ("support_episodes"."outcome" is null))
);
--> statement-breakpoint
CREATE INDEX `support_episodes_group_idx` ON `support_episodes` (`group_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `support_episodes_household_idx` ON `support_episodes` (`household_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `support_episodes_one_open_uq` ON `support_episodes` (`household_id`) WHERE end_date is null;--> statement-breakpoint
CREATE TABLE `support_exit_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`household_id` text NOT NULL,
	`milestone` integer NOT NULL,
	`still_housed` text NOT NULL,
	`checked_on` text NOT NULL,
	`checked_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`checked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "support_exit_checks_milestone" CHECK("support_exit_checks"."milestone" in (6, 12))
);
--> statement-breakpoint
CREATE INDEX `support_exit_checks_group_idx` ON `support_exit_checks` (`group_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `support_exit_checks_household_milestone_uq` ON `support_exit_checks` (`household_id`,`milestone`);--> statement-breakpoint
CREATE TABLE `support_partners` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`name` text NOT NULL,
	`field` text NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `support_partners_group_idx` ON `support_partners` (`group_id`);--> statement-breakpoint
CREATE TABLE `support_referrals` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`household_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`date` text NOT NULL,
	`status` text DEFAULT 'sent' NOT NULL,
	`outcome_kind` text,
	`outcome_text` text DEFAULT '' NOT NULL,
	`closed_on` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `support_partners`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "support_referrals_closed" CHECK(("support_referrals"."status" = 'closed') = ("support_referrals"."outcome_kind" is not null))
);
--> statement-breakpoint
CREATE INDEX `support_referrals_group_idx` ON `support_referrals` (`group_id`,`status`);--> statement-breakpoint
CREATE INDEX `support_referrals_household_idx` ON `support_referrals` (`household_id`);--> statement-breakpoint
ALTER TABLE `memberships` ADD `support_lead` integer DEFAULT false NOT NULL;