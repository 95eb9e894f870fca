CREATE TABLE `indicator_cache` (
	`group_id` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`today` text NOT NULL,
	`data` text NOT NULL,
	`computed_at` integer NOT NULL,
	PRIMARY KEY(`group_id`, `period_from`, `period_to`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
