-- A meeting hangs off an occurrence of its own group, of kind "meeting"; its agenda, attendance,
-- decisions and action items belong to the meeting's group. The module checks all this; these triggers
-- hold it whatever writes.
CREATE TRIGGER meetings_same_group_insert BEFORE INSERT ON meetings
WHEN NOT EXISTS (
  SELECT 1 FROM event_occurrences o JOIN event_series s ON s.id = o.series_id
  WHERE o.id = NEW.occurrence_id AND o.group_id = NEW.group_id AND s.kind = 'meeting'
)
BEGIN SELECT RAISE(ABORT, 'meeting_occurrence'); END;
--> statement-breakpoint
CREATE TRIGGER meetings_same_group_update BEFORE UPDATE OF occurrence_id, group_id ON meetings
WHEN NOT EXISTS (
  SELECT 1 FROM event_occurrences o JOIN event_series s ON s.id = o.series_id
  WHERE o.id = NEW.occurrence_id AND o.group_id = NEW.group_id AND s.kind = 'meeting'
)
BEGIN SELECT RAISE(ABORT, 'meeting_occurrence'); END;
--> statement-breakpoint
CREATE TRIGGER meeting_agenda_items_group BEFORE INSERT ON meeting_agenda_items
WHEN (SELECT group_id FROM meetings WHERE id = NEW.meeting_id) IS NOT NEW.group_id
BEGIN SELECT RAISE(ABORT, 'meeting_group'); END;
--> statement-breakpoint
CREATE TRIGGER meeting_attendance_group BEFORE INSERT ON meeting_attendance
WHEN (SELECT group_id FROM meetings WHERE id = NEW.meeting_id) IS NOT NEW.group_id
  OR (SELECT group_id FROM persons WHERE id = NEW.person_id) IS NOT NEW.group_id
BEGIN SELECT RAISE(ABORT, 'meeting_group'); END;
--> statement-breakpoint
CREATE TRIGGER meeting_decisions_group BEFORE INSERT ON meeting_decisions
WHEN (SELECT group_id FROM meetings WHERE id = NEW.meeting_id) IS NOT NEW.group_id
BEGIN SELECT RAISE(ABORT, 'meeting_group'); END;
--> statement-breakpoint
CREATE TRIGGER meeting_actions_group BEFORE INSERT ON meeting_actions
WHEN (SELECT group_id FROM meetings WHERE id = NEW.meeting_id) IS NOT NEW.group_id
  OR (SELECT group_id FROM persons WHERE id = NEW.person_id) IS NOT NEW.group_id
BEGIN SELECT RAISE(ABORT, 'meeting_group'); END;
