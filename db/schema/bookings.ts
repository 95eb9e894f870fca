// Common rooms, guest units and other bookable spaces of a group, their closures and the bookings (their calendar
// feeds are in calendar.ts). Two active bookings of a space never overlap: see the triggers in
// migrations/*_bookings_no_overlap.sql, the last guard behind the bookings module's transaction.
import { relations, sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt } from "./_shared";
import { users } from "./accounts";
import { groups } from "./groups";
import { households } from "./households";

import { BOOKING_STATUSES, SPACE_KINDS } from "./enums";
export { ACTIVE_BOOKING_STATUSES, BOOKING_STATUSES, FEED_SCOPES, SPACE_KINDS, type BookingStatus, type FeedScope, type SpaceKind } from "./enums";

export const spaces = sqliteTable(
  "spaces",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind", { enum: SPACE_KINDS }).notNull(),
    description: text("description").notNull().default(""),
    /** People the space holds; null = no limit. */
    capacity: integer("capacity"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    // Rules. A null rule does not apply.
    /** How far ahead one may book, in calendar days of the group's time zone. */
    bookingWindowDays: integer("booking_window_days"),
    minNoticeHours: integer("min_notice_hours").notNull().default(0),
    minMinutes: integer("min_minutes"),
    maxMinutes: integer("max_minutes"),
    quotaHoursPerMonth: integer("quota_hours_per_month"),
    quotaBookingsPerMonth: integer("quota_bookings_per_month"),
    quotaNightsPerYear: integer("quota_nights_per_year"),
    approvalRequired: integer("approval_required", { mode: "boolean" }).notNull().default(false),
    /** Cleaning time kept free after each booking. */
    bufferMinutes: integer("buffer_minutes").notNull().default(0),
    /** 'HH:MM' wall-clock in the group's zone; quietEnd <= quietStart means the quiet hours cross midnight. */
    quietStart: text("quiet_start"),
    quietEnd: text("quiet_end"),
    // Guest unit
    checkInTime: text("check_in_time"),
    checkOutTime: text("check_out_time"),
    nightlyFeeCents: integer("nightly_fee_cents").notNull().default(0),
    maxNights: integer("max_nights"),
    houseRules: text("house_rules").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("spaces_group_idx").on(t.groupId)],
);

export const spaceClosures = sqliteTable(
  "space_closures",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    spaceId: text("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    reason: text("reason").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("space_closures_group_idx").on(t.groupId),
    index("space_closures_space_starts_idx").on(t.spaceId, t.startsAt),
    check("space_closures_end_after_start", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const bookings = sqliteTable(
  "bookings",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    spaceId: text("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    /** Null when a facilitator books for the group itself (a meeting, a workshop): no household quota then. */
    householdId: text("household_id").references(() => households.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    /** The slot the space is held for: [startsAt, endsAt + the space's cleaning buffer). The overlap rule compares these. */
    blockStart: integer("block_start", { mode: "timestamp_ms" }).notNull(),
    blockEnd: integer("block_end", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: BOOKING_STATUSES }).notNull(),
    purpose: text("purpose").notNull().default(""),
    guests: integer("guests").notNull().default(0),
    /** Guest unit: nights of the stay and its fee (nights × the nightly fee at booking time). */
    nights: integer("nights").notNull().default(0),
    feeCents: integer("fee_cents").notNull().default(0),
    /** The occurrences of one recurring request share a series id. */
    seriesId: text("series_id"),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    decisionReason: text("decision_reason"),
    cancelledBy: text("cancelled_by").references(() => users.id, { onDelete: "set null" }),
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    cancelReason: text("cancel_reason"),
    /** iCal SEQUENCE: raised by a trigger when the times or the status change (migration 0021), so phones update. */
    sequence: integer("sequence").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("bookings_space_block_idx").on(t.spaceId, t.blockStart),
    index("bookings_group_starts_idx").on(t.groupId, t.startsAt),
    index("bookings_household_starts_idx").on(t.householdId, t.startsAt),
    index("bookings_group_status_idx").on(t.groupId, t.status),
    index("bookings_series_idx").on(t.seriesId),
    check("bookings_end_after_start", sql`${t.endsAt} > ${t.startsAt} and ${t.blockStart} <= ${t.startsAt} and ${t.blockEnd} >= ${t.endsAt}`),
  ],
);

export const spacesRelations = relations(spaces, ({ one, many }) => ({
  group: one(groups, { fields: [spaces.groupId], references: [groups.id] }),
  closures: many(spaceClosures),
  bookings: many(bookings),
}));
export const spaceClosuresRelations = relations(spaceClosures, ({ one }) => ({
  space: one(spaces, { fields: [spaceClosures.spaceId], references: [spaces.id] }),
}));
export const bookingsRelations = relations(bookings, ({ one }) => ({
  space: one(spaces, { fields: [bookings.spaceId], references: [spaces.id] }),
  household: one(households, { fields: [bookings.householdId], references: [households.id] }),
  creator: one(users, { fields: [bookings.createdBy], references: [users.id] }),
}));
