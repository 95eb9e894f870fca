// Support follow-up (issue 7): episodes of support per household, the actions recorded in them, the
// partner network and referrals, follow-up checks after a departure, and the log of every read. Only the
// group's support workers read these tables (app/modules/support); funders only ever get counts.
import { relations, sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  ACCESS_WHAT,
  ACTION_KINDS,
  AID_SOURCES,
  ENTRY_SITUATIONS,
  EPISODE_OUTCOMES,
  HOUSED_ANSWERS,
  PARTNER_FIELDS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  type Right,
  type Topic,
} from "../../app/modules/support/enums";
import { createdAt, id, updatedAt } from "./_shared";
import { users } from "./accounts";
import { groups } from "./groups";
import { households, persons } from "./households";

export const supportEpisodes = sqliteTable(
  "support_episodes",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    householdId: text("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    /** 'YYYY-MM-DD' calendar dates in the group's time zone. */
    startDate: text("start_date").notNull(),
    endDate: text("end_date"),
    goals: text("goals", { mode: "json" }).$type<Topic[]>().notNull().default([]),
    entrySituation: text("entry_situation", { enum: ENTRY_SITUATIONS }).notNull(),
    outcome: text("outcome", { enum: EPISODE_OUTCOMES }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("support_episodes_group_idx").on(t.groupId, t.startDate),
    index("support_episodes_household_idx").on(t.householdId),
    // At most one open episode per household, even under concurrent requests.
    uniqueIndex("support_episodes_one_open_uq")
      .on(t.householdId)
      .where(sql`end_date is null`),
    check("support_episodes_end_after_start", sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
    check("support_episodes_closed_has_outcome", sql`(${t.endDate} is null) = (${t.outcome} is null)`),
  ],
);

export const supportActions = sqliteTable(
  "support_actions",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    householdId: text("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    /** The episode open on the action's date, when there is one. */
    episodeId: text("episode_id").references(() => supportEpisodes.id, { onDelete: "set null" }),
    date: text("date").notNull(),
    kind: text("kind", { enum: ACTION_KINDS }).notNull(),
    topics: text("topics", { mode: "json" }).$type<Topic[]>().notNull().default([]),
    durationMinutes: integer("duration_minutes").notNull(),
    /** Staff only: never shown to the household, never exported. */
    note: text("note").notNull().default(""),
    aidCents: integer("aid_cents"),
    aidSource: text("aid_source", { enum: AID_SOURCES }),
    rightsOpened: text("rights_opened", { mode: "json" }).$type<Right[]>().notNull().default([]),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("support_actions_group_date_idx").on(t.groupId, t.date),
    index("support_actions_household_idx").on(t.householdId, t.date),
    check("support_actions_duration", sql`${t.durationMinutes} > 0 and ${t.durationMinutes} <= 1440`),
    check("support_actions_aid", sql`(${t.aidCents} is null) = (${t.aidSource} is null) and (${t.aidCents} is null or ${t.aidCents} > 0)`),
  ],
);

/** The persons of the household an action concerned. */
export const supportActionPersons = sqliteTable(
  "support_action_persons",
  {
    actionId: text("action_id")
      .notNull()
      .references(() => supportActions.id, { onDelete: "cascade" }),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.actionId, t.personId] }),
    index("support_action_persons_group_idx").on(t.groupId),
    index("support_action_persons_person_idx").on(t.personId),
  ],
);

export const supportPartners = sqliteTable(
  "support_partners",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    field: text("field", { enum: PARTNER_FIELDS }).notNull(),
    contact: text("contact").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("support_partners_group_idx").on(t.groupId)],
);

export const supportReferrals = sqliteTable(
  "support_referrals",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    householdId: text("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    partnerId: text("partner_id")
      .notNull()
      .references(() => supportPartners.id, { onDelete: "restrict" }),
    date: text("date").notNull(),
    status: text("status", { enum: REFERRAL_STATUSES }).notNull().default("sent"),
    outcomeKind: text("outcome_kind", { enum: REFERRAL_OUTCOMES }),
    /** Staff only, like an action's note. */
    outcomeText: text("outcome_text").notNull().default(""),
    closedOn: text("closed_on"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("support_referrals_group_idx").on(t.groupId, t.status),
    index("support_referrals_household_idx").on(t.householdId),
    check("support_referrals_closed", sql`(${t.status} = 'closed') = (${t.outcomeKind} is not null)`),
  ],
);

/** Still housed 6 or 12 months after the departure recorded in the households module. */
export const supportExitChecks = sqliteTable(
  "support_exit_checks",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    householdId: text("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    milestone: integer("milestone").notNull(),
    stillHoused: text("still_housed", { enum: HOUSED_ANSWERS }).notNull(),
    checkedOn: text("checked_on").notNull(),
    checkedBy: text("checked_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("support_exit_checks_group_idx").on(t.groupId),
    uniqueIndex("support_exit_checks_household_milestone_uq").on(t.householdId, t.milestone),
    check("support_exit_checks_milestone", sql`${t.milestone} in (6, 12)`),
  ],
);

/** Every read of a support record: who, which household (none for the overview), what, when. Append only. */
export const supportAccessLog = sqliteTable(
  "support_access_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    householdId: text("household_id").references(() => households.id, { onDelete: "cascade" }),
    what: text("what", { enum: ACCESS_WHAT }).notNull(),
    at: integer("at", { mode: "timestamp_ms" })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [index("support_access_log_group_at_idx").on(t.groupId, t.at), index("support_access_log_household_idx").on(t.householdId)],
);

export const supportEpisodesRelations = relations(supportEpisodes, ({ one, many }) => ({
  household: one(households, { fields: [supportEpisodes.householdId], references: [households.id] }),
  actions: many(supportActions),
}));
export const supportActionsRelations = relations(supportActions, ({ one, many }) => ({
  household: one(households, { fields: [supportActions.householdId], references: [households.id] }),
  episode: one(supportEpisodes, { fields: [supportActions.episodeId], references: [supportEpisodes.id] }),
  persons: many(supportActionPersons),
}));
export const supportActionPersonsRelations = relations(supportActionPersons, ({ one }) => ({
  action: one(supportActions, { fields: [supportActionPersons.actionId], references: [supportActions.id] }),
  person: one(persons, { fields: [supportActionPersons.personId], references: [persons.id] }),
}));
export const supportReferralsRelations = relations(supportReferrals, ({ one }) => ({
  household: one(households, { fields: [supportReferrals.householdId], references: [households.id] }),
  partner: one(supportPartners, { fields: [supportReferrals.partnerId], references: [supportPartners.id] }),
}));
