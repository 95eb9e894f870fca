// Meetings: a meeting is an event occurrence of kind "meeting" in the group calendar (events module);
// its row here hangs off that occurrence, one to one, with the agenda, attendance, decisions, action
// items and the minutes (draft → approved at a later meeting → published).
import { relations, sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  AGENDA_ITEM_STATUSES,
  ATTENDANCE_STATUSES,
  DECISION_METHODS,
  DECISION_RESULTS,
  MINUTES_STATUSES,
  RUN_STATUSES,
} from "../../app/modules/meetings/rules";
import { createdAt, id, updatedAt } from "./_shared";
import { users } from "./accounts";
import { eventOccurrences } from "./events";
import { groups } from "./groups";
import { persons } from "./households";

export const meetings = sqliteTable(
  "meetings",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    occurrenceId: text("occurrence_id")
      .notNull()
      .references(() => eventOccurrences.id, { onDelete: "cascade" }),
    facilitatorPersonId: text("facilitator_person_id").references(() => persons.id, { onDelete: "set null" }),
    noteTakerPersonId: text("note_taker_person_id").references(() => persons.id, { onDelete: "set null" }),
    timeKeeperPersonId: text("time_keeper_person_id").references(() => persons.id, { onDelete: "set null" }),
    runStatus: text("run_status", { enum: RUN_STATUSES }).notNull().default("planned"),
    runStartedAt: integer("run_started_at", { mode: "timestamp_ms" }),
    /** Closing the run makes the meeting "held" (figures) and drafts the minutes. */
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    closedBy: text("closed_by").references(() => users.id, { onDelete: "set null" }),
    /** The agenda item under discussion, and when it started (the server's clock: the timer reads it). */
    currentItemId: text("current_item_id"),
    currentStartedAt: integer("current_started_at", { mode: "timestamp_ms" }),
    /** Markdown, rendered sanitised. Null until the run is closed. */
    minutesText: text("minutes_text"),
    minutesStatus: text("minutes_status", { enum: MINUTES_STATUSES }),
    minutesApprovedAt: integer("minutes_approved_at", { mode: "timestamp_ms" }),
    /** The later meeting at which these minutes were approved. */
    minutesApprovedInId: text("minutes_approved_in_id").references((): AnySQLiteColumn => meetings.id, { onDelete: "set null" }),
    minutesPublishedAt: integer("minutes_published_at", { mode: "timestamp_ms" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("meetings_group_idx").on(t.groupId, t.runStatus),
    uniqueIndex("meetings_occurrence_uq").on(t.occurrenceId),
    check("meetings_minutes", sql`(${t.minutesStatus} is null) = (${t.minutesText} is null)`),
  ],
);

export const meetingAgendaItems = sqliteTable(
  "meeting_agenda_items",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** A person of the group, or someone named in free text. */
    presenterPersonId: text("presenter_person_id").references(() => persons.id, { onDelete: "set null" }),
    presenterText: text("presenter_text").notNull().default(""),
    plannedMinutes: integer("planned_minutes"),
    status: text("status", { enum: AGENDA_ITEM_STATUSES }).notNull().default("proposed"),
    /** Order of the accepted items (1, 2, …); null while proposed or declined. */
    position: integer("position"),
    proposedBy: text("proposed_by").references(() => users.id, { onDelete: "set null" }),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    actualMinutes: integer("actual_minutes"),
    notes: text("notes").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("meeting_agenda_items_group_idx").on(t.groupId),
    index("meeting_agenda_items_meeting_idx").on(t.meetingId, t.status, t.position),
    check(
      "meeting_agenda_items_values",
      sql`(${t.plannedMinutes} is null or ${t.plannedMinutes} > 0) and (${t.actualMinutes} is null or ${t.actualMinutes} >= 0)`,
    ),
  ],
);

export const meetingAttendance = sqliteTable(
  "meeting_attendance",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    status: text("status", { enum: ATTENDANCE_STATUSES }).notNull(),
    /** Not present, this person gives their voice to someone present. */
    proxyPersonId: text("proxy_person_id").references(() => persons.id, { onDelete: "set null" }),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("meeting_attendance_group_idx").on(t.groupId),
    uniqueIndex("meeting_attendance_meeting_person_uq").on(t.meetingId, t.personId),
    check("meeting_attendance_proxy", sql`${t.proxyPersonId} is null or (${t.status} <> 'present' and ${t.proxyPersonId} <> ${t.personId})`),
  ],
);

export const meetingDecisions = sqliteTable(
  "meeting_decisions",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    agendaItemId: text("agenda_item_id").references(() => meetingAgendaItems.id, { onDelete: "set null" }),
    text: text("text").notNull(),
    method: text("method", { enum: DECISION_METHODS }).notNull(),
    result: text("result", { enum: DECISION_RESULTS }).notNull(),
    votesFor: integer("votes_for"),
    votesAgainst: integer("votes_against"),
    votesAbstain: integer("votes_abstain"),
    /** A proposed charter version this decision is about (charter module); adopted with it. No FK: the charter has its own lifecycle. */
    charterVersionId: text("charter_version_id"),
    /** The meeting's date 'YYYY-MM-DD' in the group's zone (the register sorts and filters on it). */
    decidedOn: text("decided_on").notNull(),
    /** Lower case, no accents: what the register searches (rules.searchable). */
    searchText: text("search_text").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("meeting_decisions_group_idx").on(t.groupId, t.decidedOn),
    index("meeting_decisions_meeting_idx").on(t.meetingId),
    check(
      "meeting_decisions_votes",
      sql`(${t.votesFor} is null or ${t.votesFor} >= 0) and (${t.votesAgainst} is null or ${t.votesAgainst} >= 0) and (${t.votesAbstain} is null or ${t.votesAbstain} >= 0)`,
    ),
  ],
);

export const meetingActions = sqliteTable(
  "meeting_actions",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    agendaItemId: text("agenda_item_id").references(() => meetingAgendaItems.id, { onDelete: "set null" }),
    what: text("what").notNull(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    /** 'YYYY-MM-DD'. */
    dueDate: text("due_date"),
    createdOn: text("created_on").notNull(),
    doneOn: text("done_on"),
    doneBy: text("done_by").references(() => users.id, { onDelete: "set null" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("meeting_actions_group_due_idx").on(t.groupId, t.dueDate),
    index("meeting_actions_person_open_idx").on(t.personId, t.doneOn),
    index("meeting_actions_meeting_idx").on(t.meetingId),
  ],
);

export const meetingsRelations = relations(meetings, ({ one, many }) => ({
  group: one(groups, { fields: [meetings.groupId], references: [groups.id] }),
  occurrence: one(eventOccurrences, { fields: [meetings.occurrenceId], references: [eventOccurrences.id] }),
  items: many(meetingAgendaItems),
  attendance: many(meetingAttendance),
  decisions: many(meetingDecisions),
  actions: many(meetingActions),
}));
export const meetingAgendaItemsRelations = relations(meetingAgendaItems, ({ one }) => ({
  meeting: one(meetings, { fields: [meetingAgendaItems.meetingId], references: [meetings.id] }),
}));
export const meetingAttendanceRelations = relations(meetingAttendance, ({ one }) => ({
  meeting: one(meetings, { fields: [meetingAttendance.meetingId], references: [meetings.id] }),
  person: one(persons, { fields: [meetingAttendance.personId], references: [persons.id] }),
}));
export const meetingDecisionsRelations = relations(meetingDecisions, ({ one }) => ({
  meeting: one(meetings, { fields: [meetingDecisions.meetingId], references: [meetings.id] }),
}));
export const meetingActionsRelations = relations(meetingActions, ({ one }) => ({
  meeting: one(meetings, { fields: [meetingActions.meetingId], references: [meetings.id] }),
  person: one(persons, { fields: [meetingActions.personId], references: [persons.id] }),
}));
