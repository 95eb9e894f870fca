// Exchanges between two households: opened on a post, agreed, confirmed by the receiving side (the two
// time-bank movements written in the same transaction), cancelled, disputed and settled; Home's section.
import { and, desc, eq, gte, inArray, or, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { exchangePosts, exchanges, timeMovements } from "~db/schema";
import type { ExchangeCategory, ExchangePostKind, ExchangeStatus } from "~db/schema/enums";
import { can, requirePermission } from "~/modules/access/access.server";
import { ForbiddenError, NotFoundError } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { refuse } from "~/modules/core/result";
import {
  NEW_FOR_MS,
  allowedActions,
  canDo,
  checkMinutes,
  movementsFor,
  nextStatus,
  openRoles,
  problem,
  sideOf,
  type ExchangeAction,
  type Result,
  type Side,
} from "./rules";
import type { ExchangeActionInput, OpenExchangeInput } from "./schemas";
import { giverH, OPEN, openExchangeOf, receiverH, type Ctx, type Q } from "./shared.server";
import { careProblems } from "./settings.server";
import { findPost, postQuery, toPostItem, type PostListItem } from "./posts.server";

export type Exchange = typeof exchanges.$inferSelect;

/** "I can help" on a request, "I'm interested" on an offer: a proposed exchange between the two households. */
export function openExchange({
  ctx,
  postId,
  input,
  now = Date.now(),
}: {
  ctx: Ctx;
  postId: string;
  input?: OpenExchangeInput;
  now?: number;
}): Result<{ id: string }> {
  const post = findPost(db, ctx, postId);
  requirePermission(ctx, "exchange:use");
  if (post.status !== "active") return refuse(problem("post_not_active"));
  const roles = openRoles({
    postKind: post.kind,
    postHouseholdId: post.householdId,
    postPersonId: post.personId,
    myHouseholdId: ctx.householdId,
    myPersonId: ctx.personId,
  });
  if (!roles.ok) return roles;
  const opener = ctx.householdId as string;
  return db.transaction(
    (tx): Result<{ id: string }> => {
      const already = openExchangeOf(tx, ctx, postId, opener);
      if (already) return refuse(problem("already_open", null, { id: already.id }));
      const care = careProblems(tx, ctx, post.category, roles.giverPersonId, now);
      if (care.length) return refuse(...care);
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
  if (!row) throw new NotFoundError();
  return row;
}

/** Parties and facilitators only: a member of the group who is neither gets 403 (they know the group). */
function requireParty(ctx: Ctx, exchange: Exchange): Side {
  requirePermission(ctx, "exchange:use");
  const side = sideOf(exchange, ctx.householdId);
  if (side === null && !can(ctx, "exchange:settle")) throw new ForbiddenError();
  return side;
}

type ExchangeView = Exchange & {
  postTitle: string;
  postKind: ExchangePostKind;
  category: ExchangeCategory;
  giverName: string;
  receiverName: string;
  side: Side;
  actions: ExchangeAction[];
};

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
  if (!row) throw new NotFoundError();
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
    if (problems.length) return refuse(...problems);
  }
  return db.transaction(
    (tx): Result<{ status: ExchangeStatus }> => {
      const exchange = findExchange(tx, ctx, exchangeId);
      const side = sideOf(exchange, ctx.householdId);
      if (!canDo({ status: exchange.status, side, action, canSettle: can(ctx, "exchange:settle") }))
        return refuse(problem("not_allowed", null, { status: exchange.status }));
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
  if (!agreedDate) return refuse(problem("date_required", "agreedDate"));
  return transition(ctx, exchangeId, "agree", { agreedDate }, now);
}
/** The receiving side confirms the hours: done, and the two movements are written. */
export function confirmExchange({
  ctx,
  exchangeId,
  minutes,
  thanks,
  now = Date.now(),
}: {
  ctx: Ctx;
  exchangeId: string;
  minutes: number;
  thanks?: string;
  now?: number;
}) {
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
// Home

/** For Home: posts of the last 7 days (not one's own), the household's open exchanges, and its balance. */
export function getExchangeHome({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): {
  newThisWeek: PostListItem[];
  myOpenExchanges: ExchangeView[];
  myBalance: number | null;
} {
  requirePermission(ctx, "exchange:use");
  const newThisWeek = postQuery()
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
