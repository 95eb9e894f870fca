// Spaces (common rooms, guest units…), their closures and bookings, the approval flow, calendar feeds and
// the figures the evaluation module reads. Every query is scoped by ctx.groupId; the rules are in rules.ts.
//
// No overlap, ever: a booking is checked and written in one IMMEDIATE transaction (two processes
// serialise on SQLite's write lock), and the triggers of migration 0002 refuse any overlapping active
// booking whatever wrote it; their 'booking_overlap' error comes back as an overlap problem, not a 500.
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { bookings, calendarFeeds, groups, households, memberships, spaceClosures, spaces, users } from "~db/schema";
import { ACTIVE_BOOKING_STATUSES, type FeedScope, type SpaceKind } from "~db/schema/enums";
import type { MemberContext } from "~/modules/access/access.server";
import type { GroupScoped } from "~/modules/access/scope.server";
import { can, isActiveMember, requirePermission } from "~/modules/access/access.server";
import { forbidden, notFound } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { generateToken, hashToken } from "~/modules/auth/session.server";
import { renderCalendar } from "~/modules/core/ical";
import { newId } from "~/modules/core/ids";
import type { Result } from "~/modules/core/result";
import { transact } from "~/modules/core/transaction.server";
import { addDays, expandRecurrence, utcToZoned, wallMinutesBetween, zonedToUtc } from "~/modules/core/recurrence";
import { DEFAULT_LANG, isLang, type Lang } from "~/modules/i18n/config";
import { mailEach } from "~/modules/mail/notify.server";
import type { Tx } from "~db/client.server";
import {
  DEFAULT_CHECK_IN,
  DEFAULT_CHECK_OUT,
  addUsage,
  blockOf,
  checkBooking,
  conflictsOf,
  formatSlot,
  quietPeriods,
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
import type { BookingInput, ClosureInput, SpaceInput } from "./schemas";
import { appLink } from "~/modules/core/origin.server";

type Ctx = MemberContext;
/** The database or a transaction: reads take either. */
type Q = Pick<typeof db, "select">;

export type Space = typeof spaces.$inferSelect;
export type Booking = typeof bookings.$inferSelect;
export type Closure = typeof spaceClosures.$inferSelect;
export type { Problem } from "./rules";

/** A recurring request books at most this many occurrences. */
export const MAX_OCCURRENCES = 60;

const ACTIVE = [...ACTIVE_BOOKING_STATUSES];
const isActive = inArray(bookings.status, ACTIVE);

// -------------------------------------------------------------------------------------------------
// Spaces and closures

// The statements of the booking path, prepared once (building and compiling a query costs more than
// running it: see bench/bookings.ts). better-sqlite3 has one connection, so inside db.transaction()
// they run in the transaction. Comparisons with placeholders take epoch ms.
const P = sql.placeholder;
function prepareStatements() {
  const busy = { id: bookings.id, startsAt: bookings.startsAt, endsAt: bookings.endsAt, blockStart: bookings.blockStart, blockEnd: bookings.blockEnd };
  const active = inArray(bookings.status, ACTIVE);
  return {
    // Every column with a $defaultFn is a placeholder too: a default would be computed once, here.
    insertBooking: db
      .insert(bookings)
      .values({
        id: P("id"),
        groupId: P("groupId"),
        spaceId: P("spaceId"),
        householdId: P("householdId"),
        createdBy: P("createdBy"),
        startsAt: P("startsAt"),
        endsAt: P("endsAt"),
        blockStart: P("blockStart"),
        blockEnd: P("blockEnd"),
        status: P("status"),
        purpose: P("purpose"),
        guests: P("guests"),
        nights: P("nights"),
        feeCents: P("feeCents"),
        seriesId: P("seriesId"),
        createdAt: P("createdAt"),
        updatedAt: P("updatedAt"),
      })
      .returning()
      .prepare(),
    space: db
      .select()
      .from(spaces)
      .where(and(eq(spaces.id, P("id")), eq(spaces.groupId, P("groupId"))))
      .prepare(),
    // The last active booking starting before the block, and those starting inside it: see neighbours().
    before: db
      .select(busy)
      .from(bookings)
      .where(and(eq(bookings.spaceId, P("spaceId")), lt(bookings.blockStart, P("blockStart")), active, ne(bookings.id, P("exceptId"))))
      .orderBy(desc(bookings.blockStart))
      .limit(1)
      .prepare(),
    inside: db
      .select(busy)
      .from(bookings)
      .where(
        and(eq(bookings.spaceId, P("spaceId")), gte(bookings.blockStart, P("blockStart")), lt(bookings.blockStart, P("blockEnd")), active, ne(bookings.id, P("exceptId"))),
      )
      .prepare(),
    closures: db
      .select({ startsAt: spaceClosures.startsAt, endsAt: spaceClosures.endsAt, reason: spaceClosures.reason })
      .from(spaceClosures)
      .where(
        and(eq(spaceClosures.spaceId, P("spaceId")), eq(spaceClosures.groupId, P("groupId")), lt(spaceClosures.startsAt, P("to")), gt(spaceClosures.endsAt, P("from"))),
      )
      .prepare(),
  };
}
let statements: ReturnType<typeof prepareStatements> | null = null;
const prepared = () => (statements ??= prepareStatements());

function findSpace(ctx: Ctx, spaceId: string): Space {
  const space = prepared().space.get({ id: spaceId, groupId: ctx.groupId });
  if (!space) throw notFound();
  return space;
}

/** The group's spaces; residents see the active ones only. */
export function listSpaces({ ctx }: { ctx: Ctx }): Space[] {
  const all = can(ctx, "space:manage");
  return db
    .select()
    .from(spaces)
    .where(and(eq(spaces.groupId, ctx.groupId), all ? undefined : eq(spaces.active, true)))
    .orderBy(asc(spaces.kind), asc(spaces.name))
    .all();
}

export function getSpace({ ctx, spaceId }: { ctx: Ctx; spaceId: string }): Space {
  return findSpace(ctx, spaceId);
}

function spaceValues(input: SpaceInput) {
  const guest = input.kind === "guest_unit";
  return {
    name: input.name,
    kind: input.kind,
    description: input.description ?? "",
    capacity: input.capacity ?? null,
    active: input.active ?? false,
    bookingWindowDays: input.bookingWindowDays ?? null,
    minNoticeHours: input.minNoticeHours ?? 0,
    minMinutes: input.minMinutes ?? null,
    maxMinutes: input.maxMinutes ?? null,
    quotaHoursPerMonth: input.quotaHoursPerMonth ?? null,
    quotaBookingsPerMonth: input.quotaBookingsPerMonth ?? null,
    quotaNightsPerYear: guest ? (input.quotaNightsPerYear ?? null) : null,
    approvalRequired: input.approvalRequired ?? false,
    bufferMinutes: input.bufferMinutes ?? 0,
    quietStart: input.quietStart || null,
    quietEnd: input.quietEnd || null,
    checkInTime: guest ? input.checkInTime || DEFAULT_CHECK_IN : null,
    checkOutTime: guest ? input.checkOutTime || DEFAULT_CHECK_OUT : null,
    nightlyFeeCents: guest ? (input.nightlyFee ?? 0) : 0,
    maxNights: guest ? (input.maxNights ?? null) : null,
    houseRules: input.houseRules ?? "",
  };
}

export function createSpace({ ctx, input }: { ctx: Ctx; input: SpaceInput }): { id: string } {
  requirePermission(ctx, "space:manage");
  return db.transaction((tx) => {
    const row = tx
      .insert(spaces)
      .values({ groupId: ctx.groupId, ...spaceValues(input) })
      .returning({ id: spaces.id })
      .get();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "space", entityId: row.id, details: { ...input } });
    return row;
  });
}

/** New rules apply to new bookings; existing bookings keep their slot, block and fee. */
export function updateSpace({ ctx, spaceId, input }: { ctx: Ctx; spaceId: string; input: SpaceInput }): { ok: true } {
  const before = findSpace(ctx, spaceId);
  requirePermission(ctx, "space:manage");
  const after = spaceValues(input);
  db.transaction((tx) => {
    tx.update(spaces)
      .set(after)
      .where(and(eq(spaces.id, spaceId), eq(spaces.groupId, ctx.groupId)))
      .run();
    const changed = Object.fromEntries(
      Object.entries(after)
        .filter(([k, v]) => before[k as keyof Space] !== v)
        .map(([k, v]) => [k, { before: before[k as keyof Space], after: v }]),
    );
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "space", entityId: spaceId, details: changed });
  });
  return { ok: true };
}

export function listClosures({ ctx, spaceId }: { ctx: Ctx; spaceId: string }): Closure[] {
  findSpace(ctx, spaceId);
  return db
    .select()
    .from(spaceClosures)
    .where(and(eq(spaceClosures.spaceId, spaceId), eq(spaceClosures.groupId, ctx.groupId)))
    .orderBy(asc(spaceClosures.startsAt))
    .all();
}

/** A closure (maintenance). Bookings already inside it stay: they are returned so the facilitator can cancel them. */
export function addClosure({
  ctx,
  spaceId,
  input,
}: {
  ctx: Ctx;
  spaceId: string;
  input: ClosureInput;
}): { ok: true; id: string; overlapping: BookingListItem[] } | { ok: false; problems: Problem[] } {
  const space = findSpace(ctx, spaceId);
  requirePermission(ctx, "space:manage");
  const tz = ctx.group.timeZone;
  const startsAt = zonedToUtc(`${input.startDate}T${input.startTime || "00:00"}`, tz);
  const endsAt = input.endTime ? zonedToUtc(`${input.endDate}T${input.endTime}`, tz) : zonedToUtc(`${addDays(input.endDate, 1)}T00:00`, tz);
  if (endsAt <= startsAt) return { ok: false, problems: [{ code: "end_before_start", field: input.endTime ? "endTime" : "endDate", params: {} }] };
  const id = db.transaction((tx) => {
    const row = tx
      .insert(spaceClosures)
      .values({ groupId: ctx.groupId, spaceId: space.id, startsAt: new Date(startsAt), endsAt: new Date(endsAt), reason: input.reason, createdBy: ctx.userId })
      .returning({ id: spaceClosures.id })
      .get();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "space_closure", entityId: row.id, details: { spaceId, startsAt, endsAt, reason: input.reason } });
    return row.id;
  });
  const overlapping = listBookings({ ctx, from: startsAt, to: endsAt, spaceId });
  return { ok: true, id, overlapping };
}

export function removeClosure({ ctx, closureId }: { ctx: Ctx; closureId: string }): { ok: true } {
  const closure = db
    .select()
    .from(spaceClosures)
    .where(and(eq(spaceClosures.id, closureId), eq(spaceClosures.groupId, ctx.groupId)))
    .get();
  if (!closure) throw notFound();
  requirePermission(ctx, "space:manage");
  db.transaction((tx) => {
    tx.delete(spaceClosures)
      .where(and(eq(spaceClosures.id, closureId), eq(spaceClosures.groupId, ctx.groupId)))
      .run();
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "delete",
      entity: "space_closure",
      entityId: closureId,
      details: { spaceId: closure.spaceId, startsAt: closure.startsAt.getTime(), endsAt: closure.endsAt.getTime(), reason: closure.reason },
    });
  });
  return { ok: true };
}

// -------------------------------------------------------------------------------------------------
// Checking a request

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
  if (!row) throw notFound();
  return row.id;
}

export type PreviewResult =
  | { ok: true; slots: { startsAt: number; endsAt: number; feeCents: number; nights: number; problems: Problem[] }[]; totalFeeCents: number; problems: Problem[] }
  | { ok: false; problems: Problem[] };

/**
 * What a request would give, before it is sent: each slot (each occurrence of a recurring one) with its
 * fee and its problems, and the total fee of the slots that can be booked. `problems` holds those of
 * the whole request (capacity, inactive space). House rules are acknowledged on the next step, so
 * their absence is not a problem here.
 */
export function previewBooking({ ctx, input, now = Date.now() }: { ctx: Ctx; input: BookingInput; now?: number }): PreviewResult {
  const space = findSpace(ctx, input.spaceId);
  requirePermission(ctx, "booking:create");
  const householdId = bookingHousehold(ctx, input);
  if (!householdId && !can(ctx, "booking:approve")) return { ok: false, problems: [{ code: "no_household", field: null, params: {} }] };
  const requested = requestedSlots(space, input, ctx.group.timeZone);
  if (!requested.ok) return requested;
  const planned = plan(db, ctx, space, requested.slots, householdId, { ...input, acknowledgeRules: true }, now);
  const slots = planned.map((p) => ({ startsAt: p.startsAt, endsAt: p.endsAt, feeCents: p.feeCents, nights: p.nights, problems: p.problems }));
  const problems = requestProblems(space as SpaceRules, { guests: input.guests ?? 0, acknowledged: true });
  return { ok: true, slots, totalFeeCents: slots.reduce((sum, s) => sum + (s.problems.length ? 0 : s.feeCents), 0), problems };
}

function isOverlapError(e: unknown): boolean {
  for (let err = e; err; err = (err as { cause?: unknown }).cause) {
    if (err instanceof Error && err.message.includes("booking_overlap")) return true;
    if (!(err instanceof Error)) break;
  }
  return false;
}

export type CreateBookingResult =
  | { ok: true; bookings: Booking[]; skipped: { startsAt: number; endsAt: number; problems: Problem[] }[] }
  | { ok: false; problems: Problem[] };

/**
 * Books a slot, or the occurrences of a recurring request that pass every rule (one series id; the
 * others come back in `skipped`). Checked and written in one IMMEDIATE transaction, or in the caller's `tx`
 * (the events module books an occurrence's place in the transaction that writes the occurrence). A booking
 * waits for approval when the space asks for it and the booker is not a facilitator; facilitators are told by
 * mail, queued in the same transaction (sent after its commit). Refused: nothing is written.
 */
export function createBooking({ ctx, input, now = Date.now(), tx }: { ctx: Ctx; input: BookingInput; now?: number; tx?: Tx }): CreateBookingResult {
  const space = findSpace(ctx, input.spaceId);
  requirePermission(ctx, "booking:create");
  const householdId = bookingHousehold(ctx, input);
  if (!householdId && !can(ctx, "booking:approve")) return { ok: false, problems: [{ code: "no_household", field: null, params: {} }] };
  const requested = requestedSlots(space, input, ctx.group.timeZone);
  if (!requested.ok) return requested;
  const whole = requestProblems(space as SpaceRules, { guests: input.guests ?? 0, acknowledged: input.acknowledgeRules ?? false });
  if (whole.length) return { ok: false, problems: whole };
  const recurring = requested.slots.length > 1 || (input.freq != null && input.freq !== "none");
  const status = space.approvalRequired && !can(ctx, "booking:approve") ? ("requested" as const) : ("confirmed" as const);

  return transact(tx, (tx): CreateBookingResult => {
    const planned = plan(tx, ctx, space, requested.slots, householdId, input, now);
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
        const params: Problem["params"] = hit ? { startsAt: hit.startsAt, endsAt: hit.endsAt, bufferMinutes: space.bufferMinutes } : { bufferMinutes: space.bufferMinutes };
        skipped.push({ startsAt: p.startsAt, endsAt: p.endsAt, problems: [{ code: "overlap", field: space.kind === "guest_unit" ? "arrivalDate" : "startTime", params }] });
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

// -------------------------------------------------------------------------------------------------
// Decisions and cancellation

function findBooking(ctx: Ctx, bookingId: string): Booking {
  const booking = db
    .select()
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), eq(bookings.groupId, ctx.groupId)))
    .get();
  if (!booking) throw notFound();
  return booking;
}

const isOwn = (ctx: Ctx, b: Pick<Booking, "householdId" | "createdBy">) =>
  b.householdId ? b.householdId === ctx.householdId : b.createdBy === ctx.userId;

export type DecisionResult = Result<object, Problem>;

function decide(ctx: Ctx, bookingId: string, to: "confirmed" | "declined", reason: string | undefined): { result: DecisionResult; booking: Booking } {
  const booking = findBooking(ctx, bookingId);
  requirePermission(ctx, "booking:approve");
  if (booking.status !== "requested") return { result: { ok: false, problems: [{ code: "not_pending", field: null, params: {} }] }, booking };
  const decidedAt = new Date();
  const result = db.transaction((tx): DecisionResult => {
    // Conditional on the status, so two facilitators deciding at once cannot both win.
    try {
      const changed = tx
        .update(bookings)
        .set({ status: to, decidedBy: ctx.userId, decidedAt, decisionReason: reason?.trim() || null })
        .where(and(eq(bookings.id, bookingId), eq(bookings.groupId, ctx.groupId), eq(bookings.status, "requested")))
        .run().changes;
      if (!changed) return { ok: false, problems: [{ code: "not_pending", field: null, params: {} }] };
    } catch (e) {
      if (!isOverlapError(e)) throw e;
      return { ok: false, problems: [{ code: "overlap", field: null, params: {} }] };
    }
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: to === "confirmed" ? "approve" : "decline",
      entity: "booking",
      entityId: bookingId,
      details: reason ? { reason } : undefined,
    });
    notifyBooker(tx, ctx, booking, to === "confirmed" ? "approved" : "declined", reason);
    return { ok: true };
  }, { behavior: "immediate" });
  return { result, booking };
}

export function approveBooking({ ctx, bookingId, reason }: { ctx: Ctx; bookingId: string; reason?: string }): DecisionResult {
  return decide(ctx, bookingId, "confirmed", reason).result;
}

export function declineBooking({ ctx, bookingId, reason }: { ctx: Ctx; bookingId: string; reason?: string }): DecisionResult {
  return decide(ctx, bookingId, "declined", reason).result;
}

/** Who may cancel: the booker's household before the start (no reason needed); a facilitator any time, with a reason. */
function cancelRight(ctx: Ctx, booking: Booking, now: number): "own" | "any" | "started" | null {
  const own = isOwn(ctx, booking);
  if (own && now < booking.startsAt.getTime() && can(ctx, "booking:create")) return "own";
  if (can(ctx, "booking:cancel:any")) return "any";
  return own ? "started" : null;
}

/**
 * A household that leaves no longer holds the rooms it booked from `from` on: those bookings (asked or confirmed,
 * not started) are cancelled in the caller's transaction (households' recordDeparture). Returns how many.
 */
export function releaseHouseholdBookings({ ctx, householdId, from, now = Date.now(), tx }: { ctx: Ctx; householdId: string; from: number; now?: number; tx: Tx }): number {
  const rows = tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.groupId, ctx.groupId), eq(bookings.householdId, householdId), isActive, gte(bookings.startsAt, new Date(Math.max(from, now)))))
    .all();
  for (const r of rows) {
    // No reason text: the booking page shows it as typed by a person, and "departure" would be an English word
    // there; the audit entry says why.
    tx.update(bookings).set({ status: "cancelled", cancelledBy: ctx.userId, cancelledAt: new Date(now) }).where(eq(bookings.id, r.id)).run();
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
}): DecisionResult {
  const booking = findBooking(ctx, bookingId);
  const right = cancelRight(ctx, booking, now);
  if (right === null) throw forbidden();
  if (right === "started") return { ok: false, problems: [{ code: "already_started", field: null, params: {} }] };
  if (booking.status !== "requested" && booking.status !== "confirmed") return { ok: false, problems: [{ code: "not_active", field: null, params: {} }] };
  const why = reason?.trim() || null;
  if (right === "any" && !why) return { ok: false, problems: [{ code: "reason_required", field: "reason", params: {} }] };
  return transact(tx, (tx): DecisionResult => {
    const changed = tx
      .update(bookings)
      .set({ status: "cancelled", cancelledBy: ctx.userId, cancelledAt: new Date(now), cancelReason: why })
      .where(and(eq(bookings.id, bookingId), eq(bookings.groupId, ctx.groupId), isActive))
      .run().changes;
    if (!changed) return { ok: false, problems: [{ code: "not_active", field: null, params: {} }] };
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "cancel", entity: "booking", entityId: bookingId, details: why ? { reason: why } : undefined });
    notifyBooker(tx, ctx, booking, "cancelled", why ?? undefined);
    return { ok: true };
  });
}

// -------------------------------------------------------------------------------------------------
// Reading bookings

export type BookingListItem = {
  id: string;
  spaceId: string;
  spaceName: string;
  spaceKind: SpaceKind;
  householdId: string | null;
  householdName: string | null;
  startsAt: Date;
  endsAt: Date;
  status: Booking["status"];
  /** Only for the booker's household and facilitators; null for anyone else. */
  purpose: string | null;
  guests: number;
  seriesId: string | null;
  own: boolean;
};

const listColumns = {
  id: bookings.id,
  spaceId: bookings.spaceId,
  spaceName: spaces.name,
  spaceKind: spaces.kind,
  householdId: bookings.householdId,
  householdName: households.name,
  createdBy: bookings.createdBy,
  startsAt: bookings.startsAt,
  endsAt: bookings.endsAt,
  status: bookings.status,
  purpose: bookings.purpose,
  guests: bookings.guests,
  seriesId: bookings.seriesId,
};

function seesDetails(ctx: Ctx, b: Pick<Booking, "householdId" | "createdBy">) {
  return can(ctx, "booking:approve") || isOwn(ctx, b);
}

/** The active bookings (requested or confirmed) meeting [from, to), for the calendars. Everyone sees who booked; the purpose only the household and facilitators. */
export function listBookings({ ctx, from, to, spaceId }: { ctx: Ctx; from: number | Date; to: number | Date; spaceId?: string }): BookingListItem[] {
  if (spaceId) findSpace(ctx, spaceId);
  const rows = db
    .select(listColumns)
    .from(bookings)
    .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
    .leftJoin(households, eq(households.id, bookings.householdId))
    .where(
      and(
        eq(bookings.groupId, ctx.groupId),
        spaceId ? eq(bookings.spaceId, spaceId) : undefined,
        isActive,
        lt(bookings.startsAt, new Date(to)),
        gt(bookings.endsAt, new Date(from)),
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .all();
  return rows.map(({ createdBy, purpose, ...r }) => {
    const details = seesDetails(ctx, { householdId: r.householdId, createdBy });
    return { ...r, purpose: details ? purpose : null, own: isOwn(ctx, { householdId: r.householdId, createdBy }) };
  });
}

export type MyBooking = Booking & { spaceName: string; spaceKind: SpaceKind; canCancel: boolean };

/** The bookings of the person's household (or their own, without a household), latest first. */
export function listMyBookings({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): MyBooking[] {
  const mine = ctx.householdId ? eq(bookings.householdId, ctx.householdId) : and(isNull(bookings.householdId), eq(bookings.createdBy, ctx.userId));
  return db
    .select({ booking: bookings, spaceName: spaces.name, spaceKind: spaces.kind })
    .from(bookings)
    .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
    .where(and(eq(bookings.groupId, ctx.groupId), mine))
    .orderBy(desc(bookings.startsAt))
    .all()
    .map(({ booking, spaceName, spaceKind }) => ({
      ...booking,
      spaceName,
      spaceKind,
      canCancel: (booking.status === "requested" || booking.status === "confirmed") && booking.startsAt.getTime() > now,
    }));
}

export type PendingApproval = {
  id: string;
  spaceId: string;
  spaceName: string;
  spaceKind: SpaceKind;
  householdName: string | null;
  createdByName: string | null;
  startsAt: Date;
  endsAt: Date;
  purpose: string;
  guests: number;
  feeCents: number;
  nights: number;
  seriesId: string | null;
  createdAt: Date;
};

/** Requests waiting for a facilitator, soonest first (past ones included: they still need an answer). */
export function listPendingApprovals({ ctx }: { ctx: Ctx }): PendingApproval[] {
  requirePermission(ctx, "booking:approve");
  return db
    .select({
      id: bookings.id,
      spaceId: bookings.spaceId,
      spaceName: spaces.name,
      spaceKind: spaces.kind,
      householdName: households.name,
      createdByName: users.name,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      purpose: bookings.purpose,
      guests: bookings.guests,
      feeCents: bookings.feeCents,
      nights: bookings.nights,
      seriesId: bookings.seriesId,
      createdAt: bookings.createdAt,
    })
    .from(bookings)
    .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
    .leftJoin(households, eq(households.id, bookings.householdId))
    .leftJoin(users, eq(users.id, bookings.createdBy))
    .where(and(eq(bookings.groupId, ctx.groupId), eq(bookings.status, "requested")))
    .orderBy(asc(bookings.startsAt))
    .all();
}

export type BookingDetail = Omit<Booking, "purpose"> & {
  purpose: string | null;
  spaceName: string;
  spaceKind: SpaceKind;
  householdName: string | null;
  createdByName: string | null;
  own: boolean;
  canDecide: boolean;
  canCancel: boolean;
  /** Cancelling needs a reason (a facilitator cancelling a booking that is not their household's, or that has started). */
  cancelNeedsReason: boolean;
};

export function getBooking({ ctx, bookingId, now = Date.now() }: { ctx: Ctx; bookingId: string; now?: number }): BookingDetail {
  const row = db
    .select({ booking: bookings, spaceName: spaces.name, spaceKind: spaces.kind, householdName: households.name, createdByName: users.name })
    .from(bookings)
    .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
    .leftJoin(households, eq(households.id, bookings.householdId))
    .leftJoin(users, eq(users.id, bookings.createdBy))
    .where(and(eq(bookings.id, bookingId), eq(bookings.groupId, ctx.groupId)))
    .get();
  if (!row) throw notFound();
  const b = row.booking;
  const details = seesDetails(ctx, b);
  const active = b.status === "requested" || b.status === "confirmed";
  const right = cancelRight(ctx, b, now);
  return {
    ...b,
    purpose: details ? b.purpose : null,
    decisionReason: details ? b.decisionReason : null,
    cancelReason: details ? b.cancelReason : null,
    spaceName: row.spaceName,
    spaceKind: row.spaceKind,
    householdName: row.householdName,
    createdByName: details ? row.createdByName : null,
    own: isOwn(ctx, b),
    canDecide: b.status === "requested" && can(ctx, "booking:approve"),
    canCancel: active && (right === "own" || right === "any"),
    cancelNeedsReason: right === "any",
  };
}

// -------------------------------------------------------------------------------------------------
// Mail

function bookingUrl(groupId: string, bookingId: string): string | null {
  return appLink(`/g/${groupId}/bookings/${bookingId}`);
}

function groupName(groupId: string): string {
  return db.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId)).get()?.name ?? "";
}

/** Queued in the transaction that created the bookings (sent after its commit). */
function notifyPending(tx: Tx, ctx: Ctx, space: Space, created: Booking[]) {
  const facilitators = db
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.groupId, ctx.groupId), inArray(memberships.role, ["facilitator", "group_admin"])))
    .all();
  const household = created[0].householdId
    ? db.select({ name: households.name }).from(households).where(eq(households.id, created[0].householdId)).get()?.name
    : undefined;
  const group = groupName(ctx.groupId);
  const first = created[0];
  mailEach(tx, facilitators, (t, lang) => {
    const url = bookingUrl(ctx.groupId, first.id);
    const slot = formatSlot({ startsAt: first.startsAt.getTime(), endsAt: first.endsAt.getTime() }, lang, ctx.group.timeZone, space.kind);
    return {
      subject: t("bookings:mail.pending_subject", { space: space.name, group }),
      text: [
        t("bookings:mail.hello"),
        t("bookings:mail.pending_text", { who: household ?? ctx.user.name, space: space.name, slot, count: created.length, group }),
        first.purpose ? t("bookings:mail.purpose", { purpose: first.purpose }) : null,
        url ? t("bookings:mail.link", { url }) : null,
        t("bookings:mail.signature"),
      ]
        .filter(Boolean)
        .join("\n\n"),
    };
  });
}

function notifyBooker(tx: Tx, ctx: Ctx, booking: Booking, what: "approved" | "declined" | "cancelled", reason: string | undefined) {
  if (!booking.createdBy || booking.createdBy === ctx.userId) return;
  const booker = db.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, booking.createdBy)).get();
  if (!booker) return;
  const space = db.select({ name: spaces.name, kind: spaces.kind }).from(spaces).where(eq(spaces.id, booking.spaceId)).get();
  const group = groupName(ctx.groupId);
  mailEach(tx, [booker], (t, lang) => {
    const url = bookingUrl(ctx.groupId, booking.id);
    const slot = formatSlot({ startsAt: booking.startsAt.getTime(), endsAt: booking.endsAt.getTime() }, lang, ctx.group.timeZone, space?.kind);
    return {
      subject: t(`bookings:mail.${what}_subject`, { space: space?.name ?? "", group }),
      text: [
        t("bookings:mail.hello"),
        t(`bookings:mail.${what}_text`, { space: space?.name ?? "", slot, group, by: ctx.user.name }),
        reason ? t("bookings:mail.reason", { reason }) : null,
        url ? t("bookings:mail.link", { url }) : null,
        t("bookings:mail.signature"),
      ]
        .filter(Boolean)
        .join("\n\n"),
    };
  });
}

// -------------------------------------------------------------------------------------------------
// Calendar feeds (iCal)

export type FeedEvent = { id: string; startsAt: Date; endsAt: Date; summary: string; description: string; status: "requested" | "confirmed"; sequence: number; updatedAt: Date };
export type FeedData = { name: string; timeZone: string; events: FeedEvent[] };

/** A secret URL for the phone's calendar: of a space, or of the person's household. The token is shown once; only its hash is kept. */
export function createFeed({
  ctx,
  scope,
  spaceId,
}: {
  ctx: Ctx;
  scope: FeedScope;
  spaceId?: string;
}): { ok: true; id: string; token: string; path: string } | { ok: false; problems: Problem[] } {
  let householdId: string | null = null;
  if (scope === "space") {
    if (!spaceId) return { ok: false, problems: [{ code: "required", field: "spaceId", params: {} }] };
    findSpace(ctx, spaceId);
  } else {
    if (!ctx.householdId) return { ok: false, problems: [{ code: "no_household", field: null, params: {} }] };
    householdId = ctx.householdId;
  }
  const token = generateToken();
  const id = db.transaction((tx) => {
    const row = tx
      .insert(calendarFeeds)
      .values({ groupId: ctx.groupId, tokenHash: hashToken(token), scope, spaceId: scope === "space" ? spaceId! : null, householdId, createdBy: ctx.userId })
      .returning({ id: calendarFeeds.id })
      .get();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "calendar_feed", entityId: row.id, details: { scope, spaceId, householdId } });
    return row.id;
  });
  return { ok: true, id, token, path: `/ical/${token}.ics` };
}

/** Revoked by the person who made it, or by a facilitator. */
export function revokeFeed({ ctx, feedId }: { ctx: Ctx; feedId: string }): { ok: true } {
  const feed = db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.groupId, ctx.groupId)))
    .get();
  if (!feed) throw notFound();
  if (feed.createdBy !== ctx.userId && !can(ctx, "space:manage")) throw forbidden();
  db.transaction((tx) => {
    tx.update(calendarFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.groupId, ctx.groupId), isNull(calendarFeeds.revokedAt)))
      .run();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "revoke", entity: "calendar_feed", entityId: feedId });
  });
  return { ok: true };
}

/** The person's feeds in this group that still work. */
export function listFeeds({ ctx }: { ctx: Ctx }) {
  return db
    .select({
      id: calendarFeeds.id,
      scope: calendarFeeds.scope,
      spaceId: calendarFeeds.spaceId,
      spaceName: spaces.name,
      householdId: calendarFeeds.householdId,
      householdName: households.name,
      createdAt: calendarFeeds.createdAt,
    })
    .from(calendarFeeds)
    .leftJoin(spaces, eq(spaces.id, calendarFeeds.spaceId))
    .leftJoin(households, eq(households.id, calendarFeeds.householdId))
    .where(and(eq(calendarFeeds.groupId, ctx.groupId), eq(calendarFeeds.createdBy, ctx.userId), isNull(calendarFeeds.revokedAt)))
    .orderBy(desc(calendarFeeds.createdAt))
    .all();
}

/** How far back and ahead a feed reaches. */
const FEED_PAST_DAYS = 60;
const FEED_FUTURE_DAYS = 400;

/**
 * The events of a feed by its token, or null (unknown, revoked, or its maker no longer a member, as after their household left).
 * Space feeds name the household (as the group's calendar does); household feeds name the space and
 * carry the purpose. No translated words: a feed has no language, and iCal's STATUS says tentative.
 */
export function feedEvents(token: string, now = Date.now()): FeedData | null {
  const feed = db
    .select({ feed: calendarFeeds, groupName: groups.name, timeZone: groups.timeZone })
    .from(calendarFeeds)
    .innerJoin(groups, eq(groups.id, calendarFeeds.groupId))
    .innerJoin(memberships, and(eq(memberships.groupId, calendarFeeds.groupId), eq(memberships.userId, calendarFeeds.createdBy)))
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt)))
    .get();
  if (!feed) return null;
  const f = feed.feed;
  // A feed lives as long as its maker's membership: a household's departure ends it (issue 16).
  if (!f.createdBy || !isActiveMember(f.createdBy, f.groupId, now)) return null;
  const scoped =
    f.scope === "space" && f.spaceId ? eq(bookings.spaceId, f.spaceId) : f.scope === "household" && f.householdId ? eq(bookings.householdId, f.householdId) : undefined;
  if (!scoped) return null;
  const rows = db
    .select({
      id: bookings.id,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      status: bookings.status,
      purpose: bookings.purpose,
      sequence: bookings.sequence,
      updatedAt: bookings.updatedAt,
      spaceName: spaces.name,
      householdName: households.name,
    })
    .from(bookings)
    .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
    .leftJoin(households, eq(households.id, bookings.householdId))
    .where(
      and(
        eq(bookings.groupId, f.groupId),
        scoped,
        isActive,
        gt(bookings.endsAt, new Date(now - FEED_PAST_DAYS * 86_400_000)),
        lt(bookings.startsAt, new Date(now + FEED_FUTURE_DAYS * 86_400_000)),
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .all();
  const title =
    f.scope === "space"
      ? db.select({ name: spaces.name }).from(spaces).where(eq(spaces.id, f.spaceId!)).get()?.name
      : db.select({ name: households.name }).from(households).where(eq(households.id, f.householdId!)).get()?.name;
  return {
    name: `${title ?? ""} — ${feed.groupName}`,
    timeZone: feed.timeZone,
    events: rows.map((r) => ({
      id: r.id,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      status: r.status as "requested" | "confirmed",
      summary: f.scope === "space" ? (r.householdName ?? feed.groupName) : r.spaceName,
      description: f.scope === "household" ? r.purpose : "",
      sequence: r.sequence,
      updatedAt: r.updatedAt,
    })),
  };
}

/** The .ics text of a feed (times in UTC, which every calendar shows in its own zone). */
export function renderIcs(feed: FeedData): string {
  return renderCalendar({
    name: feed.name,
    product: "bookings",
    events: feed.events.map((e) => ({
      id: e.id,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      summary: e.summary,
      description: e.description,
      status: e.status === "confirmed" ? "confirmed" : "tentative",
      sequence: e.sequence,
      lastModified: e.updatedAt,
    })),
  });
}

// -------------------------------------------------------------------------------------------------
// Figures for the evaluation module

/** The hours of a day a room is counted as bookable for the occupancy rate (minus quiet hours and closures). */
export const BOOKABLE_DAY = { start: "08:00", end: "22:00" } as const;

export type SpaceMonthFigures = {
  spaceId: string;
  spaceName: string;
  kind: SpaceKind;
  /** 'YYYY-MM', the group's calendar month (clipped to [from, to]). */
  month: string;
  /** Confirmed bookings starting in the month. */
  bookings: number;
  /** Hours of confirmed bookings within the month. */
  bookedHours: number;
  /** Rooms: hours of BOOKABLE_DAY minus quiet hours and closures; guest units: hours of the nights available × 24. */
  bookableHours: number;
  /** Rooms: booked hours within bookable hours / bookable hours. Guest units: occupied nights / available nights. Null when nothing was bookable. */
  occupancyRate: number | null;
  /** Guest units: nights occupied (night of date d counts in d's month) and nights available (not closed); null for rooms. */
  nights: number | null;
  availableNights: number | null;
  feesCents: number;
};

export type HouseholdStayFigures = { householdId: string | null; householdName: string | null; spaceId: string; spaceName: string; stays: number; nights: number; feesCents: number };

function overlapMs(a: Interval, b: Interval) {
  return Math.max(0, Math.min(a.endsAt, b.endsAt) - Math.max(a.startsAt, b.startsAt));
}

/** Intervals minus intervals (both lists of [startsAt, endsAt)). */
function subtract(base: Interval[], cut: Interval[]): Interval[] {
  let out = base;
  for (const c of cut) {
    out = out.flatMap((b) => {
      if (c.endsAt <= b.startsAt || b.endsAt <= c.startsAt) return [b];
      const parts: Interval[] = [];
      if (b.startsAt < c.startsAt) parts.push({ startsAt: b.startsAt, endsAt: c.startsAt });
      if (c.endsAt < b.endsAt) parts.push({ startsAt: c.endsAt, endsAt: b.endsAt });
      return parts;
    });
  }
  return out;
}

const hours = (ms: number) => Math.round((ms / 3_600_000) * 100) / 100;

/**
 * Per space and month of [from, to] (calendar dates, inclusive, in the group's zone): confirmed bookings,
 * hours booked and occupancy; per household, guest-unit stays, nights and fees. Rooms: occupancy is the
 * booked time inside the bookable hours (BOOKABLE_DAY, less quiet hours and closures) over those hours.
 * Guest units: a night is the night of date d (d's check-in to d+1's check-out); occupancy is occupied
 * nights over nights not closed; a stay's fee is spread evenly over its nights. Taken by the group id
 * (the evaluation module authorises its callers).
 */
export function bookingFigures({ scope: { groupId }, from, to }: { scope: GroupScoped; from: string; to: string }): {
  from: string;
  to: string;
  spaces: SpaceMonthFigures[];
  households: HouseholdStayFigures[];
} {
  const group = db.select({ timeZone: groups.timeZone }).from(groups).where(eq(groups.id, groupId)).get();
  if (!group) throw notFound();
  const tz = group.timeZone;
  const rangeStart = zonedToUtc(`${from}T00:00`, tz);
  const rangeEnd = zonedToUtc(`${addDays(to, 1)}T00:00`, tz);
  const spaceRows = db.select().from(spaces).where(eq(spaces.groupId, groupId)).orderBy(asc(spaces.kind), asc(spaces.name)).all();
  const rows = db
    .select({
      spaceId: bookings.spaceId,
      householdId: bookings.householdId,
      householdName: households.name,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      nights: bookings.nights,
      feeCents: bookings.feeCents,
    })
    .from(bookings)
    .leftJoin(households, eq(households.id, bookings.householdId))
    .where(and(eq(bookings.groupId, groupId), eq(bookings.status, "confirmed"), lt(bookings.startsAt, new Date(rangeEnd)), gt(bookings.endsAt, new Date(rangeStart))))
    .all()
    .map((r) => ({ ...r, startsAt: r.startsAt.getTime(), endsAt: r.endsAt.getTime() }));
  const closureRows = db
    .select({ spaceId: spaceClosures.spaceId, startsAt: spaceClosures.startsAt, endsAt: spaceClosures.endsAt })
    .from(spaceClosures)
    .where(and(eq(spaceClosures.groupId, groupId), lt(spaceClosures.startsAt, new Date(rangeEnd)), gt(spaceClosures.endsAt, new Date(rangeStart))))
    .all()
    .map((c) => ({ spaceId: c.spaceId, startsAt: c.startsAt.getTime(), endsAt: c.endsAt.getTime() }));

  // Months of the range, each clipped to it.
  const months: { month: string; firstDay: string; lastDay: string; interval: Interval }[] = [];
  for (let day = from; day <= to; ) {
    const nextMonth = addDays(`${day.slice(0, 7)}-01`, 32).slice(0, 7) + "-01";
    const lastDay = addDays(nextMonth, -1) < to ? addDays(nextMonth, -1) : to;
    months.push({
      month: day.slice(0, 7),
      firstDay: day,
      lastDay,
      interval: { startsAt: zonedToUtc(`${day}T00:00`, tz), endsAt: zonedToUtc(`${addDays(lastDay, 1)}T00:00`, tz) },
    });
    day = nextMonth;
  }

  const nightKeys = (b: { startsAt: number; endsAt: number }) => {
    const out: string[] = [];
    const last = utcToZoned(b.endsAt, tz).date;
    for (let d = utcToZoned(b.startsAt, tz).date; d < last; d = addDays(d, 1)) out.push(d);
    return out;
  };

  const spaceFigures: SpaceMonthFigures[] = [];
  const byHousehold = new Map<string, HouseholdStayFigures>();
  for (const space of spaceRows) {
    const own = rows.filter((r) => r.spaceId === space.id);
    const closed = closureRows.filter((c) => c.spaceId === space.id);
    const stay = space.kind === "guest_unit";
    for (const m of months) {
      const inMonth = own.filter((b) => overlapMs(b, m.interval) > 0);
      const bookedMs = inMonth.reduce((sum, b) => sum + overlapMs(b, m.interval), 0);
      const starting = inMonth.filter((b) => b.startsAt >= m.interval.startsAt && b.startsAt < m.interval.endsAt).length;
      if (!stay) {
        let windows: Interval[] = [];
        for (let d = m.firstDay; d <= m.lastDay; d = addDays(d, 1))
          windows.push({ startsAt: zonedToUtc(`${d}T${BOOKABLE_DAY.start}`, tz), endsAt: zonedToUtc(`${d}T${BOOKABLE_DAY.end}`, tz) });
        if (space.quietStart && space.quietEnd) windows = subtract(windows, quietPeriods(space.quietStart, space.quietEnd, m.interval.startsAt, m.interval.endsAt, tz));
        windows = subtract(windows, closed);
        const bookableMs = windows.reduce((sum, w) => sum + (w.endsAt - w.startsAt), 0);
        const usedMs = windows.reduce((sum, w) => sum + inMonth.reduce((s, b) => s + overlapMs(b, w), 0), 0);
        spaceFigures.push({
          spaceId: space.id,
          spaceName: space.name,
          kind: space.kind,
          month: m.month,
          bookings: starting,
          bookedHours: hours(bookedMs),
          bookableHours: hours(bookableMs),
          occupancyRate: bookableMs ? Math.round((usedMs / bookableMs) * 10_000) / 10_000 : null,
          nights: null,
          availableNights: null,
          feesCents: 0,
        });
        continue;
      }
      const checkIn = space.checkInTime ?? DEFAULT_CHECK_IN;
      const checkOut = space.checkOutTime ?? DEFAULT_CHECK_OUT;
      let available = 0;
      for (let d = m.firstDay; d <= m.lastDay; d = addDays(d, 1)) {
        const night = { startsAt: zonedToUtc(`${d}T${checkIn}`, tz), endsAt: zonedToUtc(`${addDays(d, 1)}T${checkOut}`, tz) };
        if (!closed.some((c) => overlapMs(c, night) > 0)) available++;
      }
      let nights = 0;
      let fees = 0;
      for (const b of own) {
        const keys = nightKeys(b).filter((d) => d >= m.firstDay && d <= m.lastDay);
        if (!keys.length) continue;
        const fee = b.nights ? Math.round((b.feeCents * keys.length) / b.nights) : 0;
        nights += keys.length;
        fees += fee;
        const key = `${b.householdId ?? ""}|${space.id}`;
        const h = byHousehold.get(key) ?? { householdId: b.householdId, householdName: b.householdName, spaceId: space.id, spaceName: space.name, stays: 0, nights: 0, feesCents: 0 };
        h.nights += keys.length;
        h.feesCents += fee;
        if (b.startsAt >= m.interval.startsAt && b.startsAt < m.interval.endsAt) h.stays++;
        byHousehold.set(key, h);
      }
      spaceFigures.push({
        spaceId: space.id,
        spaceName: space.name,
        kind: space.kind,
        month: m.month,
        bookings: starting,
        bookedHours: hours(bookedMs),
        bookableHours: available * 24,
        occupancyRate: available ? Math.round((nights / available) * 10_000) / 10_000 : null,
        nights,
        availableNights: available,
        feesCents: fees,
      });
    }
  }
  return {
    from,
    to,
    spaces: spaceFigures,
    households: [...byHousehold.values()].sort((a, b) => (a.householdName ?? "").localeCompare(b.householdName ?? "") || a.spaceName.localeCompare(b.spaceName)),
  };
}
