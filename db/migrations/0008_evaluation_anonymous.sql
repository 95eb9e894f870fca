-- Survey answers must not reveal who answered. A rowid table keeps rows in the order they were inserted
-- (and exposes that order through `rowid`), which, next to the order of "has answered" rows or of the
-- audit trail, could link an answer to a person. WITHOUT ROWID tables are stored in primary-key order:
-- the answer's random id. The same for survey_respondents (stored by survey and membership id).
-- The tables are empty here (created by the previous migration), so they are simply re-created.
DROP TABLE `survey_answers`;--> statement-breakpoint
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
) WITHOUT ROWID;--> statement-breakpoint
CREATE INDEX `survey_answers_survey_idx` ON `survey_answers` (`survey_id`);--> statement-breakpoint
CREATE INDEX `survey_answers_group_idx` ON `survey_answers` (`group_id`);--> statement-breakpoint
DROP TABLE `survey_respondents`;--> statement-breakpoint
CREATE TABLE `survey_respondents` (
	`survey_id` text NOT NULL,
	`group_id` text NOT NULL,
	`membership_id` text NOT NULL,
	PRIMARY KEY(`survey_id`, `membership_id`),
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;--> statement-breakpoint
CREATE INDEX `survey_respondents_group_idx` ON `survey_respondents` (`group_id`);
