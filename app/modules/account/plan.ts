// What a person's data export holds, table by table, and which tables are deliberately left out (decision 009).
// Pure data, so a test can walk db/schema and fail when a table naming a user, person or household is in neither list.

/** SQL sets of the person's own ids; every `where` below is written with them and the `@user` parameter. */
const MY_PERSONS = "(select id from persons where user_id = @user)";
const MY_HOUSEHOLDS =
  "(select household_id from persons where user_id = @user union select household_id from memberships where user_id = @user and household_id is not null)";
const MY_MEMBERSHIPS = "(select id from memberships where user_id = @user)";

export type ExportSpec = {
  table: string;
  /** The key in the JSON file. */
  section: string;
  /** A full select when the table's rows need a join or a narrower view; otherwise `select * from table where …`. */
  sql?: string;
  where?: string;
  /** Columns never written out (secrets, other people's words, staff notes). */
  omit?: string[];
};

export const EXPORT_PLAN: ExportSpec[] = [
  { table: "users", section: "account", where: "id = @user", omit: ["password_hash"] },
  { table: "sessions", section: "sessions", sql: "select user_id, created_at, expires_at from sessions where user_id = @user" },
  { table: "password_resets", section: "password_resets", sql: "select created_at, expires_at, used_at from password_resets where user_id = @user" },
  { table: "organisation_members", section: "organisation_roles", where: "user_id = @user" },
  {
    table: "memberships",
    section: "memberships",
    sql: "select m.id, m.group_id, g.name as group_name, m.role, m.household_id, m.person_id, m.support_lead, m.created_at from memberships m join groups g on g.id = m.group_id where m.user_id = @user",
  },
  {
    table: "invitations",
    section: "invitations",
    where: `email = (select email from users where id = @user) or person_id in ${MY_PERSONS}`,
    omit: ["token_hash"],
  },
  { table: "persons", section: "persons", where: "user_id = @user" },
  { table: "households", section: "households", where: `id in ${MY_HOUSEHOLDS}` },
  { table: "bookings", section: "bookings", where: `household_id in ${MY_HOUSEHOLDS} or created_by = @user` },
  // One table of both kinds of feed (migration 0025), exported as the two sections it always was.
  {
    table: "calendar_feeds",
    section: "calendar_feeds",
    sql: "select id, group_id, scope, space_id, household_id, created_by, revoked_at, created_at from calendar_feeds where created_by = @user and kind = 'bookings'",
  },
  {
    table: "calendar_feeds",
    section: "event_feeds",
    sql: "select id, group_id, scope, household_id, created_by, revoked_at, created_at from calendar_feeds where created_by = @user and kind = 'events'",
  },
  { table: "event_series", section: "events_hosted", where: `host_person_id in ${MY_PERSONS}` },
  { table: "event_signups", section: "event_signups", where: `household_id in ${MY_HOUSEHOLDS} or created_by = @user` },
  { table: "event_reminders", section: "event_reminders", where: `household_id in ${MY_HOUSEHOLDS}` },
  { table: "meal_assignments", section: "meal_roles", where: `person_id in ${MY_PERSONS} or household_id in ${MY_HOUSEHOLDS}` },
  { table: "meal_costs", section: "meal_costs_paid", where: `paid_by_household_id in ${MY_HOUSEHOLDS}` },
  { table: "meal_ledger", section: "meal_ledger", where: `household_id in ${MY_HOUSEHOLDS}` },
  { table: "exchange_posts", section: "exchange_posts", where: `person_id in ${MY_PERSONS} or created_by = @user or household_id in ${MY_HOUSEHOLDS}` },
  {
    table: "exchanges",
    section: "exchanges",
    where: `giver_person_id in ${MY_PERSONS} or receiver_person_id in ${MY_PERSONS} or giver_household_id in ${MY_HOUSEHOLDS} or receiver_household_id in ${MY_HOUSEHOLDS}`,
  },
  { table: "time_movements", section: "time_bank", where: `household_id in ${MY_HOUSEHOLDS}` },
  { table: "approved_carers", section: "approved_carer", where: `person_id in ${MY_PERSONS}` },
  { table: "charter_signatures", section: "charter_signatures", where: `person_id in ${MY_PERSONS} or user_id = @user` },
  { table: "charter_comments", section: "charter_comments", where: `person_id in ${MY_PERSONS} or user_id = @user` },
  {
    table: "meetings",
    section: "meeting_roles",
    sql: `select id, group_id, occurrence_id,
            coalesce(facilitator_person_id in ${MY_PERSONS}, 0) as facilitator,
            coalesce(note_taker_person_id in ${MY_PERSONS}, 0) as note_taker,
            coalesce(time_keeper_person_id in ${MY_PERSONS}, 0) as time_keeper
          from meetings
          where facilitator_person_id in ${MY_PERSONS} or note_taker_person_id in ${MY_PERSONS} or time_keeper_person_id in ${MY_PERSONS}`,
  },
  { table: "meeting_attendance", section: "meeting_attendance", where: `person_id in ${MY_PERSONS} or proxy_person_id in ${MY_PERSONS}` },
  { table: "meeting_agenda_items", section: "meeting_agenda_items", where: `presenter_person_id in ${MY_PERSONS} or proposed_by = @user` },
  {
    table: "meeting_decisions",
    section: "meeting_decisions_presented",
    where: `agenda_item_id in (select id from meeting_agenda_items where presenter_person_id in ${MY_PERSONS})`,
  },
  { table: "meeting_actions", section: "meeting_actions", where: `person_id in ${MY_PERSONS} or done_by = @user` },
  // What the household's own support page shows (decision 008): date, kind, topics. Never the staff's note.
  {
    table: "support_actions",
    section: "support_actions",
    sql: `select id, group_id, household_id, date, kind, topics from support_actions where household_id in ${MY_HOUSEHOLDS} order by date`,
  },
  // That a survey was answered, never the answer: answers carry nothing that leads back to anyone.
  {
    table: "survey_respondents",
    section: "surveys_answered",
    sql: `select s.id as survey_id, s.group_id, s.title, s.opens_on, s.closes_on from survey_respondents r join surveys s on s.id = r.survey_id where r.membership_id in ${MY_MEMBERSHIPS}`,
  },
  // The audit details may quote other people (a facilitator's edit of a household); the entries themselves are theirs.
  { table: "audit_log", section: "audit_entries", sql: "select id, group_id, action, entity, entity_id, at from audit_log where user_id = @user order by at" },
  { table: "export_log", section: "evaluation_exports", where: "user_id = @user" },
];

/** Tables that name a user, a person or a household but are not exported, each with its reason (decision 009). */
export const NOT_EXPORTED: Record<string, string> = {
  support_episodes: "Staff follow-up record; the household's view shows only the actions' date, kind and topics (decision 008).",
  support_referrals: "Staff follow-up record with partners; not shown to the household (decision 008). Asked of the association.",
  support_exit_checks: "Staff follow-up record after departure; not shown to the household (decision 008).",
  support_action_persons: "Which persons a staff action concerned: staff record; the actions themselves are exported as the household sees them.",
  support_access_log: "The staff's reads of support files: kept for the association's accountability, not the person's data.",
  survey_answers: "Anonymous by construction: no answer can be linked to anyone, so none can be exported.",
};

/** Columns that tie a row to a user, a person or a household: a table with one must be in one of the two lists. */
export function isPersonalColumn(name: string): boolean {
  return /(^|_)(user_id|person_id|household_id)$/.test(name);
}

export const ANONYMOUS_NAME = "Ancien·ne membre";
export const ANONYMOUS_HOUSEHOLD = "Foyer anonymisé";
export const REMOVED_TEXT = "[…]";

export function deletedEmail(userId: string) {
  return `deleted-${userId}@invalid`;
}

/** The words a person types to confirm, in either language, whatever the case. */
const CONFIRM_WORDS = ["SUPPRIMER", "DELETE"] as const;
export function isConfirmation(typed: string): boolean {
  return (CONFIRM_WORDS as readonly string[]).includes(typed.trim().toUpperCase());
}
