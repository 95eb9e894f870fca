// The resident charter: versions of the group's rules (draft → proposed → adopted → superseded), their
// articles (a stable key across versions, so two versions compare article by article), residents' comments
// on a proposed version, and each adult's signature of a version (online, or on paper recorded by a facilitator).
import { relations, sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt } from "./_shared";
import { users } from "./accounts";
import { groups } from "./groups";
import { persons } from "./households";

export const CHARTER_STATUSES = ["draft", "proposed", "adopted", "superseded"] as const;
export type CharterStatus = (typeof CHARTER_STATUSES)[number];
export const SIGNATURE_METHODS = ["online", "paper"] as const;
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

export const charterVersions = sqliteTable(
  "charter_versions",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    status: text("status", { enum: CHARTER_STATUSES }).notNull().default("draft"),
    /** 'YYYY-MM-DD' in the group's time zone: the day it came into force. */
    adoptedOn: text("adopted_on"),
    /** The meeting decision that adopted it, when there is one (meetings module; no FK on purpose). */
    adoptedDecisionId: text("adopted_decision_id"),
    adoptedBy: text("adopted_by").references(() => users.id, { onDelete: "set null" }),
    /** 'YYYY-MM-DD': the adoption day of the version that replaced it. */
    supersededOn: text("superseded_on"),
    proposedAt: integer("proposed_at", { mode: "timestamp_ms" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("charter_versions_group_number_uq").on(t.groupId, t.number),
    // Exactly one version in force per group; at most one being prepared (draft or proposed).
    uniqueIndex("charter_versions_one_in_force_uq")
      .on(t.groupId)
      .where(sql`status = 'adopted'`),
    uniqueIndex("charter_versions_one_in_progress_uq")
      .on(t.groupId)
      .where(sql`status in ('draft', 'proposed')`),
    check("charter_versions_adopted_on", sql`${t.status} not in ('adopted', 'superseded') or ${t.adoptedOn} is not null`),
  ],
);

export const charterArticles = sqliteTable(
  "charter_articles",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    versionId: text("version_id")
      .notNull()
      .references(() => charterVersions.id, { onDelete: "cascade" }),
    /** The same article across versions keeps its key (copied when a draft starts from the version in force). */
    key: text("key").notNull(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    /** Markdown, rendered sanitised (app/modules/charter/markdown.server.ts). */
    body: text("body").notNull().default(""),
  },
  (t) => [
    index("charter_articles_group_idx").on(t.groupId),
    uniqueIndex("charter_articles_version_key_uq").on(t.versionId, t.key),
    index("charter_articles_version_position_idx").on(t.versionId, t.position),
  ],
);

export const charterComments = sqliteTable(
  "charter_comments",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    versionId: text("version_id")
      .notNull()
      .references(() => charterVersions.id, { onDelete: "cascade" }),
    /** The article commented on; null: the version as a whole. */
    articleKey: text("article_key"),
    /** Who typed it: the author, or a facilitator noting what a resident said (at a meeting, on paper). */
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    /** The resident whose words these are, when known (added by migration charter_comment_person). */
    personId: text("person_id").references(() => persons.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("charter_comments_group_idx").on(t.groupId), index("charter_comments_version_idx").on(t.versionId, t.createdAt)],
);

export const charterSignatures = sqliteTable(
  "charter_signatures",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    versionId: text("version_id")
      .notNull()
      .references(() => charterVersions.id, { onDelete: "cascade" }),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    method: text("method", { enum: SIGNATURE_METHODS }).notNull(),
    /** 'YYYY-MM-DD' in the group's time zone. */
    signedOn: text("signed_on").notNull(),
    /** Who signed online, or the facilitator who recorded a paper signature. */
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("charter_signatures_group_idx").on(t.groupId),
    // One signature per person per version: a double submit changes nothing.
    uniqueIndex("charter_signatures_version_person_uq").on(t.versionId, t.personId),
  ],
);

export const charterVersionsRelations = relations(charterVersions, ({ many }) => ({
  articles: many(charterArticles),
  signatures: many(charterSignatures),
}));
export const charterArticlesRelations = relations(charterArticles, ({ one }) => ({
  version: one(charterVersions, { fields: [charterArticles.versionId], references: [charterVersions.id] }),
}));
export const charterSignaturesRelations = relations(charterSignatures, ({ one }) => ({
  version: one(charterVersions, { fields: [charterSignatures.versionId], references: [charterVersions.id] }),
  person: one(persons, { fields: [charterSignatures.personId], references: [persons.id] }),
}));
