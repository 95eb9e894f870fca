-- The last guards behind the events module's transactions, so that no code path (a script, a future
-- module, a hand-written UPDATE) can break the rules the module checks first:
--   * a confirmed sign-up never takes an occurrence beyond its capacity ('event_full');
--   * a closed meal does not change: its sign-ups, roles, assignments, costs and times ('meal_closed');
--   * the meal ledger is written only for a closed meal, and never updated;
--   * a role holds no more people than its slots ('role_full').
-- Deletes are left to the module (a trigger on delete would also stop a group's cascade delete).
-- Places of a sign-up: adults + children + infants + guests (every person takes a place).
-- Each CREATE TRIGGER is one statement (its body's ';' do not end it): one breakpoint between them.
CREATE TRIGGER `event_signups_capacity_insert`
BEFORE INSERT ON `event_signups`
WHEN NEW.`status` = 'confirmed'
BEGIN
	SELECT RAISE(ABORT, 'event_full')
	FROM `event_occurrences` AS o
	WHERE o.`id` = NEW.`occurrence_id`
		AND o.`capacity` IS NOT NULL
		AND (
			SELECT coalesce(sum(s.`adults` + s.`children` + s.`infants` + s.`guests`), 0)
			FROM `event_signups` AS s
			WHERE s.`occurrence_id` = NEW.`occurrence_id` AND s.`status` = 'confirmed' AND s.`id` <> NEW.`id`
		) + NEW.`adults` + NEW.`children` + NEW.`infants` + NEW.`guests` > o.`capacity`;
END;
--> statement-breakpoint
-- On update, only a change that takes more places is refused (a household may always come with fewer
-- people, even when a facilitator lowered the capacity below what was already taken).
CREATE TRIGGER `event_signups_capacity_update`
BEFORE UPDATE OF `status`, `adults`, `children`, `infants`, `guests`, `occurrence_id` ON `event_signups`
WHEN NEW.`status` = 'confirmed' AND (
	OLD.`status` <> 'confirmed'
	OR NEW.`occurrence_id` <> OLD.`occurrence_id`
	OR NEW.`adults` + NEW.`children` + NEW.`infants` + NEW.`guests` > OLD.`adults` + OLD.`children` + OLD.`infants` + OLD.`guests`
)
BEGIN
	SELECT RAISE(ABORT, 'event_full')
	FROM `event_occurrences` AS o
	WHERE o.`id` = NEW.`occurrence_id`
		AND o.`capacity` IS NOT NULL
		AND (
			SELECT coalesce(sum(s.`adults` + s.`children` + s.`infants` + s.`guests`), 0)
			FROM `event_signups` AS s
			WHERE s.`occurrence_id` = NEW.`occurrence_id` AND s.`status` = 'confirmed' AND s.`id` <> OLD.`id`
		) + NEW.`adults` + NEW.`children` + NEW.`infants` + NEW.`guests` > o.`capacity`;
END;
--> statement-breakpoint
CREATE TRIGGER `event_signups_closed_insert`
BEFORE INSERT ON `event_signups`
WHEN (SELECT `closed_at` FROM `event_occurrences` WHERE `id` = NEW.`occurrence_id`) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'meal_closed');
END;
--> statement-breakpoint
CREATE TRIGGER `event_signups_closed_update`
BEFORE UPDATE ON `event_signups`
WHEN (SELECT `closed_at` FROM `event_occurrences` WHERE `id` = OLD.`occurrence_id`) IS NOT NULL
	OR (SELECT `closed_at` FROM `event_occurrences` WHERE `id` = NEW.`occurrence_id`) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'meal_closed');
END;
--> statement-breakpoint
CREATE TRIGGER `meal_roles_closed_insert`
BEFORE INSERT ON `meal_roles`
WHEN (SELECT `closed_at` FROM `event_occurrences` WHERE `id` = NEW.`occurrence_id`) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'meal_closed');
END;
--> statement-breakpoint
CREATE TRIGGER `meal_roles_closed_update`
BEFORE UPDATE ON `meal_roles`
WHEN (SELECT `closed_at` FROM `event_occurrences` WHERE `id` = OLD.`occurrence_id`) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'meal_closed');
END;
--> statement-breakpoint
CREATE TRIGGER `meal_assignments_closed_insert`
BEFORE INSERT ON `meal_assignments`
WHEN (SELECT `closed_at` FROM `event_occurrences` WHERE `id` = NEW.`occurrence_id`) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'meal_closed');
END;
--> statement-breakpoint
CREATE TRIGGER `meal_assignments_closed_update`
BEFORE UPDATE ON `meal_assignments`
WHEN (SELECT `closed_at` FROM `event_occurrences` WHERE `id` = OLD.`occurrence_id`) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'meal_closed');
END;
--> statement-breakpoint
CREATE TRIGGER `meal_assignments_slots`
BEFORE INSERT ON `meal_assignments`
WHEN (SELECT count(*) FROM `meal_assignments` WHERE `role_id` = NEW.`role_id`) >= (SELECT `slots` FROM `meal_roles` WHERE `id` = NEW.`role_id`)
BEGIN
	SELECT RAISE(ABORT, 'role_full');
END;
--> statement-breakpoint
CREATE TRIGGER `meal_costs_closed_insert`
BEFORE INSERT ON `meal_costs`
WHEN (SELECT `closed_at` FROM `event_occurrences` WHERE `id` = NEW.`occurrence_id`) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'meal_closed');
END;
--> statement-breakpoint
CREATE TRIGGER `meal_costs_closed_update`
BEFORE UPDATE ON `meal_costs`
WHEN (SELECT `closed_at` FROM `event_occurrences` WHERE `id` = OLD.`occurrence_id`) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'meal_closed');
END;
--> statement-breakpoint
-- A closed occurrence keeps its times, status, capacity, series and frozen figures. (Its place may still
-- be set to null by the foreign key when a space is deleted, and its booking id likewise.)
CREATE TRIGGER `event_occurrences_closed_update`
BEFORE UPDATE OF `series_id`, `original_starts_at`, `starts_at`, `ends_at`, `status`, `capacity`, `closed_at`, `frozen_cost_cents`, `frozen_half_portions`, `frozen_persons` ON `event_occurrences`
WHEN OLD.`closed_at` IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'meal_closed');
END;
--> statement-breakpoint
CREATE TRIGGER `meal_ledger_closed_only`
BEFORE INSERT ON `meal_ledger`
WHEN (SELECT `closed_at` FROM `event_occurrences` WHERE `id` = NEW.`occurrence_id`) IS NULL
BEGIN
	SELECT RAISE(ABORT, 'meal_not_closed');
END;
--> statement-breakpoint
CREATE TRIGGER `meal_ledger_immutable`
BEFORE UPDATE ON `meal_ledger`
BEGIN
	SELECT RAISE(ABORT, 'ledger_immutable');
END;
