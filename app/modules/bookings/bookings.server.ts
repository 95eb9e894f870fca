// Booking a space: a request is read (one slot, or the occurrences of a recurring one), checked against every rule
// of the space (rules.ts), and written; a booking is cancelled by its household or a facilitator, or released when
// its household leaves. Every query is scoped by ctx.groupId.
//
// No overlap, ever: a booking is checked and written in one IMMEDIATE transaction — its own, or the caller's
// (`tx`: an event books its place in the transaction that writes it) — so two processes serialise on SQLite's write
// lock; and the triggers of migration 0002 refuse any overlapping active booking whatever wrote it: their
// 'booking_overlap' error comes back as an overlap problem, not a 500.
import { and, eq, gte, lt } from "drizzle-orm";
import { db, type Tx } from "~db/client.server";
import { bookings, households } from "~db/schema";
import { can, requirePermission } from "~/modules/access/access.server";
import { ForbiddenError, NotFoundError } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { newId } from "~/modules/core/ids";
import { addDays, expandRecurrence, utcToZoned, wallMinutesBetween, zonedToUtc } from "~/modules/core/recurrence";
import { transact } from "~/modules/core/transaction.server";
import {
  cancelRight,
  findBooking,
  findSpace,
  isActive,
  isOverlapError,
  prepared,
  type Booking,
  type Ctx,
  type Q,
  type Result,
  type Space,
} from "./lookups.server";
import { notifyBooker, notifyPending } from "./mail.server";
import {
  addUsage,
  blockOf,
  checkBooking,
  conflictsOf,
  requestProblems,
  roomEndDate,
  roomSlot,
  staySlot,
  usageOf,
  type BusyBooking,
  type ClosureLike,
  type Interval,
  type Problem,
  type SpaceRules,
} from "./rules";
import type { BookingInput } from "./schemas";

/** A recurring request books at most this many occurrences. */
const MAX_OCCURRENCES = 60;

type BusyRow = { id: string; startsAt: Date; endsAt: Date; blockStart: Date; blockEnd: Date };
const toBusy = (r: BusyRow): BusyBooking => ({
  id: r.id,
  startsAt: r.startsAt.getTime(),
  endsAt: r.endsAt.getTime(),
  blockStart: r.blockStart.getTime(),
  blockEnd: r.blockEnd.getTime(),
});

/**
 * The active bookings of a space that can meet the block [blockStart, blockEnd): those starting inside
 * it, and the last one starting before it. Active bookings never overlap each other (the trigger keeps
 * it so), so no earlier one can reach into the block: two range reads on (space_id, block_start),
 * whatever the number of bookings in the space.
 */
function neighbours(spaceId: string, blockStart: number, blockEnd: number, exceptId = ""): BusyBooking[] {
  const before = prepared().before.get({ spaceId, blockStart, exceptId });
  const inside = prepared().inside.all({ spaceId, blockStart, blockEnd, exceptId });
  return (before ? [before, ...inside] : inside).map(toBusy);
}

function closuresBetween(ctx: Ctx, spaceId: string, from: number, to: number): ClosureLike[] {
  return prepared()
    .closures.all({ spaceId, groupId: ctx.groupId, from, to })
    .map((c) => ({ startsAt: c.startsAt.getTime(), endsAt: c.endsAt.getTime(), reason: c.reason }));
}

/** The household's active bookings of the space in the months (years, for a guest unit) the slots fall in. */
function householdUsage(q: Q, ctx: Ctx, space: Space, householdId: string, slots: Interval[]) {
  const tz = ctx.group.timeZone;
  const first = utcToZoned(Math.min(...slots.map((s) => s.startsAt)), tz).date;
  const last = utcToZoned(Math.max(...slots.map((s) => s.startsAt)), tz).date;
  const stay = space.kind === "guest_unit";
  // A stay that began last year has nights in this one: look one year back for guest units.
  const from = stay ? `${Number(first.slice(0, 4)) - 1}-01-01` : `${first.slice(0, 7)}-01`;
  const to = stay ? `${Number(last.slice(0, 4)) + 1}-01-01` : addDays(`${last.slice(0, 7)}-01`, 31).slice(0, 7) + "-01";
  const rows = q
    .select({ startsAt: bookings.startsAt, endsAt: bookings.endsAt })
    .from(bookings)
    .where(
      and(
        eq(bookings.householdId, householdId),
        eq(bookings.groupId, ctx.groupId),
        eq(bookings.spaceId, space.id),
        isActive,
        gte(bookings.startsAt, new Date(zonedToUtc(`${from}T00:00`, tz))),
        lt(bookings.startsAt, new Date(zonedToUtc(`${to}T00:00`, tz))),
      ),
    )
    .all();
  return usageOf(
    rows.map((r) => ({ startsAt: r.startsAt.getTime(), endsAt: r.endsAt.getTime() })),
    space,
    tz,
  );
}

/** The slots a request asks for (one, or the occurrences of a recurring one), or why it cannot be read. */
function requestedSlots(space: Space, input: BookingInput, timeZone: string): { ok: true; slots: Interval[] } | { ok: false; problems: Problem[] } {
  const required = (...fields: ("date" | "startTime" | "endTime" | "arrivalDate" | "departureDate")[]) => ({
    ok: false as const,
    problems: fields.filter((f) => !input[f]).map((field): Problem => ({ code: "required", field, params: {} })),
  });
  if (space.kind === "guest_unit") {
    if (!input.arrivalDate || !input.departureDate) return required("arrivalDate", "departureDate");
    if (input.freq && input.freq !== "none") return { ok: false, problems: [{ code: "recurrence_not_allowed", field: "freq", params: {} }] };
    return { ok: true, slots: [staySlot(space, input.arrivalDate, input.departureDate, timeZone)] };
  }
  if (!input.date || !input.startTime || !input.endTime) return required("date", "startTime", "endTime");
  const first = roomSlot(input.date, input.startTime, input.endTime, timeZone, input.endDate);
  if (first.endsAt <= first.startsAt) return { ok: false, problems: [{ code: "end_before_start", field: input.endDate ? "endDate" : "endTime", params: {} }] };
  if (!input.freq || input.freq === "none") return { ok: true, slots: [first] };
  if (!input.until) return { ok: false, problems: [{ code: "required", field: "until", params: {} }] };
  const slots = expandRecurrence({
    start: `${input.date}T${input.startTime}`,
    durationMinutes: wallMinutesBetween(`${input.date}T${input.startTime}`, `${roomEndDate(input.date, input.endTime, input.endDate)}T${input.endTime}`),
    timeZone,
    freq: input.freq === "monthly" ? "monthly" : "weekly",
    interval: input.freq === "biweekly" ? 2 : 1,
    until: input.until,
    max: MAX_OCCURRENCES + 1,
  });
  if (slots.length > MAX_OCCURRENCES) return { ok: false, problems: [{ code: "too_many_occurrences", field: "until", params: { max: MAX_OCCURRENCES } }] };
  return { ok: true, slots };
}

type PlannedSlot = Interval & { feeCents: number; nights: number; problems: Problem[] };

/**
 * Every rule for every slot of a request, against the database as `q` sees it. Occurrences that pass
 * count for the next ones (quota, and overlap between occurrences).
 */
function plan(q: Q, ctx: Ctx, space: Space, slots: Interval[], householdId: string | null, input: BookingInput, now: number): PlannedSlot[] {
  const tz = ctx.group.timeZone;
  const buffer = space.bufferMinutes;
  const from = Math.min(...slots.map((s) => s.startsAt));
  const to = Math.max(...slots.map((s) => s.endsAt));
  const closures = closuresBetween(ctx, space.id, from, to);
  const quotas = space.quotaHoursPerMonth != null || space.quotaBookingsPerMonth != null || space.quotaNightsPerYear != null;
  const usage = householdId && quotas ? householdUsage(q, ctx, space, householdId, slots) : usageOf([], space, tz);
  const accepted: BusyBooking[] = [];
  return slots.map((slot) => {
    const block = blockOf(slot, buffer);
    const others = [...neighbours(space.id, block.blockStart, block.blockEnd), ...accepted];
    const result = checkBooking({
      space: space as SpaceRules,
      closures,
      others,
      usage,
      now,
      timeZone: tz,
      slot: { ...slot, guests: input.guests ?? 0, acknowledged: input.acknowledgeRules ?? false, countsForQuota: householdId != null },
    });
    if (!result.ok) return { ...slot, feeCents: 0, nights: 0, problems: result.problems };
    accepted.push({ ...slot, ...block });
    addUsage(usage, slot, space, tz);
    return { ...slot, feeCents: result.feeCents, nights: result.nights, problems: [] };
  });
}

/** Whose booking it is: a facilitator may book for a household of the group, or for the group itself
 *  (householdId "group": no household, no quota); anyone else books for their own household. */
export const FOR_THE_GROUP = "group";
function bookingHousehold(ctx: Ctx, input: BookingInput): string | null {
  if (!can(ctx, "booking:approve") || !input.householdId) return ctx.householdId;
  // (A resident without a household gets a no_household problem from the callers: quotas are per household.)
  if (input.householdId === FOR_THE_GROUP) return null;
  const row = db
    .select({ id: households.id })
    .from(households)
    .where(and(eq(households.id, input.householdId), eq(households.groupId, ctx.groupId)))
    .get();
  if (!row) throw new NotFoundError();
  return row.id;
}

/** The checks every request starts with: the space (404), the right to book, whose booking, the slots it asks for. */
function readRequest(ctx: Ctx, input: BookingInput): Result<{ space: Space; householdId: string | null; slots: Interval[] }> {
  const space = findSpace(ctx, input.spaceId);
  requirePermission(ctx, "booking:create");
  const householdId = bookingHousehold(ctx, input);
  if (!householdId && !can(ctx, "booking:approve")) return { ok: false, problems: [{ code: "no_household", field: null, params: {} }] };
  const requested = requestedSlots(space, input, ctx.group.timeZone);
  if (!requested.ok) return requested;
  return { ok: true, space, householdId, slots: requested.slots };
}

type PreviewResult = Result<{
  slots: { startsAt: number; endsAt: number; feeCents: number; nights: number; problems: Problem[] }[];
  totalFeeCents: number;
  problems: Problem[];
}>;

/**
 * What a request would give, before it is sent: each slot (each occurrence of a recurring one) with its
 * fee and its problems, and the total fee of the slots that can be booked. `problems` holds those of
 * the whole request (capacity, inactive space). House rules are acknowledged on the next step, so
 * their absence is not a problem here.
 */
export function previewBooking({ ctx, input, now = Date.now() }: { ctx: Ctx; input: BookingInput; now?: number }): PreviewResult {
  const request = readRequest(ctx, input);
  if (!request.ok) return request;
  const { space, householdId } = request;
  const planned = plan(db, ctx, space, request.slots, householdId, { ...input, acknowledgeRules: true }, now);
  const slots = planned.map((p) => ({ startsAt: p.startsAt, endsAt: p.endsAt, feeCents: p.feeCents, nights: p.nights, problems: p.problems }));
  const problems = requestProblems(space as SpaceRules, { guests: input.guests ?? 0, acknowledged: true });
  return { ok: true, slots, totalFeeCents: slots.reduce((sum, s) => sum + (s.problems.length ? 0 : s.feeCents), 0), problems };
}

type CreateBookingResult = Result<{ bookings: Booking[]; skipped: { startsAt: number; endsAt: number; problems: Problem[] }[] }>;

/**
 * Books a slot, or the occurrences of a recurring request that pass every rule (one series id; the
 * others come back in `skipped`). Checked and written in one IMMEDIATE transaction, or in the caller's `tx`
 * (the events module books an occurrence's place in the transaction that writes the occurrence). A booking
 * waits for approval when the space asks for it and the booker is not a facilitator; facilitators are told by
 * mail, queued in the same transaction (sent after its commit). Refused: nothing is written.
 */
export function createBooking({ ctx, input, now = Date.now(), tx }: { ctx: Ctx; input: BookingInput; now?: number; tx?: Tx }): CreateBookingResult {
  const request = readRequest(ctx, input);
  if (!request.ok) return request;
  const { space, householdId, slots } = request;
  const whole = requestProblems(space as SpaceRules, { guests: input.guests ?? 0, acknowledged: input.acknowledgeRules ?? false });
  if (whole.length) return { ok: false, problems: whole };
  const recurring = slots.length > 1 || (input.freq != null && input.freq !== "none");
  const status = space.approvalRequired && !can(ctx, "booking:approve") ? ("requested" as const) : ("confirmed" as const);

  return transact(tx, (tx): CreateBookingResult => {
    const planned = plan(tx, ctx, space, slots, householdId, input, now);
    const seriesId = recurring ? crypto.randomUUID() : null;
    const created: Booking[] = [];
    const skipped: { startsAt: number; endsAt: number; problems: Problem[] }[] = [];
    for (const p of planned) {
      if (p.problems.length) {
        skipped.push({ startsAt: p.startsAt, endsAt: p.endsAt, problems: p.problems });
        continue;
      }
      const block = blockOf(p, space.bufferMinutes);
      try {
        const createdAt = new Date();
        created.push(
          prepared().insertBooking.get({
            id: newId(),
            groupId: ctx.groupId,
            spaceId: space.id,
            householdId,
            createdBy: ctx.userId,
            startsAt: new Date(p.startsAt),
            endsAt: new Date(p.endsAt),
            blockStart: new Date(block.blockStart),
            blockEnd: new Date(block.blockEnd),
            status,
            purpose: input.purpose ?? "",
            guests: input.guests ?? 0,
            nights: p.nights,
            feeCents: p.feeCents,
            seriesId,
            createdAt,
            updatedAt: createdAt,
          })!,
        );
      } catch (e) {
        // The trigger, the last guard: should anything have slipped past the check, it is still an overlap.
        if (!isOverlapError(e)) throw e;
        const hit = conflictsOf(space, neighbours(space.id, block.blockStart, block.blockEnd), p)[0];
        const params: Problem["params"] = hit
          ? { startsAt: hit.startsAt, endsAt: hit.endsAt, bufferMinutes: space.bufferMinutes }
          : { bufferMinutes: space.bufferMinutes };
        skipped.push({
          startsAt: p.startsAt,
          endsAt: p.endsAt,
          problems: [{ code: "overlap", field: space.kind === "guest_unit" ? "arrivalDate" : "startTime", params }],
        });
      }
    }
    if (!created.length) return { ok: false, problems: skipped[0]?.problems ?? [] };
    if (!recurring && skipped.length) return { ok: false, problems: skipped[0].problems };
    for (const b of created) {
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "create",
        entity: "booking",
        entityId: b.id,
        details: { spaceId: space.id, householdId, startsAt: b.startsAt.getTime(), endsAt: b.endsAt.getTime(), status, seriesId, feeCents: b.feeCents },
      });
    }
    if (status === "requested") notifyPending(tx, ctx, space, created);
    return { ok: true, bookings: created, skipped };
  });
}

/**
 * A household that leaves no longer holds the rooms it booked from `from` on: those bookings (asked or confirmed,
 * not started) are cancelled in the caller's transaction (households' recordDeparture). Returns how many.
 */
export function releaseHouseholdBookings({
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
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.groupId, ctx.groupId), eq(bookings.householdId, householdId), isActive, gte(bookings.startsAt, new Date(Math.max(from, now)))))
    .all();
  for (const r of rows) {
    // No reason text: the booking page shows it as typed by a person, and "departure" would be an English word
    // there; the audit entry says why.
    tx.update(bookings)
      .set({ status: "cancelled", cancelledBy: ctx.userId, cancelledAt: new Date(now) })
      .where(eq(bookings.id, r.id))
      .run();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "cancel", entity: "booking", entityId: r.id, details: { reason: "departure" } });
  }
  return rows.length;
}

/** Cancels a booking, in its own transaction or in the caller's `tx` (an event giving back its place). */
export function cancelBooking({
  ctx,
  bookingId,
  reason,
  now = Date.now(),
  tx,
}: {
  ctx: Ctx;
  bookingId: string;
  reason?: string;
  now?: number;
  tx?: Tx;
}): Result {
  const booking = findBooking(ctx, bookingId);
  const right = cancelRight(ctx, booking, now);
  if (right === null) throw new ForbiddenError();
  if (right === "started") return { ok: false, problems: [{ code: "already_started", field: null, params: {} }] };
  if (booking.status !== "requested" && booking.status !== "confirmed") return { ok: false, problems: [{ code: "not_active", field: null, params: {} }] };
  const why = reason?.trim() || null;
  if (right === "any" && !why) return { ok: false, problems: [{ code: "reason_required", field: "reason", params: {} }] };
  return transact(tx, (tx): Result => {
    const changed = tx
      .update(bookings)
      .set({ status: "cancelled", cancelledBy: ctx.userId, cancelledAt: new Date(now), cancelReason: why })
      .where(and(eq(bookings.id, bookingId), eq(bookings.groupId, ctx.groupId), isActive))
      .run().changes;
    if (!changed) return { ok: false, problems: [{ code: "not_active", field: null, params: {} }] };
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "cancel",
      entity: "booking",
      entityId: bookingId,
      details: why ? { reason: why } : undefined,
    });
    notifyBooker(tx, ctx, booking, "cancelled", why ?? undefined);
    return { ok: true };
  });
}
