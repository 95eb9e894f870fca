// Skill exchange: offers and requests, the exchanges between two households, the time bank (balances and
// history), the care safeguards and the figures the evaluation module reads. Every query is scoped by
// ctx.groupId; the rules (who may do what, hours, care, age bands) are in rules.ts.
import { aliasedTable, and, desc, eq, gte, inArray, or, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { approvedCarers, exchangePosts, exchanges, exchangeSettings, groups, households, persons, timeMovements } from "~db/schema";
import { OPEN_EXCHANGE_STATUSES, type ExchangeCategory, type ExchangePostKind, type ExchangeStatus } from "~db/schema/enums";
import type { MemberContext } from "~/modules/access/access.server";
import { requireScopePermission, type GroupScoped } from "~/modules/access/scope.server";
import { can, requirePermission } from "~/modules/access/access.server";
import { forbidden, notFound } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { utcToZoned } from "~/modules/core/recurrence";
import {
  AGE_BANDS,
  NEW_FOR_MS,
  ageBand,
  allowedActions,
  canDo,
  checkCareGiver,
  checkMinutes,
  isBelowMinimum,
  movementsFor,
  nextStatus,
  openRoles,
  sideOf,
  type AgeBand,
  type ExchangeAction,
  type Problem,
  type Side,
} from "./rules";
import type { ExchangeActionInput, ExchangeSettingsInput, OpenExchangeInput, PostInput, PostStatusInput } from "./schemas";

type Ctx = MemberContext;
type Q = Pick<typeof db, "select">;
export type Post = typeof exchangePosts.$inferSelect;
export type Exchange = typeof exchanges.$inferSelect;
export type { Problem } from "./rules";
type Result<T = object> = ({ ok: true } & T) | { ok: false; problems: Problem[] };

const OPEN = [...OPEN_EXCHANGE_STATUSES];
const fail = (code: Problem["code"], field: string | null = null, params: Problem["params"] = {}): { ok: false; problems: Problem[] } => ({
  ok: false,
  problems: [{ code, field, params }],
});

// -------------------------------------------------------------------------------------------------
// Settings and approved carers

export type ExchangeSettings = { minBalanceMinutes: number; careRestricted: boolean };
const DEFAULT_SETTINGS: ExchangeSettings = { minBalanceMinutes: -600, careRestricted: false };

function settingsOf(q: Q, groupId: string): ExchangeSettings {
  const row = q
    .select({ minBalanceMinutes: exchangeSettings.minBalanceMinutes, careRestricted: exchangeSettings.careRestricted })
    .from(exchangeSettings)
    .where(eq(exchangeSettings.groupId, groupId))
    .get();
  return row ?? DEFAULT_SETTINGS;
}

export function getSettings({ ctx }: { ctx: Ctx }): ExchangeSettings {
  requirePermission(ctx, "exchange:use");
  return settingsOf(db, ctx.groupId);
}

export function updateSettings({ ctx, input }: { ctx: Ctx; input: ExchangeSettingsInput }): { ok: true } {
  requirePermission(ctx, "exchange:settle");
  const values = { minBalanceMinutes: input.minBalanceHours * 60, careRestricted: input.careRestricted ?? false };
  db.transaction(
    (tx) => {
      tx.insert(exchangeSettings)
        .values({ groupId: ctx.groupId, ...values })
        .onConflictDoUpdate({ target: exchangeSettings.groupId, set: values })
        .run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "exchange_settings", entityId: ctx.groupId, details: values });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

function findPerson(q: Q, ctx: Ctx, personId: string) {
  const person = q
    .select({ id: persons.id, firstName: persons.firstName, birthYear: persons.birthYear, householdId: persons.householdId })
    .from(persons)
    .where(and(eq(persons.id, personId), eq(persons.groupId, ctx.groupId)))
    .get();
  if (!person) throw notFound();
  return person;
}

export function listApprovedCarers({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx, "exchange:use");
  return db
    .select({ personId: persons.id, firstName: persons.firstName, householdName: households.name })
    .from(approvedCarers)
    .innerJoin(persons, eq(persons.id, approvedCarers.personId))
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(approvedCarers.groupId, ctx.groupId))
    .orderBy(persons.firstName)
    .all();
}

export function approveCarer({ ctx, personId }: { ctx: Ctx; personId: string }): { ok: true } {
  findPerson(db, ctx, personId);
  requirePermission(ctx, "exchange:settle");
  db.transaction(
    (tx) => {
      tx.insert(approvedCarers).values({ groupId: ctx.groupId, personId, approvedBy: ctx.userId }).onConflictDoNothing().run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "approved_carer", entityId: personId });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

export function removeCarer({ ctx, personId }: { ctx: Ctx; personId: string }): { ok: true } {
  findPerson(db, ctx, personId);
  requirePermission(ctx, "exchange:settle");
  db.transaction(
    (tx) => {
      tx.delete(approvedCarers)
        .where(and(eq(approvedCarers.groupId, ctx.groupId), eq(approvedCarers.personId, personId)))
        .run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "delete", entity: "approved_carer", entityId: personId });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

/** The care safeguards for a giver (a person of the group, or unknown). */
function careProblems(q: Q, ctx: Ctx, category: ExchangeCategory, giverPersonId: string | null, now: number): Problem[] {
  const settings = settingsOf(q, ctx.groupId);
  const giver = giverPersonId ? findPerson(q, ctx, giverPersonId) : null;
  const approved = giverPersonId
    ? !!q
        .select({ id: approvedCarers.id })
        .from(approvedCarers)
        .where(and(eq(approvedCarers.groupId, ctx.groupId), eq(approvedCarers.personId, giverPersonId)))
        .get()
    : false;
  const year = Number(utcToZoned(now, ctx.group.timeZone).date.slice(0, 4));
  return checkCareGiver({ category, giverBirthYear: giver?.birthYear ?? null, approved, careRestricted: settings.careRestricted, year });
}

// -------------------------------------------------------------------------------------------------
// Posts

export type PostListItem = {
  id: string;
  kind: ExchangePostKind;
  title: string;
  category: ExchangeCategory;
  description: string;
  availability: string;
  status: Post["status"];
  householdId: string;
  householdName: string;
  personFirstName: string | null;
  createdAt: number;
};

const postColumns = {
  id: exchangePosts.id,
  kind: exchangePosts.kind,
  title: exchangePosts.title,
  category: exchangePosts.category,
  description: exchangePosts.description,
  availability: exchangePosts.availability,
  status: exchangePosts.status,
  householdId: exchangePosts.householdId,
  householdName: households.name,
  personFirstName: persons.firstName,
  createdAt: exchangePosts.createdAt,
};

function postQuery(ctx: Ctx) {
  return db
    .select(postColumns)
    .from(exchangePosts)
    .innerJoin(households, eq(households.id, exchangePosts.householdId))
    .leftJoin(persons, eq(persons.id, exchangePosts.personId))
    .$dynamic();
}
const toPostItem = (r: Omit<PostListItem, "createdAt"> & { createdAt: Date }): PostListItem => ({ ...r, createdAt: r.createdAt.getTime() });

/** The group's active posts, newest first, filtered by kind, category and words of the title or description. */
export function listPosts({ ctx, kind, category, q }: { ctx: Ctx; kind?: ExchangePostKind; category?: ExchangeCategory; q?: string }): PostListItem[] {
  requirePermission(ctx, "exchange:use");
  const words = (q ?? "").trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  const escape = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return postQuery(ctx)
    .where(
      and(
        eq(exchangePosts.groupId, ctx.groupId),
        eq(exchangePosts.status, "active"),
        kind ? eq(exchangePosts.kind, kind) : undefined,
        category ? eq(exchangePosts.category, category) : undefined,
        ...words.map((w) =>
          or(sql`lower(${exchangePosts.title}) like ${escape(w)} escape '\\'`, sql`lower(${exchangePosts.description}) like ${escape(w)} escape '\\'`),
        ),
      ),
    )
    .orderBy(desc(exchangePosts.createdAt))
    .limit(200)
    .all()
    .map(toPostItem);
}

/** A household's own posts, whatever their status. */
export function listMyPosts({ ctx }: { ctx: Ctx }): PostListItem[] {
  requirePermission(ctx, "exchange:use");
  if (!ctx.householdId) return [];
  return postQuery(ctx)
    .where(and(eq(exchangePosts.groupId, ctx.groupId), eq(exchangePosts.householdId, ctx.householdId)))
    .orderBy(desc(exchangePosts.createdAt))
    .all()
    .map(toPostItem);
}

function findPost(q: Q, ctx: Ctx, postId: string): Post {
  const post = q
    .select()
    .from(exchangePosts)
    .where(and(eq(exchangePosts.id, postId), eq(exchangePosts.groupId, ctx.groupId)))
    .get();
  if (!post) throw notFound();
  return post;
}

/** A post, with what the viewer may do: answer it (another household, active) or change its status (its household, a facilitator). */
export function getPost({ ctx, postId }: { ctx: Ctx; postId: string }): {
  post: PostListItem;
  canAnswer: boolean;
  canManage: boolean;
  myOpenExchangeId: string | null;
} {
  requirePermission(ctx, "exchange:use");
  const row = postQuery(ctx)
    .where(and(eq(exchangePosts.id, postId), eq(exchangePosts.groupId, ctx.groupId)))
    .get();
  if (!row) throw notFound();
  const post = toPostItem(row);
  const mine = ctx.householdId === post.householdId;
  const myOpen = ctx.householdId
    ? db
        .select({ id: exchanges.id })
        .from(exchanges)
        .where(
          and(
            eq(exchanges.groupId, ctx.groupId),
            eq(exchanges.postId, postId),
            inArray(exchanges.status, OPEN),
            or(eq(exchanges.giverHouseholdId, ctx.householdId), eq(exchanges.receiverHouseholdId, ctx.householdId)),
          ),
        )
        .get()
    : undefined;
  return {
    post,
    canAnswer: !!ctx.householdId && !mine && post.status === "active" && !myOpen,
    canManage: mine || can(ctx, "exchange:settle"),
    myOpenExchangeId: myOpen?.id ?? null,
  };
}

/** An offer or a request, by the person on behalf of their household. A care offer checks the care rules. */
export function createPost({ ctx, input, now = Date.now() }: { ctx: Ctx; input: PostInput; now?: number }): Result<{ id: string }> {
  requirePermission(ctx, "exchange:use");
  if (!ctx.householdId) return fail("no_household");
  const householdId = ctx.householdId;
  if (input.kind === "offer") {
    const problems = careProblems(db, ctx, input.category, ctx.personId, now);
    if (problems.length) return { ok: false, problems };
  }
  const id = db.transaction(
    (tx) => {
      const row = tx
        .insert(exchangePosts)
        .values({
          groupId: ctx.groupId,
          kind: input.kind,
          title: input.title,
          category: input.category,
          description: input.description ?? "",
          availability: input.availability ?? "",
          personId: ctx.personId,
          householdId,
          createdBy: ctx.userId,
          status: "active",
          createdAt: new Date(now),
          updatedAt: new Date(now),
        })
        .returning({ id: exchangePosts.id })
        .get();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "exchange_post", entityId: row.id, details: { ...input } });
      return row.id;
    },
    { behavior: "immediate" },
  );
  return { ok: true, id };
}

/** Pause, close or reopen a post: its household, or a facilitator. */
export function updatePostStatus({ ctx, postId, input }: { ctx: Ctx; postId: string; input: PostStatusInput }): { ok: true } {
  const post = findPost(db, ctx, postId);
  requirePermission(ctx, "exchange:use");
  if (post.householdId !== ctx.householdId && !can(ctx, "exchange:settle")) throw forbidden();
  db.transaction(
    (tx) => {
      tx.update(exchangePosts)
        .set({ status: input.status })
        .where(and(eq(exchangePosts.id, postId), eq(exchangePosts.groupId, ctx.groupId)))
        .run();
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "update",
        entity: "exchange_post",
        entityId: postId,
        details: { status: { before: post.status, after: input.status } },
      });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

// -------------------------------------------------------------------------------------------------
// Exchanges

/** "I can help" on a request, "I'm interested" on an offer: a proposed exchange between the two households. */
export function openExchange({ ctx, postId, input, now = Date.now() }: { ctx: Ctx; postId: string; input?: OpenExchangeInput; now?: number }): Result<{ id: string }> {
  const post = findPost(db, ctx, postId);
  requirePermission(ctx, "exchange:use");
  if (post.status !== "active") return fail("post_not_active");
  const roles = openRoles({ postKind: post.kind, postHouseholdId: post.householdId, postPersonId: post.personId, myHouseholdId: ctx.householdId, myPersonId: ctx.personId });
  if (!roles.ok) return roles;
  const opener = ctx.householdId as string;
  return db.transaction(
    (tx): Result<{ id: string }> => {
      const already = tx
        .select({ id: exchanges.id })
        .from(exchanges)
        .where(
          and(
            eq(exchanges.groupId, ctx.groupId),
            eq(exchanges.postId, postId),
            inArray(exchanges.status, OPEN),
            or(eq(exchanges.giverHouseholdId, opener), eq(exchanges.receiverHouseholdId, opener)),
          ),
        )
        .get();
      if (already) return fail("already_open", null, { id: already.id });
      const care = careProblems(tx, ctx, post.category, roles.giverPersonId, now);
      if (care.length) return { ok: false, problems: care };
      const row = tx
        .insert(exchanges)
        .values({
          groupId: ctx.groupId,
          postId,
          giverHouseholdId: roles.giverHouseholdId,
          receiverHouseholdId: roles.receiverHouseholdId,
          giverPersonId: roles.giverPersonId,
          receiverPersonId: roles.receiverPersonId,
          openedByHouseholdId: opener,
          status: "proposed",
          message: input?.message ?? "",
          createdAt: new Date(now),
          updatedAt: new Date(now),
        })
        .returning({ id: exchanges.id })
        .get();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "exchange", entityId: row.id, details: { postId, ...roles } });
      return { ok: true, id: row.id };
    },
    { behavior: "immediate" },
  );
}

function findExchange(q: Q, ctx: Ctx, exchangeId: string): Exchange {
  const row = q
    .select()
    .from(exchanges)
    .where(and(eq(exchanges.id, exchangeId), eq(exchanges.groupId, ctx.groupId)))
    .get();
  if (!row) throw notFound();
  return row;
}

/** Parties and facilitators only: a member of the group who is neither gets 403 (they know the group). */
function requireParty(ctx: Ctx, exchange: Exchange): Side {
  requirePermission(ctx, "exchange:use");
  const side = sideOf(exchange, ctx.householdId);
  if (side === null && !can(ctx, "exchange:settle")) throw forbidden();
  return side;
}

export type ExchangeView = Exchange & {
  postTitle: string;
  postKind: ExchangePostKind;
  category: ExchangeCategory;
  giverName: string;
  receiverName: string;
  side: Side;
  actions: ExchangeAction[];
};

const giverH = aliasedTable(households, "giver_h");
const receiverH = aliasedTable(households, "receiver_h");
function exchangeQuery() {
  return db
    .select({
      exchange: exchanges,
      postTitle: exchangePosts.title,
      postKind: exchangePosts.kind,
      category: exchangePosts.category,
      giverName: giverH.name,
      receiverName: receiverH.name,
    })
    .from(exchanges)
    .innerJoin(exchangePosts, eq(exchangePosts.id, exchanges.postId))
    .innerJoin(giverH, eq(giverH.id, exchanges.giverHouseholdId))
    .innerJoin(receiverH, eq(receiverH.id, exchanges.receiverHouseholdId))
    .$dynamic();
}
type ExchangeRow = { exchange: Exchange; postTitle: string; postKind: ExchangePostKind; category: ExchangeCategory; giverName: string; receiverName: string };
function toView(ctx: Ctx, r: ExchangeRow): ExchangeView {
  const side = sideOf(r.exchange, ctx.householdId);
  const { exchange, ...rest } = r;
  return { ...exchange, ...rest, side, actions: allowedActions(exchange.status, side, can(ctx, "exchange:settle")) };
}

export function getExchange({ ctx, exchangeId }: { ctx: Ctx; exchangeId: string }): ExchangeView {
  const exchange = findExchange(db, ctx, exchangeId);
  requireParty(ctx, exchange);
  const row = exchangeQuery()
    .where(and(eq(exchanges.id, exchangeId), eq(exchanges.groupId, ctx.groupId)))
    .get();
  if (!row) throw notFound();
  return toView(ctx, row);
}

/** The exchanges of the viewer's household, open ones first, then the latest. */
export function listMyExchanges({ ctx, openOnly = false }: { ctx: Ctx; openOnly?: boolean }): ExchangeView[] {
  requirePermission(ctx, "exchange:use");
  if (!ctx.householdId) return [];
  return exchangeQuery()
    .where(
      and(
        eq(exchanges.groupId, ctx.groupId),
        or(eq(exchanges.giverHouseholdId, ctx.householdId), eq(exchanges.receiverHouseholdId, ctx.householdId)),
        openOnly ? inArray(exchanges.status, OPEN) : undefined,
      ),
    )
    .orderBy(desc(exchanges.updatedAt))
    .limit(200)
    .all()
    .map((r) => toView(ctx, r))
    .sort((a, b) => Number(OPEN.includes(b.status as (typeof OPEN)[number])) - Number(OPEN.includes(a.status as (typeof OPEN)[number])));
}

/** Exchanges waiting for a facilitator (disputed). */
export function listDisputes({ ctx }: { ctx: Ctx }): ExchangeView[] {
  requirePermission(ctx, "exchange:settle");
  return exchangeQuery()
    .where(and(eq(exchanges.groupId, ctx.groupId), eq(exchanges.status, "disputed")))
    .orderBy(desc(exchanges.updatedAt))
    .all()
    .map((r) => toView(ctx, r));
}

/**
 * One state change, checked and written in one IMMEDIATE transaction: the state is read again inside it,
 * so two clicks (or the two sides at once) cannot both move it. A done exchange writes its two movements
 * in the same transaction.
 */
function transition(
  ctx: Ctx,
  exchangeId: string,
  action: ExchangeAction,
  changes: { agreedDate?: string; minutes?: number; thanks?: string; disputeReason?: string },
  now: number,
): Result<{ status: ExchangeStatus }> {
  requireParty(ctx, findExchange(db, ctx, exchangeId));
  if (changes.minutes !== undefined) {
    const problems = checkMinutes(changes.minutes);
    if (problems.length) return { ok: false, problems };
  }
  return db.transaction(
    (tx): Result<{ status: ExchangeStatus }> => {
      const exchange = findExchange(tx, ctx, exchangeId);
      const side = sideOf(exchange, ctx.householdId);
      if (!canDo({ status: exchange.status, side, action, canSettle: can(ctx, "exchange:settle") })) return fail("not_allowed", null, { status: exchange.status });
      const status = nextStatus(action, exchange.status);
      const done = status === "done" && exchange.status !== "done";
      tx.update(exchanges)
        .set({
          status,
          updatedAt: new Date(now),
          ...(changes.agreedDate !== undefined ? { agreedDate: changes.agreedDate } : {}),
          ...(changes.thanks ? { thanks: changes.thanks } : {}),
          ...(changes.disputeReason !== undefined ? { disputeReason: changes.disputeReason } : {}),
          ...(done ? { minutes: changes.minutes, confirmedBy: ctx.userId, confirmedAt: new Date(now) } : {}),
          ...(status === "cancelled" ? { cancelledBy: ctx.userId } : {}),
        })
        .where(and(eq(exchanges.id, exchangeId), eq(exchanges.groupId, ctx.groupId)))
        .run();
      if (done) {
        tx.insert(timeMovements)
          .values(movementsFor(exchange, changes.minutes as number).map((m) => ({ groupId: ctx.groupId, exchangeId, ...m, createdAt: new Date(now) })))
          .run();
      }
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action,
        entity: "exchange",
        entityId: exchangeId,
        details: { status: { before: exchange.status, after: status }, ...changes },
      });
      return { ok: true, status };
    },
    { behavior: "immediate" },
  );
}

export function agreeExchange({ ctx, exchangeId, agreedDate, now = Date.now() }: { ctx: Ctx; exchangeId: string; agreedDate: string; now?: number }) {
  if (!agreedDate) return fail("date_required", "agreedDate");
  return transition(ctx, exchangeId, "agree", { agreedDate }, now);
}
/** The receiving side confirms the hours: done, and the two movements are written. */
export function confirmExchange({ ctx, exchangeId, minutes, thanks, now = Date.now() }: { ctx: Ctx; exchangeId: string; minutes: number; thanks?: string; now?: number }) {
  return transition(ctx, exchangeId, "confirm", { minutes, thanks }, now);
}
export function cancelExchange({ ctx, exchangeId, now = Date.now() }: { ctx: Ctx; exchangeId: string; now?: number }) {
  return transition(ctx, exchangeId, "cancel", {}, now);
}
export function disputeExchange({ ctx, exchangeId, reason = "", now = Date.now() }: { ctx: Ctx; exchangeId: string; reason?: string; now?: number }) {
  return transition(ctx, exchangeId, "dispute", { disputeReason: reason }, now);
}
/** A facilitator settles a dispute: done with the hours they decide, or cancelled. */
export function settleExchange({
  ctx,
  exchangeId,
  outcome,
  minutes,
  now = Date.now(),
}: {
  ctx: Ctx;
  exchangeId: string;
  outcome: "done" | "cancelled";
  minutes?: number;
  now?: number;
}) {
  requirePermission(ctx, "exchange:settle");
  if (outcome === "done") return transition(ctx, exchangeId, "settle_done", { minutes: minutes ?? 0 }, now);
  return transition(ctx, exchangeId, "settle_cancel", {}, now);
}
export function thankExchange({ ctx, exchangeId, thanks, now = Date.now() }: { ctx: Ctx; exchangeId: string; thanks: string; now?: number }) {
  return transition(ctx, exchangeId, "thank", { thanks }, now);
}

/** The exchange page's forms, one function. */
export function actOnExchange({ ctx, exchangeId, input, now = Date.now() }: { ctx: Ctx; exchangeId: string; input: ExchangeActionInput; now?: number }) {
  switch (input.intent) {
    case "agree":
      return agreeExchange({ ctx, exchangeId, agreedDate: input.agreedDate, now });
    case "confirm":
      return confirmExchange({ ctx, exchangeId, minutes: input.hours, thanks: input.thanks, now });
    case "cancel":
      return cancelExchange({ ctx, exchangeId, now });
    case "dispute":
      return disputeExchange({ ctx, exchangeId, reason: input.reason, now });
    case "settle_done":
      return settleExchange({ ctx, exchangeId, outcome: "done", minutes: input.hours, now });
    case "settle_cancel":
      return settleExchange({ ctx, exchangeId, outcome: "cancelled", now });
    case "thank":
      return thankExchange({ ctx, exchangeId, thanks: input.thanks, now });
  }
}

// -------------------------------------------------------------------------------------------------
// Time bank

export type Balance = { householdId: string; householdName: string; minutes: number; belowMinimum: boolean };

/** Every household's balance (present households, and departed ones with a balance); flagged below the minimum. */
export function balances({ ctx }: { ctx: Ctx }): { balances: Balance[]; minBalanceMinutes: number } {
  requirePermission(ctx, "exchange:use");
  const { minBalanceMinutes } = settingsOf(db, ctx.groupId);
  const rows = db
    .select({
      householdId: households.id,
      householdName: households.name,
      departed: households.departureDate,
      minutes: sql<number>`coalesce(sum(${timeMovements.minutes}), 0)`,
    })
    .from(households)
    .leftJoin(timeMovements, and(eq(timeMovements.householdId, households.id), eq(timeMovements.groupId, ctx.groupId)))
    .where(eq(households.groupId, ctx.groupId))
    .groupBy(households.id)
    .orderBy(households.name)
    .all();
  return {
    minBalanceMinutes,
    balances: rows
      .filter((r) => !r.departed || r.minutes !== 0)
      .map((r) => ({ householdId: r.householdId, householdName: r.householdName, minutes: Number(r.minutes), belowMinimum: isBelowMinimum(Number(r.minutes), minBalanceMinutes) })),
  };
}

export type HistoryLine = { exchangeId: string; minutes: number; at: number; postTitle: string; otherHouseholdName: string; agreedDate: string | null };

/** A household's movements, newest first: its own household, or a facilitator. Another group's household → 404. */
export function history({ ctx, householdId }: { ctx: Ctx; householdId: string }): { householdName: string; balance: number; lines: HistoryLine[] } {
  const household = db
    .select({ id: households.id, name: households.name })
    .from(households)
    .where(and(eq(households.id, householdId), eq(households.groupId, ctx.groupId)))
    .get();
  if (!household) throw notFound();
  requirePermission(ctx, "exchange:use");
  if (householdId !== ctx.householdId && !can(ctx, "exchange:settle")) throw forbidden();
  const rows = db
    .select({
      exchangeId: exchanges.id,
      minutes: timeMovements.minutes,
      at: timeMovements.createdAt,
      postTitle: exchangePosts.title,
      giverHouseholdId: exchanges.giverHouseholdId,
      giverName: giverH.name,
      receiverName: receiverH.name,
      agreedDate: exchanges.agreedDate,
    })
    .from(timeMovements)
    .innerJoin(exchanges, eq(exchanges.id, timeMovements.exchangeId))
    .innerJoin(exchangePosts, eq(exchangePosts.id, exchanges.postId))
    .innerJoin(giverH, eq(giverH.id, exchanges.giverHouseholdId))
    .innerJoin(receiverH, eq(receiverH.id, exchanges.receiverHouseholdId))
    .where(and(eq(timeMovements.groupId, ctx.groupId), eq(timeMovements.householdId, householdId)))
    .orderBy(desc(timeMovements.createdAt))
    .all();
  const lines: HistoryLine[] = rows.map((r) => ({
    exchangeId: r.exchangeId,
    minutes: r.minutes,
    at: r.at.getTime(),
    postTitle: r.postTitle,
    otherHouseholdName: r.giverHouseholdId === householdId ? r.receiverName : r.giverName,
    agreedDate: r.agreedDate,
  }));
  return { householdName: household.name, balance: lines.reduce((s, l) => s + l.minutes, 0), lines };
}

// -------------------------------------------------------------------------------------------------
// Home

/** For Home: posts of the last 7 days (not one's own), the household's open exchanges, and its balance. */
export function getExchangeHome({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): {
  newThisWeek: PostListItem[];
  myOpenExchanges: ExchangeView[];
  myBalance: number | null;
} {
  requirePermission(ctx, "exchange:use");
  const newThisWeek = postQuery(ctx)
    .where(and(eq(exchangePosts.groupId, ctx.groupId), eq(exchangePosts.status, "active"), gte(exchangePosts.createdAt, new Date(now - NEW_FOR_MS))))
    .orderBy(desc(exchangePosts.createdAt))
    .limit(10)
    .all()
    .map(toPostItem)
    .filter((p) => p.householdId !== ctx.householdId);
  const myBalance = ctx.householdId
    ? Number(
        db
          .select({ m: sql<number>`coalesce(sum(${timeMovements.minutes}), 0)` })
          .from(timeMovements)
          .where(and(eq(timeMovements.groupId, ctx.groupId), eq(timeMovements.householdId, ctx.householdId)))
          .get()?.m ?? 0,
      )
    : null;
  return { newThisWeek, myOpenExchanges: listMyExchanges({ ctx, openOnly: true }), myBalance };
}

// -------------------------------------------------------------------------------------------------
// Figures for evaluation

export type BandPair = { giver: AgeBand; receiver: AgeBand; minutes: number; exchanges: number };
export type ExchangeMonthFigures = {
  month: string;
  exchangesDone: number;
  minutes: number;
  givingHouseholds: number;
  receivingHouseholds: number;
  /** Minutes between different age bands (both known and different) over all minutes; null with no minutes. */
  intergenerationalShare: number | null;
  byAgeBand: BandPair[];
};

/**
 * Per month of [from, to] (calendar dates, inclusive; a done exchange counts in the month of its agreed
 * date): exchanges done, minutes, distinct households giving and receiving, minutes by giver age band ×
 * receiver age band (from the birth years of the two persons, in the year of the exchange). Taken by the
 * group id (the evaluation module authorises its callers).
 */
export function exchangeFigures({ scope, from, to }: { scope: GroupScoped; from: string; to: string }): { from: string; to: string; months: ExchangeMonthFigures[] } {
  requireScopePermission(scope, "exchange:use");
  const groupId = scope.groupId;
  const group = db.select({ id: groups.id }).from(groups).where(eq(groups.id, groupId)).get();
  if (!group) throw notFound();
  const giverP = aliasedTable(persons, "giver_p");
  const receiverP = aliasedTable(persons, "receiver_p");
  const rows = db
    .select({
      agreedDate: exchanges.agreedDate,
      minutes: exchanges.minutes,
      giverHouseholdId: exchanges.giverHouseholdId,
      receiverHouseholdId: exchanges.receiverHouseholdId,
      giverBirthYear: giverP.birthYear,
      receiverBirthYear: receiverP.birthYear,
    })
    .from(exchanges)
    .leftJoin(giverP, eq(giverP.id, exchanges.giverPersonId))
    .leftJoin(receiverP, eq(receiverP.id, exchanges.receiverPersonId))
    .where(and(eq(exchanges.groupId, groupId), eq(exchanges.status, "done"), gte(exchanges.agreedDate, from), sql`${exchanges.agreedDate} <= ${to}`))
    .all();
  const months: ExchangeMonthFigures[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); ) {
    const inMonth = rows.filter((r) => r.agreedDate?.slice(0, 7) === m);
    const byAgeBand: BandPair[] = [];
    let between = 0;
    for (const r of inMonth) {
      const year = Number(m.slice(0, 4));
      const giver = ageBand(r.giverBirthYear, year);
      const receiver = ageBand(r.receiverBirthYear, year);
      const minutes = r.minutes ?? 0;
      const pair = byAgeBand.find((p) => p.giver === giver && p.receiver === receiver);
      if (pair) {
        pair.minutes += minutes;
        pair.exchanges += 1;
      } else byAgeBand.push({ giver, receiver, minutes, exchanges: 1 });
      if (giver !== "unknown" && receiver !== "unknown" && giver !== receiver) between += minutes;
    }
    byAgeBand.sort((a, b) => AGE_BANDS.indexOf(a.giver) - AGE_BANDS.indexOf(b.giver) || AGE_BANDS.indexOf(a.receiver) - AGE_BANDS.indexOf(b.receiver));
    const minutes = inMonth.reduce((s, r) => s + (r.minutes ?? 0), 0);
    months.push({
      month: m,
      exchangesDone: inMonth.length,
      minutes,
      givingHouseholds: new Set(inMonth.map((r) => r.giverHouseholdId)).size,
      receivingHouseholds: new Set(inMonth.map((r) => r.receiverHouseholdId)).size,
      intergenerationalShare: minutes ? between / minutes : null,
      byAgeBand,
    });
    const [y, mo] = m.split("-").map(Number);
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
  }
  return { from, to, months };
}
