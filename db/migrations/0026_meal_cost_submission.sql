ALTER TABLE `meal_costs` ADD `submission_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `meal_costs_submission_idx` ON `meal_costs` (`group_id`,`submission_id`);