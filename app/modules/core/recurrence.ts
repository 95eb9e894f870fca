// Wall-clock times in a time zone and recurring slots (bookings, later the meals calendar). Client-safe.
// rrule expands the rule on "floating" times (wall-clock written as UTC, so it never sees a clock
// change); Temporal.ZonedDateTime then places each wall-clock time in the zone. No offset maths here.
import * as rruleModule from "rrule";
import { Temporal } from "temporal-polyfill";

// rrule ships a CommonJS main and an ES module: Node's ESM loader only sees a default export, bundlers
// see named exports. Take whichever is there.
const { RRule } = (
  (rruleModule as { RRule?: unknown }).RRule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default
) as typeof rruleModule;

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The instant of a wall-clock time ('YYYY-MM-DDTHH:mm') in a time zone, as epoch ms. A time that does
 * not exist (the hour skipped in spring) moves forward by the gap (02:30 → 03:30); a time that happens
 * twice (the hour repeated in autumn) is the first of the two ("compatible", as RFC 5545 says).
 */
export function zonedToUtc(local: string, timeZone: string): number {
  return Temporal.PlainDateTime.from(local).toZonedDateTime(timeZone, { disambiguation: "compatible" }).epochMilliseconds;
}

/** The wall-clock date ('YYYY-MM-DD'), time ('HH:MM') and ISO weekday (1 = Monday … 7 = Sunday) of an instant in a zone. */
export function utcToZoned(ms: number, timeZone: string): { date: string; time: string; weekday: number } {
  const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
  return { date: z.toPlainDate().toString(), time: `${pad(z.hour)}:${pad(z.minute)}`, weekday: z.dayOfWeek };
}

/** A calendar date plus (or minus) whole days. */
export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** The calendar dates [from, to] (inclusive) in a zone as instants: from's midnight to the midnight after `to`, epoch ms. */
export function zonedDays(from: string, to: string, timeZone: string): { startsAt: number; endsAt: number } {
  return { startsAt: zonedToUtc(`${from}T00:00`, timeZone), endsAt: zonedToUtc(`${addDays(to, 1)}T00:00`, timeZone) };
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: "days" }).days;
}

/** Wall-clock minutes from one local time ('YYYY-MM-DDTHH:mm') to another, as the clock on the wall counts them (no zone). */
export function wallMinutesBetween(start: string, end: string): number {
  return Temporal.PlainDateTime.from(start).until(Temporal.PlainDateTime.from(end), { largestUnit: "minutes" }).minutes;
}

export type RecurrenceFreq = "weekly" | "monthly";

export type RecurrenceRule = {
  /** First occurrence, wall-clock in `timeZone`: 'YYYY-MM-DDTHH:mm'. */
  start: string;
  /** Wall-clock length: each occurrence ends at its start's wall-clock time plus this many minutes. */
  durationMinutes: number;
  timeZone: string;
  freq: RecurrenceFreq;
  /** Every `interval` weeks or months (2 = every other week). */
  interval: number;
  /** Last calendar date an occurrence may start on (inclusive). */
  until?: string;
  count?: number;
  /** Safety cap on the number of occurrences (default 500). */
  max?: number;
  /** Monthly only: the same day of the month (default; months without that day are skipped, as RFC 5545
   *  says), or the same weekday of the month (the 2nd Tuesday; a 5th weekday becomes the last one). */
  monthlyBy?: "monthday" | "weekday";
};

export type Occurrence = { startsAt: number; endsAt: number };

/**
 * The occurrences of a rule, each at the same wall-clock time in the zone whatever the season: a
 * booking at 20:00 stays at 20:00 after the clocks change. The end is the start's wall-clock time plus
 * the duration, so 20:00–23:00 stays 20:00–23:00; an occurrence across a clock change lasts an hour
 * more or less in real time, as it does on the wall. (Should a start fall in the skipped spring hour and
 * its wall-clock end not come after it, the end is taken as start + duration in real time.)
 */
export function expandRecurrence(rule: RecurrenceRule): Occurrence[] {
  const first = Temporal.PlainDateTime.from(rule.start);
  const floating = (p: Temporal.PlainDateTime) => new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute));
  const max = rule.max ?? 500;
  let byweekday = null;
  if (rule.freq === "monthly" && rule.monthlyBy === "weekday") {
    const nth = Math.ceil(first.day / 7);
    const weekday = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU][first.dayOfWeek - 1];
    byweekday = weekday.nth(nth === 5 ? -1 : nth);
  }
  const rrule = new RRule({
    freq: rule.freq === "weekly" ? RRule.WEEKLY : RRule.MONTHLY,
    interval: Math.max(1, Math.floor(rule.interval)),
    dtstart: floating(first),
    until: rule.until ? floating(Temporal.PlainDate.from(rule.until).toPlainDateTime({ hour: 23, minute: 59 })) : null,
    count: rule.count ?? null,
    byweekday,
  });
  const dates = rrule.all((_date, i) => i < max);
  return dates.map((d) => {
    const wall = Temporal.PlainDateTime.from({
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
    });
    const startsAt = wall.toZonedDateTime(rule.timeZone, { disambiguation: "compatible" }).epochMilliseconds;
    let endsAt = wall.add({ minutes: rule.durationMinutes }).toZonedDateTime(rule.timeZone, { disambiguation: "compatible" }).epochMilliseconds;
    if (endsAt <= startsAt) endsAt = startsAt + rule.durationMinutes * 60_000;
    return { startsAt, endsAt };
  });
}

export type RRuleExpansion = {
  /** An RFC 5545 recurrence rule without DTSTART, UNTIL or COUNT ("FREQ=WEEKLY;INTERVAL=2",
   *  "FREQ=MONTHLY;BYDAY=2SA", "FREQ=MONTHLY;BYDAY=-1FR"); null for a single occurrence. */
  rrule: string | null;
  /** First occurrence, wall-clock in `timeZone`: 'YYYY-MM-DDTHH:mm'. */
  start: string;
  durationMinutes: number;
  timeZone: string;
  /** Last calendar date an occurrence may start on (inclusive). */
  until?: string | null;
  /** Occurrences in all, counted from the first (whatever the window below). */
  count?: number | null;
  /** Only the occurrences whose wall-clock date falls in [fromDate, toDate] (inclusive). */
  fromDate?: string;
  toDate?: string;
  /** Safety cap on the number of occurrences returned (default 500). */
  max?: number;
};

/**
 * The occurrences of an RRULE string, placed in the zone as expandRecurrence places them (same wall-clock
 * time whatever the season; a start in the skipped spring hour moves forward). A window (fromDate,
 * toDate) lets a long or open-ended rule be materialised bit by bit; COUNT still counts from the first.
 */
export function expandRRule(rule: RRuleExpansion): (Occurrence & { date: string })[] {
  const first = Temporal.PlainDateTime.from(rule.start);
  const floating = (p: Temporal.PlainDateTime) => new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute));
  const max = rule.max ?? 500;
  const endOfDay = (date: string) => floating(Temporal.PlainDate.from(date).toPlainDateTime({ hour: 23, minute: 59 }));
  let dates: Date[];
  if (!rule.rrule) {
    dates = [floating(first)];
  } else {
    const options = RRule.parseString(rule.rrule.replace(/^RRULE:/i, ""));
    const rrule = new RRule({
      ...options,
      dtstart: floating(first),
      until: rule.until ? endOfDay(rule.until) : null,
      count: rule.count ?? null,
    });
    dates =
      rule.fromDate || rule.toDate
        ? rrule.between(
            rule.fromDate ? floating(Temporal.PlainDate.from(rule.fromDate).toPlainDateTime({ hour: 0, minute: 0 })) : floating(first),
            rule.toDate ? endOfDay(rule.toDate) : endOfDay("9999-12-31"),
            true,
            (_date, i) => i < max,
          )
        : rrule.all((_date, i) => i < max);
  }
  const fromDate = rule.fromDate ?? "0000-01-01";
  const toDate = rule.toDate ?? "9999-12-31";
  return dates
    .map((d) =>
      Temporal.PlainDateTime.from({
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
      }),
    )
    .filter((wall) => {
      const date = wall.toPlainDate().toString();
      return date >= fromDate && date <= toDate && (!rule.until || date <= rule.until);
    })
    .slice(0, max)
    .map((wall) => {
      const startsAt = wall.toZonedDateTime(rule.timeZone, { disambiguation: "compatible" }).epochMilliseconds;
      let endsAt = wall.add({ minutes: rule.durationMinutes }).toZonedDateTime(rule.timeZone, { disambiguation: "compatible" }).epochMilliseconds;
      if (endsAt <= startsAt) endsAt = startsAt + rule.durationMinutes * 60_000;
      return { startsAt, endsAt, date: wall.toPlainDate().toString() };
    });
}
