// The resident charter: versions and their articles, the state changes (draft → proposed → adopted →
// superseded; exactly one version in force per group), comments on a proposed version, signatures (online
// and on paper), the comparison of two versions, Home's prompt and the figures the evaluation reads.
// Every query is scoped by ctx.groupId; the pure rules are in rules.ts.
import { and, asc, desc, eq, inArray, max, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { charterArticles, charterComments, charterSignatures, charterVersions, groups, households, persons, users } from "~db/schema";
import type { CharterStatus, SignatureMethod } from "~db/schema/charter";
import type { MemberContext } from "~/modules/access/access.server";
import type { GroupScoped } from "~/modules/access/scope.server";
import { can, requirePermission } from "~/modules/access/access.server";
import { forbidden, notFound } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { todayIn } from "~/modules/core/dates";
import { newId } from "~/modules/core/ids";
import { renderMarkdown } from "./markdown.server";
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
  type Problem,
} from "./rules";
import type { EditActionInput, PaperSignatureInput, VersionActionInput } from "./schemas";

type Ctx = MemberContext;
type Q = Pick<typeof db, "select">;
export type Version = typeof charterVersions.$inferSelect;
export type { Problem } from "./rules";
type Result<T = object> = ({ ok: true } & T) | { ok: false; problems: Problem[] };
const fail = (code: Problem["code"], field: string | null = null, params: Problem["params"] = {}): { ok: false; problems: Problem[] } => ({
  ok: false,
  problems: [problem(code, field, params)],
});

const DEFAULT_TITLE = "Charte des habitants";
const IMMEDIATE = { behavior: "immediate" } as const;

// -------------------------------------------------------------------------------------------------
// Reading

function findVersion(q: Q, ctx: Ctx, versionId: string): Version {
  const row = q
    .select()
    .from(charterVersions)
    .where(and(eq(charterVersions.id, versionId), eq(charterVersions.groupId, ctx.groupId)))
    .get();
  if (!row) throw notFound();
  return row;
}

/** A draft is the facilitators' work in progress: other members know the group, so 403. */
function requireReadable(ctx: Ctx, version: Version) {
  requirePermission(ctx, "charter:read");
  if (version.status === "draft" && !can(ctx, "charter:manage")) throw forbidden();
}

// The literal 'adopted' (not a bound value) lets SQLite use the partial unique index.
function inForce(q: Q, groupId: string): Version | undefined {
  return q
    .select()
    .from(charterVersions)
    .where(and(eq(charterVersions.groupId, groupId), sql`${charterVersions.status} = 'adopted'`))
    .get();
}

function inProgress(q: Q, groupId: string): Version | undefined {
  return q
    .select()
    .from(charterVersions)
    .where(and(eq(charterVersions.groupId, groupId), inArray(charterVersions.status, ["draft", "proposed"])))
    .get();
}

function articlesOf(q: Q, versionId: string) {
  return q
    .select({ id: charterArticles.id, key: charterArticles.key, position: charterArticles.position, title: charterArticles.title, body: charterArticles.body })
    .from(charterArticles)
    .where(eq(charterArticles.versionId, versionId))
    .orderBy(asc(charterArticles.position))
    .all();
}

export type RenderedArticle = { id: string; key: string; number: number; title: string; body: string; html: string };
function rendered(articles: ReturnType<typeof articlesOf>): RenderedArticle[] {
  return articles.map((a, i) => ({ id: a.id, key: a.key, number: i + 1, title: a.title, body: a.body, html: renderMarkdown(a.body) }));
}

export type VersionSummary = {
  id: string;
  number: number;
  title: string;
  status: CharterStatus;
  adoptedOn: string | null;
  supersededOn: string | null;
  adoptedDecisionId: string | null;
};
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

export type MySignature = { signedOn: string; method: SignatureMethod } | null;

function signatureOf(q: Q, versionId: string, personId: string): MySignature {
  return (
    q
      .select({ signedOn: charterSignatures.signedOn, method: charterSignatures.method })
      .from(charterSignatures)
      .where(and(eq(charterSignatures.versionId, versionId), eq(charterSignatures.personId, personId)))
      .get() ?? null
  );
}

/** Whether the viewer is asked to sign the version in force, and why not when they are not. */
function signStatus(q: Q, ctx: Ctx, version: Version | undefined, today: string): { signature: MySignature; canSign: boolean; reason: Problem["code"] | null } {
  if (!version) return { signature: null, canSign: false, reason: "no_version_in_force" };
  if (!ctx.personId || !can(ctx, "charter:sign")) return { signature: null, canSign: false, reason: "no_person" };
  const signature = signatureOf(q, version.id, ctx.personId);
  if (signature) return { signature, canSign: false, reason: "already_signed" };
  const person = q
    .select({ birthYear: persons.birthYear, arrivalDate: households.arrivalDate, departureDate: households.departureDate })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(and(eq(persons.id, ctx.personId), eq(persons.groupId, ctx.groupId)))
    .get();
  if (!person || !isPresent(person, today)) return { signature: null, canSign: false, reason: "not_present" };
  if (!isAdult(person.birthYear, today)) return { signature: null, canSign: false, reason: "not_adult" };
  return { signature: null, canSign: true, reason: null };
}

/** The charter page: the version in force and its articles, the viewer's signature, the history, what is being prepared. */
export function getCharterPage({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }) {
  requirePermission(ctx, "charter:read");
  const today = todayIn(ctx.group.timeZone, now);
  const version = inForce(db, ctx.groupId);
  const manage = can(ctx, "charter:manage");
  const progress = inProgress(db, ctx.groupId);
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

function summary(v: Version): VersionSummary {
  return { id: v.id, number: v.number, title: v.title, status: v.status, adoptedOn: v.adoptedOn, supersededOn: v.supersededOn, adoptedDecisionId: v.adoptedDecisionId };
}

export type CommentView = { id: string; articleKey: string | null; body: string; authorName: string | null; notedByName: string | null; createdAt: number };

/** One version with its articles, its comments (while proposed, and kept after), and what the viewer may do. */
export function getVersion({ ctx, versionId }: { ctx: Ctx; versionId: string }) {
  const version = findVersion(db, ctx, versionId);
  requireReadable(ctx, version);
  const comments: CommentView[] = db
    .select({
      id: charterComments.id,
      articleKey: charterComments.articleKey,
      body: charterComments.body,
      userId: charterComments.userId,
      userName: users.name,
      personUserId: persons.userId,
      firstName: persons.firstName,
      lastName: persons.lastName,
      createdAt: charterComments.createdAt,
    })
    .from(charterComments)
    .leftJoin(users, eq(users.id, charterComments.userId))
    .leftJoin(persons, eq(persons.id, charterComments.personId))
    .where(and(eq(charterComments.groupId, ctx.groupId), eq(charterComments.versionId, versionId)))
    .orderBy(asc(charterComments.createdAt))
    .all()
    .map((c) => {
      // A resident's words noted by someone else (a facilitator, from a meeting or a paper sheet) say so.
      const noted = c.firstName != null && c.personUserId !== c.userId;
      return {
        id: c.id,
        articleKey: c.articleKey,
        body: c.body,
        authorName: c.firstName != null ? [c.firstName, c.lastName].filter(Boolean).join(" ") : c.userName,
        notedByName: noted ? c.userName : null,
        createdAt: c.createdAt.getTime(),
      };
    });
  const current = inForce(db, ctx.groupId);
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

/** The draft editor: a draft's articles as typed (Markdown), with their rendering for the preview. */
export function getDraft({ ctx, versionId }: { ctx: Ctx; versionId: string }) {
  const version = findVersion(db, ctx, versionId);
  requirePermission(ctx, "charter:manage");
  return { version: summary(version), editable: version.status === "draft", articles: rendered(articlesOf(db, versionId)) };
}

// -------------------------------------------------------------------------------------------------
// Drafts

/** A new draft, a copy of the version in force (same article keys) or empty; one in progress at a time. */
export function createDraft({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): Result<{ id: string }> {
  requirePermission(ctx, "charter:manage");
  return db.transaction((tx): Result<{ id: string }> => {
    const progress = inProgress(tx, ctx.groupId);
    if (progress) return fail("in_progress_exists", null, { number: progress.number, id: progress.id });
    const current = inForce(tx, ctx.groupId);
    const number = (tx.select({ n: max(charterVersions.number) }).from(charterVersions).where(eq(charterVersions.groupId, ctx.groupId)).get()?.n ?? 0) + 1;
    const id = newId();
    tx.insert(charterVersions)
      .values({ id, groupId: ctx.groupId, number, title: current?.title ?? DEFAULT_TITLE, status: "draft", createdBy: ctx.userId, createdAt: new Date(now), updatedAt: new Date(now) })
      .run();
    const copied = current ? articlesOf(tx, current.id) : [];
    if (copied.length) {
      tx.insert(charterArticles)
        .values(copied.map((a) => ({ groupId: ctx.groupId, versionId: id, key: a.key, position: a.position, title: a.title, body: a.body })))
        .run();
    }
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "charter_version", entityId: id, details: { number, copiedFrom: current?.number ?? null } });
    return { ok: true, id };
  }, IMMEDIATE);
}

/** Positions 1..n in the current order, after a removal or a move. */
function renumber(tx: Pick<typeof db, "update">, order: string[]) {
  order.forEach((articleId, i) => {
    tx.update(charterArticles).set({ position: i + 1 }).where(eq(charterArticles.id, articleId)).run();
  });
}

/** The draft editor's changes: the title, an article added, saved, removed or moved. Drafts only. */
export function editDraft({ ctx, versionId, input }: { ctx: Ctx; versionId: string; input: EditActionInput }): Result<{ articleId: string | null }> {
  findVersion(db, ctx, versionId);
  requirePermission(ctx, "charter:manage");
  return db.transaction((tx): Result<{ articleId: string | null }> => {
    const version = findVersion(tx, ctx, versionId);
    if (!canDo({ status: version.status, action: "edit", canManage: true, canComment: false })) return fail("not_allowed", null, { status: version.status });
    const articles = articlesOf(tx, versionId);
    const audit = (action: string, entityId: string, details: Record<string, unknown>) =>
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action, entity: input.intent === "title" ? "charter_version" : "charter_article", entityId, details: { versionId, ...details } });
    const touch = () => tx.update(charterVersions).set({ updatedAt: new Date() }).where(eq(charterVersions.id, versionId)).run();
    if (input.intent === "title") {
      tx.update(charterVersions).set({ title: input.title }).where(and(eq(charterVersions.id, versionId), eq(charterVersions.groupId, ctx.groupId))).run();
      audit("update", versionId, { title: { before: version.title, after: input.title } });
      return { ok: true, articleId: null };
    }
    if (input.intent === "add") {
      const id = newId();
      tx.insert(charterArticles)
        .values({ id, groupId: ctx.groupId, versionId, key: newId(), position: articles.length + 1, title: input.title, body: input.body ?? "" })
        .run();
      touch();
      audit("create", id, { title: input.title });
      return { ok: true, articleId: id };
    }
    const index = articles.findIndex((a) => a.id === input.articleId);
    if (index < 0) return fail("article_unknown");
    const article = articles[index];
    switch (input.intent) {
      case "save":
        tx.update(charterArticles).set({ title: input.title, body: input.body ?? "" }).where(eq(charterArticles.id, article.id)).run();
        audit("update", article.id, { title: { before: article.title, after: input.title }, bodyChanged: article.body !== (input.body ?? "") });
        break;
      case "remove":
        tx.delete(charterArticles).where(eq(charterArticles.id, article.id)).run();
        renumber(
          tx,
          articles.filter((a) => a.id !== article.id).map((a) => a.id),
        );
        audit("delete", article.id, { title: article.title });
        break;
      case "up":
      case "down": {
        const to = input.intent === "up" ? index - 1 : index + 1;
        if (to < 0 || to >= articles.length) return { ok: true, articleId: article.id };
        const order = articles.map((a) => a.id);
        [order[index], order[to]] = [order[to], order[index]];
        renumber(tx, order);
        audit("move", article.id, { from: index + 1, to: to + 1 });
        break;
      }
    }
    touch();
    return { ok: true, articleId: input.intent === "remove" ? null : article.id };
  }, IMMEDIATE);
}

// -------------------------------------------------------------------------------------------------
// State changes

function transition(ctx: Ctx, versionId: string, action: Exclude<CharterAction, "edit" | "comment" | "adopt">, now: number): Result<{ deleted?: boolean }> {
  findVersion(db, ctx, versionId);
  requirePermission(ctx, "charter:manage");
  return db.transaction((tx): Result<{ deleted?: boolean }> => {
    const version = findVersion(tx, ctx, versionId);
    if (!canDo({ status: version.status, action, canManage: true, canComment: false })) return fail("not_allowed", null, { status: version.status });
    if (action === "delete") {
      tx.delete(charterVersions).where(and(eq(charterVersions.id, versionId), eq(charterVersions.groupId, ctx.groupId))).run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "delete", entity: "charter_version", entityId: versionId, details: { number: version.number } });
      return { ok: true, deleted: true };
    }
    if (action === "propose" && articlesOf(tx, versionId).length === 0) return fail("no_articles");
    const status = action === "propose" ? "proposed" : "draft";
    tx.update(charterVersions)
      .set({ status, proposedAt: action === "propose" ? new Date(now) : version.proposedAt, updatedAt: new Date(now) })
      .where(and(eq(charterVersions.id, versionId), eq(charterVersions.groupId, ctx.groupId)))
      .run();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action, entity: "charter_version", entityId: versionId, details: { status: { before: version.status, after: status } } });
    return { ok: true };
  }, IMMEDIATE);
}

export const proposeVersion = ({ ctx, versionId, now = Date.now() }: { ctx: Ctx; versionId: string; now?: number }) => transition(ctx, versionId, "propose", now);
export const withdrawVersion = ({ ctx, versionId, now = Date.now() }: { ctx: Ctx; versionId: string; now?: number }) => transition(ctx, versionId, "withdraw", now);
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
    if (!canDo({ status: version.status, action: "adopt", canManage: true, canComment: false })) return fail("not_allowed", null, { status: version.status });
    const current = inForce(tx, ctx.groupId);
    const problems = checkAdoptionDate({ adoptedOn, today, currentAdoptedOn: current?.adoptedOn ?? null });
    if (problems.length) return { ok: false, problems };
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

/** A comment on a proposed version, on one of its articles or on the whole. */
export function addComment({
  ctx,
  versionId,
  articleKey,
  body,
  onBehalfOf = null,
  now = Date.now(),
}: {
  ctx: Ctx;
  versionId: string;
  articleKey: string | null;
  body: string;
  /** A facilitator noting a resident's words: that person of the group. */
  onBehalfOf?: string | null;
  now?: number;
}): Result {
  const found = findVersion(db, ctx, versionId);
  requireReadable(ctx, found);
  requirePermission(ctx, "charter:comment");
  if (onBehalfOf) {
    requirePermission(ctx, "charter:manage");
    const person = db.select({ id: persons.id }).from(persons).where(and(eq(persons.id, onBehalfOf), eq(persons.groupId, ctx.groupId))).get();
    if (!person) throw notFound();
  }
  return db.transaction((tx): Result => {
    const version = findVersion(tx, ctx, versionId);
    if (!canDo({ status: version.status, action: "comment", canManage: false, canComment: true })) return fail("comments_closed", "body");
    if (articleKey && !articlesOf(tx, versionId).some((a) => a.key === articleKey)) return fail("article_unknown", "articleKey");
    const id = newId();
    const personId = onBehalfOf || ctx.personId;
    tx.insert(charterComments).values({ id, groupId: ctx.groupId, versionId, articleKey: articleKey || null, userId: ctx.userId, personId, body, createdAt: new Date(now) }).run();
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "comment",
      entity: "charter_version",
      entityId: versionId,
      details: { commentId: id, articleKey: articleKey || null, personId },
    });
    return { ok: true };
  }, IMMEDIATE);
}

/** The version page's forms, one function. */
export function actOnVersion({ ctx, versionId, input, now = Date.now() }: { ctx: Ctx; versionId: string; input: VersionActionInput; now?: number }): Result<{ deleted?: boolean }> {
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
// Signatures

/** "J'ai lu et j'accepte la charte": the viewer signs the version in force, today. Signing twice changes nothing. */
export function signCharter({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): Result<{ versionId: string; already: boolean }> {
  requirePermission(ctx, "charter:sign");
  const today = todayIn(ctx.group.timeZone, now);
  return db.transaction((tx): Result<{ versionId: string; already: boolean }> => {
    const version = inForce(tx, ctx.groupId);
    const status = signStatus(tx, ctx, version, today);
    if (!version) return fail("no_version_in_force");
    if (status.reason === "already_signed") return { ok: true, versionId: version.id, already: true };
    if (!status.canSign) return fail(status.reason ?? "not_allowed");
    const personId = ctx.personId as string;
    const inserted = tx
      .insert(charterSignatures)
      .values({ groupId: ctx.groupId, versionId: version.id, personId, method: "online", signedOn: today, userId: ctx.userId, createdAt: new Date(now) })
      .onConflictDoNothing()
      .returning({ id: charterSignatures.id })
      .all();
    if (inserted.length) {
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "sign", entity: "charter_version", entityId: version.id, details: { number: version.number, personId, signedOn: today } });
    }
    return { ok: true, versionId: version.id, already: inserted.length === 0 };
  }, IMMEDIATE);
}

/** A facilitator records the paper signature of an adult of the group (one who has no account, usually). */
export function recordPaperSignature({ ctx, input, now = Date.now() }: { ctx: Ctx; input: PaperSignatureInput; now?: number }): Result {
  requirePermission(ctx, "charter:record_paper");
  const today = todayIn(ctx.group.timeZone, now);
  const person = db
    .select({ id: persons.id, birthYear: persons.birthYear, arrivalDate: households.arrivalDate, departureDate: households.departureDate })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(and(eq(persons.id, input.personId), eq(persons.groupId, ctx.groupId)))
    .get();
  if (!person) throw notFound();
  return db.transaction((tx): Result => {
    const version = inForce(tx, ctx.groupId);
    if (!version) return fail("no_version_in_force");
    if (!isPresent(person, today)) return fail("not_present", "personId");
    if (!isAdult(person.birthYear, today)) return fail("not_adult", "personId");
    if (input.signedOn > today) return fail("date_in_future", "signedOn");
    if (version.adoptedOn && input.signedOn < version.adoptedOn) return fail("signed_before_adoption", "signedOn", { date: version.adoptedOn });
    if (signatureOf(tx, version.id, person.id)) return fail("already_signed", "personId");
    tx.insert(charterSignatures)
      .values({ groupId: ctx.groupId, versionId: version.id, personId: person.id, method: "paper", signedOn: input.signedOn, userId: ctx.userId, createdAt: new Date(now) })
      .run();
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "record_paper",
      entity: "charter_version",
      entityId: version.id,
      details: { number: version.number, personId: person.id, signedOn: input.signedOn },
    });
    return { ok: true };
  }, IMMEDIATE);
}

export type SignatureRow = {
  personId: string;
  firstName: string;
  lastName: string | null;
  hasAccount: boolean;
  signedOn: string | null;
  method: SignatureMethod | null;
  recordedByName: string | null;
};

/** Who signed the version in force and who did not: the adults of present households, by household. */
export function listSignatures({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }) {
  requirePermission(ctx, "charter:record_paper");
  const today = todayIn(ctx.group.timeZone, now);
  const version = inForce(db, ctx.groupId);
  const rows = db
    .select({
      personId: persons.id,
      firstName: persons.firstName,
      lastName: persons.lastName,
      birthYear: persons.birthYear,
      userId: persons.userId,
      householdId: households.id,
      householdName: households.name,
      dwelling: households.dwelling,
      arrivalDate: households.arrivalDate,
      departureDate: households.departureDate,
      signedOn: charterSignatures.signedOn,
      method: charterSignatures.method,
      recordedByName: users.name,
    })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .leftJoin(charterSignatures, and(eq(charterSignatures.personId, persons.id), eq(charterSignatures.versionId, version?.id ?? "")))
    .leftJoin(users, eq(users.id, charterSignatures.userId))
    .where(eq(persons.groupId, ctx.groupId))
    .orderBy(asc(households.dwelling), asc(households.name), sql`${persons.birthYear} is null`, asc(persons.birthYear), asc(persons.firstName))
    .all()
    .filter((r) => isPresent(r, today) && isAdult(r.birthYear, today));
  const byHousehold: { id: string; name: string; dwelling: string; persons: SignatureRow[] }[] = [];
  for (const r of rows) {
    let h = byHousehold.find((x) => x.id === r.householdId);
    if (!h) byHousehold.push((h = { id: r.householdId, name: r.householdName, dwelling: r.dwelling, persons: [] }));
    h.persons.push({
      personId: r.personId,
      firstName: r.firstName,
      lastName: r.lastName,
      hasAccount: r.userId != null,
      signedOn: r.signedOn,
      method: r.method,
      recordedByName: r.method === "paper" ? r.recordedByName : null,
    });
  }
  return {
    today,
    version: version ? summary(version) : null,
    households: byHousehold,
    figures: charterFigures({ scope: ctx, at: today }),
  };
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
      .select({ id: charterVersions.id, number: charterVersions.number, title: charterVersions.title, signed: charterSignatures.id, birthYear: persons.birthYear })
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

// -------------------------------------------------------------------------------------------------
// Figures for evaluation

export type CharterFigures = {
  versionId: string | null;
  versionNumber: number | null;
  adoptedOn: string | null;
  adults: number;
  adultsSigned: number;
  households: number;
  householdsSigned: number;
};

/**
 * On `at` (a calendar date, default today in the group's time zone): the version in force that day (the
 * latest adopted on or before it), the adults of the households present that day (18+ in that year; birth
 * year unknown counts as adult), how many of them had signed it by that day, the present households with
 * at least one adult, and how many of them had at least one adult who signed. Taken by the group id (the
 * evaluation module authorises its callers).
 */
export function charterFigures({ scope: { groupId }, at }: { scope: GroupScoped; at?: string }): CharterFigures {
  const group = db.select({ timeZone: groups.timeZone }).from(groups).where(eq(groups.id, groupId)).get();
  if (!group) throw notFound();
  const day = at ?? todayIn(group.timeZone);
  const version = db
    .select({ id: charterVersions.id, number: charterVersions.number, adoptedOn: charterVersions.adoptedOn })
    .from(charterVersions)
    .where(
      and(
        eq(charterVersions.groupId, groupId),
        inArray(charterVersions.status, ["adopted", "superseded"]),
        sql`${charterVersions.adoptedOn} <= ${day}`,
      ),
    )
    .orderBy(desc(charterVersions.adoptedOn), desc(charterVersions.number))
    .get();
  const people = db
    .select({
      personId: persons.id,
      householdId: persons.householdId,
      birthYear: persons.birthYear,
      arrivalDate: households.arrivalDate,
      departureDate: households.departureDate,
    })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(persons.groupId, groupId))
    .all()
    .filter((p) => isPresent(p, day) && isAdult(p.birthYear, day));
  const signed = new Set(
    version
      ? db
          .select({ personId: charterSignatures.personId })
          .from(charterSignatures)
          .where(and(eq(charterSignatures.groupId, groupId), eq(charterSignatures.versionId, version.id), sql`${charterSignatures.signedOn} <= ${day}`))
          .all()
          .map((s) => s.personId)
      : [],
  );
  const householdIds = new Set(people.map((p) => p.householdId));
  const signedHouseholds = new Set(people.filter((p) => signed.has(p.personId)).map((p) => p.householdId));
  return {
    versionId: version?.id ?? null,
    versionNumber: version?.number ?? null,
    adoptedOn: version?.adoptedOn ?? null,
    adults: people.length,
    adultsSigned: people.filter((p) => signed.has(p.personId)).length,
    households: householdIds.size,
    householdsSigned: signedHouseholds.size,
  };
}
