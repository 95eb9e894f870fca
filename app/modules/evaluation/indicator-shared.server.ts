// What the indicator engine's files share: calendar-day arithmetic, the time zones' wall clocks, the groups
// and periods it computes over.
import type { Db } from "~db/client.server";
import { Temporal } from "temporal-polyfill";

export const DAY = 86_400_000;
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
export const dayIndex = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

// -------------------------------------------------------------------------------------------------
// Time zones: local wall-clock ms of an instant, from the zone's transitions (a few per year), so that
// thousands of bookings do not each pay for a Temporal conversion.

const zoneCache = new Map<string, { from: number; to: number; cuts: number[]; offsets: number[] }>();
export function zone(tz: string, from: number, to: number) {
  let z = zoneCache.get(tz);
  if (!z || z.from > from || z.to < to) {
    // Wide margins: the transitions are computed once per zone and process, not once per period.
    const f = Math.min(from, z?.from ?? from) - 400 * DAY;
    const t = Math.max(to, z?.to ?? to) + 400 * DAY;
    const cuts = [f];
    let zdt = Temporal.Instant.fromEpochMilliseconds(f).toZonedDateTimeISO(tz);
    const offsets = [zdt.offsetNanoseconds / 1e6];
    for (let i = 0; i < 1000; i++) {
      const next = zdt.getTimeZoneTransition("next");
      if (!next || next.epochMilliseconds > t) break;
      cuts.push(next.epochMilliseconds);
      offsets.push(next.offsetNanoseconds / 1e6);
      zdt = next;
    }
    z = { from: f, to: t, cuts, offsets };
    zoneCache.set(tz, z);
  }
  const { cuts, offsets } = z;
  const offsetAt = (ms: number) => {
    let i = cuts.length - 1;
    while (i > 0 && cuts[i] > ms) i--;
    return offsets[i];
  };
  return {
    /** Wall-clock ms of an instant. */
    local: (ms: number) => ms + offsetAt(ms),
    /** The instant of a wall-clock time (a local midnight: never in a clock change in practice). */
    utc: (localMs: number) => localMs - offsetAt(localMs - offsetAt(localMs)),
  };
}
export function localClock(tz: string, from: number, to: number): (ms: number) => number {
  return zone(tz, from, to).local;
}

export type GroupRow = { id: string; timeZone: string };
export type Range = { key: string; from: string; to: string };

export function placeholders(n: number) {
  return Array.from({ length: n }, () => "?").join(",");
}

export function loadGroups(sqlite: Db["$client"], groupIds: string[]): GroupRow[] {
  if (!groupIds.length) return [];
  return sqlite.prepare(`select id, time_zone as timeZone from groups where id in (${placeholders(groupIds.length)})`).all(...groupIds) as GroupRow[];
}
