// What a meal cost and who pays: cost lines (head cook or facilitator), the split by portions, closing a meal (its
// ledger lines written and its figures frozen), and each household's balance (decision 014).
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { eventOccurrences, eventSignups, households, mealAssignments, mealCosts, mealLedger, mealRoles } from "~db/schema";
import { can } from "~/modules/access/access.server";
import { ForbiddenError, NotFoundError } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { refuse } from "~/modules/core/result";
import { findHousehold } from "~/modules/access/lookups.server";
import { findOccurrence, triggerError, type Ctx, type Occurrence, type Q, type Result } from "./lookups.server";
import { isHeadCook, mealProblems } from "./roles.server";
import { balancesOf, costPerPortion, halfPortionsOf, mealLedgerLines, placesOf, problem, splitCost, type Balance, type LedgerLine } from "./rules";
import type { CostInput } from "./schemas";

function mayHandleMoney(ctx: Ctx, occurrenceId: string) {
  if (can(ctx, "meal:cost")) return;
  if (isHeadCook(db, ctx, occurrenceId)) return;
  throw new ForbiddenError();
}

function headCookHousehold(q: Q, occurrenceId: string): string | null {
  return (
    q
      .select({ householdId: mealAssignments.householdId })
      .from(mealAssignments)
      .innerJoin(mealRoles, eq(mealRoles.id, mealAssignments.roleId))
      .where(and(eq(mealAssignments.occurrenceId, occurrenceId), eq(mealRoles.role, "head_cook")))
      .orderBy(asc(mealAssignments.createdAt))
      .get()?.householdId ?? null
  );
}

/**
 * Records what was spent for a meal (head cook or facilitator). Paid by the named household (facilitators
 * may name any of the group), else the head cook's household, else the recorder's. A form sent twice (a
 * second tap, a resent POST) carries the same `submissionId`: the cost it recorded is answered again,
 * `duplicate`, and nothing is written (unique index behind the check).
 */
export function recordCost({ ctx, occurrenceId, input }: { ctx: Ctx; occurrenceId: string; input: CostInput }): Result<{ costId: string; duplicate: boolean }> {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  mayHandleMoney(ctx, occ.id);
  const early = mealProblems(occ, series);
  if (early.length) return refuse(...early);
  const named = input.paidByHouseholdId && can(ctx, "meal:cost") ? findHousehold(ctx, input.paidByHouseholdId).id : null;
  const paidBy = named ?? headCookHousehold(db, occ.id) ?? ctx.householdId;
  if (!paidBy) return refuse(problem("no_payer", "paidByHouseholdId"));
  const submissionId = input.submissionId || null;
  return db.transaction(
    (tx): Result<{ costId: string; duplicate: boolean }> => {
      const earlier = submissionId ? sentBefore(tx, ctx, submissionId) : null;
      if (earlier) return { ok: true, costId: earlier, duplicate: true };
      let id: string;
      try {
        id = tx
          .insert(mealCosts)
          .values({
            groupId: ctx.groupId,
            occurrenceId: occ.id,
            amountCents: input.amount,
            paidByHouseholdId: paidBy,
            note: input.note ?? "",
            submissionId,
            createdBy: ctx.userId,
          })
          .returning({ id: mealCosts.id })
          .get().id;
      } catch (e) {
        if (triggerError(e) === "meal_closed") return refuse(problem("meal_closed"));
        throw e;
      }
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "create",
        entity: "meal_cost",
        entityId: id,
        details: { occurrenceId: occ.id, amountCents: input.amount, paidByHouseholdId: paidBy, note: input.note },
      });
      return { ok: true, costId: id, duplicate: false };
    },
    { behavior: "immediate" },
  );
}

/** The cost a form's one-time token already recorded in this group, if any. */
function sentBefore(q: Q, ctx: Ctx, submissionId: string): string | null {
  return (
    q
      .select({ id: mealCosts.id })
      .from(mealCosts)
      .where(and(eq(mealCosts.groupId, ctx.groupId), eq(mealCosts.submissionId, submissionId)))
      .get()?.id ?? null
  );
}

/** Removes a cost line recorded by mistake (head cook or facilitator), before the meal is closed. */
export function removeCost({ ctx, costId }: { ctx: Ctx; costId: string }): Result {
  const cost = db
    .select()
    .from(mealCosts)
    .where(and(eq(mealCosts.id, costId), eq(mealCosts.groupId, ctx.groupId)))
    .get();
  if (!cost) throw new NotFoundError();
  mayHandleMoney(ctx, cost.occurrenceId);
  return db.transaction(
    (tx): Result => {
      const closed = tx
        .select({ closedAt: eventOccurrences.closedAt })
        .from(eventOccurrences)
        .where(eq(eventOccurrences.id, cost.occurrenceId))
        .get()?.closedAt;
      if (closed) return refuse(problem("meal_closed"));
      tx.delete(mealCosts)
        .where(and(eq(mealCosts.id, cost.id), eq(mealCosts.groupId, ctx.groupId)))
        .run();
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "delete",
        entity: "meal_cost",
        entityId: cost.id,
        details: { occurrenceId: cost.occurrenceId, amountCents: cost.amountCents, paidByHouseholdId: cost.paidByHouseholdId },
      });
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

export type MealSplit = {
  costCents: number;
  halfPortions: number;
  /** Cents per portion, a fraction (display only); null without portions. */
  perPortionCents: number | null;
  /** Per household: its half-portions and share, summing exactly to costCents. */
  shares: { householdId: string; householdName: string; halfPortions: number; cents: number }[];
};

/** The split as it stands (open meal) or as frozen (closed meal: from the ledger). */
export function splitOf(q: Q, occ: Occurrence): MealSplit {
  if (occ.closedAt) {
    const lines = q
      .select({
        householdId: mealLedger.householdId,
        householdName: households.name,
        amountCents: mealLedger.amountCents,
        halfPortions: mealLedger.halfPortions,
      })
      .from(mealLedger)
      .innerJoin(households, eq(households.id, mealLedger.householdId))
      .where(and(eq(mealLedger.occurrenceId, occ.id), eq(mealLedger.kind, "eaten")))
      .orderBy(asc(households.name))
      .all();
    const costCents = occ.frozenCostCents ?? 0;
    const halfPortions = occ.frozenHalfPortions ?? 0;
    return { costCents, halfPortions, perPortionCents: costPerPortion(costCents, halfPortions), shares: lines.map((l) => ({ ...l, cents: -l.amountCents })) };
  }
  const costCents =
    q
      .select({ n: sql<number>`coalesce(sum(${mealCosts.amountCents}), 0)` })
      .from(mealCosts)
      .where(eq(mealCosts.occurrenceId, occ.id))
      .get()?.n ?? 0;
  const eaters = q
    .select({
      householdId: eventSignups.householdId,
      householdName: households.name,
      adults: eventSignups.adults,
      children: eventSignups.children,
      infants: eventSignups.infants,
      guests: eventSignups.guests,
    })
    .from(eventSignups)
    .innerJoin(households, eq(households.id, eventSignups.householdId))
    .where(and(eq(eventSignups.occurrenceId, occ.id), eq(eventSignups.status, "confirmed")))
    .orderBy(asc(households.name))
    .all()
    .map((e) => ({ householdId: e.householdId, householdName: e.householdName, halfPortions: halfPortionsOf(e) }))
    .filter((e) => e.halfPortions > 0);
  const halfPortions = eaters.reduce((s, e) => s + e.halfPortions, 0);
  const cents = halfPortions
    ? new Map(
        splitCost(
          costCents,
          eaters.map((e) => ({ key: e.householdId, weight: e.halfPortions })),
        ).map((s) => [s.key, s.cents]),
      )
    : new Map<string, number>();
  return {
    costCents,
    halfPortions,
    perPortionCents: costPerPortion(costCents, halfPortions),
    shares: eaters.map((e) => ({ ...e, cents: cents.get(e.householdId) ?? 0 })),
  };
}

/**
 * Closes a meal once it has started (head cook or facilitator): its cost is split between the confirmed
 * households by portions, the ledger lines are written, and its figures are frozen. A closed meal
 * refuses every change after (module checks, and triggers behind them).
 */
export function closeMeal({
  ctx,
  occurrenceId,
  now = Date.now(),
}: {
  ctx: Ctx;
  occurrenceId: string;
  now?: number;
}): Result<{ costCents: number; halfPortions: number; lines: LedgerLine[] }> {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  mayHandleMoney(ctx, occ.id);
  const early = mealProblems(occ, series);
  if (early.length) return refuse(...early);
  if (now < occ.startsAt.getTime()) return refuse(problem("not_started"));
  return db.transaction(
    (tx): Result<{ costCents: number; halfPortions: number; lines: LedgerLine[] }> => {
      const fresh = tx.select().from(eventOccurrences).where(eq(eventOccurrences.id, occ.id)).get()!;
      const again = mealProblems(fresh, series);
      if (again.length) return refuse(...again);
      const costs = tx
        .select({ paidByHouseholdId: mealCosts.paidByHouseholdId, amountCents: mealCosts.amountCents })
        .from(mealCosts)
        .where(eq(mealCosts.occurrenceId, occ.id))
        .all();
      const signups = tx
        .select()
        .from(eventSignups)
        .where(and(eq(eventSignups.occurrenceId, occ.id), eq(eventSignups.status, "confirmed")))
        .all();
      const eaters = signups.map((s) => ({ householdId: s.householdId, halfPortions: halfPortionsOf(s) }));
      const costCents = costs.reduce((s, c) => s + c.amountCents, 0);
      const halfPortions = eaters.reduce((s, e) => s + e.halfPortions, 0);
      if (costCents > 0 && halfPortions === 0) return refuse(problem("no_eaters"));
      const lines = mealLedgerLines({ costs, eaters });
      tx.update(eventOccurrences)
        .set({
          closedAt: new Date(now),
          closedBy: ctx.userId,
          frozenCostCents: costCents,
          frozenHalfPortions: halfPortions,
          frozenPersons: signups.reduce((s, x) => s + placesOf(x), 0),
        })
        .where(eq(eventOccurrences.id, occ.id))
        .run();
      if (lines.length)
        tx.insert(mealLedger)
          .values(lines.map((l) => ({ ...l, groupId: ctx.groupId, occurrenceId: occ.id })))
          .run();
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "close",
        entity: "event_occurrence",
        entityId: occ.id,
        details: { costCents, halfPortions, lines },
      });
      return { ok: true, costCents, halfPortions, lines };
    },
    { behavior: "immediate" },
  );
}

type HouseholdBalance = Balance & { householdName: string };

type GroupMealTotals = { households: number; meals: number; paidCents: number; eatenCents: number };

/**
 * Each household's meal balance (paid as cook minus eaten, closed meals only); they sum to zero over the group.
 * Money is the household's own (issue 16): by name for meal_balance:read:any, otherwise the member's own
 * household only, beside the group's totals that anyone may check.
 */
export function mealBalances({ ctx }: { ctx: Ctx }): { households: HouseholdBalance[]; totalCents: number; totals: GroupMealTotals; seesAll: boolean } {
  const lines = db
    .select({ householdId: mealLedger.householdId, kind: mealLedger.kind, amountCents: mealLedger.amountCents, occurrenceId: mealLedger.occurrenceId })
    .from(mealLedger)
    .where(eq(mealLedger.groupId, ctx.groupId))
    .all();
  const names = new Map(
    db
      .select({ id: households.id, name: households.name })
      .from(households)
      .where(eq(households.groupId, ctx.groupId))
      .all()
      .map((h) => [h.id, h.name]),
  );
  const all = balancesOf(lines);
  const totals: GroupMealTotals = {
    households: all.length,
    meals: new Set(lines.map((l) => l.occurrenceId)).size,
    paidCents: all.reduce((s, b) => s + b.paidCents, 0),
    eatenCents: all.reduce((s, b) => s + b.eatenCents, 0),
  };
  const seesAll = can(ctx, "meal_balance:read:any");
  const list = all
    .filter((b) => seesAll || b.householdId === ctx.householdId)
    .map((b) => ({ ...b, householdName: names.get(b.householdId) ?? "" }))
    .sort((a, b) => a.householdName.localeCompare(b.householdName, "fr"));
  return { households: list, totalCents: all.reduce((s, b) => s + b.balanceCents, 0), totals, seesAll };
}
