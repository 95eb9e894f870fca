CREATE TABLE `group_funding` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`funder_name` text NOT NULL,
	`planned_cents` integer DEFAULT 0 NOT NULL,
	`spent_cents` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "group_funding_amounts" CHECK("group_funding"."planned_cents" >= 0 and "group_funding"."spent_cents" >= 0)
);
--> statement-breakpoint
CREATE INDEX `group_funding_group_year_idx` ON `group_funding` (`group_id`,`year`);--> statement-breakpoint
CREATE UNIQUE INDEX `group_funding_uq` ON `group_funding` (`group_id`,`year`,`kind`,`funder_name`);--> statement-breakpoint
CREATE TABLE `programme_grants` (
	`programme_id` text NOT NULL,
	`group_id` text NOT NULL,
	`year` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`programme_id`, `group_id`, `year`),
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "programme_grants_amount" CHECK("programme_grants"."amount_cents" >= 0)
);
--> statement-breakpoint
CREATE INDEX `programme_grants_group_idx` ON `programme_grants` (`group_id`,`year`);--> statement-breakpoint
CREATE TABLE `report_revisions` (
	`id` text PRIMARY KEY NOT NULL,
	`report_id` text NOT NULL,
	`group_id` text NOT NULL,
	`revision` integer NOT NULL,
	`highlights` text NOT NULL,
	`difficulties` text NOT NULL,
	`story` text NOT NULL,
	`story_consent` integer NOT NULL,
	`correction_note` text DEFAULT '' NOT NULL,
	`snapshot` text NOT NULL,
	`submitted_by` text,
	`submitted_by_name` text DEFAULT '' NOT NULL,
	`submitted_at` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_revisions_uq` ON `report_revisions` (`report_id`,`revision`);--> statement-breakpoint
CREATE INDEX `report_revisions_group_idx` ON `report_revisions` (`group_id`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`period_kind` text NOT NULL,
	`period_key` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`highlights` text DEFAULT '' NOT NULL,
	`difficulties` text DEFAULT '' NOT NULL,
	`story` text DEFAULT '' NOT NULL,
	`story_consent` integer DEFAULT false NOT NULL,
	`current_revision` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `reports_group_idx` ON `reports` (`group_id`,`period_from`);--> statement-breakpoint
CREATE UNIQUE INDEX `reports_period_uq` ON `reports` (`group_id`,`period_kind`,`period_key`);--> statement-breakpoint
CREATE TABLE `survey_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_id` text NOT NULL,
	`group_id` text NOT NULL,
	`satisfaction` integer NOT NULL,
	`belonging` integer NOT NULL,
	`lonely_companionship` integer NOT NULL,
	`lonely_left_out` integer NOT NULL,
	`lonely_isolated` integer NOT NULL,
	`help_given` integer NOT NULL,
	`help_received` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "survey_answers_scales" CHECK("survey_answers"."satisfaction" between 1 and 5 and "survey_answers"."belonging" between 1 and 5 and "survey_answers"."help_given" between 1 and 5 and "survey_answers"."help_received" between 1 and 5
        and "survey_answers"."lonely_companionship" between 1 and 3 and "survey_answers"."lonely_left_out" between 1 and 3 and "survey_answers"."lonely_isolated" between 1 and 3)
);
--> statement-breakpoint
CREATE INDEX `survey_answers_survey_idx` ON `survey_answers` (`survey_id`);--> statement-breakpoint
CREATE INDEX `survey_answers_group_idx` ON `survey_answers` (`group_id`);--> statement-breakpoint
CREATE TABLE `survey_respondents` (
	`survey_id` text NOT NULL,
	`group_id` text NOT NULL,
	`membership_id` text NOT NULL,
	PRIMARY KEY(`survey_id`, `membership_id`),
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `survey_respondents_group_idx` ON `survey_respondents` (`group_id`);--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`title` text NOT NULL,
	`opens_on` text NOT NULL,
	`closes_on` text NOT NULL,
	`closed_early_on` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "surveys_dates" CHECK("surveys"."opens_on" <= "surveys"."closes_on")
);
--> statement-breakpoint
CREATE INDEX `surveys_group_idx` ON `surveys` (`group_id`,`closes_on`);--> statement-breakpoint
ALTER TABLE `programmes` ADD `budget_cents` integer;