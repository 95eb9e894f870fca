// Period reports: a facilitator writes the narrative of a period, reviews the computed figures and
// submits; each submission freezes a revision (narrative + a snapshot of the figures and the indicator
// versions) that is never changed. A correction is a new revision; the latest is the current one.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { reportRevisions, reports, users } from "~db/schema";
import type { MemberContext } from "~/modules/access/access.server";
import { requirePermission } from "~/modules/access/access.server";
import { requireScopePermission, type GroupScoped } from "~/modules/access/scope.server";
import { NotFoundError } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Translate } from "~/modules/core/form-reply";
import { problemOf, refuse, type Problem, type Result } from "~/modules/core/result";
import { indicatorVersions, parsePeriodKey, type IndicatorKey, type PeriodKind } from "./indicators";
import { computeGroupIndicators, type GroupIndicators } from "./indicators.server";
import type { NewReportInput, ReportInput } from "./schemas";

type Ctx = MemberContext;
/** A report sent twice, or corrected before it was sent (a stale page): the whole form's problem. */
export type ReportProblem = Problem<"already_submitted" | "not_submitted">;

/** A report problem in the person's words. */
export function describeReportProblem(t: Translate, p: ReportProblem): string {
  return t(`evaluation:errors.${p.code}`, p.params);
}

export type ReportRow = typeof reports.$inferSelect;

/** What a revision freezes. */
export type ReportSnapshot = { indicators: GroupIndicators; versions: Record<IndicatorKey, number>; computedAt: string };

export type ReportListItem = {
  id: string;
  periodKind: PeriodKind;
  periodKey: string;
  periodFrom: string;
  periodTo: string;
  status: ReportRow["status"];
  currentRevision: number;
  submittedAt: number | null;
};

export function listReports({ ctx }: { ctx: Ctx }): ReportListItem[] {
  requirePermission(ctx, "report:write");
  return listReportRows(ctx.groupId, false);
}

function listReportRows(groupId: string, submittedOnly: boolean): ReportListItem[] {
  return db
    .select({
      id: reports.id,
      periodKind: reports.periodKind,
      periodKey: reports.periodKey,
      periodFrom: reports.periodFrom,
      periodTo: reports.periodTo,
      status: reports.status,
      currentRevision: reports.currentRevision,
      submittedAt: sql<number | null>`(select max(r.submitted_at) from report_revisions r where r.report_id = "reports"."id")`,
    })
    .from(reports)
    .where(and(eq(reports.groupId, groupId), submittedOnly ? sql`${reports.currentRevision} > 0` : undefined))
    .orderBy(desc(reports.periodFrom), asc(reports.periodKind))
    .all();
}

/** A report for a period, or the existing one for that period. */
export function createReport({ ctx, input }: { ctx: Ctx; input: NewReportInput }): { id: string; existed: boolean } {
  requirePermission(ctx, "report:write");
  const period = parsePeriodKey(input.periodKey);
  if (!period || period.kind !== input.periodKind) throw new Response("Bad Request", { status: 400 });
  return db.transaction(
    (tx) => {
      const existing = tx
        .select({ id: reports.id })
        .from(reports)
        .where(and(eq(reports.groupId, ctx.groupId), eq(reports.periodKind, period.kind), eq(reports.periodKey, period.key)))
        .get();
      if (existing) return { id: existing.id, existed: true };
      const row = tx
        .insert(reports)
        .values({ groupId: ctx.groupId, periodKind: period.kind, periodKey: period.key, periodFrom: period.from, periodTo: period.to, createdBy: ctx.userId })
        .returning({ id: reports.id })
        .get();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "report", entityId: row.id, details: { period: period.key } });
      return { id: row.id, existed: false };
    },
    { behavior: "immediate" },
  );
}

function findReport(groupId: string, reportId: string): ReportRow {
  const r = db
    .select()
    .from(reports)
    .where(and(eq(reports.id, reportId), eq(reports.groupId, groupId)))
    .get();
  if (!r) throw new NotFoundError();
  return r;
}

export type RevisionMeta = { revision: number; submittedAt: number; correctionNote: string };

/** The report for its facilitators: the draft, the live figures to review, and its revisions (with who submitted them). */
export function getReport({ ctx, reportId, now = Date.now() }: { ctx: Ctx; reportId: string; now?: number }) {
  const report = findReport(ctx.groupId, reportId);
  requirePermission(ctx, "report:write");
  const revisions = db
    .select({
      revision: reportRevisions.revision,
      submittedAt: reportRevisions.submittedAt,
      correctionNote: reportRevisions.correctionNote,
      submittedByName: reportRevisions.submittedByName,
    })
    .from(reportRevisions)
    .where(and(eq(reportRevisions.reportId, reportId), eq(reportRevisions.groupId, ctx.groupId)))
    .orderBy(desc(reportRevisions.revision))
    .all()
    .map((r) => ({ ...r, submittedAt: r.submittedAt.getTime() }));
  const live = computeGroupIndicators({ scope: ctx, from: report.periodFrom, to: report.periodTo, now });
  return { report, revisions, live };
}

/** Save the draft narrative (nothing is frozen). */
export function saveReportDraft({ ctx, reportId, input }: { ctx: Ctx; reportId: string; input: ReportInput }): { ok: true } {
  findReport(ctx.groupId, reportId);
  requirePermission(ctx, "report:write");
  db.transaction(
    (tx) => {
      tx.update(reports)
        .set({ highlights: input.highlights, difficulties: input.difficulties, story: input.story, storyConsent: input.storyConsent })
        .where(and(eq(reports.id, reportId), eq(reports.groupId, ctx.groupId)))
        .run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "report", entityId: reportId });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

/**
 * Submit (first time) or correct (later): in one IMMEDIATE transaction, the narrative is saved, the figures
 * are computed and frozen with the indicator versions in a new revision (n + 1). Earlier revisions stay.
 */
export function submitReport({
  ctx,
  reportId,
  input,
  now = Date.now(),
}: {
  ctx: Ctx;
  reportId: string;
  input: ReportInput;
  now?: number;
}): Result<{ revision: number }, ReportProblem> {
  findReport(ctx.groupId, reportId);
  requirePermission(ctx, "report:write");
  const name = db.select({ name: users.name }).from(users).where(eq(users.id, ctx.userId)).get()?.name ?? "";
  return db.transaction(
    (tx): Result<{ revision: number }, ReportProblem> => {
      const report = tx
        .select()
        .from(reports)
        .where(and(eq(reports.id, reportId), eq(reports.groupId, ctx.groupId)))
        .get();
      if (!report) throw new NotFoundError();
      if (input.intent === "submit" && report.currentRevision > 0) return refuse(problemOf("already_submitted"));
      if (input.intent === "correct" && report.currentRevision === 0) return refuse(problemOf("not_submitted"));
      const revision = report.currentRevision + 1;
      const snapshot: ReportSnapshot = {
        indicators: computeGroupIndicators({ scope: ctx, from: report.periodFrom, to: report.periodTo, now }),
        versions: indicatorVersions(),
        computedAt: new Date(now).toISOString(),
      };
      const narrative = { highlights: input.highlights, difficulties: input.difficulties, story: input.story, storyConsent: input.storyConsent };
      tx.update(reports)
        .set({ ...narrative, status: "submitted", currentRevision: revision })
        .where(and(eq(reports.id, reportId), eq(reports.groupId, ctx.groupId)))
        .run();
      tx.insert(reportRevisions)
        .values({
          reportId,
          groupId: ctx.groupId,
          revision,
          ...narrative,
          correctionNote: input.intent === "correct" ? input.correctionNote : "",
          snapshot: snapshot as unknown as Record<string, unknown>,
          submittedBy: ctx.userId,
          submittedByName: name,
          submittedAt: new Date(now),
        })
        .run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: input.intent, entity: "report", entityId: reportId, details: { revision } });
      return { ok: true as const, revision };
    },
    { behavior: "immediate" },
  );
}

// -------------------------------------------------------------------------------------------------
// Taken by a scope: a programme officer's group, or a member's own with `report:write`. No names: officers never see one.

export type SubmittedReport = Omit<ReportListItem, "status"> & { submittedAt: number; revisions: number };

/** The submitted reports of a group, newest period first. */
export function listSubmittedReports({ scope }: { scope: GroupScoped }): SubmittedReport[] {
  requireScopePermission(scope, "report:write");
  return listReportRows(scope.groupId, true).map((r) => ({
    id: r.id,
    periodKind: r.periodKind,
    periodKey: r.periodKey,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    currentRevision: r.currentRevision,
    revisions: r.currentRevision,
    submittedAt: r.submittedAt ?? 0,
  }));
}

export type ReportRevisionView = {
  report: { id: string; groupId: string; periodKind: PeriodKind; periodKey: string; periodFrom: string; periodTo: string; currentRevision: number };
  revision: {
    revision: number;
    highlights: string;
    difficulties: string;
    /** Only when the persons concerned agreed (always, for a story submitted through the form). */
    story: string;
    correctionNote: string;
    submittedAt: number;
    snapshot: ReportSnapshot;
  };
  /** Every revision, newest first. */
  revisions: RevisionMeta[];
};

/** One submitted revision (default: the current one). Unknown report, another group's, or no such revision → 404. */
export function getReportRevision({ scope, reportId, revision }: { scope: GroupScoped; reportId: string; revision?: number }): ReportRevisionView {
  requireScopePermission(scope, "report:write");
  const groupId = scope.groupId;
  const report = findReport(groupId, reportId);
  if (report.currentRevision === 0) throw new NotFoundError();
  const n = revision ?? report.currentRevision;
  const row = db
    .select()
    .from(reportRevisions)
    .where(and(eq(reportRevisions.reportId, reportId), eq(reportRevisions.groupId, groupId), eq(reportRevisions.revision, n)))
    .get();
  if (!row) throw new NotFoundError();
  const revisions = db
    .select({ revision: reportRevisions.revision, submittedAt: reportRevisions.submittedAt, correctionNote: reportRevisions.correctionNote })
    .from(reportRevisions)
    .where(and(eq(reportRevisions.reportId, reportId), eq(reportRevisions.groupId, groupId)))
    .orderBy(desc(reportRevisions.revision))
    .all()
    .map((r) => ({ ...r, submittedAt: r.submittedAt.getTime() }));
  return {
    report: {
      id: report.id,
      groupId,
      periodKind: report.periodKind,
      periodKey: report.periodKey,
      periodFrom: report.periodFrom,
      periodTo: report.periodTo,
      currentRevision: report.currentRevision,
    },
    revision: {
      revision: row.revision,
      highlights: row.highlights,
      difficulties: row.difficulties,
      story: row.storyConsent ? row.story : "",
      correctionNote: row.correctionNote,
      submittedAt: row.submittedAt.getTime(),
      snapshot: row.snapshot as unknown as ReportSnapshot,
    },
    revisions,
  };
}
