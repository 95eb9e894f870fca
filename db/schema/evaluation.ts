// Evaluation, group side: programme grants per group and year, each group's co-funders, the resident
// surveys (answers stored with NO link to a person: see survey_answers), and the period reports with their
// frozen revisions. The indicators themselves are computed from the other capabilities' tables.
import { relations, sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt } from "./_shared";
import { users } from "./accounts";
import { groups, memberships, programmes } from "./groups";

import { FUNDER_KINDS, REPORT_STATUSES } from "./enums";
export { FUNDER_KINDS, REPORT_STATUSES, type FunderKind, type ReportStatus } from "./enums";
const REPORT_PERIOD_KINDS = ["month", "quarter", "year"] as const;

/** What a programme grants a group for a calendar year. */
export const programmeGrants = sqliteTable(
  "programme_grants",
  {
    programmeId: text("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    amountCents: integer("amount_cents").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.groupId, t.year] }),
    index("programme_grants_group_idx").on(t.groupId, t.year),
    check("programme_grants_amount", sql`${t.amountCents} >= 0`),
  ],
);

/** A group's co-funders per calendar year, with the amounts planned and spent. */
export const groupFunding = sqliteTable(
  "group_funding",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    kind: text("kind", { enum: FUNDER_KINDS }).notNull(),
    funderName: text("funder_name").notNull(),
    plannedCents: integer("planned_cents").notNull().default(0),
    spentCents: integer("spent_cents").notNull().default(0),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("group_funding_group_year_idx").on(t.groupId, t.year),
    uniqueIndex("group_funding_uq").on(t.groupId, t.year, t.kind, t.funderName),
    check("group_funding_amounts", sql`${t.plannedCents} >= 0 and ${t.spentCents} >= 0`),
  ],
);

/** A resident survey, opened by a facilitator for a period (dates inclusive, in the group's zone). */
export const surveys = sqliteTable(
  "surveys",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    opensOn: text("opens_on").notNull(),
    closesOn: text("closes_on").notNull(),
    /** Set when a facilitator closes it before closesOn. */
    closedEarlyOn: text("closed_early_on"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("surveys_group_idx").on(t.groupId, t.closesOn), check("surveys_dates", sql`${t.opensOn} <= ${t.closesOn}`)],
);

/**
 * The answers. ANONYMOUS by construction: no column names a person, a membership, a household or a user,
 * and no time finer than the survey. The id is random and the table is re-created WITHOUT ROWID
 * (migration evaluation_anonymous), so the storage order is the random id's, not the order of answering.
 */
export const surveyAnswers = sqliteTable(
  "survey_answers",
  {
    id: text("id").primaryKey(),
    surveyId: text("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    satisfaction: integer("satisfaction").notNull(),
    belonging: integer("belonging").notNull(),
    lonelyCompanionship: integer("lonely_companionship").notNull(),
    lonelyLeftOut: integer("lonely_left_out").notNull(),
    lonelyIsolated: integer("lonely_isolated").notNull(),
    helpGiven: integer("help_given").notNull(),
    helpReceived: integer("help_received").notNull(),
    comment: text("comment").notNull().default(""),
  },
  (t) => [
    index("survey_answers_survey_idx").on(t.surveyId),
    index("survey_answers_group_idx").on(t.groupId),
    check(
      "survey_answers_scales",
      sql`${t.satisfaction} between 1 and 5 and ${t.belonging} between 1 and 5 and ${t.helpGiven} between 1 and 5 and ${t.helpReceived} between 1 and 5
        and ${t.lonelyCompanionship} between 1 and 3 and ${t.lonelyLeftOut} between 1 and 3 and ${t.lonelyIsolated} between 1 and 3`,
    ),
  ],
);

/** Who has answered (one answer per person), written in the same transaction as the answer, with no time and nothing linking the two. */
export const surveyRespondents = sqliteTable(
  "survey_respondents",
  {
    surveyId: text("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    membershipId: text("membership_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.membershipId] }), index("survey_respondents_group_idx").on(t.groupId)],
);

/** A period report: the working draft of the narrative; each submission freezes a revision. */
export const reports = sqliteTable(
  "reports",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    periodKind: text("period_kind", { enum: REPORT_PERIOD_KINDS }).notNull(),
    periodKey: text("period_key").notNull(),
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("draft"),
    highlights: text("highlights").notNull().default(""),
    difficulties: text("difficulties").notNull().default(""),
    story: text("story").notNull().default(""),
    storyConsent: integer("story_consent", { mode: "boolean" }).notNull().default(false),
    /** The latest submitted revision (0 while never submitted). */
    currentRevision: integer("current_revision").notNull().default(0),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("reports_group_idx").on(t.groupId, t.periodFrom), uniqueIndex("reports_period_uq").on(t.groupId, t.periodKind, t.periodKey)],
);

/** A submitted revision: the narrative and the figures as they were, frozen. Never updated. */
export const reportRevisions = sqliteTable(
  "report_revisions",
  {
    id: id(),
    reportId: text("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    highlights: text("highlights").notNull(),
    difficulties: text("difficulties").notNull(),
    story: text("story").notNull(),
    storyConsent: integer("story_consent", { mode: "boolean" }).notNull(),
    /** Why this revision corrects the previous one (empty for the first). */
    correctionNote: text("correction_note").notNull().default(""),
    /** JSON of computeGroupIndicators + the indicator versions at submission. */
    snapshot: text("snapshot", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    submittedBy: text("submitted_by").references(() => users.id, { onDelete: "set null" }),
    submittedByName: text("submitted_by_name").notNull().default(""),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("report_revisions_uq").on(t.reportId, t.revision), index("report_revisions_group_idx").on(t.groupId)],
);

export const reportsRelations = relations(reports, ({ many }) => ({ revisions: many(reportRevisions) }));
export const reportRevisionsRelations = relations(reportRevisions, ({ one }) => ({
  report: one(reports, { fields: [reportRevisions.reportId], references: [reports.id] }),
}));

/**
 * The other capabilities' figures (meetings, charter, support) per group and period, kept so that a
 * programme overview does not call their figure functions for every group × period each time. A row is
 * valid on the same `today` while no change was recorded in the group since `computedAt` (every change
 * writes the audit trail in its transaction: see indicators.server.ts). Never shown as such.
 */
export const indicatorCache = sqliteTable(
  "indicator_cache",
  {
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    today: text("today").notNull(),
    data: text("data", { mode: "json" }).$type<{ values: Record<string, number | null>; denominators: Record<string, number> }>().notNull(),
    computedAt: integer("computed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.periodFrom, t.periodTo] })],
);
