// Skill exchange: offers and requests (posts), the exchanges between two households they lead to, and the
// time bank: every done exchange writes two movements that sum to zero (giver +minutes, receiver −minutes).
import { relations, sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt } from "./_shared";
import { users } from "./accounts";
import { groups } from "./groups";
import { households, persons } from "./households";

import { EXCHANGE_CATEGORIES, EXCHANGE_POST_KINDS, EXCHANGE_POST_STATUSES, EXCHANGE_STATUSES } from "./enums";
export {
  CARE_CATEGORIES,
  EXCHANGE_CATEGORIES,
  EXCHANGE_POST_KINDS,
  EXCHANGE_POST_STATUSES,
  EXCHANGE_STATUSES,
  OPEN_EXCHANGE_STATUSES,
  type ExchangeCategory,
  type ExchangePostKind,
  type ExchangePostStatus,
  type ExchangeStatus,
} from "./enums";

export const exchangePosts = sqliteTable(
  "exchange_posts",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: EXCHANGE_POST_KINDS }).notNull(),
    title: text("title").notNull(),
    category: text("category", { enum: EXCHANGE_CATEGORIES }).notNull(),
    description: text("description").notNull().default(""),
    availability: text("availability").notNull().default(""),
    /** The person who posted, on behalf of their household. */
    personId: text("person_id").references(() => persons.id, { onDelete: "set null" }),
    householdId: text("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: EXCHANGE_POST_STATUSES }).notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("exchange_posts_group_created_idx").on(t.groupId, t.createdAt), index("exchange_posts_household_idx").on(t.householdId)],
);

export const exchanges = sqliteTable(
  "exchanges",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    postId: text("post_id")
      .notNull()
      .references(() => exchangePosts.id, { onDelete: "cascade" }),
    giverHouseholdId: text("giver_household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    receiverHouseholdId: text("receiver_household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    /** The person who gives, when known (needed for care categories). */
    giverPersonId: text("giver_person_id").references(() => persons.id, { onDelete: "set null" }),
    /** The person who receives, when known (for the age bands of the figures). */
    receiverPersonId: text("receiver_person_id").references(() => persons.id, { onDelete: "set null" }),
    /** Which household opened it ("I can help" / "I'm interested"). */
    openedByHouseholdId: text("opened_by_household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    status: text("status", { enum: EXCHANGE_STATUSES }).notNull().default("proposed"),
    /** 'YYYY-MM-DD' in the group's time zone. */
    agreedDate: text("agreed_date"),
    /** The time given, in minutes (integer), once confirmed. */
    minutes: integer("minutes"),
    message: text("message").notNull().default(""),
    confirmedBy: text("confirmed_by").references(() => users.id, { onDelete: "set null" }),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    thanks: text("thanks"),
    disputeReason: text("dispute_reason"),
    cancelledBy: text("cancelled_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("exchanges_group_status_idx").on(t.groupId, t.status),
    index("exchanges_post_idx").on(t.postId),
    index("exchanges_giver_idx").on(t.giverHouseholdId),
    index("exchanges_receiver_idx").on(t.receiverHouseholdId),
    check("exchanges_two_households", sql`${t.giverHouseholdId} <> ${t.receiverHouseholdId}`),
    check("exchanges_minutes_range", sql`${t.minutes} is null or (${t.minutes} > 0 and ${t.minutes} <= 1440)`),
  ],
);

/** The time bank's lines: two per done exchange, summing to zero. */
export const timeMovements = sqliteTable(
  "time_movements",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    exchangeId: text("exchange_id")
      .notNull()
      .references(() => exchanges.id, { onDelete: "cascade" }),
    householdId: text("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    /** Signed: + for the giver, − for the receiver. */
    minutes: integer("minutes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("time_movements_group_idx").on(t.groupId),
    index("time_movements_household_idx").on(t.householdId, t.createdAt),
    uniqueIndex("time_movements_exchange_household_uq").on(t.exchangeId, t.householdId),
  ],
);

export const exchangeSettings = sqliteTable("exchange_settings", {
  groupId: text("group_id")
    .primaryKey()
    .references(() => groups.id, { onDelete: "cascade" }),
  /** The lowest balance before a household is flagged to the facilitator (never blocked). */
  minBalanceMinutes: integer("min_balance_minutes").notNull().default(-600),
  /** Care categories restricted to approved carers. */
  careRestricted: integer("care_restricted", { mode: "boolean" }).notNull().default(false),
  updatedAt: updatedAt(),
});

export const approvedCarers = sqliteTable(
  "approved_carers",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    approvedBy: text("approved_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("approved_carers_group_idx").on(t.groupId), uniqueIndex("approved_carers_person_uq").on(t.groupId, t.personId)],
);

export const exchangePostsRelations = relations(exchangePosts, ({ one, many }) => ({
  household: one(households, { fields: [exchangePosts.householdId], references: [households.id] }),
  person: one(persons, { fields: [exchangePosts.personId], references: [persons.id] }),
  exchanges: many(exchanges),
}));
export const exchangesRelations = relations(exchanges, ({ one, many }) => ({
  post: one(exchangePosts, { fields: [exchanges.postId], references: [exchangePosts.id] }),
  movements: many(timeMovements),
}));
export const timeMovementsRelations = relations(timeMovements, ({ one }) => ({
  exchange: one(exchanges, { fields: [timeMovements.exchangeId], references: [exchanges.id] }),
  household: one(households, { fields: [timeMovements.householdId], references: [households.id] }),
}));
