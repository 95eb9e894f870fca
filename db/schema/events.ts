// The group calendar: event series (shared meals, workshops, celebrations) and their occurrences, the
// households' sign-ups, meal roles, costs and the meal ledger, reminders sent (their calendar feeds are in calendar.ts).
// Guards SQLite holds whatever writes (capacity, closed meals, role slots): migrations/*_events_guards.sql.
import { relations, sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt } from "./_shared";
import { users } from "./accounts";
import { bookings, spaces } from "./bookings";
import { groups } from "./groups";
import { households, persons } from "./households";

import { EVENT_KINDS, LEDGER_KINDS, MEAL_ROLES, OCCURRENCE_STATUSES, SIGNUP_STATUSES, type Diet } from "./enums";
export {
  ACTIVE_SIGNUP_STATUSES,
  DIETS,
  EVENT_FEED_SCOPES,
  EVENT_KINDS,
  EVENT_REPEATS,
  LEDGER_KINDS,
  MEAL_ROLES,
  OCCURRENCE_STATUSES,
  SIGNUP_STATUSES,
  type Diet,
  type EventFeedScope,
  type EventKind,
  type EventRepeat,
  type LedgerKind,
  type MealRole,
  type OccurrenceStatus,
  type SignupStatus,
} from "./enums";

/** A group's settings for events (one row per group, created on first change; absent = defaults). */
export const eventSettings = sqliteTable(
  "event_settings",
  {
    groupId: text("group_id")
      .primaryKey()
      .references(() => groups.id, { onDelete: "cascade" }),
    /** Children from 3 years old up to this age (excluded) eat half a portion; from it on, a full one. */
    childAgeLimit: integer("child_age_limit").notNull().default(12),
    updatedAt: updatedAt(),
  },
  (t) => [check("event_settings_child_age_limit", sql`${t.childAgeLimit} between 4 and 18`)],
);

/**
 * An event and its repetition. The first occurrence is startDate startTime (wall-clock in timeZone);
 * each lasts durationMinutes of wall-clock time. rrule is the RFC 5545 rule without DTSTART, UNTIL or
 * COUNT ("FREQ=MONTHLY;BYDAY=2SA"), null for a one-off; untilDate / count end it (neither: open-ended,
 * materialised up to a horizon that a job moves forward).
 */
export const eventSeries = sqliteTable(
  "event_series",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: EVENT_KINDS }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** A space of the group (each occurrence then holds a booking of it), or free text. */
    spaceId: text("space_id").references(() => spaces.id, { onDelete: "set null" }),
    placeText: text("place_text").notNull().default(""),
    startDate: text("start_date").notNull(),
    startTime: text("start_time").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    timeZone: text("time_zone").notNull(),
    rrule: text("rrule"),
    untilDate: text("until_date"),
    count: integer("count"),
    /** People (every person, under-3s included); null = no limit. Copied to each occurrence. */
    capacity: integer("capacity"),
    /** Sign-ups close this many hours before the start; null = at the start. */
    signupDeadlineHours: integer("signup_deadline_hours"),
    /** Person ids of the organisers (persons of the group). */
    organiserIds: text("organiser_ids", { mode: "json" }).$type<string[]>().notNull().default([]),
    // Workshops
    hostPersonId: text("host_person_id").references(() => persons.id, { onDelete: "set null" }),
    /** A partner association, or anyone outside the group. */
    hostText: text("host_text").notNull().default(""),
    materials: text("materials").notNull().default(""),
    /** Skills taught, as tags (normalised: lower case, single spaces), shared with the skill exchange. */
    skills: text("skills", { mode: "json" }).$type<string[]>().notNull().default([]),
    // Shared meals: slots of the roles each occurrence gets (one head cook).
    helperSlots: integer("helper_slots").notNull().default(2),
    cleanerSlots: integer("cleaner_slots").notNull().default(2),
    /** "This and the following" splits a series: the new one names the old. */
    parentSeriesId: text("parent_series_id"),
    /** Occurrences exist as rows up to this calendar date (inclusive). */
    materialisedUntil: text("materialised_until").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("event_series_group_idx").on(t.groupId),
    check(
      "event_series_values",
      sql`${t.durationMinutes} > 0 and (${t.capacity} is null or ${t.capacity} > 0) and (${t.count} is null or ${t.count} > 0)
        and (${t.signupDeadlineHours} is null or ${t.signupDeadlineHours} >= 0) and ${t.helperSlots} >= 0 and ${t.cleanerSlots} >= 0`,
    ),
  ],
);

/**
 * One occurrence of a series, with its own times. originalStartsAt is the start the rule gave (the
 * RECURRENCE-ID): cancelling or moving one is a change of this row, and re-expanding the rule never
 * creates it again. Place, capacity and note may differ from the series'. A closed meal keeps its
 * figures frozen and refuses every change (triggers).
 */
export const eventOccurrences = sqliteTable(
  "event_occurrences",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    seriesId: text("series_id")
      .notNull()
      .references(() => eventSeries.id, { onDelete: "cascade" }),
    originalStartsAt: integer("original_starts_at", { mode: "timestamp_ms" }).notNull(),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: OCCURRENCE_STATUSES }).notNull().default("scheduled"),
    /** Moved on its own (time or place): a change of the series leaves it where it was moved to. */
    moved: integer("moved", { mode: "boolean" }).notNull().default(false),
    spaceId: text("space_id").references(() => spaces.id, { onDelete: "set null" }),
    placeText: text("place_text").notNull().default(""),
    capacity: integer("capacity"),
    /** A word for this date only (the menu, "bring a chair"). */
    note: text("note").notNull().default(""),
    /** The booking of the space for this occurrence (made through the bookings module). */
    bookingId: text("booking_id").references(() => bookings.id, { onDelete: "set null" }),
    /** Why the space could not be booked when the horizon moved forward (a bookings problem code). */
    bookingProblem: text("booking_problem"),
    cancelReason: text("cancel_reason"),
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    cancelledBy: text("cancelled_by").references(() => users.id, { onDelete: "set null" }),
    // A closed meal: the figures when it was closed.
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    closedBy: text("closed_by").references(() => users.id, { onDelete: "set null" }),
    frozenCostCents: integer("frozen_cost_cents"),
    /** Portions × 2 (a child eats half a portion): integers all the way. */
    frozenHalfPortions: integer("frozen_half_portions"),
    frozenPersons: integer("frozen_persons"),
    /** iCal SEQUENCE: raised by a trigger when the times or the status change (migration 0021), so phones update. */
    sequence: integer("sequence").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("event_occurrences_group_starts_idx").on(t.groupId, t.startsAt),
    uniqueIndex("event_occurrences_series_original_uq").on(t.seriesId, t.originalStartsAt),
    index("event_occurrences_booking_idx").on(t.bookingId),
    check("event_occurrences_values", sql`${t.endsAt} > ${t.startsAt} and (${t.capacity} is null or ${t.capacity} > 0)`),
  ],
);

/**
 * A household's sign-up: adults (1 portion), children from 3 to the group's age limit (½ portion),
 * infants under 3 (free), guests from outside the household (1 portion each). Every one of them takes
 * a place. One active (confirmed or waitlisted) sign-up per household and occurrence; the waiting list
 * is ordered by position.
 */
export const eventSignups = sqliteTable(
  "event_signups",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    occurrenceId: text("occurrence_id")
      .notNull()
      .references(() => eventOccurrences.id, { onDelete: "cascade" }),
    householdId: text("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    adults: integer("adults").notNull().default(0),
    children: integer("children").notNull().default(0),
    infants: integer("infants").notNull().default(0),
    guests: integer("guests").notNull().default(0),
    diets: text("diets", { mode: "json" }).$type<Diet[]>().notNull().default([]),
    allergies: text("allergies").notNull().default(""),
    status: text("status", { enum: SIGNUP_STATUSES }).notNull(),
    /** Set when the sign-up joins the waiting list (1, 2, … never reused within an occurrence): the queue is
     *  the waitlisted sign-ups by position. Null for a sign-up confirmed straight away. */
    position: integer("position"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    /** Made by a facilitator for the household (which may have no account). */
    onBehalf: integer("on_behalf", { mode: "boolean" }).notNull().default(false),
    promotedAt: integer("promoted_at", { mode: "timestamp_ms" }),
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("event_signups_group_idx").on(t.groupId),
    index("event_signups_occurrence_status_idx").on(t.occurrenceId, t.status, t.position),
    index("event_signups_household_idx").on(t.householdId),
    uniqueIndex("event_signups_active_uq")
      .on(t.occurrenceId, t.householdId)
      .where(sql`${t.status} <> 'cancelled'`),
    check(
      "event_signups_counts",
      sql`${t.adults} >= 0 and ${t.children} >= 0 and ${t.infants} >= 0 and ${t.guests} >= 0 and ${t.adults} + ${t.children} + ${t.infants} + ${t.guests} >= 1`,
    ),
  ],
);

/** The roles of a meal occurrence and how many people each needs. */
export const mealRoles = sqliteTable(
  "meal_roles",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    occurrenceId: text("occurrence_id")
      .notNull()
      .references(() => eventOccurrences.id, { onDelete: "cascade" }),
    role: text("role", { enum: MEAL_ROLES }).notNull(),
    slots: integer("slots").notNull(),
  },
  (t) => [
    index("meal_roles_group_idx").on(t.groupId),
    uniqueIndex("meal_roles_occurrence_role_uq").on(t.occurrenceId, t.role),
    check("meal_roles_slots", sql`${t.slots} >= 0`),
  ],
);

/** Who holds a role: a person of a household (or the household when no person is named). */
export const mealAssignments = sqliteTable(
  "meal_assignments",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    occurrenceId: text("occurrence_id")
      .notNull()
      .references(() => eventOccurrences.id, { onDelete: "cascade" }),
    roleId: text("role_id")
      .notNull()
      .references(() => mealRoles.id, { onDelete: "cascade" }),
    householdId: text("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    personId: text("person_id").references(() => persons.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    onBehalf: integer("on_behalf", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("meal_assignments_group_idx").on(t.groupId),
    index("meal_assignments_occurrence_idx").on(t.occurrenceId),
    // The slots trigger counts a role's assignments on every insert; the partial unique indexes below cannot serve it.
    index("meal_assignments_role_idx").on(t.roleId),
    // One assignment per person and role; a household named without a person, once per role.
    uniqueIndex("meal_assignments_role_person_uq")
      .on(t.roleId, t.personId)
      .where(sql`${t.personId} is not null`),
    uniqueIndex("meal_assignments_role_household_uq")
      .on(t.roleId, t.householdId)
      .where(sql`${t.personId} is null`),
  ],
);

/** What was spent for a meal, and which household paid it. A household with money in the ledger cannot be deleted (no action FK). */
export const mealCosts = sqliteTable(
  "meal_costs",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    occurrenceId: text("occurrence_id")
      .notNull()
      .references(() => eventOccurrences.id, { onDelete: "cascade" }),
    amountCents: integer("amount_cents").notNull(),
    paidByHouseholdId: text("paid_by_household_id")
      .notNull()
      .references(() => households.id),
    note: text("note").notNull().default(""),
    /** The one-time token of the form that sent it: a second send of the same form records nothing (issue 17). */
    submissionId: text("submission_id"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("meal_costs_group_idx").on(t.groupId),
    index("meal_costs_occurrence_idx").on(t.occurrenceId),
    uniqueIndex("meal_costs_submission_idx").on(t.groupId, t.submissionId),
    check("meal_costs_amount", sql`${t.amountCents} > 0`),
  ],
);

/**
 * The meal ledger, written once when a meal is closed: per household, what it paid (+) and what its
 * portions cost (−). Each closed meal's lines sum to zero to the cent, so the balances of a group do.
 * Lines are never updated (trigger) and only written for a closed meal.
 */
export const mealLedger = sqliteTable(
  "meal_ledger",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    occurrenceId: text("occurrence_id")
      .notNull()
      .references(() => eventOccurrences.id, { onDelete: "cascade" }),
    householdId: text("household_id")
      .notNull()
      .references(() => households.id),
    kind: text("kind", { enum: LEDGER_KINDS }).notNull(),
    /** Signed: paid > 0, eaten < 0. */
    amountCents: integer("amount_cents").notNull(),
    /** Eaten lines: the household's portions × 2. */
    halfPortions: integer("half_portions").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("meal_ledger_group_household_idx").on(t.groupId, t.householdId),
    uniqueIndex("meal_ledger_occurrence_household_kind_uq").on(t.occurrenceId, t.householdId, t.kind),
    check("meal_ledger_sign", sql`(${t.kind} = 'paid' and ${t.amountCents} > 0) or (${t.kind} = 'eaten' and ${t.amountCents} <= 0)`),
  ],
);

/** Reminders sent: one per occurrence and household, ever (the unique index makes the job idempotent). */
export const eventReminders = sqliteTable(
  "event_reminders",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    occurrenceId: text("occurrence_id")
      .notNull()
      .references(() => eventOccurrences.id, { onDelete: "cascade" }),
    householdId: text("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("event_reminders_group_idx").on(t.groupId), uniqueIndex("event_reminders_occurrence_household_uq").on(t.occurrenceId, t.householdId)],
);

export const eventSeriesRelations = relations(eventSeries, ({ one, many }) => ({
  group: one(groups, { fields: [eventSeries.groupId], references: [groups.id] }),
  space: one(spaces, { fields: [eventSeries.spaceId], references: [spaces.id] }),
  occurrences: many(eventOccurrences),
}));
export const eventOccurrencesRelations = relations(eventOccurrences, ({ one, many }) => ({
  series: one(eventSeries, { fields: [eventOccurrences.seriesId], references: [eventSeries.id] }),
  space: one(spaces, { fields: [eventOccurrences.spaceId], references: [spaces.id] }),
  booking: one(bookings, { fields: [eventOccurrences.bookingId], references: [bookings.id] }),
  signups: many(eventSignups),
  roles: many(mealRoles),
  costs: many(mealCosts),
}));
export const eventSignupsRelations = relations(eventSignups, ({ one }) => ({
  occurrence: one(eventOccurrences, { fields: [eventSignups.occurrenceId], references: [eventOccurrences.id] }),
  household: one(households, { fields: [eventSignups.householdId], references: [households.id] }),
}));
export const mealRolesRelations = relations(mealRoles, ({ one, many }) => ({
  occurrence: one(eventOccurrences, { fields: [mealRoles.occurrenceId], references: [eventOccurrences.id] }),
  assignments: many(mealAssignments),
}));
export const mealAssignmentsRelations = relations(mealAssignments, ({ one }) => ({
  role: one(mealRoles, { fields: [mealAssignments.roleId], references: [mealRoles.id] }),
  household: one(households, { fields: [mealAssignments.householdId], references: [households.id] }),
  person: one(persons, { fields: [mealAssignments.personId], references: [persons.id] }),
}));
export const mealCostsRelations = relations(mealCosts, ({ one }) => ({
  occurrence: one(eventOccurrences, { fields: [mealCosts.occurrenceId], references: [eventOccurrences.id] }),
  paidBy: one(households, { fields: [mealCosts.paidByHouseholdId], references: [households.id] }),
}));
export const mealLedgerRelations = relations(mealLedger, ({ one }) => ({
  occurrence: one(eventOccurrences, { fields: [mealLedger.occurrenceId], references: [eventOccurrences.id] }),
  household: one(households, { fields: [mealLedger.householdId], references: [households.id] }),
}));
