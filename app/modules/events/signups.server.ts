// Sign-ups and the waiting list. Capacity holds under concurrency: a sign-up is checked and written in one
// IMMEDIATE transaction (two processes serialise on SQLite's write lock), and the triggers of migration 0004 refuse
// a confirmed sign-up beyond capacity and any change to a closed meal, whatever wrote it.
import { and, asc, eq, gte, isNull, lte, ne, sql } from "drizzle-orm";
import { db, type Tx } from "~db/client.server";
import { eventOccurrences, eventSignups } from "~db/schema";
import { can, requirePermission } from "~/modules/access/access.server";
import { ForbiddenError } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { refuse } from "~/modules/core/result";
import { findHousehold } from "~/modules/access/lookups.server";
import { findOccurrence, findSignup, triggerError, type Ctx, type Occurrence, type Q, type Result, type Series, type Signup } from "./lookups.server";
import { notifyPromoted } from "./mail.server";
import { admission, placesLeft, placesOf, problem, promotions, ruleDeadline, ruleGrow, ruleParty, type Problem } from "./rules";
import type { SignupInput } from "./schemas";

const PLACES = sql<number>`coalesce(sum(${eventSignups.adults} + ${eventSignups.children} + ${eventSignups.infants} + ${eventSignups.guests}), 0)`;

export function confirmedPlaces(q: Q, occurrenceId: string, exceptId?: string): number {
  return (
    q
      .select({ n: PLACES })
      .from(eventSignups)
      .where(and(eq(eventSignups.occurrenceId, occurrenceId), eq(eventSignups.status, "confirmed"), exceptId ? ne(eventSignups.id, exceptId) : undefined))
      .get()?.n ?? 0
  );
}

function waitlistOf(q: Q, occurrenceId: string) {
  return q
    .select({
      id: eventSignups.id,
      adults: eventSignups.adults,
      children: eventSignups.children,
      infants: eventSignups.infants,
      guests: eventSignups.guests,
      position: eventSignups.position,
    })
    .from(eventSignups)
    .where(and(eq(eventSignups.occurrenceId, occurrenceId), eq(eventSignups.status, "waitlisted")))
    .orderBy(asc(eventSignups.position))
    .all()
    .map((w) => ({ ...w, position: w.position ?? 0 }));
}

/** Confirms the households at the head of the waiting list while they fit. Returns the sign-ups promoted. */
export function promoteIn(tx: Tx, ctx: Ctx, occurrenceId: string, now: number): string[] {
  const occ = tx
    .select({ capacity: eventOccurrences.capacity, startsAt: eventOccurrences.startsAt, closedAt: eventOccurrences.closedAt })
    .from(eventOccurrences)
    .where(eq(eventOccurrences.id, occurrenceId))
    .get();
  if (!occ || occ.closedAt || occ.startsAt.getTime() <= now) return [];
  const ids = promotions({ capacity: occ.capacity, taken: confirmedPlaces(tx, occurrenceId), waitlist: waitlistOf(tx, occurrenceId) });
  for (const id of ids) {
    tx.update(eventSignups)
      .set({ status: "confirmed", promotedAt: new Date(now) })
      .where(and(eq(eventSignups.id, id), eq(eventSignups.status, "waitlisted")))
      .run();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "promote", entity: "event_signup", entityId: id, details: { occurrenceId } });
  }
  return ids;
}

/** Place in the queue (1 = next) of a waitlisted sign-up. */
export function queueRank(q: Q, occurrenceId: string, position: number | null): number | null {
  if (position == null) return null;
  return (
    q
      .select({ n: sql<number>`count(*)` })
      .from(eventSignups)
      .where(and(eq(eventSignups.occurrenceId, occurrenceId), eq(eventSignups.status, "waitlisted"), lte(eventSignups.position, position)))
      .get()?.n ?? null
  );
}

/** Why an occurrence cannot take a sign-up change now: closed, cancelled, past the deadline (facilitators: until it is closed). */
function writableProblems(ctx: Ctx, occ: Occurrence, series: Series, now: number, field: "adults" | null = null): Problem[] {
  if (occ.closedAt) return [problem("meal_closed")];
  if (occ.status !== "scheduled") return [problem("not_scheduled")];
  if (can(ctx, "signup:any")) return [];
  return ruleDeadline(now, occ.startsAt.getTime(), series.signupDeadlineHours, field);
}

/** Whose sign-up: facilitators may name any household of the group (on its behalf); others sign up their own. */
function signupHousehold(ctx: Ctx, householdId: string | undefined): { householdId: string; onBehalf: boolean } | null {
  if (householdId && can(ctx, "signup:any") && householdId !== ctx.householdId) return { householdId: findHousehold(ctx, householdId).id, onBehalf: true };
  return ctx.householdId ? { householdId: ctx.householdId, onBehalf: false } : null;
}

function mayTouchSignup(ctx: Ctx, s: Signup) {
  if (s.householdId === ctx.householdId && can(ctx, "signup:own")) return;
  if (can(ctx, "signup:any")) return;
  throw new ForbiddenError();
}

const partyOf = (input: Pick<SignupInput, "adults" | "children" | "infants" | "guests">) => ({
  adults: input.adults ?? 0,
  children: input.children ?? 0,
  infants: input.infants ?? 0,
  guests: input.guests ?? 0,
});

/**
 * Signs a household up: confirmed when its party fits and nobody is waiting, else on the waiting list.
 * Checked and written in one IMMEDIATE transaction; the trigger behind it refuses a confirmed sign-up
 * beyond capacity whatever happens (it then joins the waiting list).
 */
export function signUp({
  ctx,
  occurrenceId,
  input,
  now = Date.now(),
}: {
  ctx: Ctx;
  occurrenceId: string;
  input: SignupInput;
  now?: number;
}): Result<{ signupId: string; status: "confirmed" | "waitlisted"; position: number | null }> {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  requirePermission(ctx, "signup:own");
  const who = signupHousehold(ctx, input.householdId);
  if (!who) return refuse(problem("no_household", "householdId"));
  const party = partyOf(input);
  const bad = ruleParty(party);
  if (bad.length) return refuse(...bad);
  const early = writableProblems(ctx, occ, series, now);
  if (early.length) return refuse(...early);
  return db.transaction(
    (tx): Result<{ signupId: string; status: "confirmed" | "waitlisted"; position: number | null }> => {
      // Read again inside the write lock: the occurrence may have been closed or cancelled meanwhile.
      const fresh = tx.select().from(eventOccurrences).where(eq(eventOccurrences.id, occ.id)).get()!;
      const late = writableProblems(ctx, fresh, series, now);
      if (late.length) return refuse(...late);
      const existing = tx
        .select({ id: eventSignups.id })
        .from(eventSignups)
        .where(and(eq(eventSignups.occurrenceId, occ.id), eq(eventSignups.householdId, who.householdId), ne(eventSignups.status, "cancelled")))
        .get();
      if (existing) return refuse(problem("already_signed_up", null, { signupId: existing.id }));
      const taken = confirmedPlaces(tx, occ.id);
      const waiting = waitlistOf(tx, occ.id).length;
      const nextPosition = () =>
        (tx
          .select({ p: sql<number | null>`max(${eventSignups.position})` })
          .from(eventSignups)
          .where(eq(eventSignups.occurrenceId, occ.id))
          .get()?.p ?? 0) + 1;
      let status = admission({ capacity: fresh.capacity, taken, waiting, places: placesOf(party) });
      const values = {
        groupId: ctx.groupId,
        occurrenceId: occ.id,
        householdId: who.householdId,
        ...party,
        diets: [...new Set(input.diets ?? [])],
        allergies: input.allergies ?? "",
        createdBy: ctx.userId,
        onBehalf: who.onBehalf,
      };
      let row: Signup;
      try {
        row = tx
          .insert(eventSignups)
          .values({ ...values, status, position: status === "waitlisted" ? nextPosition() : null })
          .returning()
          .get();
      } catch (e) {
        const code = triggerError(e);
        if (code === "unique") return refuse(problem("already_signed_up"));
        if (code === "meal_closed") return refuse(problem("meal_closed"));
        if (code !== "event_full") throw e;
        // The trigger, the last guard: should the check above have missed a place taken, it waits.
        status = "waitlisted";
        row = tx
          .insert(eventSignups)
          .values({ ...values, status, position: nextPosition() })
          .returning()
          .get();
      }
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "create",
        entity: "event_signup",
        entityId: row.id,
        details: { occurrenceId: occ.id, householdId: who.householdId, ...party, status, onBehalf: who.onBehalf },
      });
      return { ok: true, signupId: row.id, status, position: status === "waitlisted" ? queueRank(tx, occ.id, row.position) : null };
    },
    { behavior: "immediate" },
  );
}

/**
 * Changes a sign-up (party, diets, allergies) before the deadline. A confirmed party grows only into free
 * places; a smaller one frees places for the waiting list (promoted households get an email).
 */
export function changeSignup({
  ctx,
  signupId,
  input,
  now = Date.now(),
}: {
  ctx: Ctx;
  signupId: string;
  input: SignupInput;
  now?: number;
}): Result<{ status: "confirmed" | "waitlisted"; position: number | null }> {
  const s = findSignup(db, ctx, signupId);
  mayTouchSignup(ctx, s);
  const { occ, series } = findOccurrence(db, ctx, s.occurrenceId);
  const party = partyOf(input);
  const bad = ruleParty(party);
  if (bad.length) return refuse(...bad);
  const early = writableProblems(ctx, occ, series, now, "adults");
  if (early.length) return refuse(...early);
  const result = db.transaction(
    (tx): Result<{ status: "confirmed" | "waitlisted"; position: number | null; promoted: string[] }> => {
      const cur = tx.select().from(eventSignups).where(eq(eventSignups.id, s.id)).get()!;
      if (cur.status === "cancelled") return refuse(problem("not_active"));
      const fresh = tx.select().from(eventOccurrences).where(eq(eventOccurrences.id, occ.id)).get()!;
      const late = writableProblems(ctx, fresh, series, now, "adults");
      if (late.length) return refuse(...late);
      if (cur.status === "confirmed") {
        const grow = ruleGrow({ capacity: fresh.capacity, taken: confirmedPlaces(tx, occ.id), before: placesOf(cur), after: placesOf(party) });
        if (grow.length) return refuse(...grow);
      }
      try {
        tx.update(eventSignups)
          .set({ ...party, diets: [...new Set(input.diets ?? [])], allergies: input.allergies ?? "" })
          .where(eq(eventSignups.id, s.id))
          .run();
      } catch (e) {
        const code = triggerError(e);
        if (code === "event_full")
          return refuse(problem("not_enough_places", "adults", { left: placesLeft(fresh.capacity, confirmedPlaces(tx, occ.id)) ?? 0 }));
        if (code === "meal_closed") return refuse(problem("meal_closed"));
        throw e;
      }
      const promoted = promoteIn(tx, ctx, occ.id, now);
      const after = tx.select({ status: eventSignups.status, position: eventSignups.position }).from(eventSignups).where(eq(eventSignups.id, s.id)).get()!;
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "update",
        entity: "event_signup",
        entityId: s.id,
        details: { before: partyOf(cur), after: party, diets: input.diets, onBehalf: cur.householdId !== ctx.householdId },
      });
      const status = after.status === "confirmed" ? "confirmed" : "waitlisted";
      notifyPromoted(
        tx,
        ctx,
        promoted.filter((id) => id !== s.id),
      );
      return { ok: true, status, position: status === "waitlisted" ? queueRank(tx, occ.id, after.position) : null, promoted };
    },
    { behavior: "immediate" },
  );
  if (!result.ok) return result;
  return { ok: true, status: result.status, position: result.position };
}

/** Cancels a sign-up before the deadline (facilitators: until the meal is closed). The first households waiting that now fit are confirmed and get an email. */
export function cancelSignup({ ctx, signupId, now = Date.now() }: { ctx: Ctx; signupId: string; now?: number }): Result<{ promoted: string[] }> {
  const s = findSignup(db, ctx, signupId);
  mayTouchSignup(ctx, s);
  const { occ, series } = findOccurrence(db, ctx, s.occurrenceId);
  const early = writableProblems(ctx, occ, series, now);
  if (early.length) return refuse(...early);
  const result = db.transaction(
    (tx): Result<{ promoted: string[] }> => {
      const fresh = tx.select().from(eventOccurrences).where(eq(eventOccurrences.id, occ.id)).get()!;
      const late = writableProblems(ctx, fresh, series, now);
      if (late.length) return refuse(...late);
      const n = tx
        .update(eventSignups)
        .set({ status: "cancelled", cancelledAt: new Date(now) })
        .where(and(eq(eventSignups.id, s.id), ne(eventSignups.status, "cancelled")))
        .run().changes;
      if (!n) return refuse(problem("not_active"));
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "cancel",
        entity: "event_signup",
        entityId: s.id,
        details: { occurrenceId: occ.id, householdId: s.householdId },
      });
      const promoted = promoteIn(tx, ctx, occ.id, now);
      notifyPromoted(tx, ctx, promoted);
      return { ok: true, promoted };
    },
    { behavior: "immediate" },
  );
  return result;
}

/**
 * A household that leaves gives its places back: its sign-ups to meals and workshops from `from` on (not closed,
 * not started) are cancelled and the waiting lists move up — in the caller's transaction (households'
 * recordDeparture), so the departure and the freed places commit together. Returns how many were cancelled.
 */
export function releaseHouseholdSignups({
  ctx,
  householdId,
  from,
  now = Date.now(),
  tx,
}: {
  ctx: Ctx;
  householdId: string;
  from: number;
  now?: number;
  tx: Tx;
}): number {
  const rows = tx
    .select({ id: eventSignups.id, occurrenceId: eventSignups.occurrenceId })
    .from(eventSignups)
    .innerJoin(eventOccurrences, eq(eventOccurrences.id, eventSignups.occurrenceId))
    .where(
      and(
        eq(eventSignups.groupId, ctx.groupId),
        eq(eventSignups.householdId, householdId),
        ne(eventSignups.status, "cancelled"),
        eq(eventOccurrences.status, "scheduled"),
        isNull(eventOccurrences.closedAt),
        gte(eventOccurrences.startsAt, new Date(Math.max(from, now))),
      ),
    )
    .all();
  for (const r of rows) {
    tx.update(eventSignups)
      .set({ status: "cancelled", cancelledAt: new Date(now) })
      .where(eq(eventSignups.id, r.id))
      .run();
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "cancel",
      entity: "event_signup",
      entityId: r.id,
      details: { occurrenceId: r.occurrenceId, householdId, reason: "departure" },
    });
  }
  for (const occurrenceId of new Set(rows.map((r) => r.occurrenceId))) notifyPromoted(tx, ctx, promoteIn(tx, ctx, occurrenceId, now));
  return rows.length;
}
