-- Two active (requested or confirmed) bookings of one space never overlap, buffer included:
-- the last guard behind the bookings module's transaction, so that no code path (a script, a
-- future module, a hand-written UPDATE) can create an overlap.
--
-- The rule is "another active booking b of the space with b.block_start < NEW.block_end and
-- NEW.block_start < b.block_end". It is written as two index range lookups on
-- bookings_space_block_idx (space_id, block_start) instead of one scan of every earlier booking:
--   (1) an active booking starting inside [NEW.block_start, NEW.block_end), or
--   (2) the last active booking starting before NEW.block_start, if it ends after NEW.block_start.
-- Because the active bookings already stored never overlap each other (this trigger is what keeps
-- them so), only that last one can reach into the new slot from before, and (1) or (2) holds exactly
-- when the rule above does. With 100,000 bookings in a space this keeps the check under a millisecond.
-- Each CREATE TRIGGER is one statement (its body's ';' do not end it): one breakpoint between them.
CREATE TRIGGER `bookings_no_overlap_insert`
BEFORE INSERT ON `bookings`
WHEN NEW.`status` IN ('requested', 'confirmed')
BEGIN
	SELECT RAISE(ABORT, 'booking_overlap')
	WHERE EXISTS (
		SELECT 1 FROM `bookings` AS b
		WHERE b.`space_id` = NEW.`space_id`
			AND b.`block_start` >= NEW.`block_start` AND b.`block_start` < NEW.`block_end`
			AND b.`status` IN ('requested', 'confirmed')
			AND b.`id` <> NEW.`id`
	) OR EXISTS (
		SELECT 1 FROM (
			SELECT b.`block_end` AS `block_end` FROM `bookings` AS b
			WHERE b.`space_id` = NEW.`space_id`
				AND b.`block_start` < NEW.`block_start`
				AND b.`status` IN ('requested', 'confirmed')
				AND b.`id` <> NEW.`id`
			ORDER BY b.`block_start` DESC
			LIMIT 1
		) AS prev
		WHERE prev.`block_end` > NEW.`block_start`
	);
END;
--> statement-breakpoint
CREATE TRIGGER `bookings_no_overlap_update`
BEFORE UPDATE OF `status`, `block_start`, `block_end`, `space_id` ON `bookings`
WHEN NEW.`status` IN ('requested', 'confirmed')
BEGIN
	SELECT RAISE(ABORT, 'booking_overlap')
	WHERE EXISTS (
		SELECT 1 FROM `bookings` AS b
		WHERE b.`space_id` = NEW.`space_id`
			AND b.`block_start` >= NEW.`block_start` AND b.`block_start` < NEW.`block_end`
			AND b.`status` IN ('requested', 'confirmed')
			AND b.`id` <> OLD.`id`
	) OR EXISTS (
		SELECT 1 FROM (
			SELECT b.`block_end` AS `block_end` FROM `bookings` AS b
			WHERE b.`space_id` = NEW.`space_id`
				AND b.`block_start` < NEW.`block_start`
				AND b.`status` IN ('requested', 'confirmed')
				AND b.`id` <> OLD.`id`
			ORDER BY b.`block_start` DESC
			LIMIT 1
		) AS prev
		WHERE prev.`block_end` > NEW.`block_start`
	);
END;
