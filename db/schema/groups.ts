// Organisations, programmes, groups, memberships and invitations: who belongs where, with which role.
import { relations } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./_shared";
import { users } from "./accounts";
import { households, persons } from "./households";

import { GROUP_KINDS, ORGANISATION_KINDS, ROLES } from "./enums";
export { GROUP_KINDS, ORGANISATION_KINDS, ROLES, type Role } from "./enums";

export const organisations = sqliteTable("organisations", {
  id: id(),
  name: text("name").notNull(),
  kind: text("kind", { enum: ORGANISATION_KINDS }).notNull(),
  createdAt: createdAt(),
});

// Staff of an organisation: association staff, or a funder's programme officers.
export const organisationMembers = sqliteTable(
  "organisation_members",
  {
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["staff", "programme_officer"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index("organisation_members_user_idx").on(t.userId)],
);

export const programmes = sqliteTable(
  "programmes",
  {
    id: id(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on").notNull(),
    /** The programme's whole budget in cents (issue 8); null when not given. */
    budgetCents: integer("budget_cents"),
    createdAt: createdAt(),
  },
  (t) => [index("programmes_organisation_idx").on(t.organisationId)],
);

export const groups = sqliteTable(
  "groups",
  {
    id: id(),
    organisationId: text("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    city: text("city").notNull(),
    postcode: text("postcode").notNull(),
    kind: text("kind", { enum: GROUP_KINDS }).notNull(),
    timeZone: text("time_zone").notNull().default("Europe/Paris"),
    latitude: real("latitude"),
    longitude: real("longitude"),
    createdAt: createdAt(),
  },
  (t) => [index("groups_organisation_idx").on(t.organisationId)],
);

export const programmeGroups = sqliteTable(
  "programme_groups",
  {
    programmeId: text("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.groupId] }), index("programme_groups_group_idx").on(t.groupId)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    householdId: text("household_id").references(() => households.id, { onDelete: "set null" }),
    personId: text("person_id").references(() => persons.id, { onDelete: "set null" }),
    /** A support worker who also reads the support access log (responsable du suivi, decision 008). */
    supportLead: integer("support_lead", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("memberships_user_group_uq").on(t.userId, t.groupId), index("memberships_group_idx").on(t.groupId)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: id(),
    tokenHash: text("token_hash").notNull().unique(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    householdId: text("household_id").references(() => households.id, { onDelete: "cascade" }),
    personId: text("person_id").references(() => persons.id, { onDelete: "set null" }),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_group_idx").on(t.groupId)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: text("group_id").references(() => groups.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
    at: integer("at", { mode: "timestamp_ms" })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [index("audit_log_group_at_idx").on(t.groupId, t.at)],
);

export const groupsRelations = relations(groups, ({ one, many }) => ({
  organisation: one(organisations, { fields: [groups.organisationId], references: [organisations.id] }),
  memberships: many(memberships),
}));
export const membershipsRelations = relations(memberships, ({ one }) => ({
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
  group: one(groups, { fields: [memberships.groupId], references: [groups.id] }),
}));
