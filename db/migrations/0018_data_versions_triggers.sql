-- Bump the change counters of db/schema/versions.ts in the same transaction as every change a page can show.
-- Left out on purpose: support_access_log (written by reads), indicator_cache (derived), sessions and login
-- bookkeeping (never shown). tests/integration/page-cache.test.ts fails when a table with group_id has no trigger.
CREATE TRIGGER approved_carers_insert_version AFTER INSERT ON approved_carers BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER approved_carers_update_version AFTER UPDATE ON approved_carers BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER approved_carers_delete_version AFTER DELETE ON approved_carers BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_insert_version AFTER INSERT ON audit_log BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_update_version AFTER UPDATE ON audit_log BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_delete_version AFTER DELETE ON audit_log BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER bookings_insert_version AFTER INSERT ON bookings BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER bookings_update_version AFTER UPDATE ON bookings BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER bookings_delete_version AFTER DELETE ON bookings BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
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
--> statement-breakpoint
CREATE TRIGGER charter_articles_insert_version AFTER INSERT ON charter_articles BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER charter_articles_update_version AFTER UPDATE ON charter_articles BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER charter_articles_delete_version AFTER DELETE ON charter_articles BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER charter_comments_insert_version AFTER INSERT ON charter_comments BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER charter_comments_update_version AFTER UPDATE ON charter_comments BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER charter_comments_delete_version AFTER DELETE ON charter_comments BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER charter_signatures_insert_version AFTER INSERT ON charter_signatures BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER charter_signatures_update_version AFTER UPDATE ON charter_signatures BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER charter_signatures_delete_version AFTER DELETE ON charter_signatures BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER charter_versions_insert_version AFTER INSERT ON charter_versions BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER charter_versions_update_version AFTER UPDATE ON charter_versions BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER charter_versions_delete_version AFTER DELETE ON charter_versions BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_feeds_insert_version AFTER INSERT ON event_feeds BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_feeds_update_version AFTER UPDATE ON event_feeds BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_feeds_delete_version AFTER DELETE ON event_feeds BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_occurrences_insert_version AFTER INSERT ON event_occurrences BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_occurrences_update_version AFTER UPDATE ON event_occurrences BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_occurrences_delete_version AFTER DELETE ON event_occurrences BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_reminders_insert_version AFTER INSERT ON event_reminders BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_reminders_update_version AFTER UPDATE ON event_reminders BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_reminders_delete_version AFTER DELETE ON event_reminders BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_series_insert_version AFTER INSERT ON event_series BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_series_update_version AFTER UPDATE ON event_series BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_series_delete_version AFTER DELETE ON event_series BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_settings_insert_version AFTER INSERT ON event_settings BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_settings_update_version AFTER UPDATE ON event_settings BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_settings_delete_version AFTER DELETE ON event_settings BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_signups_insert_version AFTER INSERT ON event_signups BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_signups_update_version AFTER UPDATE ON event_signups BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER event_signups_delete_version AFTER DELETE ON event_signups BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER exchange_posts_insert_version AFTER INSERT ON exchange_posts BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER exchange_posts_update_version AFTER UPDATE ON exchange_posts BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER exchange_posts_delete_version AFTER DELETE ON exchange_posts BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER exchange_settings_insert_version AFTER INSERT ON exchange_settings BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER exchange_settings_update_version AFTER UPDATE ON exchange_settings BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER exchange_settings_delete_version AFTER DELETE ON exchange_settings BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER exchanges_insert_version AFTER INSERT ON exchanges BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER exchanges_update_version AFTER UPDATE ON exchanges BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER exchanges_delete_version AFTER DELETE ON exchanges BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER group_funding_insert_version AFTER INSERT ON group_funding BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER group_funding_update_version AFTER UPDATE ON group_funding BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER group_funding_delete_version AFTER DELETE ON group_funding BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER households_insert_version AFTER INSERT ON households BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER households_update_version AFTER UPDATE ON households BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER households_delete_version AFTER DELETE ON households BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER invitations_insert_version AFTER INSERT ON invitations BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER invitations_update_version AFTER UPDATE ON invitations BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER invitations_delete_version AFTER DELETE ON invitations BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meal_assignments_insert_version AFTER INSERT ON meal_assignments BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meal_assignments_update_version AFTER UPDATE ON meal_assignments BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meal_assignments_delete_version AFTER DELETE ON meal_assignments BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meal_costs_insert_version AFTER INSERT ON meal_costs BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meal_costs_update_version AFTER UPDATE ON meal_costs BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meal_costs_delete_version AFTER DELETE ON meal_costs BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meal_ledger_insert_version AFTER INSERT ON meal_ledger BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meal_ledger_update_version AFTER UPDATE ON meal_ledger BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meal_ledger_delete_version AFTER DELETE ON meal_ledger BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meal_roles_insert_version AFTER INSERT ON meal_roles BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meal_roles_update_version AFTER UPDATE ON meal_roles BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meal_roles_delete_version AFTER DELETE ON meal_roles BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meeting_actions_insert_version AFTER INSERT ON meeting_actions BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meeting_actions_update_version AFTER UPDATE ON meeting_actions BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meeting_actions_delete_version AFTER DELETE ON meeting_actions BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meeting_agenda_items_insert_version AFTER INSERT ON meeting_agenda_items BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meeting_agenda_items_update_version AFTER UPDATE ON meeting_agenda_items BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meeting_agenda_items_delete_version AFTER DELETE ON meeting_agenda_items BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meeting_attendance_insert_version AFTER INSERT ON meeting_attendance BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meeting_attendance_update_version AFTER UPDATE ON meeting_attendance BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meeting_attendance_delete_version AFTER DELETE ON meeting_attendance BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meeting_decisions_insert_version AFTER INSERT ON meeting_decisions BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meeting_decisions_update_version AFTER UPDATE ON meeting_decisions BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meeting_decisions_delete_version AFTER DELETE ON meeting_decisions BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meetings_insert_version AFTER INSERT ON meetings BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meetings_update_version AFTER UPDATE ON meetings BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER meetings_delete_version AFTER DELETE ON meetings BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER memberships_insert_version AFTER INSERT ON memberships BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'u:' || NEW.user_id, 1 WHERE 'u:' || NEW.user_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER memberships_update_version AFTER UPDATE ON memberships BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'u:' || NEW.user_id, 1 WHERE 'u:' || NEW.user_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER memberships_delete_version AFTER DELETE ON memberships BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'u:' || OLD.user_id, 1 WHERE 'u:' || OLD.user_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER persons_insert_version AFTER INSERT ON persons BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER persons_update_version AFTER UPDATE ON persons BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER persons_delete_version AFTER DELETE ON persons BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER programme_grants_insert_version AFTER INSERT ON programme_grants BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER programme_grants_update_version AFTER UPDATE ON programme_grants BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER programme_grants_delete_version AFTER DELETE ON programme_grants BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER programme_groups_insert_version AFTER INSERT ON programme_groups BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT '*', 1 WHERE '*' IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER programme_groups_update_version AFTER UPDATE ON programme_groups BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT '*', 1 WHERE '*' IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER programme_groups_delete_version AFTER DELETE ON programme_groups BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT '*', 1 WHERE '*' IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER report_revisions_insert_version AFTER INSERT ON report_revisions BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER report_revisions_update_version AFTER UPDATE ON report_revisions BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER report_revisions_delete_version AFTER DELETE ON report_revisions BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER reports_insert_version AFTER INSERT ON reports BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER reports_update_version AFTER UPDATE ON reports BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER reports_delete_version AFTER DELETE ON reports BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER space_closures_insert_version AFTER INSERT ON space_closures BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER space_closures_update_version AFTER UPDATE ON space_closures BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER space_closures_delete_version AFTER DELETE ON space_closures BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER spaces_insert_version AFTER INSERT ON spaces BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER spaces_update_version AFTER UPDATE ON spaces BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER spaces_delete_version AFTER DELETE ON spaces BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_action_persons_insert_version AFTER INSERT ON support_action_persons BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_action_persons_update_version AFTER UPDATE ON support_action_persons BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_action_persons_delete_version AFTER DELETE ON support_action_persons BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_actions_insert_version AFTER INSERT ON support_actions BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_actions_update_version AFTER UPDATE ON support_actions BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_actions_delete_version AFTER DELETE ON support_actions BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_episodes_insert_version AFTER INSERT ON support_episodes BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_episodes_update_version AFTER UPDATE ON support_episodes BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_episodes_delete_version AFTER DELETE ON support_episodes BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_exit_checks_insert_version AFTER INSERT ON support_exit_checks BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_exit_checks_update_version AFTER UPDATE ON support_exit_checks BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_exit_checks_delete_version AFTER DELETE ON support_exit_checks BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_partners_insert_version AFTER INSERT ON support_partners BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_partners_update_version AFTER UPDATE ON support_partners BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_partners_delete_version AFTER DELETE ON support_partners BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_referrals_insert_version AFTER INSERT ON support_referrals BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_referrals_update_version AFTER UPDATE ON support_referrals BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER support_referrals_delete_version AFTER DELETE ON support_referrals BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER survey_answers_insert_version AFTER INSERT ON survey_answers BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER survey_answers_update_version AFTER UPDATE ON survey_answers BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER survey_answers_delete_version AFTER DELETE ON survey_answers BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER survey_respondents_insert_version AFTER INSERT ON survey_respondents BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER survey_respondents_update_version AFTER UPDATE ON survey_respondents BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER survey_respondents_delete_version AFTER DELETE ON survey_respondents BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER surveys_insert_version AFTER INSERT ON surveys BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER surveys_update_version AFTER UPDATE ON surveys BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER surveys_delete_version AFTER DELETE ON surveys BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER time_movements_insert_version AFTER INSERT ON time_movements BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER time_movements_update_version AFTER UPDATE ON time_movements BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || NEW.group_id, 1 WHERE 'g:' || NEW.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE OLD.group_id IS NOT NEW.group_id ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER time_movements_delete_version AFTER DELETE ON time_movements BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'g:' || OLD.group_id, 1 WHERE 'g:' || OLD.group_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER users_update_version AFTER UPDATE ON users BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'u:' || NEW.id, 1 WHERE 'u:' || NEW.id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER users_delete_version AFTER DELETE ON users BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'u:' || OLD.id, 1 WHERE 'u:' || OLD.id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER organisation_members_insert_version AFTER INSERT ON organisation_members BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'u:' || NEW.user_id, 1 WHERE 'u:' || NEW.user_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT '*', 1 WHERE '*' IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER organisation_members_update_version AFTER UPDATE ON organisation_members BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'u:' || NEW.user_id, 1 WHERE 'u:' || NEW.user_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT '*', 1 WHERE '*' IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER organisation_members_delete_version AFTER DELETE ON organisation_members BEGIN
  INSERT INTO data_versions (scope, version) SELECT 'u:' || OLD.user_id, 1 WHERE 'u:' || OLD.user_id IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) SELECT '*', 1 WHERE '*' IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER groups_insert_version AFTER INSERT ON groups BEGIN
  INSERT INTO data_versions (scope, version) SELECT '*', 1 WHERE '*' IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER groups_update_version AFTER UPDATE ON groups BEGIN
  INSERT INTO data_versions (scope, version) SELECT '*', 1 WHERE '*' IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER groups_delete_version AFTER DELETE ON groups BEGIN
  INSERT INTO data_versions (scope, version) SELECT '*', 1 WHERE '*' IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER organisations_insert_version AFTER INSERT ON organisations BEGIN
  INSERT INTO data_versions (scope, version) SELECT '*', 1 WHERE '*' IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER organisations_update_version AFTER UPDATE ON organisations BEGIN
  INSERT INTO data_versions (scope, version) SELECT '*', 1 WHERE '*' IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER organisations_delete_version AFTER DELETE ON organisations BEGIN
  INSERT INTO data_versions (scope, version) SELECT '*', 1 WHERE '*' IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER programmes_insert_version AFTER INSERT ON programmes BEGIN
  INSERT INTO data_versions (scope, version) SELECT '*', 1 WHERE '*' IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER programmes_update_version AFTER UPDATE ON programmes BEGIN
  INSERT INTO data_versions (scope, version) SELECT '*', 1 WHERE '*' IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER programmes_delete_version AFTER DELETE ON programmes BEGIN
  INSERT INTO data_versions (scope, version) SELECT '*', 1 WHERE '*' IS NOT NULL ON CONFLICT(scope) DO UPDATE SET version = version + 1;
END;
