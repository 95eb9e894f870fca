CREATE TABLE `meeting_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`agenda_item_id` text,
	`what` text NOT NULL,
	`person_id` text NOT NULL,
	`due_date` text,
	`created_on` text NOT NULL,
	`done_on` text,
	`done_by` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `meeting_agenda_items`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`done_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `meeting_actions_group_due_idx` ON `meeting_actions` (`group_id`,`due_date`);--> statement-breakpoint
CREATE INDEX `meeting_actions_person_open_idx` ON `meeting_actions` (`person_id`,`done_on`);--> statement-breakpoint
CREATE INDEX `meeting_actions_meeting_idx` ON `meeting_actions` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `meeting_agenda_items` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`presenter_person_id` text,
	`presenter_text` text DEFAULT '' NOT NULL,
	`planned_minutes` integer,
	`status` text DEFAULT 'proposed' NOT NULL,
	`position` integer,
	`proposed_by` text,
	`started_at` integer,
	`ended_at` integer,
	`actual_minutes` integer,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`presenter_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "meeting_agenda_items_values" CHECK(("meeting_agenda_items"."planned_minutes" is null or "meeting_agenda_items"."planned_minutes" > 0) and ("meeting_agenda_items"."actual_minutes" is null or "meeting_agenda_items"."actual_minutes" >= 0))
);
--> statement-breakpoint
CREATE INDEX `meeting_agenda_items_group_idx` ON `meeting_agenda_items` (`group_id`);--> statement-breakpoint
CREATE INDEX `meeting_agenda_items_meeting_idx` ON `meeting_agenda_items` (`meeting_id`,`status`,`position`);--> statement-breakpoint
CREATE TABLE `meeting_attendance` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`person_id` text NOT NULL,
	`status` text NOT NULL,
	`proxy_person_id` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proxy_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "meeting_attendance_proxy" CHECK("meeting_attendance"."proxy_person_id" is null or ("meeting_attendance"."status" <> 'present' and "meeting_attendance"."proxy_person_id" <> "meeting_attendance"."person_id"))
);
--> statement-breakpoint
CREATE INDEX `meeting_attendance_group_idx` ON `meeting_attendance` (`group_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_attendance_meeting_person_uq` ON `meeting_attendance` (`meeting_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `meeting_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`agenda_item_id` text,
	`text` text NOT NULL,
	`method` text NOT NULL,
	`result` text NOT NULL,
	`votes_for` integer,
	`votes_against` integer,
	`votes_abstain` integer,
	`charter_version_id` text,
	`decided_on` text NOT NULL,
	`search_text` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `meeting_agenda_items`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "meeting_decisions_votes" CHECK(("meeting_decisions"."votes_for" is null or "meeting_decisions"."votes_for" >= 0) and ("meeting_decisions"."votes_against" is null or "meeting_decisions"."votes_against" >= 0) and ("meeting_decisions"."votes_abstain" is null or "meeting_decisions"."votes_abstain" >= 0))
);
--> statement-breakpoint
CREATE INDEX `meeting_decisions_group_idx` ON `meeting_decisions` (`group_id`,`decided_on`);--> statement-breakpoint
CREATE INDEX `meeting_decisions_meeting_idx` ON `meeting_decisions` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`occurrence_id` text NOT NULL,
	`facilitator_person_id` text,
	`note_taker_person_id` text,
	`time_keeper_person_id` text,
	`run_status` text DEFAULT 'planned' NOT NULL,
	`run_started_at` integer,
	`closed_at` integer,
	`closed_by` text,
	`current_item_id` text,
	`current_started_at` integer,
	`minutes_text` text,
	`minutes_status` text,
	`minutes_approved_at` integer,
	`minutes_approved_in_id` text,
	`minutes_published_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`occurrence_id`) REFERENCES `event_occurrences`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`facilitator_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`note_taker_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`time_keeper_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`minutes_approved_in_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "meetings_minutes" CHECK(("meetings"."minutes_status" is null) = ("meetings"."minutes_text" is null))
);
--> statement-breakpoint
CREATE INDEX `meetings_group_idx` ON `meetings` (`group_id`,`run_status`);--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_occurrence_uq` ON `meetings` (`occurrence_id`);