// The group calendar: event series and their occurrences, sign-ups and the waiting list, meal roles,
// costs, closing a meal and the meal ledger, Home and calendar reads, iCal feeds and the figures the
// evaluation module reads. Every query is scoped by ctx.groupId; the rules are in rules.ts.
//
// Capacity holds under concurrency: a sign-up is checked and written in one IMMEDIATE transaction (two
// processes serialise on SQLite's write lock), and the triggers of migration 0004 refuse a confirmed
// sign-up beyond capacity and any change to a closed meal, whatever wrote it.
//
// Places: an occurrence in a space holds a booking made through the bookings module (createBooking, for
// the group), so the space's rules and its no-overlap guarantee apply. createBooking is async and runs
// its own transaction, so it cannot share ours: the bookings are made first (checked with
// previewBooking, then created one by one), the event rows are written after, and a failure on the way
// cancels the bookings already made (and re-books the slots a change had freed).
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import {
  eventFeeds,
  eventOccurrences,
  eventSeries,
  eventSettings,
  eventSignups,
  groups,
  households,
  mealAssignments,
  mealCosts,
  mealLedger,
  mealRoles,
  memberships,
  persons,
  spaces,
  users,
} from "~db/schema";
import { DIETS, MEAL_ROLES, type Diet, type EventFeedScope, type EventKind, type EventRepeat, type MealRole, type OccurrenceStatus } from "~db/schema/enums";
import type { MemberContext } from "~/modules/access/access.server";
import type { GroupScoped } from "~/modules/access/scope.server";
import { can, isActiveMember, requirePermission } from "~/modules/access/access.server";
import { forbidden, notFound } from "~/modules/access/errors";
import { findHousehold, findPerson } from "~/modules/access/lookups.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { generateToken, hashToken } from "~/modules/auth/session.server";
import { cancelBooking, createBooking, FOR_THE_GROUP, getSpace, previewBooking, type Space } from "~/modules/bookings/bookings.server";
import { formatSlot } from "~/modules/bookings/rules";
import type { BookingInput } from "~/modules/bookings/schemas";
import { renderCalendar } from "~/modules/core/ical";
import { todayIn } from "~/modules/core/dates";
import { newId } from "~/modules/core/ids";
import { addDays, utcToZoned, zonedToUtc } from "~/modules/core/recurrence";
import { DEFAULT_LANG, isLang, type Lang } from "~/modules/i18n/config";
import { mailEach, type Recipient, type Translate } from "~/modules/mail/notify.server";
import {
  HORIZON_DAYS,
  MAX_OCCURRENCES,
  admission,
  balancesOf,
  costPerPortion,
  durationOf,
  endDateOf,
  fromBookingProblem,
  halfPortionsOf,
  horizonDate,
  mealLedgerLines,
  placesLeft,
  placesOf,
  planOccurrences,
  problem,
  promotions,
  repeatOf,
  residentsOf,
  ruleDeadline,
  ruleGrow,
  ruleParty,
  rruleFor,
  signupDeadline,
  splitCost,
  splitRule,
  type Balance,
  type LedgerLine,
  type PlannedOccurrence,
  type Problem,
  type SeriesRule,
} from "./rules";
import type { CostInput, EventInput, EventSettingsInput, OccurrenceChangeInput, SignupInput } from "./schemas";
import { appLink } from "~/modules/core/origin.server";

type Ctx = MemberContext;
type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];
/** The database or a transaction: reads take either. */
type Q = Pick<typeof db, "select">;

export type Series = typeof eventSeries.$inferSelect;
export type Occurrence = typeof eventOccurrences.$inferSelect;
export type Signup = typeof eventSignups.$inferSelect;
export type { Problem } from "./rules";
/** A write's answer: ok with its data, or the rules it broke (shown next to the fields, never a 500). */
export type Result<T extends object = object> = ({ ok: true } & T) | { ok: false; problems: Problem[] };

const fail = (...problems: Problem[]) => ({ ok: false as const, problems });
const DAY = 86_400_000;

/** Slots of roles a new shared-meal occurrence gets. */
const DEFAULT_HELPERS = 2;
const DEFAULT_CLEANERS = 2;
/** A meal without a head cook this close to its start calls for volunteers on Home. */
export const VOLUNTEER_CALL_DAYS = 3;

// -------------------------------------------------------------------------------------------------
// Settings

export const DEFAULT_CHILD_AGE_LIMIT = 12;

function childAgeLimitOf(q: Q, groupId: string): number {
  return q.select({ limit: eventSettings.childAgeLimit }).from(eventSettings).where(eq(eventSettings.groupId, groupId)).get()?.limit ?? DEFAULT_CHILD_AGE_LIMIT;
}

/** The group's settings for events (defaults when never changed). */
export function getEventSettings({ ctx }: { ctx: Ctx }): { childAgeLimit: number } {
  return { childAgeLimit: childAgeLimitOf(db, ctx.groupId) };
}

export function updateEventSettings({ ctx, input }: { ctx: Ctx; input: EventSettingsInput }): { ok: true } {
  requirePermission(ctx, "event:manage");
  db.transaction((tx) => {
    const before = childAgeLimitOf(tx, ctx.groupId);
    tx.insert(eventSettings)
      .values({ groupId: ctx.groupId, childAgeLimit: input.childAgeLimit })
      .onConflictDoUpdate({ target: eventSettings.groupId, set: { childAgeLimit: input.childAgeLimit, updatedAt: new Date() } })
      .run();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "event_settings", entityId: ctx.groupId, details: { childAgeLimit: { before, after: input.childAgeLimit } } });
  }, { behavior: "immediate" });
  return { ok: true };
}

// -------------------------------------------------------------------------------------------------
// Finding rows of the group (another group's id is 404)

function findSeries(q: Q, ctx: Ctx, seriesId: string): Series {
  const row = q
    .select()
    .from(eventSeries)
    .where(and(eq(eventSeries.id, seriesId), eq(eventSeries.groupId, ctx.groupId)))
    .get();
  if (!row) throw notFound();
  return row;
}

function findOccurrence(q: Q, ctx: Ctx, occurrenceId: string): { occ: Occurrence; series: Series } {
  const row = q
    .select({ occ: eventOccurrences, series: eventSeries })
    .from(eventOccurrences)
    .innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId))
    .where(and(eq(eventOccurrences.id, occurrenceId), eq(eventOccurrences.groupId, ctx.groupId)))
    .get();
  if (!row) throw notFound();
  return row;
}

function findSignup(q: Q, ctx: Ctx, signupId: string): Signup {
  const row = q
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.id, signupId), eq(eventSignups.groupId, ctx.groupId)))
    .get();
  if (!row) throw notFound();
  return row;
}

/** The space, organisers and host an event names must be the group's (else 404). */
function checkReferences(ctx: Ctx, input: EventInput): Space | null {
  const space = input.spaceId ? getSpace({ ctx, spaceId: input.spaceId }) : null;
  for (const id of input.organiserIds ?? []) findPerson(ctx, id);
  if (input.hostPersonId) findPerson(ctx, input.hostPersonId);
  return space;
}

const isManager = (ctx: Ctx) => can(ctx, "event:manage");

// -------------------------------------------------------------------------------------------------
// Errors of the triggers (the last guards) as problems

function triggerError(e: unknown): "event_full" | "meal_closed" | "role_full" | "unique" | null {
  for (let err = e; err; err = (err as { cause?: unknown }).cause) {
    if (!(err instanceof Error)) break;
    for (const code of ["event_full", "meal_closed", "role_full"] as const) if (err.message.includes(code)) return code;
    if (err.message.includes("UNIQUE constraint failed")) return "unique";
  }
  return null;
}

// -------------------------------------------------------------------------------------------------
// Series values and occurrences

type SeriesValues = Omit<typeof eventSeries.$inferInsert, "id" | "groupId" | "createdBy" | "createdAt" | "updatedAt" | "materialisedUntil" | "parentSeriesId">;

function seriesValues(ctx: Ctx, input: EventInput): SeriesValues {
  const repeating = input.repeat !== "none";
  return {
    kind: input.kind,
    title: input.title,
    description: input.description ?? "",
    spaceId: input.spaceId || null,
    placeText: input.spaceId ? "" : (input.placeText ?? ""),
    startDate: input.date,
    startTime: input.startTime,
    durationMinutes: durationOf(input.date, input.startTime, input.endTime, input.endDate),
    timeZone: ctx.group.timeZone,
    rrule: rruleFor(input.repeat, input.date),
    untilDate: repeating ? (input.until ?? null) : null,
    count: repeating ? (input.count ?? null) : null,
    capacity: input.capacity ?? null,
    signupDeadlineHours: input.signupDeadlineHours ?? null,
    organiserIds: [...new Set(input.organiserIds ?? [])],
    hostPersonId: input.hostPersonId || null,
    hostText: input.hostText ?? "",
    materials: input.materials ?? "",
    skills: input.skills ?? [],
    helperSlots: input.helperSlots ?? DEFAULT_HELPERS,
    cleanerSlots: input.cleanerSlots ?? DEFAULT_CLEANERS,
  };
}

const ruleOf = (s: Pick<Series, "rrule" | "startDate" | "startTime" | "durationMinutes" | "timeZone" | "untilDate" | "count">): SeriesRule => ({
  rrule: s.rrule,
  startDate: s.startDate,
  startTime: s.startTime,
  durationMinutes: s.durationMinutes,
  timeZone: s.timeZone,
  untilDate: s.untilDate ?? null,
  count: s.count ?? null,
});

/** The occurrences to materialise now, or why there are none. */
function plannedFor(values: SeriesValues, space: Space | null, now: number, fromDate?: string): { ok: true; planned: PlannedOccurrence[]; horizon: string } | { ok: false; problems: Problem[] } {
  if (values.durationMinutes <= 0) return fail(problem("end_before_start", "endTime"));
  const today = todayIn(values.timeZone, now);
  const horizon = horizonDate(today, space?.bookingWindowDays ?? null);
  const rule = ruleOf(values as Series);
  const planned = planOccurrences(rule, { fromDate, toDate: horizon });
  if (!planned.length) {
    const any = planOccurrences(rule, { fromDate, toDate: "9999-12-31", max: 1 });
    if (!any.length) return fail(problem("no_occurrence", values.rrule ? "until" : "date"));
    return fail(problem("too_far_ahead", "date", { lastDate: horizon }));
  }
  if (planned.length > MAX_OCCURRENCES) return fail(problem("too_many_occurrences", "until", { max: MAX_OCCURRENCES }));
  if (planned[0].startsAt < now) return fail(problem("in_past", "date"));
  return { ok: true, planned, horizon };
}

function insertOccurrence(
  tx: Tx,
  ctx: { groupId: string },
  series: Pick<Series, "id" | "kind" | "spaceId" | "placeText" | "capacity" | "helperSlots" | "cleanerSlots">,
  p: PlannedOccurrence,
  bookingId: string | null,
  bookingProblem: string | null = null,
): string {
  const id = newId();
  tx.insert(eventOccurrences)
    .values({
      id,
      groupId: ctx.groupId,
      seriesId: series.id,
      originalStartsAt: new Date(p.originalStartsAt),
      startsAt: new Date(p.startsAt),
      endsAt: new Date(p.endsAt),
      spaceId: series.spaceId,
      placeText: series.placeText,
      capacity: series.capacity,
      bookingId,
      bookingProblem,
    })
    .run();
  if (series.kind === "shared_meal") {
    tx.insert(mealRoles)
      .values([
        { groupId: ctx.groupId, occurrenceId: id, role: "head_cook" as const, slots: 1 },
        { groupId: ctx.groupId, occurrenceId: id, role: "helper" as const, slots: series.helperSlots },
        { groupId: ctx.groupId, occurrenceId: id, role: "cleaner" as const, slots: series.cleanerSlots },
      ])
      .run();
  }
  return id;
}

// -------------------------------------------------------------------------------------------------
// Booking the place through the bookings module

type Slot = { startsAt: number; endsAt: number };

function bookingInput(spaceId: string, slot: Slot, timeZone: string, title: string, capacity: number | null): BookingInput {
  const start = utcToZoned(slot.startsAt, timeZone);
  const end = utcToZoned(slot.endsAt, timeZone);
  return {
    spaceId,
    householdId: FOR_THE_GROUP,
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    endDate: end.date !== start.date && !(end.time === "00:00" && end.date === addDays(start.date, 1)) ? end.date : undefined,
    purpose: title,
    guests: capacity ?? 0,
    acknowledgeRules: true,
    freq: "none",
  };
}

/** Checks every slot (previewBooking) and books them one by one; on a failure, cancels what it booked. */
async function bookSlots(ctx: Ctx, spaceId: string, slots: Slot[], title: string, capacity: number | null, now: number): Promise<{ ok: true; bookingIds: string[] } | { ok: false; problems: Problem[] }> {
  const tz = ctx.group.timeZone;
  const problems: Problem[] = [];
  for (const slot of slots) {
    const preview = previewBooking({ ctx, input: bookingInput(spaceId, slot, tz, title, capacity), now });
    const date = utcToZoned(slot.startsAt, tz).date;
    const found = preview.ok ? [...preview.problems, ...preview.slots.flatMap((s) => s.problems)] : preview.problems;
    // The same whole-request problem (capacity, inactive space) once, not once per date.
    for (const p of found) if (!problems.some((q) => q.code === p.code && (!("startsAt" in p.params) || q.params.occurrenceDate === date))) problems.push(fromBookingProblem(p, date));
  }
  if (problems.length) return { ok: false, problems };
  const booked: string[] = [];
  for (const slot of slots) {
    const r = await createBooking({ ctx, input: bookingInput(spaceId, slot, tz, title, capacity), now });
    if (!r.ok) {
      await releaseBookings(ctx, booked, now);
      return { ok: false, problems: r.problems.map((p) => fromBookingProblem(p, utcToZoned(slot.startsAt, tz).date)) };
    }
    booked.push(r.bookings[0].id);
  }
  return { ok: true, bookingIds: booked };
}

/** Cancels bookings the events module made (a failed write's, or a cancelled or moved occurrence's). Returns those it cancelled. */
async function releaseBookings(ctx: Ctx, bookingIds: (string | null)[], now: number): Promise<string[]> {
  const done: string[] = [];
  for (const id of bookingIds) {
    if (!id) continue;
    try {
      const r = await cancelBooking({ ctx, bookingId: id, reason: "event", now });
      if (r.ok) done.push(id);
    } catch (e) {
      // A booking already gone (deleted space) is not ours to worry about.
      if (!(e instanceof Response)) throw e;
    }
  }
  return done;
}

type Rebooking = { key: string; drop: { bookingId: string; spaceId: string; slot: Slot } | null; want: { spaceId: string; slot: Slot } | null; title: string; capacity: number | null };

/**
 * Moves bookings: frees the slots dropped, then books the slots wanted. On a problem, books the freed
 * slots again (their new ids in `restored`) and returns the problems.
 */
async function rebook(
  ctx: Ctx,
  items: Rebooking[],
  now: number,
): Promise<{ ok: true; booked: Map<string, string | null> } | { ok: false; problems: Problem[]; restored: Map<string, string | null> }> {
  const dropped = items.filter((i) => i.drop);
  const released = new Set(await releaseBookings(ctx, dropped.map((i) => i.drop!.bookingId), now));
  const booked = new Map<string, string | null>();
  const wanted = items.filter((i) => i.want);
  let problems: Problem[] = [];
  const made: string[] = [];
  for (const item of wanted) {
    const r = await bookSlots(ctx, item.want!.spaceId, [item.want!.slot], item.title, item.capacity, now);
    if (!r.ok) {
      problems = r.problems;
      break;
    }
    booked.set(item.key, r.bookingIds[0]);
    made.push(r.bookingIds[0]);
  }
  if (!problems.length) return { ok: true, booked };
  await releaseBookings(ctx, made, now);
  const restored = new Map<string, string | null>();
  for (const item of dropped) {
    if (!released.has(item.drop!.bookingId)) continue;
    const r = await createBooking({ ctx, input: bookingInput(item.drop!.spaceId, item.drop!.slot, ctx.group.timeZone, item.title, item.capacity), now });
    restored.set(item.key, r.ok ? r.bookings[0].id : null);
  }
  return { ok: false, problems, restored };
}

// -------------------------------------------------------------------------------------------------
// Creating and changing events

/**
 * A new event, one-off or repeating. Occurrences are materialised up to the horizon (HORIZON_DAYS, or
 * the space's booking window when shorter); a job adds the next ones as time passes. In a space, each
 * occurrence is booked for the group first: any slot the space's rules refuse refuses the event, with
 * the bookings problem and the date it concerns.
 */
export async function createEvent({ ctx, input, now = Date.now() }: { ctx: Ctx; input: EventInput; now?: number }): Promise<Result<{ seriesId: string; occurrenceIds: string[] }>> {
  requirePermission(ctx, "event:create");
  const space = checkReferences(ctx, input);
  const values = seriesValues(ctx, input);
  const plan = plannedFor(values, space, now);
  if (!plan.ok) return plan;
  let bookingIds: (string | null)[] = plan.planned.map(() => null);
  if (space) {
    const booked = await bookSlots(ctx, space.id, plan.planned, values.title, values.capacity ?? null, now);
    if (!booked.ok) return booked;
    bookingIds = booked.bookingIds;
  }
  try {
    return db.transaction(
      (tx) => {
        const series = tx
          .insert(eventSeries)
          .values({ ...values, groupId: ctx.groupId, materialisedUntil: plan.horizon, createdBy: ctx.userId })
          .returning()
          .get();
        const occurrenceIds = plan.planned.map((p, i) => insertOccurrence(tx, ctx, series, p, bookingIds[i]));
        recordAudit(tx, {
          groupId: ctx.groupId,
          userId: ctx.userId,
          action: "create",
          entity: "event_series",
          entityId: series.id,
          details: { ...values, occurrences: occurrenceIds.length, bookings: bookingIds.filter(Boolean).length },
        });
        return { ok: true as const, seriesId: series.id, occurrenceIds };
      },
      { behavior: "immediate" },
    );
  } catch (e) {
    await releaseBookings(ctx, bookingIds, now);
    throw e;
  }
}

/**
 * Changes a whole series from its next occurrence on: the past stays as it was (a series with past
 * occurrences is split, as "this and the following" does). Nothing left to change: a problem.
 */
export async function updateEvent({ ctx, seriesId, input, now = Date.now() }: { ctx: Ctx; seriesId: string; input: EventInput; now?: number }): Promise<Result<{ seriesId: string }>> {
  const series = findSeries(db, ctx, seriesId);
  requirePermission(ctx, "event:manage");
  const pivot = db
    .select()
    .from(eventOccurrences)
    .where(and(eq(eventOccurrences.seriesId, series.id), eq(eventOccurrences.groupId, ctx.groupId), gt(eventOccurrences.startsAt, new Date(now)), isNull(eventOccurrences.closedAt)))
    .orderBy(asc(eventOccurrences.originalStartsAt))
    .limit(1)
    .get();
  if (!pivot) return fail(problem("nothing_to_change"));
  return applyFrom(ctx, series, pivot, input, now);
}

type Change =
  | { kind: "update"; row: Occurrence; set: Partial<typeof eventOccurrences.$inferInsert> }
  | { kind: "cancel"; row: Occurrence }
  | { kind: "create"; planned: PlannedOccurrence };

/**
 * "This and the following": from the pivot occurrence on, the series follows the new definition. The
 * rows from the pivot on are matched to the new rule's occurrences by date: a matched row keeps its
 * sign-ups, roles and costs and takes the new time and place (unless it was moved on its own, or
 * cancelled); a row the new rule no longer has is cancelled (its households are told); new dates get
 * new rows. When the pivot is not the first occurrence, the series is split: the old one ends the day
 * before, the new one (parentSeriesId) takes the rows from the pivot on.
 */
async function applyFrom(ctx: Ctx, series: Series, pivot: Occurrence, input: EventInput, now: number): Promise<Result<{ seriesId: string }>> {
  requirePermission(ctx, "event:manage");
  if (pivot.closedAt) return fail(problem("meal_closed"));
  const space = checkReferences(ctx, input);
  const values = seriesValues(ctx, { ...input });
  const tz = series.timeZone;
  const rows = db
    .select()
    .from(eventOccurrences)
    .where(and(eq(eventOccurrences.seriesId, series.id), eq(eventOccurrences.groupId, ctx.groupId), gte(eventOccurrences.originalStartsAt, pivot.originalStartsAt)))
    .orderBy(asc(eventOccurrences.originalStartsAt))
    .all();
  if (rows.some((r) => r.closedAt)) return fail(problem("meal_closed"));
  const plan = plannedFor({ ...values, timeZone: tz }, space, now);
  if (!plan.ok) return plan;
  const split = splitRule(ruleOf(series), pivot.originalStartsAt.getTime());

  const byDate = new Map(plan.planned.map((p) => [p.date, p]));
  const changes: Change[] = [];
  const rebookings: Rebooking[] = [];
  for (const row of rows) {
    const date = utcToZoned(row.originalStartsAt.getTime(), tz).date;
    const p = byDate.get(date);
    if (!p) {
      if (row.status === "scheduled") {
        changes.push({ kind: "cancel", row });
        if (row.bookingId && row.spaceId) rebookings.push({ key: row.id, drop: { bookingId: row.bookingId, spaceId: row.spaceId, slot: slotOf(row) }, want: null, title: values.title, capacity: row.capacity });
      }
      continue;
    }
    byDate.delete(date);
    if (row.status === "cancelled" || row.moved) {
      changes.push({ kind: "update", row, set: { originalStartsAt: new Date(p.originalStartsAt), capacity: values.capacity ?? null } });
      continue;
    }
    const sameSlot = row.startsAt.getTime() === p.startsAt && row.endsAt.getTime() === p.endsAt;
    const samePlace = row.spaceId === (values.spaceId ?? null);
    const set = {
      originalStartsAt: new Date(p.originalStartsAt),
      startsAt: new Date(p.startsAt),
      endsAt: new Date(p.endsAt),
      spaceId: values.spaceId ?? null,
      placeText: values.placeText ?? "",
      capacity: values.capacity ?? null,
    };
    changes.push({ kind: "update", row, set });
    if (!(sameSlot && samePlace && (row.bookingId || !values.spaceId))) {
      rebookings.push({
        key: row.id,
        drop: row.bookingId && row.spaceId ? { bookingId: row.bookingId, spaceId: row.spaceId, slot: slotOf(row) } : null,
        want: values.spaceId ? { spaceId: values.spaceId, slot: p } : null,
        title: values.title,
        capacity: values.capacity ?? null,
      });
    }
  }
  for (const p of byDate.values()) {
    changes.push({ kind: "create", planned: p });
    if (values.spaceId) rebookings.push({ key: `new:${p.originalStartsAt}`, drop: null, want: { spaceId: values.spaceId, slot: p }, title: values.title, capacity: values.capacity ?? null });
  }

  const moved = await rebook(ctx, rebookings, now);
  if (!moved.ok) {
    // The slots freed are booked again: the rows point at their new bookings.
    db.transaction((tx) => {
      for (const [rowId, bookingId] of moved.restored) tx.update(eventOccurrences).set({ bookingId }).where(and(eq(eventOccurrences.id, rowId), eq(eventOccurrences.groupId, ctx.groupId))).run();
    }, { behavior: "immediate" });
    return moved;
  }
  const bookingOf = (key: string, fallback: string | null) => (moved.booked.has(key) ? moved.booked.get(key)! : rebookings.some((r) => r.key === key && r.drop) ? null : fallback);

  const cancelledRows = changes.filter((c): c is Extract<Change, { kind: "cancel" }> => c.kind === "cancel").map((c) => c.row);
  const { targetId, promoted } = db.transaction(
    (tx) => {
      let targetId = series.id;
      if (split.before === 0) {
        tx.update(eventSeries)
          .set({ ...values, timeZone: tz, materialisedUntil: plan.horizon })
          .where(and(eq(eventSeries.id, series.id), eq(eventSeries.groupId, ctx.groupId)))
          .run();
      } else {
        targetId = tx
          .insert(eventSeries)
          .values({ ...values, timeZone: tz, groupId: ctx.groupId, parentSeriesId: series.id, materialisedUntil: plan.horizon, createdBy: ctx.userId })
          .returning({ id: eventSeries.id })
          .get().id;
        tx.update(eventSeries)
          .set({ untilDate: split.untilDate, count: split.count })
          .where(and(eq(eventSeries.id, series.id), eq(eventSeries.groupId, ctx.groupId)))
          .run();
      }
      const target = { ...series, ...values, id: targetId } as Series;
      const promoted: { occurrenceId: string; signupIds: string[] }[] = [];
      for (const c of changes) {
        if (c.kind === "create") {
          insertOccurrence(tx, ctx, target, c.planned, bookingOf(`new:${c.planned.originalStartsAt}`, null));
        } else if (c.kind === "cancel") {
          tx.update(eventOccurrences)
            .set({ status: "cancelled", cancelReason: "series_changed", cancelledAt: new Date(now), cancelledBy: ctx.userId, bookingId: bookingOf(c.row.id, c.row.bookingId) })
            .where(eq(eventOccurrences.id, c.row.id))
            .run();
        } else {
          tx.update(eventOccurrences)
            .set({ ...c.set, seriesId: targetId, bookingId: bookingOf(c.row.id, c.row.bookingId) })
            .where(eq(eventOccurrences.id, c.row.id))
            .run();
          if (c.row.status === "scheduled") {
            const ids = promoteIn(tx, ctx, c.row.id, now);
            if (ids.length) promoted.push({ occurrenceId: c.row.id, signupIds: ids });
          }
        }
      }
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: split.before === 0 ? "update" : "split",
        entity: "event_series",
        entityId: series.id,
        details: { ...values, from: pivot.originalStartsAt.getTime(), newSeriesId: targetId === series.id ? undefined : targetId, cancelled: cancelledRows.length, created: changes.filter((c) => c.kind === "create").length },
      });
      notifyCancelled(tx, ctx, cancelledRows.map((r) => r.id), null);
      for (const p of promoted) notifyPromoted(tx, ctx, p.signupIds);
      return { targetId, promoted };
    },
    { behavior: "immediate" },
  );
  return { ok: true, seriesId: targetId };
}

const slotOf = (o: Pick<Occurrence, "startsAt" | "endsAt">): Slot => ({ startsAt: o.startsAt.getTime(), endsAt: o.endsAt.getTime() });

/**
 * One occurrence: cancel it (its booking is cancelled, its households told), move it (time and place,
 * re-booked; households told), edit its capacity or note (a larger capacity promotes from the waiting
 * list), or change it and the following ones.
 */
export async function changeOccurrence({
  ctx,
  occurrenceId,
  input,
  now = Date.now(),
}: {
  ctx: Ctx;
  occurrenceId: string;
  input: OccurrenceChangeInput;
  now?: number;
}): Promise<Result<{ occurrenceId: string; seriesId: string }>> {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  requirePermission(ctx, "event:manage");
  if (occ.closedAt) return fail(problem("meal_closed"));
  const done = { ok: true as const, occurrenceId: occ.id, seriesId: series.id };

  if (input.intent === "following") {
    const r = await applyFrom(ctx, series, occ, input, now);
    return r.ok ? { ok: true, occurrenceId: occ.id, seriesId: r.seriesId } : r;
  }

  if (input.intent === "cancel") {
    if (occ.status === "cancelled") return fail(problem("not_scheduled"));
    if (occ.bookingId) await releaseBookings(ctx, [occ.bookingId], now);
    const changed = db.transaction(
      (tx) => {
        const n = tx
          .update(eventOccurrences)
          .set({ status: "cancelled", cancelReason: input.reason || null, cancelledAt: new Date(now), cancelledBy: ctx.userId, bookingId: null })
          .where(and(eq(eventOccurrences.id, occ.id), eq(eventOccurrences.groupId, ctx.groupId), eq(eventOccurrences.status, "scheduled"), isNull(eventOccurrences.closedAt)))
          .run().changes;
        if (n) {
          recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "cancel", entity: "event_occurrence", entityId: occ.id, details: { reason: input.reason || undefined } });
          notifyCancelled(tx, ctx, [occ.id], input.reason || null);
        }
        return n;
      },
      { behavior: "immediate" },
    );
    if (!changed) return fail(problem("not_scheduled"));
    return done;
  }

  if (input.intent === "edit") {
    const capacity = input.capacity ?? null;
    const result = db.transaction(
      (tx): Result<{ promoted: string[] }> => {
        const taken = confirmedPlaces(tx, occ.id);
        if (capacity != null && capacity < taken) return fail(problem("capacity_below_taken", "capacity", { taken }));
        tx.update(eventOccurrences).set({ capacity, note: input.note ?? "" }).where(eq(eventOccurrences.id, occ.id)).run();
        const promoted = occ.status === "scheduled" ? promoteIn(tx, ctx, occ.id, now) : [];
        recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "event_occurrence", entityId: occ.id, details: { capacity: { before: occ.capacity, after: capacity }, note: input.note } });
        notifyPromoted(tx, ctx, promoted);
        return { ok: true, promoted };
      },
      { behavior: "immediate" },
    );
    if (!result.ok) return result;
    return done;
  }

  // Move one occurrence.
  if (occ.status === "cancelled") return fail(problem("not_scheduled"));
  const duration = durationOf(input.date, input.startTime, input.endTime, input.endDate);
  if (duration <= 0) return fail(problem("end_before_start", "endTime"));
  const slot = {
    startsAt: zonedToUtc(`${input.date}T${input.startTime}`, series.timeZone),
    endsAt: zonedToUtc(`${endDateOf(input.date, input.endTime, input.endDate)}T${input.endTime}`, series.timeZone),
  };
  if (slot.endsAt <= slot.startsAt) slot.endsAt = slot.startsAt + duration * 60_000;
  if (slot.startsAt < now) return fail(problem("in_past", "date"));
  const keepPlace = !input.spaceId && !input.placeText;
  const spaceId = keepPlace ? occ.spaceId : input.spaceId || null;
  const placeText = keepPlace ? occ.placeText : spaceId ? "" : (input.placeText ?? "");
  if (spaceId && spaceId !== occ.spaceId) getSpace({ ctx, spaceId });
  const sameSlot = slot.startsAt === occ.startsAt.getTime() && slot.endsAt === occ.endsAt.getTime();
  let bookingId = occ.bookingId;
  if (!(sameSlot && spaceId === occ.spaceId)) {
    const moved = await rebook(
      ctx,
      [
        {
          key: occ.id,
          drop: occ.bookingId && occ.spaceId ? { bookingId: occ.bookingId, spaceId: occ.spaceId, slot: slotOf(occ) } : null,
          want: spaceId ? { spaceId, slot } : null,
          title: series.title,
          capacity: occ.capacity,
        },
      ],
      now,
    );
    if (!moved.ok) {
      if (moved.restored.has(occ.id)) db.update(eventOccurrences).set({ bookingId: moved.restored.get(occ.id) }).where(eq(eventOccurrences.id, occ.id)).run();
      return moved;
    }
    bookingId = moved.booked.get(occ.id) ?? null;
  }
  db.transaction(
    (tx) => {
      tx.update(eventOccurrences)
        .set({ startsAt: new Date(slot.startsAt), endsAt: new Date(slot.endsAt), spaceId, placeText, moved: true, bookingId, bookingProblem: null })
        .where(and(eq(eventOccurrences.id, occ.id), eq(eventOccurrences.groupId, ctx.groupId)))
        .run();
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "move",
        entity: "event_occurrence",
        entityId: occ.id,
        details: { from: slotOf(occ), to: slot, spaceId: { before: occ.spaceId, after: spaceId }, placeText },
      });
      notifyMoved(tx, ctx, occ, slot);
    },
    { behavior: "immediate" },
  );
  return done;
}

// -------------------------------------------------------------------------------------------------
// Moving the horizon forward (the reminder job calls it)

/** A facilitator's context to book in the name of: the series' author if still a facilitator, else the group's first one. */
function actingContext(groupId: string, preferredUserId: string | null): Ctx | null {
  const rows = db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      isOperator: users.isOperator,
      role: memberships.role,
      householdId: memberships.householdId,
      personId: memberships.personId,
      group: { id: groups.id, name: groups.name, city: groups.city, kind: groups.kind, timeZone: groups.timeZone },
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(and(eq(memberships.groupId, groupId), inArray(memberships.role, ["facilitator", "group_admin"])))
    .orderBy(asc(memberships.createdAt))
    .all();
  const row = rows.find((r) => r.userId === preferredUserId) ?? rows[0];
  if (!row) return null;
  return {
    userId: row.userId,
    user: { id: row.userId, email: row.email, name: row.name, locale: row.locale, isOperator: row.isOperator },
    groupId,
    role: row.role,
    householdId: row.householdId,
    personId: row.personId,
    group: row.group,
  };
}

/**
 * Materialises the occurrences of repeating series that the horizon now reaches (and books their place
 * in the name of a facilitator; a slot the space refuses leaves the occurrence without a booking, its
 * problem code in bookingProblem for the facilitators to see). Idempotent: rows are keyed by their rule start.
 */
export async function extendHorizons({ now = Date.now() }: { now?: number } = {}): Promise<{ created: number }> {
  const candidates = db
    .select({ series: eventSeries, space: spaces })
    .from(eventSeries)
    .leftJoin(spaces, eq(spaces.id, eventSeries.spaceId))
    .where(and(isNotNull(eventSeries.rrule), or(isNull(eventSeries.untilDate), gt(eventSeries.untilDate, eventSeries.materialisedUntil))))
    .all();
  let created = 0;
  for (const { series, space } of candidates) {
    const target = horizonDate(todayIn(series.timeZone, now), space?.bookingWindowDays ?? null);
    if (target <= series.materialisedUntil) continue;
    const fromDate = addDays(series.materialisedUntil, 1);
    const planned = planOccurrences(ruleOf(series), { fromDate, toDate: target });
    const existing = new Set(
      db
        .select({ at: eventOccurrences.originalStartsAt })
        .from(eventOccurrences)
        .where(and(eq(eventOccurrences.seriesId, series.id), gte(eventOccurrences.originalStartsAt, new Date(zonedToUtc(`${fromDate}T00:00`, series.timeZone)))))
        .all()
        .map((r) => r.at.getTime()),
    );
    const fresh = planned.filter((p) => !existing.has(p.originalStartsAt) && p.startsAt > now);
    const booked: { bookingId: string | null; problem: string | null }[] = [];
    const ctx = space ? actingContext(series.groupId, series.createdBy) : null;
    for (const p of fresh) {
      if (!space) booked.push({ bookingId: null, problem: null });
      else if (!ctx) booked.push({ bookingId: null, problem: "no_facilitator" });
      else {
        const r = await createBooking({ ctx, input: bookingInput(space.id, p, series.timeZone, series.title, series.capacity), now });
        booked.push(r.ok ? { bookingId: r.bookings[0].id, problem: null } : { bookingId: null, problem: r.problems[0]?.code ?? "overlap" });
      }
    }
    db.transaction(
      (tx) => {
        fresh.forEach((p, i) => insertOccurrence(tx, { groupId: series.groupId }, series, p, booked[i].bookingId, booked[i].problem));
        tx.update(eventSeries).set({ materialisedUntil: target }).where(eq(eventSeries.id, series.id)).run();
        if (fresh.length)
          recordAudit(tx, { groupId: series.groupId, userId: null, action: "extend", entity: "event_series", entityId: series.id, details: { occurrences: fresh.length, until: target } });
      },
      { behavior: "immediate" },
    );
    created += fresh.length;
  }
  return { created };
}

// -------------------------------------------------------------------------------------------------
// Places and the waiting list

const PLACES = sql<number>`coalesce(sum(${eventSignups.adults} + ${eventSignups.children} + ${eventSignups.infants} + ${eventSignups.guests}), 0)`;

function confirmedPlaces(q: Q, occurrenceId: string, exceptId?: string): number {
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
    .select({ id: eventSignups.id, adults: eventSignups.adults, children: eventSignups.children, infants: eventSignups.infants, guests: eventSignups.guests, position: eventSignups.position })
    .from(eventSignups)
    .where(and(eq(eventSignups.occurrenceId, occurrenceId), eq(eventSignups.status, "waitlisted")))
    .orderBy(asc(eventSignups.position))
    .all()
    .map((w) => ({ ...w, position: w.position ?? 0 }));
}

/** Confirms the households at the head of the waiting list while they fit. Returns the sign-ups promoted. */
function promoteIn(tx: Tx, ctx: { groupId: string; userId: string | null }, occurrenceId: string, now: number): string[] {
  const occ = tx.select({ capacity: eventOccurrences.capacity, startsAt: eventOccurrences.startsAt, closedAt: eventOccurrences.closedAt }).from(eventOccurrences).where(eq(eventOccurrences.id, occurrenceId)).get();
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
function queueRank(q: Q, occurrenceId: string, position: number | null): number | null {
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
  throw forbidden();
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
  if (!who) return fail(problem("no_household", "householdId"));
  const party = partyOf(input);
  const bad = ruleParty(party);
  if (bad.length) return fail(...bad);
  const early = writableProblems(ctx, occ, series, now);
  if (early.length) return fail(...early);
  return db.transaction(
    (tx): Result<{ signupId: string; status: "confirmed" | "waitlisted"; position: number | null }> => {
      // Read again inside the write lock: the occurrence may have been closed or cancelled meanwhile.
      const fresh = tx.select().from(eventOccurrences).where(eq(eventOccurrences.id, occ.id)).get()!;
      const late = writableProblems(ctx, fresh, series, now);
      if (late.length) return fail(...late);
      const existing = tx
        .select({ id: eventSignups.id })
        .from(eventSignups)
        .where(and(eq(eventSignups.occurrenceId, occ.id), eq(eventSignups.householdId, who.householdId), ne(eventSignups.status, "cancelled")))
        .get();
      if (existing) return fail(problem("already_signed_up", null, { signupId: existing.id }));
      const taken = confirmedPlaces(tx, occ.id);
      const waiting = waitlistOf(tx, occ.id).length;
      const nextPosition = () =>
        (tx.select({ p: sql<number | null>`max(${eventSignups.position})` }).from(eventSignups).where(eq(eventSignups.occurrenceId, occ.id)).get()?.p ?? 0) + 1;
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
        if (code === "unique") return fail(problem("already_signed_up"));
        if (code === "meal_closed") return fail(problem("meal_closed"));
        if (code !== "event_full") throw e;
        // The trigger, the last guard: should the check above have missed a place taken, it waits.
        status = "waitlisted";
        row = tx.insert(eventSignups).values({ ...values, status, position: nextPosition() }).returning().get();
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
export async function changeSignup({
  ctx,
  signupId,
  input,
  now = Date.now(),
}: {
  ctx: Ctx;
  signupId: string;
  input: SignupInput;
  now?: number;
}): Promise<Result<{ status: "confirmed" | "waitlisted"; position: number | null }>> {
  const s = findSignup(db, ctx, signupId);
  mayTouchSignup(ctx, s);
  const { occ, series } = findOccurrence(db, ctx, s.occurrenceId);
  const party = partyOf(input);
  const bad = ruleParty(party);
  if (bad.length) return fail(...bad);
  const early = writableProblems(ctx, occ, series, now, "adults");
  if (early.length) return fail(...early);
  const result = db.transaction(
    (tx): Result<{ status: "confirmed" | "waitlisted"; position: number | null; promoted: string[] }> => {
      const cur = tx.select().from(eventSignups).where(eq(eventSignups.id, s.id)).get()!;
      if (cur.status === "cancelled") return fail(problem("not_active"));
      const fresh = tx.select().from(eventOccurrences).where(eq(eventOccurrences.id, occ.id)).get()!;
      const late = writableProblems(ctx, fresh, series, now, "adults");
      if (late.length) return fail(...late);
      if (cur.status === "confirmed") {
        const grow = ruleGrow({ capacity: fresh.capacity, taken: confirmedPlaces(tx, occ.id), before: placesOf(cur), after: placesOf(party) });
        if (grow.length) return fail(...grow);
      }
      try {
        tx.update(eventSignups)
          .set({ ...party, diets: [...new Set(input.diets ?? [])], allergies: input.allergies ?? "" })
          .where(eq(eventSignups.id, s.id))
          .run();
      } catch (e) {
        const code = triggerError(e);
        if (code === "event_full") return fail(problem("not_enough_places", "adults", { left: placesLeft(fresh.capacity, confirmedPlaces(tx, occ.id)) ?? 0 }));
        if (code === "meal_closed") return fail(problem("meal_closed"));
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
      notifyPromoted(tx, ctx, promoted.filter((id) => id !== s.id));
      return { ok: true, status, position: status === "waitlisted" ? queueRank(tx, occ.id, after.position) : null, promoted };
    },
    { behavior: "immediate" },
  );
  if (!result.ok) return result;
  return { ok: true, status: result.status, position: result.position };
}

/** Cancels a sign-up before the deadline (facilitators: until the meal is closed). The first households waiting that now fit are confirmed and get an email. */
export async function cancelSignup({ ctx, signupId, now = Date.now() }: { ctx: Ctx; signupId: string; now?: number }): Promise<Result<{ promoted: string[] }>> {
  const s = findSignup(db, ctx, signupId);
  mayTouchSignup(ctx, s);
  const { occ, series } = findOccurrence(db, ctx, s.occurrenceId);
  const early = writableProblems(ctx, occ, series, now);
  if (early.length) return fail(...early);
  const result = db.transaction(
    (tx): Result<{ promoted: string[] }> => {
      const fresh = tx.select().from(eventOccurrences).where(eq(eventOccurrences.id, occ.id)).get()!;
      const late = writableProblems(ctx, fresh, series, now);
      if (late.length) return fail(...late);
      const n = tx
        .update(eventSignups)
        .set({ status: "cancelled", cancelledAt: new Date(now) })
        .where(and(eq(eventSignups.id, s.id), ne(eventSignups.status, "cancelled")))
        .run().changes;
      if (!n) return fail(problem("not_active"));
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "cancel", entity: "event_signup", entityId: s.id, details: { occurrenceId: occ.id, householdId: s.householdId } });
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
export function releaseHouseholdSignups(tx: Tx, ctx: Ctx, householdId: string, from: number, now = Date.now()): number {
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
    tx.update(eventSignups).set({ status: "cancelled", cancelledAt: new Date(now) }).where(eq(eventSignups.id, r.id)).run();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "cancel", entity: "event_signup", entityId: r.id, details: { occurrenceId: r.occurrenceId, householdId, reason: "departure" } });
  }
  for (const occurrenceId of new Set(rows.map((r) => r.occurrenceId))) notifyPromoted(tx, ctx, promoteIn(tx, ctx, occurrenceId, now));
  return rows.length;
}


// -------------------------------------------------------------------------------------------------
// Meal roles

function roleRows(q: Q, occurrenceId: string) {
  return q.select().from(mealRoles).where(eq(mealRoles.occurrenceId, occurrenceId)).all();
}

function isHeadCook(q: Q, ctx: Ctx, occurrenceId: string): boolean {
  if (!ctx.householdId && !ctx.personId) return false;
  const rows = q
    .select({ personId: mealAssignments.personId, householdId: mealAssignments.householdId })
    .from(mealAssignments)
    .innerJoin(mealRoles, eq(mealRoles.id, mealAssignments.roleId))
    .where(and(eq(mealAssignments.occurrenceId, occurrenceId), eq(mealRoles.role, "head_cook")))
    .all();
  return rows.some((r) => (r.personId ? r.personId === ctx.personId : r.householdId === ctx.householdId));
}

function mealProblems(occ: Occurrence, series: Series): Problem[] {
  if (series.kind !== "shared_meal") return [problem("not_a_meal")];
  if (occ.closedAt) return [problem("meal_closed")];
  if (occ.status !== "scheduled") return [problem("not_scheduled")];
  return [];
}

/**
 * Takes a role of a meal (head cook, helper, cleaner): yourself (your person, or your household), or —
 * facilitators — a person or household of the group, recorded as on their behalf. Residents until the
 * meal starts; facilitators until it is closed.
 */
export function volunteer({
  ctx,
  occurrenceId,
  role,
  personId,
  householdId,
  now = Date.now(),
}: {
  ctx: Ctx;
  occurrenceId: string;
  role: MealRole;
  personId?: string;
  householdId?: string;
  now?: number;
}): Result<{ assignmentId: string }> {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  requirePermission(ctx, "signup:own");
  const someoneElse = (personId && personId !== ctx.personId) || (householdId && householdId !== ctx.householdId);
  let who: { householdId: string; personId: string | null };
  if (someoneElse) {
    requirePermission(ctx, "event:manage");
    if (personId) {
      const p = findPerson(ctx, personId);
      who = { householdId: p.householdId, personId: p.id };
    } else who = { householdId: findHousehold(ctx, householdId!).id, personId: null };
  } else {
    if (!ctx.householdId) return fail(problem("no_household", "personId"));
    who = { householdId: ctx.householdId, personId: ctx.personId };
  }
  const early = mealProblems(occ, series);
  if (early.length) return fail(...early);
  if (!isManager(ctx) && now >= occ.startsAt.getTime()) return fail(problem("already_started"));
  return db.transaction(
    (tx): Result<{ assignmentId: string }> => {
      let roleRow = roleRows(tx, occ.id).find((r) => r.role === role);
      roleRow ??= tx
        .insert(mealRoles)
        .values({ groupId: ctx.groupId, occurrenceId: occ.id, role, slots: role === "head_cook" ? 1 : role === "helper" ? series.helperSlots : series.cleanerSlots })
        .returning()
        .get();
      const held = tx.select().from(mealAssignments).where(eq(mealAssignments.roleId, roleRow.id)).all();
      if (held.some((a) => (who.personId ? a.personId === who.personId : a.personId == null && a.householdId === who.householdId)))
        return fail(problem("already_in_role", "role"));
      if (held.length >= roleRow.slots) return fail(problem("role_full", "role", { slots: roleRow.slots }));
      let id: string;
      try {
        id = tx
          .insert(mealAssignments)
          .values({ groupId: ctx.groupId, occurrenceId: occ.id, roleId: roleRow.id, householdId: who.householdId, personId: who.personId, createdBy: ctx.userId, onBehalf: !!someoneElse })
          .returning({ id: mealAssignments.id })
          .get().id;
      } catch (e) {
        const code = triggerError(e);
        if (code === "role_full") return fail(problem("role_full", "role", { slots: roleRow.slots }));
        if (code === "unique") return fail(problem("already_in_role", "role"));
        if (code === "meal_closed") return fail(problem("meal_closed"));
        throw e;
      }
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "volunteer", entity: "meal_assignment", entityId: id, details: { occurrenceId: occ.id, role, ...who } });
      return { ok: true, assignmentId: id };
    },
    { behavior: "immediate" },
  );
}

/** Leaves a role: your own assignment until the meal starts; facilitators any, until it is closed. */
export function withdraw({ ctx, assignmentId, now = Date.now() }: { ctx: Ctx; assignmentId: string; now?: number }): Result {
  const a = db
    .select()
    .from(mealAssignments)
    .where(and(eq(mealAssignments.id, assignmentId), eq(mealAssignments.groupId, ctx.groupId)))
    .get();
  if (!a) throw notFound();
  const mine = a.personId ? a.personId === ctx.personId : a.householdId === ctx.householdId;
  if (!isManager(ctx) && !(mine && can(ctx, "signup:own"))) throw forbidden();
  const { occ, series } = findOccurrence(db, ctx, a.occurrenceId);
  const early = mealProblems(occ, series).filter((p) => p.code !== "not_scheduled");
  if (early.length) return fail(...early);
  if (!isManager(ctx) && now >= occ.startsAt.getTime()) return fail(problem("already_started"));
  return db.transaction(
    (tx): Result => {
      const closed = tx.select({ closedAt: eventOccurrences.closedAt }).from(eventOccurrences).where(eq(eventOccurrences.id, occ.id)).get()?.closedAt;
      if (closed) return fail(problem("meal_closed"));
      tx.delete(mealAssignments).where(and(eq(mealAssignments.id, a.id), eq(mealAssignments.groupId, ctx.groupId))).run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "withdraw", entity: "meal_assignment", entityId: a.id, details: { occurrenceId: occ.id, householdId: a.householdId, personId: a.personId } });
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/** How many people a role of one meal needs (facilitators); never fewer than already hold it. */
export function setRoleSlots({ ctx, occurrenceId, role, slots }: { ctx: Ctx; occurrenceId: string; role: MealRole; slots: number }): Result {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  requirePermission(ctx, "event:manage");
  const early = mealProblems(occ, series);
  if (early.length) return fail(...early);
  return db.transaction(
    (tx): Result => {
      const row = roleRows(tx, occ.id).find((r) => r.role === role);
      const held = row ? tx.select({ n: sql<number>`count(*)` }).from(mealAssignments).where(eq(mealAssignments.roleId, row.id)).get()!.n : 0;
      if (slots < held) return fail(problem("slots_below_taken", "slots", { taken: held }));
      if (row) tx.update(mealRoles).set({ slots }).where(eq(mealRoles.id, row.id)).run();
      else tx.insert(mealRoles).values({ groupId: ctx.groupId, occurrenceId: occ.id, role, slots }).run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "meal_role", entityId: occ.id, details: { role, slots: { before: row?.slots ?? null, after: slots } } });
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

// -------------------------------------------------------------------------------------------------
// Costs and closing a meal

function mayHandleMoney(ctx: Ctx, occurrenceId: string) {
  if (can(ctx, "meal:cost")) return;
  if (isHeadCook(db, ctx, occurrenceId)) return;
  throw forbidden();
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
 * may name any of the group), else the head cook's household, else the recorder's.
 */
export function recordCost({ ctx, occurrenceId, input }: { ctx: Ctx; occurrenceId: string; input: CostInput }): Result<{ costId: string }> {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  mayHandleMoney(ctx, occ.id);
  const early = mealProblems(occ, series);
  if (early.length) return fail(...early);
  const named = input.paidByHouseholdId && can(ctx, "meal:cost") ? findHousehold(ctx, input.paidByHouseholdId).id : null;
  const paidBy = named ?? headCookHousehold(db, occ.id) ?? ctx.householdId;
  if (!paidBy) return fail(problem("no_payer", "paidByHouseholdId"));
  return db.transaction(
    (tx): Result<{ costId: string }> => {
      let id: string;
      try {
        id = tx
          .insert(mealCosts)
          .values({ groupId: ctx.groupId, occurrenceId: occ.id, amountCents: input.amount, paidByHouseholdId: paidBy, note: input.note ?? "", createdBy: ctx.userId })
          .returning({ id: mealCosts.id })
          .get().id;
      } catch (e) {
        if (triggerError(e) === "meal_closed") return fail(problem("meal_closed"));
        throw e;
      }
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "meal_cost", entityId: id, details: { occurrenceId: occ.id, amountCents: input.amount, paidByHouseholdId: paidBy, note: input.note } });
      return { ok: true, costId: id };
    },
    { behavior: "immediate" },
  );
}

/** Removes a cost line recorded by mistake (head cook or facilitator), before the meal is closed. */
export function removeCost({ ctx, costId }: { ctx: Ctx; costId: string }): Result {
  const cost = db
    .select()
    .from(mealCosts)
    .where(and(eq(mealCosts.id, costId), eq(mealCosts.groupId, ctx.groupId)))
    .get();
  if (!cost) throw notFound();
  mayHandleMoney(ctx, cost.occurrenceId);
  return db.transaction(
    (tx): Result => {
      const closed = tx.select({ closedAt: eventOccurrences.closedAt }).from(eventOccurrences).where(eq(eventOccurrences.id, cost.occurrenceId)).get()?.closedAt;
      if (closed) return fail(problem("meal_closed"));
      tx.delete(mealCosts).where(and(eq(mealCosts.id, cost.id), eq(mealCosts.groupId, ctx.groupId))).run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "delete", entity: "meal_cost", entityId: cost.id, details: { occurrenceId: cost.occurrenceId, amountCents: cost.amountCents, paidByHouseholdId: cost.paidByHouseholdId } });
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
function splitOf(q: Q, occ: Occurrence): MealSplit {
  if (occ.closedAt) {
    const lines = q
      .select({ householdId: mealLedger.householdId, householdName: households.name, amountCents: mealLedger.amountCents, halfPortions: mealLedger.halfPortions })
      .from(mealLedger)
      .innerJoin(households, eq(households.id, mealLedger.householdId))
      .where(and(eq(mealLedger.occurrenceId, occ.id), eq(mealLedger.kind, "eaten")))
      .orderBy(asc(households.name))
      .all();
    const costCents = occ.frozenCostCents ?? 0;
    const halfPortions = occ.frozenHalfPortions ?? 0;
    return { costCents, halfPortions, perPortionCents: costPerPortion(costCents, halfPortions), shares: lines.map((l) => ({ ...l, cents: -l.amountCents })) };
  }
  const costCents = q.select({ n: sql<number>`coalesce(sum(${mealCosts.amountCents}), 0)` }).from(mealCosts).where(eq(mealCosts.occurrenceId, occ.id)).get()?.n ?? 0;
  const eaters = q
    .select({ householdId: eventSignups.householdId, householdName: households.name, adults: eventSignups.adults, children: eventSignups.children, infants: eventSignups.infants, guests: eventSignups.guests })
    .from(eventSignups)
    .innerJoin(households, eq(households.id, eventSignups.householdId))
    .where(and(eq(eventSignups.occurrenceId, occ.id), eq(eventSignups.status, "confirmed")))
    .orderBy(asc(households.name))
    .all()
    .map((e) => ({ householdId: e.householdId, householdName: e.householdName, halfPortions: halfPortionsOf(e) }))
    .filter((e) => e.halfPortions > 0);
  const halfPortions = eaters.reduce((s, e) => s + e.halfPortions, 0);
  const cents = halfPortions ? new Map(splitCost(costCents, eaters.map((e) => ({ key: e.householdId, weight: e.halfPortions }))).map((s) => [s.key, s.cents])) : new Map<string, number>();
  return { costCents, halfPortions, perPortionCents: costPerPortion(costCents, halfPortions), shares: eaters.map((e) => ({ ...e, cents: cents.get(e.householdId) ?? 0 })) };
}

/**
 * Closes a meal once it has started (head cook or facilitator): its cost is split between the confirmed
 * households by portions, the ledger lines are written, and its figures are frozen. A closed meal
 * refuses every change after (module checks, and triggers behind them).
 */
export function closeMeal({ ctx, occurrenceId, now = Date.now() }: { ctx: Ctx; occurrenceId: string; now?: number }): Result<{ costCents: number; halfPortions: number; lines: LedgerLine[] }> {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  mayHandleMoney(ctx, occ.id);
  const early = mealProblems(occ, series);
  if (early.length) return fail(...early);
  if (now < occ.startsAt.getTime()) return fail(problem("not_started"));
  return db.transaction(
    (tx): Result<{ costCents: number; halfPortions: number; lines: LedgerLine[] }> => {
      const fresh = tx.select().from(eventOccurrences).where(eq(eventOccurrences.id, occ.id)).get()!;
      const again = mealProblems(fresh, series);
      if (again.length) return fail(...again);
      const costs = tx.select({ paidByHouseholdId: mealCosts.paidByHouseholdId, amountCents: mealCosts.amountCents }).from(mealCosts).where(eq(mealCosts.occurrenceId, occ.id)).all();
      const signups = tx.select().from(eventSignups).where(and(eq(eventSignups.occurrenceId, occ.id), eq(eventSignups.status, "confirmed"))).all();
      const eaters = signups.map((s) => ({ householdId: s.householdId, halfPortions: halfPortionsOf(s) }));
      const costCents = costs.reduce((s, c) => s + c.amountCents, 0);
      const halfPortions = eaters.reduce((s, e) => s + e.halfPortions, 0);
      if (costCents > 0 && halfPortions === 0) return fail(problem("no_eaters"));
      const lines = mealLedgerLines({ costs, eaters });
      tx.update(eventOccurrences)
        .set({ closedAt: new Date(now), closedBy: ctx.userId, frozenCostCents: costCents, frozenHalfPortions: halfPortions, frozenPersons: signups.reduce((s, x) => s + placesOf(x), 0) })
        .where(eq(eventOccurrences.id, occ.id))
        .run();
      if (lines.length) tx.insert(mealLedger).values(lines.map((l) => ({ ...l, groupId: ctx.groupId, occurrenceId: occ.id }))).run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "close", entity: "event_occurrence", entityId: occ.id, details: { costCents, halfPortions, lines } });
      return { ok: true, costCents, halfPortions, lines };
    },
    { behavior: "immediate" },
  );
}

export type HouseholdBalance = Balance & { householdName: string };

export type GroupMealTotals = { households: number; meals: number; paidCents: number; eatenCents: number };

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

// -------------------------------------------------------------------------------------------------
// Reading the calendar

export type MySignupSummary = { id: string; status: "confirmed" | "waitlisted"; places: number; position: number | null };

export type OccurrenceListItem = {
  id: string;
  seriesId: string;
  kind: EventKind;
  title: string;
  /** Epoch ms. */
  startsAt: number;
  endsAt: number;
  status: OccurrenceStatus;
  moved: boolean;
  spaceId: string | null;
  /** The space's name, or the place as typed. */
  placeName: string;
  capacity: number | null;
  /** Places taken by confirmed sign-ups. */
  taken: number;
  /** Households on the waiting list. */
  waiting: number;
  /** When sign-ups close (epoch ms). */
  signupDeadline: number;
  /** The person's household's active sign-up (position: its place in the queue when waitlisted). */
  mySignup: MySignupSummary | null;
  closed: boolean;
  /** Shared meals still without a head cook. */
  headCookMissing: boolean;
};

const listColumns = {
  id: eventOccurrences.id,
  seriesId: eventOccurrences.seriesId,
  kind: eventSeries.kind,
  title: eventSeries.title,
  startsAt: eventOccurrences.startsAt,
  endsAt: eventOccurrences.endsAt,
  status: eventOccurrences.status,
  moved: eventOccurrences.moved,
  spaceId: eventOccurrences.spaceId,
  spaceName: spaces.name,
  placeText: eventOccurrences.placeText,
  capacity: eventOccurrences.capacity,
  deadlineHours: eventSeries.signupDeadlineHours,
  closedAt: eventOccurrences.closedAt,
  taken: sql<number>`(select coalesce(sum(s.adults + s.children + s.infants + s.guests), 0) from event_signups s where s.occurrence_id = ${eventOccurrences.id} and s.status = 'confirmed')`,
  waiting: sql<number>`(select count(*) from event_signups s where s.occurrence_id = ${eventOccurrences.id} and s.status = 'waitlisted')`,
  headCooks: sql<number>`(select count(*) from meal_assignments a join meal_roles r on r.id = a.role_id where a.occurrence_id = ${eventOccurrences.id} and r.role = 'head_cook')`,
};
/** The calendar's base query: occurrences with their series and space. */
const listQuery = () =>
  db.select(listColumns).from(eventOccurrences).innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId)).leftJoin(spaces, eq(spaces.id, eventOccurrences.spaceId));
type ListRow = ReturnType<ReturnType<typeof listQuery>["all"]>[number];

function mySignups(q: Q, ctx: Ctx, occurrenceIds: string[]): Map<string, MySignupSummary> {
  if (!ctx.householdId || !occurrenceIds.length) return new Map();
  const rows = q
    .select({ id: eventSignups.id, occurrenceId: eventSignups.occurrenceId, status: eventSignups.status, position: eventSignups.position, adults: eventSignups.adults, children: eventSignups.children, infants: eventSignups.infants, guests: eventSignups.guests })
    .from(eventSignups)
    .where(and(eq(eventSignups.householdId, ctx.householdId), eq(eventSignups.groupId, ctx.groupId), ne(eventSignups.status, "cancelled"), inArray(eventSignups.occurrenceId, occurrenceIds)))
    .all();
  return new Map(
    rows.map((r) => [
      r.occurrenceId,
      { id: r.id, status: r.status as "confirmed" | "waitlisted", places: placesOf(r), position: r.status === "waitlisted" ? queueRank(q, r.occurrenceId, r.position) : null },
    ]),
  );
}

function toListItems(q: Q, ctx: Ctx, rows: ListRow[]): OccurrenceListItem[] {
  const mine = mySignups(q, ctx, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    seriesId: r.seriesId,
    kind: r.kind,
    title: r.title,
    startsAt: r.startsAt.getTime(),
    endsAt: r.endsAt.getTime(),
    status: r.status,
    moved: r.moved,
    spaceId: r.spaceId,
    placeName: r.spaceName ?? r.placeText,
    capacity: r.capacity,
    taken: Number(r.taken),
    waiting: Number(r.waiting),
    signupDeadline: signupDeadline(r.startsAt.getTime(), r.deadlineHours),
    mySignup: mine.get(r.id) ?? null,
    closed: r.closedAt != null,
    headCookMissing: r.kind === "shared_meal" && Number(r.headCooks) === 0,
  }));
}

/** The occurrences meeting [from, to) (epoch ms or Date), cancelled ones included (calendars strike them through), for the calendars. */
export function listOccurrences({ ctx, from, to, kinds }: { ctx: Ctx; from: number | Date; to: number | Date; kinds?: EventKind[] }): OccurrenceListItem[] {
  const rows = listQuery()
    .where(
      and(
        eq(eventOccurrences.groupId, ctx.groupId),
        lt(eventOccurrences.startsAt, new Date(to)),
        gt(eventOccurrences.endsAt, new Date(from)),
        kinds?.length ? inArray(eventSeries.kind, kinds) : undefined,
      ),
    )
    .orderBy(asc(eventOccurrences.startsAt))
    .all();
  return toListItems(db, ctx, rows);
}

export type SignupView = {
  id: string;
  householdId: string;
  householdName: string;
  adults: number;
  children: number;
  infants: number;
  guests: number;
  places: number;
  halfPortions: number;
  diets: Diet[];
  /** Only for the household itself, the meal's roles and facilitators; null for anyone else. */
  allergies: string | null;
  status: "confirmed" | "waitlisted";
  /** Place in the queue (1 = next) when waitlisted. */
  position: number | null;
  onBehalf: boolean;
  mine: boolean;
};

export type RoleView = {
  role: MealRole;
  slots: number;
  assignments: { id: string; personId: string | null; personName: string | null; householdId: string; householdName: string; mine: boolean }[];
};

export type OccurrenceDetail = OccurrenceListItem & {
  description: string;
  note: string;
  originalStartsAt: number;
  cancelReason: string | null;
  placeText: string;
  bookingId: string | null;
  bookingProblem: string | null;
  deadlinePassed: boolean;
  series: {
    id: string;
    rrule: string | null;
    /** The form's choice for the rule (null: a rule the form cannot show). */
    repeat: EventRepeat | null;
    untilDate: string | null;
    count: number | null;
    signupDeadlineHours: number | null;
    organisers: { personId: string; name: string }[];
    host: { personId: string; name: string } | { text: string } | null;
    materials: string;
    skills: string[];
  };
  /** Confirmed first, then the waiting list in order. Only active sign-ups. */
  signups: SignupView[];
  totals: { places: number; adults: number; children: number; infants: number; guests: number; halfPortions: number; diets: Record<Diet, number>; waitingPlaces: number };
  roles: RoleView[];
  costs: { id: string; amountCents: number; paidByHouseholdId: string; paidByName: string; note: string; createdAt: number }[];
  /** Shared meals: the cost split (as it stands, or frozen once closed). */
  split: MealSplit | null;
  mySignupDetail: SignupView | null;
  childAgeLimit: number;
  flags: {
    isMeal: boolean;
    /** The person may sign their household up now (no active sign-up yet; a full event puts it on the waiting list). */
    canSignUp: boolean;
    /** Facilitators: sign up any household. */
    canSignUpOthers: boolean;
    /** Change or cancel the household's sign-up. */
    canChangeSignup: boolean;
    canEdit: boolean;
    canVolunteer: boolean;
    canRecordCost: boolean;
    canClose: boolean;
    full: boolean;
  };
};

/** One occurrence with its sign-ups, roles, costs, the person's sign-up and what they may do. */
export function getOccurrence({ ctx, occurrenceId, now = Date.now() }: { ctx: Ctx; occurrenceId: string; now?: number }): OccurrenceDetail {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  const row = listQuery()
    .where(eq(eventOccurrences.id, occ.id))
    .get()!;
  const item = toListItems(db, ctx, [row])[0];
  const isMeal = series.kind === "shared_meal";
  const manager = isManager(ctx);

  const roleList = roleRows(db, occ.id);
  const assignments = db
    .select({
      id: mealAssignments.id,
      roleId: mealAssignments.roleId,
      personId: mealAssignments.personId,
      personName: persons.firstName,
      householdId: mealAssignments.householdId,
      householdName: households.name,
    })
    .from(mealAssignments)
    .innerJoin(households, eq(households.id, mealAssignments.householdId))
    .leftJoin(persons, eq(persons.id, mealAssignments.personId))
    .where(eq(mealAssignments.occurrenceId, occ.id))
    .orderBy(asc(mealAssignments.createdAt))
    .all();
  const mineAssignment = (a: { personId: string | null; householdId: string }) => (a.personId ? a.personId === ctx.personId : a.householdId === ctx.householdId);
  const roles: RoleView[] = [...roleList]
    .sort((a, b) => MEAL_ROLES.indexOf(a.role) - MEAL_ROLES.indexOf(b.role))
    .map((r) => ({
      role: r.role,
      slots: r.slots,
      assignments: assignments.filter((a) => a.roleId === r.id).map(({ roleId: _r, ...a }) => ({ ...a, mine: mineAssignment(a) })),
    }));
  const holdsRole = assignments.some(mineAssignment);
  const headCook = isHeadCook(db, ctx, occ.id);

  const rows = db
    .select({ s: eventSignups, householdName: households.name })
    .from(eventSignups)
    .innerJoin(households, eq(households.id, eventSignups.householdId))
    .where(and(eq(eventSignups.occurrenceId, occ.id), ne(eventSignups.status, "cancelled")))
    .orderBy(asc(eventSignups.status), asc(eventSignups.position), asc(households.name))
    .all();
  let rank = 0;
  const signups: SignupView[] = rows.map(({ s, householdName }) => {
    const mine = s.householdId === ctx.householdId;
    return {
      id: s.id,
      householdId: s.householdId,
      householdName,
      adults: s.adults,
      children: s.children,
      infants: s.infants,
      guests: s.guests,
      places: placesOf(s),
      halfPortions: halfPortionsOf(s),
      diets: s.diets,
      allergies: mine || manager || holdsRole ? s.allergies : null,
      status: s.status as "confirmed" | "waitlisted",
      position: s.status === "waitlisted" ? ++rank : null,
      onBehalf: s.onBehalf,
      mine,
    };
  });
  const confirmed = signups.filter((s) => s.status === "confirmed");
  const diets = Object.fromEntries(DIETS.map((d) => [d, 0])) as Record<Diet, number>;
  for (const s of confirmed) for (const d of s.diets) diets[d] += 1;
  const sum = (k: "adults" | "children" | "infants" | "guests" | "places" | "halfPortions") => confirmed.reduce((t, s) => t + s[k], 0);

  const costs = db
    .select({ id: mealCosts.id, amountCents: mealCosts.amountCents, paidByHouseholdId: mealCosts.paidByHouseholdId, paidByName: households.name, note: mealCosts.note, createdAt: mealCosts.createdAt })
    .from(mealCosts)
    .innerJoin(households, eq(households.id, mealCosts.paidByHouseholdId))
    .where(eq(mealCosts.occurrenceId, occ.id))
    .orderBy(asc(mealCosts.createdAt))
    .all()
    .map((c) => ({ ...c, createdAt: c.createdAt.getTime() }));

  const personNames = new Map(
    db
      .select({ id: persons.id, firstName: persons.firstName, lastName: persons.lastName })
      .from(persons)
      .where(and(eq(persons.groupId, ctx.groupId), inArray(persons.id, [...series.organiserIds, ...(series.hostPersonId ? [series.hostPersonId] : [])].concat([""]))))
      .all()
      .map((p) => [p.id, [p.firstName, p.lastName].filter(Boolean).join(" ")]),
  );

  const open = occ.status === "scheduled" && !occ.closedAt;
  const deadlinePassed = ruleDeadline(now, occ.startsAt.getTime(), series.signupDeadlineHours).length > 0;
  const mySignupDetail = signups.find((s) => s.mine) ?? null;
  const writable = open && (manager || !deadlinePassed);
  const full = item.capacity != null && item.taken >= item.capacity;
  const beforeStart = now < occ.startsAt.getTime();
  return {
    ...item,
    description: series.description,
    note: occ.note,
    originalStartsAt: occ.originalStartsAt.getTime(),
    cancelReason: occ.cancelReason,
    placeText: occ.placeText,
    bookingId: manager ? occ.bookingId : null,
    bookingProblem: manager ? occ.bookingProblem : null,
    deadlinePassed,
    series: {
      id: series.id,
      rrule: series.rrule,
      repeat: repeatOf(series.rrule),
      untilDate: series.untilDate,
      count: series.count,
      signupDeadlineHours: series.signupDeadlineHours,
      organisers: series.organiserIds.filter((id) => personNames.has(id)).map((id) => ({ personId: id, name: personNames.get(id)! })),
      host: series.hostPersonId && personNames.has(series.hostPersonId) ? { personId: series.hostPersonId, name: personNames.get(series.hostPersonId)! } : series.hostText ? { text: series.hostText } : null,
      materials: series.materials,
      skills: series.skills,
    },
    signups,
    totals: {
      places: sum("places"),
      adults: sum("adults"),
      children: sum("children"),
      infants: sum("infants"),
      guests: sum("guests"),
      halfPortions: sum("halfPortions"),
      diets,
      waitingPlaces: signups.filter((s) => s.status === "waitlisted").reduce((t, s) => t + s.places, 0),
    },
    roles,
    costs,
    split: isMeal ? splitOf(db, occ) : null,
    mySignupDetail,
    childAgeLimit: childAgeLimitOf(db, ctx.groupId),
    flags: {
      isMeal,
      canSignUp: writable && !!ctx.householdId && can(ctx, "signup:own") && !mySignupDetail,
      canSignUpOthers: open && can(ctx, "signup:any"),
      canChangeSignup: writable && !!mySignupDetail,
      canEdit: manager && !occ.closedAt,
      canVolunteer: isMeal && open && !!ctx.householdId && can(ctx, "signup:own") && (manager || beforeStart),
      canRecordCost: isMeal && open && (can(ctx, "meal:cost") || headCook),
      canClose: isMeal && open && !beforeStart && (can(ctx, "meal:cost") || headCook),
      full,
    },
  };
}

export type SeriesEditValues = Omit<EventInput, "skills"> & { skills: string };

/** A series for its edit form: the values EventSchema reads (skills as typed text), from the next occurrence's date. */
export function getSeries({ ctx, seriesId, now = Date.now() }: { ctx: Ctx; seriesId: string; now?: number }): { series: Series; values: SeriesEditValues; nextOccurrenceId: string | null } {
  const series = findSeries(db, ctx, seriesId);
  const next = db
    .select({ id: eventOccurrences.id, originalStartsAt: eventOccurrences.originalStartsAt })
    .from(eventOccurrences)
    .where(and(eq(eventOccurrences.seriesId, series.id), gt(eventOccurrences.startsAt, new Date(now)), isNull(eventOccurrences.closedAt)))
    .orderBy(asc(eventOccurrences.originalStartsAt))
    .limit(1)
    .get();
  const startDate = next ? utcToZoned(next.originalStartsAt.getTime(), series.timeZone).date : series.startDate;
  const endWall = addWallMinutes(startDate, series.startTime, series.durationMinutes);
  return {
    series,
    nextOccurrenceId: next?.id ?? null,
    values: {
      kind: series.kind,
      title: series.title,
      description: series.description,
      spaceId: series.spaceId ?? undefined,
      placeText: series.placeText,
      date: startDate,
      startTime: series.startTime,
      endTime: endWall.time,
      endDate: endWall.date !== startDate && !(endWall.time === "00:00" && endWall.date === addDays(startDate, 1)) ? endWall.date : undefined,
      repeat: repeatOf(series.rrule) ?? "weekly",
      until: series.untilDate ?? undefined,
      count: series.count ?? undefined,
      capacity: series.capacity ?? undefined,
      signupDeadlineHours: series.signupDeadlineHours ?? undefined,
      organiserIds: series.organiserIds,
      hostPersonId: series.hostPersonId ?? undefined,
      hostText: series.hostText,
      materials: series.materials,
      skills: series.skills.join(", "),
      helperSlots: series.helperSlots,
      cleanerSlots: series.cleanerSlots,
    },
  };
}

/** A wall-clock date and time plus minutes (no zone). */
function addWallMinutes(date: string, time: string, minutes: number): { date: string; time: string } {
  const d = new Date(`${date}T${time}:00Z`);
  d.setUTCMinutes(d.getUTCMinutes() + minutes);
  const iso = d.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

export type MyUpcomingItem = OccurrenceListItem & { myRoles: MealRole[] };

/** What the person's household is signed up for (or holds a role in), from now on, soonest first. */
export function listMyUpcoming({ ctx, now = Date.now(), limit = 20 }: { ctx: Ctx; now?: number; limit?: number }): MyUpcomingItem[] {
  if (!ctx.householdId) return [];
  const hh = ctx.householdId;
  const mine = or(
    sql`exists (select 1 from event_signups s where s.occurrence_id = ${eventOccurrences.id} and s.household_id = ${hh} and s.status <> 'cancelled')`,
    sql`exists (select 1 from meal_assignments a where a.occurrence_id = ${eventOccurrences.id} and a.household_id = ${hh})`,
  );
  const rows = listQuery()
    .where(and(eq(eventOccurrences.groupId, ctx.groupId), gt(eventOccurrences.endsAt, new Date(now)), mine))
    .orderBy(asc(eventOccurrences.startsAt))
    .limit(limit)
    .all();
  const items = toListItems(db, ctx, rows);
  const roles = items.length
    ? db
        .select({ occurrenceId: mealAssignments.occurrenceId, role: mealRoles.role, personId: mealAssignments.personId })
        .from(mealAssignments)
        .innerJoin(mealRoles, eq(mealRoles.id, mealAssignments.roleId))
        .where(and(eq(mealAssignments.householdId, hh), inArray(mealAssignments.occurrenceId, items.map((i) => i.id))))
        .all()
    : [];
  return items.map((i) => ({ ...i, myRoles: [...new Set(roles.filter((r) => r.occurrenceId === i.id).map((r) => r.role))] }));
}

export type VolunteerCall = OccurrenceListItem & { missing: { role: MealRole; free: number }[] };

export type EventsHome = {
  /** Scheduled occurrences from today to 6 days later (the group's calendar days). */
  thisWeek: OccurrenceListItem[];
  /** The household's next sign-ups and roles (5 at most). */
  signedUp: MyUpcomingItem[];
  /** Shared meals starting within VOLUNTEER_CALL_DAYS days that still have no head cook. */
  callsForVolunteers: VolunteerCall[];
  /** The household's meal balance in cents (null without a household). */
  balanceCents: number | null;
};

/** What Home shows of the calendar. */
export function getEventsHome({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): EventsHome {
  const tz = ctx.group.timeZone;
  const today = todayIn(tz, now);
  const weekEnd = zonedToUtc(`${addDays(today, 7)}T00:00`, tz);
  const week = listOccurrences({ ctx, from: now, to: weekEnd }).filter((o) => o.status === "scheduled");
  const soon = listOccurrences({ ctx, from: now, to: now + VOLUNTEER_CALL_DAYS * DAY, kinds: ["shared_meal"] }).filter(
    (o) => o.status === "scheduled" && !o.closed && o.startsAt > now && o.headCookMissing,
  );
  const calls: VolunteerCall[] = soon.map((o) => {
    const roleList = roleRows(db, o.id);
    const counts = db
      .select({ roleId: mealAssignments.roleId, n: sql<number>`count(*)` })
      .from(mealAssignments)
      .where(eq(mealAssignments.occurrenceId, o.id))
      .groupBy(mealAssignments.roleId)
      .all();
    return {
      ...o,
      missing: roleList
        .map((r) => ({ role: r.role, free: r.slots - (counts.find((c) => c.roleId === r.id)?.n ?? 0) }))
        .filter((m) => m.free > 0)
        .sort((a, b) => MEAL_ROLES.indexOf(a.role) - MEAL_ROLES.indexOf(b.role)),
    };
  });
  const balanceCents = ctx.householdId
    ? (db
        .select({ n: sql<number>`coalesce(sum(${mealLedger.amountCents}), 0)` })
        .from(mealLedger)
        .where(and(eq(mealLedger.groupId, ctx.groupId), eq(mealLedger.householdId, ctx.householdId)))
        .get()?.n ?? 0)
    : null;
  return { thisWeek: week, signedUp: listMyUpcoming({ ctx, now, limit: 5 }), callsForVolunteers: calls, balanceCents };
}

// -------------------------------------------------------------------------------------------------
// iCal

export type EventFeedEvent = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  location: string;
  status: "confirmed" | "tentative" | "cancelled";
  url: string | null;
  /** Raised by a trigger each time the occurrence's time or status changes (migration 0021). */
  sequence: number;
  /** The later of the occurrence's and its series' last change: the title and description are the series'. */
  updatedAt: Date;
};
export type EventFeedData = { name: string; timeZone: string; events: EventFeedEvent[] };

function occurrenceUrl(groupId: string, occurrenceId: string): string | null {
  return appLink(`/g/${groupId}/events/${occurrenceId}`);
}

/** A secret URL for the phone's calendar: the group's calendar, or what the household signed up for. The token is shown once; only its hash is kept. */
export function createEventFeed({ ctx, scope }: { ctx: Ctx; scope: EventFeedScope }): Result<{ id: string; token: string; path: string }> {
  if (scope === "household" && !ctx.householdId) return fail(problem("no_household"));
  const token = generateToken();
  const householdId = scope === "household" ? ctx.householdId : null;
  const id = db.transaction((tx) => {
    const row = tx.insert(eventFeeds).values({ groupId: ctx.groupId, tokenHash: hashToken(token), scope, householdId, createdBy: ctx.userId }).returning({ id: eventFeeds.id }).get();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "event_feed", entityId: row.id, details: { scope, householdId } });
    return row.id;
  }, { behavior: "immediate" });
  return { ok: true, id, token, path: `/ical/events/${token}.ics` };
}

/** Revoked by the person who made it, or by a facilitator. */
export function revokeEventFeed({ ctx, feedId }: { ctx: Ctx; feedId: string }): { ok: true } {
  const feed = db
    .select()
    .from(eventFeeds)
    .where(and(eq(eventFeeds.id, feedId), eq(eventFeeds.groupId, ctx.groupId)))
    .get();
  if (!feed) throw notFound();
  if (feed.createdBy !== ctx.userId && !isManager(ctx)) throw forbidden();
  db.transaction((tx) => {
    tx.update(eventFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(eventFeeds.id, feedId), eq(eventFeeds.groupId, ctx.groupId), isNull(eventFeeds.revokedAt)))
      .run();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "revoke", entity: "event_feed", entityId: feedId });
  }, { behavior: "immediate" });
  return { ok: true };
}

/** The person's event feeds in this group that still work (no token: it was shown once). */
export function listEventFeeds({ ctx }: { ctx: Ctx }): { id: string; scope: EventFeedScope; householdId: string | null; createdAt: number }[] {
  return db
    .select({ id: eventFeeds.id, scope: eventFeeds.scope, householdId: eventFeeds.householdId, createdAt: eventFeeds.createdAt })
    .from(eventFeeds)
    .where(and(eq(eventFeeds.groupId, ctx.groupId), eq(eventFeeds.createdBy, ctx.userId), isNull(eventFeeds.revokedAt)))
    .orderBy(desc(eventFeeds.createdAt))
    .all()
    .map((f) => ({ ...f, createdAt: f.createdAt.getTime() }));
}

const FEED_PAST_DAYS = 60;
const FEED_FUTURE_DAYS = HORIZON_DAYS + 30;

/**
 * The events of a feed by its token, or null (unknown, revoked, or its maker no longer a member). The
 * group feed has every occurrence (cancelled ones as CANCELLED, so phones drop them); the household feed
 * those it signed up for (waitlisted: TENTATIVE) or holds a role in. No translated words: a feed has no language.
 */
export function eventFeed(token: string, now = Date.now()): EventFeedData | null {
  const found = db
    .select({ feed: eventFeeds, groupName: groups.name, timeZone: groups.timeZone })
    .from(eventFeeds)
    .innerJoin(groups, eq(groups.id, eventFeeds.groupId))
    .innerJoin(memberships, and(eq(memberships.groupId, eventFeeds.groupId), eq(memberships.userId, eventFeeds.createdBy)))
    .where(and(eq(eventFeeds.tokenHash, hashToken(token)), isNull(eventFeeds.revokedAt)))
    .get();
  if (!found) return null;
  const f = found.feed;
  // A feed lives as long as its maker's membership: a household's departure ends it (issue 16).
  if (!f.createdBy || !isActiveMember(f.createdBy, f.groupId, now)) return null;
  if (f.scope === "household" && !f.householdId) return null;
  const hh = f.householdId ?? "";
  const signupStatus = sql<string | null>`(select s.status from event_signups s where s.occurrence_id = ${eventOccurrences.id} and s.household_id = ${hh} and s.status <> 'cancelled')`;
  const hasRole = sql<number>`exists (select 1 from meal_assignments a where a.occurrence_id = ${eventOccurrences.id} and a.household_id = ${hh})`;
  const rows = db
    .select({
      id: eventOccurrences.id,
      startsAt: eventOccurrences.startsAt,
      endsAt: eventOccurrences.endsAt,
      status: eventOccurrences.status,
      title: eventSeries.title,
      description: eventSeries.description,
      note: eventOccurrences.note,
      spaceName: spaces.name,
      placeText: eventOccurrences.placeText,
      sequence: eventOccurrences.sequence,
      occurrenceUpdatedAt: eventOccurrences.updatedAt,
      seriesUpdatedAt: eventSeries.updatedAt,
      signupStatus,
      hasRole,
    })
    .from(eventOccurrences)
    .innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId))
    .leftJoin(spaces, eq(spaces.id, eventOccurrences.spaceId))
    .where(
      and(
        eq(eventOccurrences.groupId, f.groupId),
        gt(eventOccurrences.endsAt, new Date(now - FEED_PAST_DAYS * DAY)),
        lt(eventOccurrences.startsAt, new Date(now + FEED_FUTURE_DAYS * DAY)),
        f.scope === "household" ? or(sql`${signupStatus} is not null`, sql`${hasRole}`) : undefined,
      ),
    )
    .orderBy(asc(eventOccurrences.startsAt))
    .all();
  const householdName = f.householdId ? db.select({ name: households.name }).from(households).where(eq(households.id, f.householdId)).get()?.name : null;
  return {
    name: householdName ? `${householdName} — ${found.groupName}` : found.groupName,
    timeZone: found.timeZone,
    events: rows.map((r) => ({
      id: r.id,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      summary: r.title,
      description: [r.note, r.description].filter(Boolean).join("\n\n"),
      location: r.spaceName ?? r.placeText,
      status: r.status === "cancelled" ? "cancelled" : f.scope === "household" && r.signupStatus === "waitlisted" ? "tentative" : "confirmed",
      url: occurrenceUrl(f.groupId, r.id),
      sequence: r.sequence,
      updatedAt: laterOf(r.occurrenceUpdatedAt, r.seriesUpdatedAt),
    })),
  };
}

/** The .ics text of a feed (times in UTC, which every calendar shows in its own zone). */
export function renderEventsIcs(feed: EventFeedData): string {
  return renderCalendar({
    name: feed.name,
    product: "events",
    events: feed.events.map((e) => ({ ...e, lastModified: e.updatedAt })),
  });
}

const laterOf = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/** One occurrence as an .ics file (the "add to my calendar" download). */
export function renderEventIcs({ ctx, occurrenceId }: { ctx: Ctx; occurrenceId: string }): string {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  const spaceName = occ.spaceId ? (db.select({ name: spaces.name }).from(spaces).where(eq(spaces.id, occ.spaceId)).get()?.name ?? "") : "";
  return renderEventsIcs({
    name: series.title,
    timeZone: series.timeZone,
    events: [
      {
        id: occ.id,
        startsAt: occ.startsAt,
        endsAt: occ.endsAt,
        summary: series.title,
        description: [occ.note, series.description].filter(Boolean).join("\n\n"),
        location: spaceName || occ.placeText,
        status: occ.status === "cancelled" ? "cancelled" : "confirmed",
        url: occurrenceUrl(ctx.groupId, occ.id),
        sequence: occ.sequence,
        updatedAt: laterOf(occ.updatedAt, series.updatedAt),
      },
    ],
  });
}

// -------------------------------------------------------------------------------------------------
// Figures for the evaluation module

export type EventOccurrenceFigures = {
  occurrenceId: string;
  seriesId: string;
  kind: EventKind;
  title: string;
  /** 'YYYY-MM-DD' and 'YYYY-MM' in the group's zone. */
  date: string;
  month: string;
  /** Households with a confirmed sign-up. */
  households: number;
  /** Everyone who came: adults + children + infants + guests. */
  persons: number;
  /** Persons of the households themselves (guests apart). */
  residents: number;
  guests: number;
  halfPortions: number;
  /** Shared meals: persons served (0 for other kinds). */
  mealsServed: number;
  /** Closed meals: the frozen cost; null otherwise. */
  costCents: number | null;
};

export type EventMonthFigures = {
  month: string;
  /** One row per kind, and one for all kinds ("all") — distinct households do not add up across kinds. */
  kind: EventKind | "all";
  occurrences: number;
  /** Distinct households that came at least once. */
  households: number;
  /** Attendances: persons summed over the occurrences. */
  persons: number;
  /** At least this many distinct residents came: for each household, the largest party it brought that month (sign-ups count people, they do not name them). */
  residentsAtLeast: number;
  guests: number;
  mealsServed: number;
};

/**
 * Per occurrence and per month of [from, to] (calendar dates, inclusive, group's zone): who came to the
 * occurrences that took place (scheduled, started by `now`), from the confirmed sign-ups. Taken by the
 * group id (the evaluation module authorises its callers); unknown group → 404.
 */
export function eventFigures({ scope: { groupId }, from, to, now = Date.now() }: { scope: GroupScoped; from: string; to: string; now?: number }): {
  from: string;
  to: string;
  events: EventOccurrenceFigures[];
  months: EventMonthFigures[];
} {
  const group = db.select({ timeZone: groups.timeZone }).from(groups).where(eq(groups.id, groupId)).get();
  if (!group) throw notFound();
  const tz = group.timeZone;
  const start = zonedToUtc(`${from}T00:00`, tz);
  const end = Math.min(zonedToUtc(`${addDays(to, 1)}T00:00`, tz), now + 1);
  const occs = db
    .select({
      id: eventOccurrences.id,
      seriesId: eventOccurrences.seriesId,
      kind: eventSeries.kind,
      title: eventSeries.title,
      startsAt: eventOccurrences.startsAt,
      frozenCostCents: eventOccurrences.frozenCostCents,
      closedAt: eventOccurrences.closedAt,
    })
    .from(eventOccurrences)
    .innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId))
    .where(and(eq(eventOccurrences.groupId, groupId), eq(eventOccurrences.status, "scheduled"), gte(eventOccurrences.startsAt, new Date(start)), lt(eventOccurrences.startsAt, new Date(end))))
    .orderBy(asc(eventOccurrences.startsAt))
    .all();
  const signups = occs.length
    ? db
        .select({ occurrenceId: eventSignups.occurrenceId, householdId: eventSignups.householdId, adults: eventSignups.adults, children: eventSignups.children, infants: eventSignups.infants, guests: eventSignups.guests })
        .from(eventSignups)
        .where(and(eq(eventSignups.groupId, groupId), eq(eventSignups.status, "confirmed"), inArray(eventSignups.occurrenceId, occs.map((o) => o.id))))
        .all()
    : [];
  const events: EventOccurrenceFigures[] = occs.map((o) => {
    const own = signups.filter((s) => s.occurrenceId === o.id);
    const persons = own.reduce((t, s) => t + placesOf(s), 0);
    const date = utcToZoned(o.startsAt.getTime(), tz).date;
    return {
      occurrenceId: o.id,
      seriesId: o.seriesId,
      kind: o.kind,
      title: o.title,
      date,
      month: date.slice(0, 7),
      households: new Set(own.map((s) => s.householdId)).size,
      persons,
      residents: own.reduce((t, s) => t + residentsOf(s), 0),
      guests: own.reduce((t, s) => t + s.guests, 0),
      halfPortions: own.reduce((t, s) => t + halfPortionsOf(s), 0),
      mealsServed: o.kind === "shared_meal" ? persons : 0,
      costCents: o.closedAt ? (o.frozenCostCents ?? 0) : null,
    };
  });
  const months: EventMonthFigures[] = [];
  for (const month of [...new Set(events.map((e) => e.month))].sort()) {
    const inMonth = events.filter((e) => e.month === month);
    for (const kind of ["all", ...new Set(inMonth.map((e) => e.kind))] as (EventKind | "all")[]) {
      const evs = inMonth.filter((e) => kind === "all" || e.kind === kind);
      const ids = new Set(evs.map((e) => e.occurrenceId));
      const own = signups.filter((s) => ids.has(s.occurrenceId));
      const largest = new Map<string, number>();
      for (const s of own) largest.set(s.householdId, Math.max(largest.get(s.householdId) ?? 0, residentsOf(s)));
      months.push({
        month,
        kind,
        occurrences: evs.length,
        households: largest.size,
        persons: evs.reduce((t, e) => t + e.persons, 0),
        residentsAtLeast: [...largest.values()].reduce((t, n) => t + n, 0),
        guests: evs.reduce((t, e) => t + e.guests, 0),
        mealsServed: evs.reduce((t, e) => t + e.mealsServed, 0),
      });
    }
  }
  return { from, to, events, months };
}

// -------------------------------------------------------------------------------------------------
// Mail


/** The accounts of households of the group (a household without an account gets no mail). */
export function householdRecipients({ groupId }: GroupScoped, householdIds: string[]): Map<string, Recipient[]> {
  const out = new Map<string, Recipient[]>();
  if (!householdIds.length) return out;
  const rows = db
    .select({ householdId: memberships.householdId, email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.groupId, groupId), inArray(memberships.householdId, householdIds)))
    .all();
  for (const r of rows) if (r.householdId) out.set(r.householdId, [...(out.get(r.householdId) ?? []), { email: r.email, locale: r.locale }]);
  return out;
}

export function mailBody(t: Translate, lines: (string | null | undefined)[]): string {
  return [t("events:mail.hello"), ...lines, t("events:mail.signature")].filter(Boolean).join("\n\n");
}

type OccurrenceMailInfo = { id: string; groupId: string; groupName: string; timeZone: string; title: string; startsAt: number; endsAt: number; place: string };

export function occurrenceMailInfo(occurrenceIds: string[]): OccurrenceMailInfo[] {
  if (!occurrenceIds.length) return [];
  return db
    .select({
      id: eventOccurrences.id,
      groupId: eventOccurrences.groupId,
      groupName: groups.name,
      timeZone: groups.timeZone,
      title: eventSeries.title,
      startsAt: eventOccurrences.startsAt,
      endsAt: eventOccurrences.endsAt,
      spaceName: spaces.name,
      placeText: eventOccurrences.placeText,
    })
    .from(eventOccurrences)
    .innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId))
    .innerJoin(groups, eq(groups.id, eventOccurrences.groupId))
    .leftJoin(spaces, eq(spaces.id, eventOccurrences.spaceId))
    .where(inArray(eventOccurrences.id, occurrenceIds))
    .all()
    .map((o) => ({ ...o, startsAt: o.startsAt.getTime(), endsAt: o.endsAt.getTime(), place: o.spaceName ?? o.placeText }));
}

export const whenOf = (o: { startsAt: number; endsAt: number; timeZone: string }, lang: string) => formatSlot({ startsAt: o.startsAt, endsAt: o.endsAt }, lang, o.timeZone);
export const linkOf = (t: Translate, o: { groupId: string; id: string }) => {
  const url = occurrenceUrl(o.groupId, o.id);
  return url ? t("events:mail.link", { url }) : null;
};

/** The notify* functions queue their mails in the transaction of the change they tell about (sent after its commit). */
function notifyPromoted(tx: Tx, ctx: Ctx, signupIds: string[]) {
  if (!signupIds.length) return;
  const rows = db
    .select({ householdId: eventSignups.householdId, occurrenceId: eventSignups.occurrenceId })
    .from(eventSignups)
    .where(and(eq(eventSignups.groupId, ctx.groupId), inArray(eventSignups.id, signupIds)))
    .all();
  const info = new Map(occurrenceMailInfo([...new Set(rows.map((r) => r.occurrenceId))]).map((o) => [o.id, o]));
  const recipients = householdRecipients(ctx, rows.map((r) => r.householdId));
  for (const r of rows) {
    const o = info.get(r.occurrenceId)!;
    mailEach(tx, recipients.get(r.householdId) ?? [], (t, lang) => ({
      subject: t("events:mail.promoted_subject", { title: o.title }),
      text: mailBody(t, [t("events:mail.promoted_text", { title: o.title, when: whenOf(o, lang), place: o.place, group: o.groupName }), linkOf(t, o)]),
    }));
  }
}

function notifyCancelled(tx: Tx, ctx: Ctx, occurrenceIds: string[], reason: string | null) {
  for (const o of occurrenceMailInfo(occurrenceIds)) {
    const households = db
      .select({ householdId: eventSignups.householdId })
      .from(eventSignups)
      .where(and(eq(eventSignups.occurrenceId, o.id), ne(eventSignups.status, "cancelled")))
      .all()
      .map((s) => s.householdId);
    const recipients = householdRecipients(ctx, households);
    mailEach(tx, [...recipients.values()].flat(), (t, lang) => ({
      subject: t("events:mail.cancelled_subject", { title: o.title }),
      text: mailBody(t, [t("events:mail.cancelled_text", { title: o.title, when: whenOf(o, lang), group: o.groupName }), reason ? t("events:mail.reason", { reason }) : null, linkOf(t, o)]),
    }));
  }
}

function notifyMoved(tx: Tx, ctx: Ctx, before: Occurrence, slot: Slot) {
  const o = occurrenceMailInfo([before.id])[0];
  if (!o) return;
  const households = db
    .select({ householdId: eventSignups.householdId })
    .from(eventSignups)
    .where(and(eq(eventSignups.occurrenceId, o.id), ne(eventSignups.status, "cancelled")))
    .all()
    .map((s) => s.householdId);
  const recipients = householdRecipients(ctx, households);
  mailEach(tx, [...recipients.values()].flat(), (t, lang) => ({
    subject: t("events:mail.moved_subject", { title: o.title }),
    text: mailBody(t, [
      t("events:mail.moved_text", {
        title: o.title,
        from: whenOf({ startsAt: before.startsAt.getTime(), endsAt: before.endsAt.getTime(), timeZone: o.timeZone }, lang),
        to: whenOf({ ...slot, timeZone: o.timeZone }, lang),
        place: o.place,
        group: o.groupName,
      }),
      linkOf(t, o),
    ]),
  }));
}
