-- A closed meal keeps its figures frozen (decision 007), but its free texts — a household's allergies, a cost's
-- note — are not figures: deleting an account must be able to take a name out of them (decision 009), and a
-- guard on every column made that deletion fail with 'meal_closed'. The two guards now name the columns they
-- freeze, as event_occurrences_closed_update already does; every other column stays frozen as before.
DROP TRIGGER `event_signups_closed_update`;
--> statement-breakpoint
CREATE TRIGGER `event_signups_closed_update`
BEFORE UPDATE OF `id`, `group_id`, `occurrence_id`, `household_id`, `adults`, `children`, `infants`, `guests`, `diets`, `status`, `position`, `created_by`, `on_behalf`, `promoted_at`, `cancelled_at`, `created_at`, `updated_at` ON `event_signups`
WHEN (SELECT `closed_at` FROM `event_occurrences` WHERE `id` = OLD.`occurrence_id`) IS NOT NULL
	OR (SELECT `closed_at` FROM `event_occurrences` WHERE `id` = NEW.`occurrence_id`) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'meal_closed');
END;
--> statement-breakpoint
DROP TRIGGER `meal_costs_closed_update`;
--> statement-breakpoint
CREATE TRIGGER `meal_costs_closed_update`
BEFORE UPDATE OF `id`, `group_id`, `occurrence_id`, `amount_cents`, `paid_by_household_id`, `created_by`, `created_at` ON `meal_costs`
WHEN (SELECT `closed_at` FROM `event_occurrences` WHERE `id` = OLD.`occurrence_id`) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'meal_closed');
END;
