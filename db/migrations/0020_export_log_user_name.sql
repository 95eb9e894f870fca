ALTER TABLE `export_log` ADD `user_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Rows logged before this column: the exporter's name as it is now is the best record left.
UPDATE `export_log` SET `user_name` = coalesce((SELECT `name` FROM `users` WHERE `users`.`id` = `export_log`.`user_id`), '');
