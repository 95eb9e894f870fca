-- One table of calendar feeds (issue 15): the events' feeds (event_feeds) join the bookings' (calendar_feeds), told
-- apart by the new `kind` column. Every row keeps its id, token hash, scope, space, household, maker and dates, so a
-- URL given out before still opens the same feed. The table is rebuilt (SQLite cannot add a NOT NULL column without
-- a default), then its indexes and its change-counter triggers (as in 0018_data_versions_triggers.sql) are made
-- again; event_feeds' triggers go with it.
CREATE TABLE `__new_calendar_feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`kind` text NOT NULL,
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
INSERT INTO `__new_calendar_feeds` (`id`, `group_id`, `token_hash`, `kind`, `scope`, `space_id`, `household_id`, `created_by`, `revoked_at`, `created_at`)
  SELECT `id`, `group_id`, `token_hash`, 'bookings', `scope`, `space_id`, `household_id`, `created_by`, `revoked_at`, `created_at` FROM `calendar_feeds`;
--> statement-breakpoint
INSERT INTO `__new_calendar_feeds` (`id`, `group_id`, `token_hash`, `kind`, `scope`, `space_id`, `household_id`, `created_by`, `revoked_at`, `created_at`)
  SELECT `id`, `group_id`, `token_hash`, 'events', `scope`, NULL, `household_id`, `created_by`, `revoked_at`, `created_at` FROM `event_feeds`;
--> statement-breakpoint
DROP TABLE `calendar_feeds`;
--> statement-breakpoint
DROP TABLE `event_feeds`;
--> statement-breakpoint
ALTER TABLE `__new_calendar_feeds` RENAME TO `calendar_feeds`;
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token_hash_unique` ON `calendar_feeds` (`token_hash`);
--> statement-breakpoint
CREATE INDEX `calendar_feeds_group_idx` ON `calendar_feeds` (`group_id`);
--> statement-breakpoint
CREATE INDEX `calendar_feeds_created_by_idx` ON `calendar_feeds` (`created_by`);
--> statement-breakpoint
CREATE TRIGGER calendar_feeds_insert_version AFTER INSERT ON calendar_feeds BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER calendar_feeds_update_version AFTER UPDATE ON calendar_feeds BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER calendar_feeds_delete_version AFTER DELETE ON calendar_feeds BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
