ALTER TABLE `bookings` ADD `sequence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `event_occurrences` ADD `sequence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- iCal SEQUENCE (RFC 5545 § 3.8.7.4): raised whenever a booking's or an occurrence's times or status change,
-- whatever wrote the change (a move, a series edit, an approval, a cancellation), so a phone's calendar replaces
-- the copy it holds instead of keeping the old time. A trigger, not code in each writer: no path can forget it.
-- Each CREATE TRIGGER is one statement (its body's ';' do not end it): one breakpoint between them.
CREATE TRIGGER `bookings_ical_sequence`
AFTER UPDATE OF `starts_at`, `ends_at`, `status` ON `bookings`
WHEN NEW.`starts_at` IS NOT OLD.`starts_at` OR NEW.`ends_at` IS NOT OLD.`ends_at` OR NEW.`status` IS NOT OLD.`status`
BEGIN
	UPDATE `bookings` SET `sequence` = `sequence` + 1 WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `event_occurrences_ical_sequence`
AFTER UPDATE OF `starts_at`, `ends_at`, `status` ON `event_occurrences`
WHEN NEW.`starts_at` IS NOT OLD.`starts_at` OR NEW.`ends_at` IS NOT OLD.`ends_at` OR NEW.`status` IS NOT OLD.`status`
BEGIN
	UPDATE `event_occurrences` SET `sequence` = `sequence` + 1 WHERE `id` = NEW.`id`;
END;
