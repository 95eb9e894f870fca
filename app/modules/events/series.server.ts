// Event series and their occurrences: creating an event (one-off or repeating, its occurrences materialised up
// to the horizon), and changing a series from an occurrence on ("this and the following", a split series).
// Every occurrence in a space holds its place through places.server.ts, in the same transaction.
import { and, asc, eq, gt, gte, isNull } from "drizzle-orm";
import { db, type Tx } from "~db/client.server";
import { eventOccurrences, eventSeries, mealRoles } from "~db/schema";
import { requirePermission } from "~/modules/access/access.server";
import type { GroupScoped } from "~/modules/access/scope.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Space } from "~/modules/bookings/lookups.server";
import { getSpace } from "~/modules/bookings/spaces.server";
import { todayIn } from "~/modules/core/dates";
import { newId } from "~/modules/core/ids";
import { utcToZoned } from "~/modules/core/recurrence";
import { refuse } from "~/modules/core/result";
import { transact } from "~/modules/core/transaction.server";
import { findPerson } from "~/modules/access/lookups.server";
import { findSeries, type Ctx, type Occurrence, type Result, type Series } from "./lookups.server";
import { notifyCancelled, notifyPromoted } from "./mail.server";
import { bookPlaces, releasePlace, type Slot } from "./places.server";
import {
  durationOf,
  horizonDate,
  MAX_OCCURRENCES,
  planOccurrences,
  problem,
  rruleFor,
  splitRule,
  type PlannedOccurrence,
  type Problem,
  type SeriesRule,
} from "./rules";
import type { EventInput } from "./schemas";
import { promoteIn } from "./signups.server";

/** Slots of roles a new shared-meal occurrence gets. */
const DEFAULT_HELPERS = 2;
const DEFAULT_CLEANERS = 2;

/** The space, organisers and host an event names must be the group's (else 404). */
function checkReferences(ctx: Ctx, input: EventInput): Space | null {
  const space = input.spaceId ? getSpace({ ctx, spaceId: input.spaceId }) : null;
  for (const id of input.organiserIds ?? []) findPerson(ctx, id);
  if (input.hostPersonId) findPerson(ctx, input.hostPersonId);
  return space;
}

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

export const ruleOf = (s: Pick<Series, "rrule" | "startDate" | "startTime" | "durationMinutes" | "timeZone" | "untilDate" | "count">): SeriesRule => ({
  rrule: s.rrule,
  startDate: s.startDate,
  startTime: s.startTime,
  durationMinutes: s.durationMinutes,
  timeZone: s.timeZone,
  untilDate: s.untilDate ?? null,
  count: s.count ?? null,
});

/** The occurrences to materialise now, or why there are none. */
function plannedFor(
  values: SeriesValues,
  space: Space | null,
  now: number,
  fromDate?: string,
): { ok: true; planned: PlannedOccurrence[]; horizon: string } | { ok: false; problems: Problem[] } {
  if (values.durationMinutes <= 0) return refuse(problem("end_before_start", "endTime"));
  const today = todayIn(values.timeZone, now);
  const horizon = horizonDate(today, space?.bookingWindowDays ?? null);
  const rule = ruleOf(values as Series);
  const planned = planOccurrences(rule, { fromDate, toDate: horizon });
  if (!planned.length) {
    const any = planOccurrences(rule, { fromDate, toDate: "9999-12-31", max: 1 });
    if (!any.length) return refuse(problem("no_occurrence", values.rrule ? "until" : "date"));
    return refuse(problem("too_far_ahead", "date", { lastDate: horizon }));
  }
  if (planned.length > MAX_OCCURRENCES) return refuse(problem("too_many_occurrences", "until", { max: MAX_OCCURRENCES }));
  if (planned[0].startsAt < now) return refuse(problem("in_past", "date"));
  return { ok: true, planned, horizon };
}

export function insertOccurrence(
  tx: Tx,
  ctx: GroupScoped,
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

/**
 * A new event, one-off or repeating. Occurrences are materialised up to the horizon (HORIZON_DAYS, or
 * the space's booking window when shorter); a job adds the next ones as time passes. In a space, each
 * occurrence is booked for the group in the same transaction: any slot the space's rules refuse refuses the
 * event, with the bookings problem and the date it concerns, and nothing is written. In the caller's `tx`
 * when given (a meeting and its event commit together).
 */
export function createEvent({
  ctx,
  input,
  now = Date.now(),
  tx,
}: {
  ctx: Ctx;
  input: EventInput;
  now?: number;
  tx?: Tx;
}): Result<{ seriesId: string; occurrenceIds: string[] }> {
  requirePermission(ctx, "event:create");
  const space = checkReferences(ctx, input);
  const values = seriesValues(ctx, input);
  const plan = plannedFor(values, space, now);
  if (!plan.ok) return plan;
  return transact(tx, (tx): Result<{ seriesId: string; occurrenceIds: string[] }> => {
    const bookingIds = space ? bookPlaces(tx, ctx, space.id, plan.planned, values.title, values.capacity ?? null, now) : plan.planned.map(() => null);
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
    return { ok: true, seriesId: series.id, occurrenceIds };
  });
}

/**
 * Changes a whole series from its next occurrence on: the past stays as it was (a series with past
 * occurrences is split, as "this and the following" does). Nothing left to change: a problem.
 */
export function updateEvent({
  ctx,
  seriesId,
  input,
  now = Date.now(),
}: {
  ctx: Ctx;
  seriesId: string;
  input: EventInput;
  now?: number;
}): Result<{ seriesId: string }> {
  const series = findSeries(db, ctx, seriesId);
  requirePermission(ctx, "event:manage");
  const pivot = db
    .select()
    .from(eventOccurrences)
    .where(
      and(
        eq(eventOccurrences.seriesId, series.id),
        eq(eventOccurrences.groupId, ctx.groupId),
        gt(eventOccurrences.startsAt, new Date(now)),
        isNull(eventOccurrences.closedAt),
      ),
    )
    .orderBy(asc(eventOccurrences.originalStartsAt))
    .limit(1)
    .get();
  if (!pivot) return refuse(problem("nothing_to_change"));
  return applyFrom(ctx, series, pivot, input, now);
}

type Change =
  | { kind: "update"; row: Occurrence; set: Partial<typeof eventOccurrences.$inferInsert> }
  | { kind: "cancel"; row: Occurrence }
  | { kind: "create"; planned: PlannedOccurrence };

/** A row's place changing: the booking it gives up, the slot it wants booked instead. */
type PlaceChange = { key: string; drop: string | null; want: { spaceId: string; slot: Slot } | null; title: string; capacity: number | null };

/**
 * "This and the following": from the pivot occurrence on, the series follows the new definition. The
 * rows from the pivot on are matched to the new rule's occurrences by date: a matched row keeps its
 * sign-ups, roles and costs and takes the new time and place (unless it was moved on its own, or
 * cancelled); a row the new rule no longer has is cancelled (its households are told); new dates get
 * new rows. When the pivot is not the first occurrence, the series is split: the old one ends the day
 * before, the new one (parentSeriesId) takes the rows from the pivot on. The places move in the same
 * transaction: the bookings given up are cancelled, then the slots wanted are booked; a refused slot
 * rolls it all back.
 */
export function applyFrom(ctx: Ctx, series: Series, pivot: Occurrence, input: EventInput, now: number): Result<{ seriesId: string }> {
  requirePermission(ctx, "event:manage");
  if (pivot.closedAt) return refuse(problem("meal_closed"));
  const space = checkReferences(ctx, input);
  const values = seriesValues(ctx, { ...input });
  const tz = series.timeZone;
  const split = splitRule(ruleOf(series), pivot.originalStartsAt.getTime());

  return transact(undefined, (tx): Result<{ seriesId: string }> => {
    const rows = tx
      .select()
      .from(eventOccurrences)
      .where(
        and(
          eq(eventOccurrences.seriesId, series.id),
          eq(eventOccurrences.groupId, ctx.groupId),
          gte(eventOccurrences.originalStartsAt, pivot.originalStartsAt),
        ),
      )
      .orderBy(asc(eventOccurrences.originalStartsAt))
      .all();
    if (rows.some((r) => r.closedAt)) return refuse(problem("meal_closed"));
    const plan = plannedFor({ ...values, timeZone: tz }, space, now);
    if (!plan.ok) return plan;

    const byDate = new Map(plan.planned.map((p) => [p.date, p]));
    const changes: Change[] = [];
    const places: PlaceChange[] = [];
    for (const row of rows) {
      const date = utcToZoned(row.originalStartsAt.getTime(), tz).date;
      const p = byDate.get(date);
      if (!p) {
        if (row.status === "scheduled") {
          changes.push({ kind: "cancel", row });
          if (row.bookingId && row.spaceId) places.push({ key: row.id, drop: row.bookingId, want: null, title: values.title, capacity: row.capacity });
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
        places.push({
          key: row.id,
          drop: row.bookingId && row.spaceId ? row.bookingId : null,
          want: values.spaceId ? { spaceId: values.spaceId, slot: p } : null,
          title: values.title,
          capacity: values.capacity ?? null,
        });
      }
    }
    for (const p of byDate.values()) {
      changes.push({ kind: "create", planned: p });
      if (values.spaceId)
        places.push({
          key: `new:${p.originalStartsAt}`,
          drop: null,
          want: { spaceId: values.spaceId, slot: p },
          title: values.title,
          capacity: values.capacity ?? null,
        });
    }

    // The slots given up are freed first, so that the new ones may take them.
    for (const c of places) if (c.drop) releasePlace(tx, ctx, c.drop, now);
    const booked = new Map<string, string>();
    for (const c of places) if (c.want) booked.set(c.key, bookPlaces(tx, ctx, c.want.spaceId, [c.want.slot], c.title, c.capacity, now)[0]);
    const bookingOf = (key: string, kept: string | null) => booked.get(key) ?? (places.some((c) => c.key === key && c.drop) ? null : kept);

    const cancelledRows = changes.filter((c): c is Extract<Change, { kind: "cancel" }> => c.kind === "cancel").map((c) => c.row);
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
          .set({
            status: "cancelled",
            cancelReason: "series_changed",
            cancelledAt: new Date(now),
            cancelledBy: ctx.userId,
            bookingId: bookingOf(c.row.id, c.row.bookingId),
          })
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
      details: {
        ...values,
        from: pivot.originalStartsAt.getTime(),
        newSeriesId: targetId === series.id ? undefined : targetId,
        cancelled: cancelledRows.length,
        created: changes.filter((c) => c.kind === "create").length,
      },
    });
    notifyCancelled(
      tx,
      ctx,
      cancelledRows.map((r) => r.id),
      null,
    );
    for (const p of promoted) notifyPromoted(tx, ctx, p.signupIds);
    return { ok: true, seriesId: targetId };
  });
}
