// The resident charter's versions: the charter page, a version's page, the list, the state changes (draft →
// proposed → adopted → superseded; exactly one version in force per group: partial unique index), the
// comparison of two versions and Home's prompt. Drafts, comments and signatures have their files.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { charterSignatures, charterVersions, households, persons } from "~db/schema";
import { can, requirePermission } from "~/modules/access/access.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { todayIn } from "~/modules/core/dates";
import { refuse } from "~/modules/core/result";
import {
  allowedActions,
  canDo,
  checkAdoptionDate,
  compareArticles,
  isAdult,
  isPresent,
  problem,
  summarise,
  type ArticleDiff,
  type CharterAction,
  type Result,
} from "./rules";
import type { VersionActionInput } from "./schemas";
import {
  articlesOf,
  findVersion,
  IMMEDIATE,
  inForce,
  inProgress,
  rendered,
  requireReadable,
  summary,
  type Ctx,
  type Q,
  type VersionSummary,
} from "./shared.server";
import { signStatus } from "./signatures.server";
import { addComment, commentsOf } from "./comments.server";
import { charterFigures } from "./figures.server";

const summaryColumns = {
  id: charterVersions.id,
  number: charterVersions.number,
  title: charterVersions.title,
  status: charterVersions.status,
  adoptedOn: charterVersions.adoptedOn,
  supersededOn: charterVersions.supersededOn,
  adoptedDecisionId: charterVersions.adoptedDecisionId,
};

/** The group's versions, newest first; drafts only for those who manage the charter. */
export function listVersions({ ctx }: { ctx: Ctx }): VersionSummary[] {
  requirePermission(ctx, "charter:read");
  return db
    .select(summaryColumns)
    .from(charterVersions)
    .where(and(eq(charterVersions.groupId, ctx.groupId), can(ctx, "charter:manage") ? undefined : sql`${charterVersions.status} <> 'draft'`))
    .orderBy(desc(charterVersions.number))
    .all();
}

/** For the meetings module: the versions waiting for a decision. */
export function listProposedCharterVersions({ ctx }: { ctx: Ctx }): { id: string; number: number; title: string }[] {
  requirePermission(ctx, "charter:read");
  return db
    .select({ id: charterVersions.id, number: charterVersions.number, title: charterVersions.title })
    .from(charterVersions)
    .where(and(eq(charterVersions.groupId, ctx.groupId), eq(charterVersions.status, "proposed")))
    .orderBy(asc(charterVersions.number))
    .all();
}

/** The charter page: the version in force and its articles, the viewer's signature, the history, what is being prepared. */
export function getCharterPage({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }) {
  requirePermission(ctx, "charter:read");
  const today = todayIn(ctx.group.timeZone, now);
  const version = inForce(db, ctx);
  const manage = can(ctx, "charter:manage");
  const progress = inProgress(db, ctx);
  return {
    today,
    inForce: version ? { ...summary(version), articles: rendered(articlesOf(db, version.id)) } : null,
    sign: signStatus(db, ctx, version, today),
    versions: listVersions({ ctx }),
    inProgress: progress && (manage || progress.status === "proposed") ? summary(progress) : null,
    canManage: manage,
    canSeeSignatures: can(ctx, "charter:record_paper"),
    figures: can(ctx, "charter:record_paper") ? charterFigures({ scope: ctx, at: today }) : null,
  };
}

/** One version with its articles, its comments (while proposed, and kept after), and what the viewer may do. */
export function getVersion({ ctx, versionId }: { ctx: Ctx; versionId: string }) {
  const version = findVersion(db, ctx, versionId);
  requireReadable(ctx, version);
  const comments = commentsOf(db, ctx, versionId);
  const current = inForce(db, ctx);
  return {
    version: summary(version),
    articles: rendered(articlesOf(db, versionId)),
    comments,
    actions: allowedActions(version.status, can(ctx, "charter:manage"), can(ctx, "charter:comment")),
    // Facilitators may note what a resident said about a proposed version (at a meeting, on paper).
    speakers: version.status === "proposed" && can(ctx, "charter:manage") ? listAdults(db, ctx) : [],
    inForceId: current?.id ?? null,
    today: todayIn(ctx.group.timeZone),
  };
}

/** The adults of the group's present households, by household (for "said by" and the signatures list). */
function listAdults(q: Q, ctx: Ctx): { id: string; name: string; householdName: string }[] {
  const today = todayIn(ctx.group.timeZone);
  return q
    .select({
      id: persons.id,
      firstName: persons.firstName,
      lastName: persons.lastName,
      birthYear: persons.birthYear,
      householdName: households.name,
      arrivalDate: households.arrivalDate,
      departureDate: households.departureDate,
    })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(persons.groupId, ctx.groupId))
    .orderBy(asc(households.name), asc(persons.firstName))
    .all()
    .filter((p) => isPresent(p, today) && isAdult(p.birthYear, today))
    .map((p) => ({ id: p.id, name: [p.firstName, p.lastName].filter(Boolean).join(" "), householdName: p.householdName }));
}

// -------------------------------------------------------------------------------------------------
// State changes

function transition(ctx: Ctx, versionId: string, action: Exclude<CharterAction, "edit" | "comment" | "adopt">, now: number): Result<{ deleted?: boolean }> {
  findVersion(db, ctx, versionId);
  requirePermission(ctx, "charter:manage");
  return db.transaction((tx): Result<{ deleted?: boolean }> => {
    const version = findVersion(tx, ctx, versionId);
    if (!canDo({ status: version.status, action, canManage: true, canComment: false })) return refuse(problem("not_allowed", null, { status: version.status }));
    if (action === "delete") {
      tx.delete(charterVersions)
        .where(and(eq(charterVersions.id, versionId), eq(charterVersions.groupId, ctx.groupId)))
        .run();
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "delete",
        entity: "charter_version",
        entityId: versionId,
        details: { number: version.number },
      });
      return { ok: true, deleted: true };
    }
    if (action === "propose" && articlesOf(tx, versionId).length === 0) return refuse(problem("no_articles"));
    const status = action === "propose" ? "proposed" : "draft";
    tx.update(charterVersions)
      .set({ status, proposedAt: action === "propose" ? new Date(now) : version.proposedAt, updatedAt: new Date(now) })
      .where(and(eq(charterVersions.id, versionId), eq(charterVersions.groupId, ctx.groupId)))
      .run();
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action,
      entity: "charter_version",
      entityId: versionId,
      details: { status: { before: version.status, after: status } },
    });
    return { ok: true };
  }, IMMEDIATE);
}

export const proposeVersion = ({ ctx, versionId, now = Date.now() }: { ctx: Ctx; versionId: string; now?: number }) =>
  transition(ctx, versionId, "propose", now);
export const withdrawVersion = ({ ctx, versionId, now = Date.now() }: { ctx: Ctx; versionId: string; now?: number }) =>
  transition(ctx, versionId, "withdraw", now);
export const deleteDraft = ({ ctx, versionId, now = Date.now() }: { ctx: Ctx; versionId: string; now?: number }) => transition(ctx, versionId, "delete", now);

/**
 * Adopts a proposed version on `adoptedOn` (a meeting's decision, or a facilitator's record of it): the
 * version in force becomes superseded on that day and everyone is asked to sign again. Checked and written
 * in one IMMEDIATE transaction; the partial unique index keeps one version in force whatever happens.
 */
export function adoptCharterVersion({
  ctx,
  versionId,
  adoptedOn,
  decisionId = null,
  now = Date.now(),
}: {
  ctx: Ctx;
  versionId: string;
  adoptedOn: string;
  decisionId?: string | null;
  now?: number;
}): Result {
  findVersion(db, ctx, versionId);
  requirePermission(ctx, "charter:manage");
  const today = todayIn(ctx.group.timeZone, now);
  return db.transaction((tx): Result => {
    const version = findVersion(tx, ctx, versionId);
    if (!canDo({ status: version.status, action: "adopt", canManage: true, canComment: false }))
      return refuse(problem("not_allowed", null, { status: version.status }));
    const current = inForce(tx, ctx);
    const problems = checkAdoptionDate({ adoptedOn, today, currentAdoptedOn: current?.adoptedOn ?? null });
    if (problems.length) return refuse(...problems);
    if (current) {
      tx.update(charterVersions)
        .set({ status: "superseded", supersededOn: adoptedOn, updatedAt: new Date(now) })
        .where(and(eq(charterVersions.id, current.id), eq(charterVersions.groupId, ctx.groupId)))
        .run();
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "supersede",
        entity: "charter_version",
        entityId: current.id,
        details: { number: current.number, by: version.number, on: adoptedOn },
      });
    }
    tx.update(charterVersions)
      .set({ status: "adopted", adoptedOn, adoptedDecisionId: decisionId ?? null, adoptedBy: ctx.userId, updatedAt: new Date(now) })
      .where(and(eq(charterVersions.id, versionId), eq(charterVersions.groupId, ctx.groupId)))
      .run();
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "adopt",
      entity: "charter_version",
      entityId: versionId,
      details: { number: version.number, adoptedOn, decisionId: decisionId ?? null, replaces: current?.number ?? null },
    });
    return { ok: true };
  }, IMMEDIATE);
}

/** The version page's forms, one function. */
export function actOnVersion({
  ctx,
  versionId,
  input,
  now = Date.now(),
}: {
  ctx: Ctx;
  versionId: string;
  input: VersionActionInput;
  now?: number;
}): Result<{ deleted?: boolean }> {
  switch (input.intent) {
    case "propose":
      return proposeVersion({ ctx, versionId, now });
    case "withdraw":
      return withdrawVersion({ ctx, versionId, now });
    case "delete":
      return deleteDraft({ ctx, versionId, now });
    case "adopt":
      return adoptCharterVersion({ ctx, versionId, adoptedOn: input.adoptedOn, now });
    case "comment":
      return addComment({ ctx, versionId, articleKey: input.articleKey || null, body: input.body, onBehalfOf: input.personId || null, now });
  }
}

// -------------------------------------------------------------------------------------------------
// Comparison

/** Two versions of the group, article by article (drafts only for those who manage the charter). */
export function compareVersions({ ctx, fromId, toId }: { ctx: Ctx; fromId: string; toId: string }): {
  from: VersionSummary;
  to: VersionSummary;
  articles: ArticleDiff[];
  counts: ReturnType<typeof summarise>;
} {
  const from = findVersion(db, ctx, fromId);
  const to = findVersion(db, ctx, toId);
  requireReadable(ctx, from);
  requireReadable(ctx, to);
  const articles = compareArticles(articlesOf(db, from.id), articlesOf(db, to.id));
  return { from: summary(from), to: summary(to), articles, counts: summarise(articles) };
}

// -------------------------------------------------------------------------------------------------
// Home

/**
 * For Home, two indexed queries: the version in force with the viewer's signature and birth year (asked to
 * sign when an adult without a signature), and the version proposed for comments, if any.
 */
export function getCharterHome({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): {
  toSign: { id: string; number: number; title: string; firstVersion: boolean } | null;
  proposed: { id: string; number: number; title: string } | null;
} {
  if (!can(ctx, "charter:read")) return { toSign: null, proposed: null };
  let toSign = null;
  if (ctx.personId && can(ctx, "charter:sign")) {
    const row = db
      .select({
        id: charterVersions.id,
        number: charterVersions.number,
        title: charterVersions.title,
        signed: charterSignatures.id,
        birthYear: persons.birthYear,
      })
      .from(charterVersions)
      .leftJoin(charterSignatures, and(eq(charterSignatures.versionId, charterVersions.id), eq(charterSignatures.personId, ctx.personId)))
      .leftJoin(persons, and(eq(persons.id, ctx.personId), eq(persons.groupId, ctx.groupId)))
      .where(and(eq(charterVersions.groupId, ctx.groupId), sql`${charterVersions.status} = 'adopted'`))
      .get();
    if (row && !row.signed && isAdult(row.birthYear, todayIn(ctx.group.timeZone, now))) {
      toSign = { id: row.id, number: row.number, title: row.title, firstVersion: row.number === 1 };
    }
  }
  const proposed =
    db
      .select({ id: charterVersions.id, number: charterVersions.number, title: charterVersions.title })
      .from(charterVersions)
      .where(and(eq(charterVersions.groupId, ctx.groupId), eq(charterVersions.status, "proposed")))
      .get() ?? null;
  return { toSign, proposed };
}
