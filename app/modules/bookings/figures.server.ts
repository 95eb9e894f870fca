// The figures of the spaces the evaluation module reads: occupancy per space and month, guest-unit stays, nights and
// fees per household.
import { and, asc, eq, gt, lt } from "drizzle-orm";
import { db } from "~db/client.server";
import { bookings, households, spaceClosures, spaces } from "~db/schema";
import type { SpaceKind } from "~db/schema/enums";
import { findGroup } from "~/modules/access/lookups.server";
import type { GroupScoped } from "~/modules/access/scope.server";
import { addDays, utcToZoned, zonedDays, zonedToUtc } from "~/modules/core/recurrence";
import { DEFAULT_CHECK_IN, DEFAULT_CHECK_OUT, quietPeriods, type Interval } from "./rules";

/** The hours of a day a room is counted as bookable for the occupancy rate (minus quiet hours and closures). */
const BOOKABLE_DAY = { start: "08:00", end: "22:00" } as const;

type SpaceMonthFigures = {
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

type HouseholdStayFigures = {
  householdId: string | null;
  householdName: string | null;
  spaceId: string;
  spaceName: string;
  stays: number;
  nights: number;
  feesCents: number;
};

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
export function bookingFigures({ scope, from, to }: { scope: GroupScoped; from: string; to: string }): {
  from: string;
  to: string;
  spaces: SpaceMonthFigures[];
  households: HouseholdStayFigures[];
} {
  const groupId = scope.groupId;
  const tz = findGroup(scope).timeZone;
  const range = zonedDays(from, to, tz);
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
    .where(
      and(
        eq(bookings.groupId, groupId),
        eq(bookings.status, "confirmed"),
        lt(bookings.startsAt, new Date(range.endsAt)),
        gt(bookings.endsAt, new Date(range.startsAt)),
      ),
    )
    .all()
    .map((r) => ({ ...r, startsAt: r.startsAt.getTime(), endsAt: r.endsAt.getTime() }));
  const closureRows = db
    .select({ spaceId: spaceClosures.spaceId, startsAt: spaceClosures.startsAt, endsAt: spaceClosures.endsAt })
    .from(spaceClosures)
    .where(and(eq(spaceClosures.groupId, groupId), lt(spaceClosures.startsAt, new Date(range.endsAt)), gt(spaceClosures.endsAt, new Date(range.startsAt))))
    .all()
    .map((c) => ({ spaceId: c.spaceId, startsAt: c.startsAt.getTime(), endsAt: c.endsAt.getTime() }));

  // Months of the range, each clipped to it.
  const months: { month: string; firstDay: string; lastDay: string; interval: Interval }[] = [];
  for (let day = from; day <= to;) {
    const nextMonth = addDays(`${day.slice(0, 7)}-01`, 32).slice(0, 7) + "-01";
    const lastDay = addDays(nextMonth, -1) < to ? addDays(nextMonth, -1) : to;
    months.push({
      month: day.slice(0, 7),
      firstDay: day,
      lastDay,
      interval: zonedDays(day, lastDay, tz),
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
      const monthOf = () => ({
        spaceId: space.id,
        spaceName: space.name,
        kind: space.kind,
        month: m.month,
        bookings: starting,
        bookedHours: hours(bookedMs),
      });
      if (!stay) {
        let windows: Interval[] = [];
        for (let d = m.firstDay; d <= m.lastDay; d = addDays(d, 1))
          windows.push({ startsAt: zonedToUtc(`${d}T${BOOKABLE_DAY.start}`, tz), endsAt: zonedToUtc(`${d}T${BOOKABLE_DAY.end}`, tz) });
        if (space.quietStart && space.quietEnd)
          windows = subtract(windows, quietPeriods(space.quietStart, space.quietEnd, m.interval.startsAt, m.interval.endsAt, tz));
        windows = subtract(windows, closed);
        const bookableMs = windows.reduce((sum, w) => sum + (w.endsAt - w.startsAt), 0);
        const usedMs = windows.reduce((sum, w) => sum + inMonth.reduce((s, b) => s + overlapMs(b, w), 0), 0);
        spaceFigures.push({
          ...monthOf(),
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
        const h = byHousehold.get(key) ?? {
          householdId: b.householdId,
          householdName: b.householdName,
          spaceId: space.id,
          spaceName: space.name,
          stays: 0,
          nights: 0,
          feesCents: 0,
        };
        h.nights += keys.length;
        h.feesCents += fee;
        if (b.startsAt >= m.interval.startsAt && b.startsAt < m.interval.endsAt) h.stays++;
        byHousehold.set(key, h);
      }
      spaceFigures.push({
        ...monthOf(),
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
    households: [...byHousehold.values()].sort(
      (a, b) => (a.householdName ?? "").localeCompare(b.householdName ?? "") || a.spaceName.localeCompare(b.spaceName),
    ),
  };
}
