-- SQLite cannot add a column with ON DELETE SET NULL through ALTER TABLE the way drizzle-kit wrote it
-- (0012 left charter_comments.person_id as a plain reference): clear the reference before a person is
-- removed, so removing a person keeps their words and never fails on the foreign key.
CREATE TRIGGER `charter_comments_person_set_null` BEFORE DELETE ON `persons`
BEGIN
  UPDATE `charter_comments` SET `person_id` = NULL WHERE `person_id` = OLD.`id`;
END;
