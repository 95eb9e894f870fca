// The figures of the calendar the evaluation module reads (decision 007): who came to what, per occurrence and per
// month, from the confirmed sign-ups.
import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import { db } from "~db/client.server";
import { eventOccurrences, eventSeries, eventSignups } from "~db/schema";
import type { EventKind } from "~db/schema/enums";
import { findGroup } from "~/modules/access/lookups.server";
import type { GroupScoped } from "~/modules/access/scope.server";
import { utcToZoned, zonedDays } from "~/modules/core/recurrence";
import { partyColumns } from "./lookups.server";
import { halfPortionsOf, placesOf, residentsOf } from "./rules";

type EventOccurrenceFigures = {
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

type EventMonthFigures = {
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
export function eventFigures({ scope, from, to, now = Date.now() }: { scope: GroupScoped; from: string; to: string; now?: number }): {
  from: string;
  to: string;
  events: EventOccurrenceFigures[];
  months: EventMonthFigures[];
} {
  const groupId = scope.groupId;
  const tz = findGroup(scope).timeZone;
  const range = zonedDays(from, to, tz);
  const start = range.startsAt;
  const end = Math.min(range.endsAt, now + 1);
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
    .where(
      and(
        eq(eventOccurrences.groupId, groupId),
        eq(eventOccurrences.status, "scheduled"),
        gte(eventOccurrences.startsAt, new Date(start)),
        lt(eventOccurrences.startsAt, new Date(end)),
      ),
    )
    .orderBy(asc(eventOccurrences.startsAt))
    .all();
  const signups = occs.length
    ? db
        .select({
          occurrenceId: eventSignups.occurrenceId,
          householdId: eventSignups.householdId,
          ...partyColumns,
        })
        .from(eventSignups)
        .where(
          and(
            eq(eventSignups.groupId, groupId),
            eq(eventSignups.status, "confirmed"),
            inArray(
              eventSignups.occurrenceId,
              occs.map((o) => o.id),
            ),
          ),
        )
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
