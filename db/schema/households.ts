// Households (foyers) and the persons in them, with the profile tags that make a group's mix visible.
import { relations } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt } from "./_shared";
import { groups } from "./groups";
import { users } from "./accounts";

import { BIRTH_YEAR_VISIBILITIES, DESTINATIONS, type ProfileTag } from "./enums";
export {
  BIRTH_YEAR_VISIBILITIES,
  DESTINATIONS,
  PROFILE_TAGS,
  SENSITIVE_PROFILE_TAGS,
  type BirthYearVisibility,
  type Destination,
  type ProfileTag,
} from "./enums";

export const households = sqliteTable(
  "households",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    dwelling: text("dwelling").notNull().default(""),
    arrivalDate: text("arrival_date").notNull(),
    departureDate: text("departure_date"),
    destination: text("destination", { enum: DESTINATIONS }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("households_group_idx").on(t.groupId)],
);

export const persons = sqliteTable(
  "persons",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    householdId: text("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    firstName: text("first_name").notNull(),
    lastName: text("last_name"),
    birthYear: integer("birth_year"),
    tags: text("tags", { mode: "json" }).$type<ProfileTag[]>().notNull().default([]),
    /** What other residents see of the birth year; the household and the staff roles always see it. */
    birthYearVisibility: text("birth_year_visibility", { enum: BIRTH_YEAR_VISIBILITIES }).notNull().default("hidden"),
    /** Whether other residents see the person's special-category tags (SENSITIVE_PROFILE_TAGS). */
    sensitiveTagsVisible: integer("sensitive_tags_visible", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("persons_group_idx").on(t.groupId), index("persons_household_idx").on(t.householdId), index("persons_user_idx").on(t.userId)],
);

export const householdsRelations = relations(households, ({ one, many }) => ({
  group: one(groups, { fields: [households.groupId], references: [groups.id] }),
  persons: many(persons),
}));
export const personsRelations = relations(persons, ({ one }) => ({
  household: one(households, { fields: [persons.householdId], references: [households.id] }),
  user: one(users, { fields: [persons.userId], references: [users.id] }),
}));
