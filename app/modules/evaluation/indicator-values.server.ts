// The indicator engine's maths: one group's values for one period from the facts read (occupancy of rooms
// and guest units, participation, exchanges, surveys, funding, completeness). No database here.
import { DESTINATIONS, PROFILE_TAGS } from "~db/schema/enums";
import { todayIn } from "~/modules/core/dates";
import { AGE_BANDS, FUNDER_KINDS, INDICATORS, MIN_SURVEY_ANSWERS, evaluationAgeBand, median, periodsBetween, type IndicatorKey } from "./indicators";
import { DAY, dayIndex, localClock, minutesOf, round, type GroupRow, type Range } from "./indicator-shared.server";
import type { Facts } from "./indicator-facts.server";
import type { CompletenessStatus, GroupIndicators } from "./indicators.server";

export type ExternalValues = { values: Partial<Record<IndicatorKey, number | null>>; denominators: Record<string, number> };

/** Overlap in minutes of [a, b) with the daily window [ws, we) (minutes of the local day), over the local days [a, b) touches. */
function windowOverlap(a: number, b: number, ws: number, we: number): number {
  if (b <= a || we <= ws) return 0;
  let total = 0;
  for (let d = Math.floor(a / DAY); d * DAY < b; d++) {
    const s = Math.max(a, d * DAY + ws * 60_000);
    const e = Math.min(b, d * DAY + we * 60_000);
    if (e > s) total += e - s;
  }
  return total / 60_000;
}

/** The bookable daily windows of a room: BOOKABLE_DAY (08:00–22:00) less its quiet hours, as [start, end) minutes. */
function roomWindows(quietStart: string | null, quietEnd: string | null): [number, number][] {
  let windows: [number, number][] = [[8 * 60, 22 * 60]];
  if (quietStart && quietEnd && quietStart !== quietEnd) {
    const qs = minutesOf(quietStart);
    const qe = minutesOf(quietEnd);
    const quiet: [number, number][] =
      qe > qs
        ? [[qs, qe]]
        : [
            [0, qe],
            [qs, 24 * 60],
          ];
    for (const [cs, ce] of quiet)
      windows = windows.flatMap(([s, e]) => {
        if (ce <= s || e <= cs) return [[s, e] as [number, number]];
        const parts: [number, number][] = [];
        if (s < cs) parts.push([s, cs]);
        if (ce < e) parts.push([ce, e]);
        return parts;
      });
  }
  return windows;
}

type SpaceAgg = {
  roomUsed: number;
  roomBookable: number;
  roomBookings: number;
  nights: number;
  availableNights: number;
  anyRoomBooking: boolean;
  anyStay: boolean;
  hasRoom: boolean;
  hasGuest: boolean;
};

/** Common rooms: minutes booked inside the bookable windows over those windows (closures removed); guest units: nights. As bookingFigures counts them. */
function spaceFacts(facts: Facts, group: GroupRow, range: Range): SpaceAgg {
  const out: SpaceAgg = {
    roomUsed: 0,
    roomBookable: 0,
    roomBookings: 0,
    nights: 0,
    availableNights: 0,
    anyRoomBooking: false,
    anyStay: false,
    hasRoom: false,
    hasGuest: false,
  };
  const own = facts.spaces.filter((s) => s.groupId === group.id);
  if (!own.length) return out;
  const d0 = dayIndex(range.from);
  const d1 = dayIndex(range.to) + 1;
  const pStart = d0 * DAY;
  const pEnd = d1 * DAY;
  const local = localClock(group.timeZone, (d0 - 1) * DAY, (d1 + 1) * DAY);
  for (const space of own) {
    const closed = facts.closures.filter((c) => c.spaceId === space.id).map((c) => [local(c.startsAt), local(c.endsAt)] as [number, number]);
    const bookings = facts.bookingsBySpace.get(space.id) ?? [];
    if (space.kind === "common_room") {
      out.hasRoom = true;
      const windows = roomWindows(space.quietStart, space.quietEnd);
      const perDay = windows.reduce((s, [a, b]) => s + b - a, 0);
      let bookable = perDay * (d1 - d0);
      for (const [cs, ce] of closed) for (const [ws, we] of windows) bookable -= windowOverlap(Math.max(cs, pStart), Math.min(ce, pEnd), ws, we);
      out.roomBookable += Math.max(0, bookable);
      for (const b of bookings) {
        const s = local(b.startsAt);
        const e = local(b.endsAt);
        if (e <= pStart || s >= pEnd) continue;
        out.anyRoomBooking = true;
        if (s >= pStart) out.roomBookings++;
        const a = Math.max(s, pStart);
        const z = Math.min(e, pEnd);
        for (const [ws, we] of windows) {
          out.roomUsed += windowOverlap(a, z, ws, we);
          for (const [cs, ce] of closed) out.roomUsed -= windowOverlap(Math.max(a, cs), Math.min(z, ce), ws, we);
        }
      }
    } else {
      out.hasGuest = true;
      const checkIn = minutesOf(space.checkInTime ?? "15:00") * 60_000;
      const checkOut = minutesOf(space.checkOutTime ?? "11:00") * 60_000;
      for (let d = d0; d < d1; d++) {
        const ns = d * DAY + checkIn;
        const ne = (d + 1) * DAY + checkOut;
        if (!closed.some(([cs, ce]) => cs < ne && ns < ce)) out.availableNights++;
      }
      for (const b of bookings) {
        const first = Math.floor(local(b.startsAt) / DAY);
        const last = Math.floor(local(b.endsAt) / DAY);
        const n = Math.max(0, Math.min(last, d1) - Math.max(first, d0));
        if (n > 0) {
          out.nights += n;
          out.anyStay = true;
        }
      }
    }
  }
  return out;
}

export function computeOne(facts: Facts, group: GroupRow, range: Range, now: number, external: ExternalValues | null): GroupIndicators {
  const v: Partial<Record<IndicatorKey, number | null>> = {};
  const den: Record<string, number> = {};
  const partialKeys = new Set<IndicatorKey>();
  const today = todayIn(group.timeZone, now);

  // Households and persons.
  const own = facts.householdsByGroup.get(group.id) ?? [];
  const present = own.filter((h) => h.arrivalDate <= range.to && (!h.departureDate || h.departureDate >= range.from));
  const year = Number(range.to.slice(0, 4));
  if (present.length) {
    const people = present.flatMap((h) => facts.persons.get(h.id) ?? []);
    v.households_present = present.length;
    v.persons_present = people.length;
    den.households_present = present.length;
    den.persons_present = people.length;
    const bands = Object.fromEntries(AGE_BANDS.map((b) => [b, 0])) as Record<string, number>;
    let unknown = 0;
    const tags = Object.fromEntries(PROFILE_TAGS.map((t) => [t, 0])) as Record<string, number>;
    for (const p of people) {
      const b = evaluationAgeBand(p.birthYear, year);
      if (b) bands[b]++;
      else unknown++;
      for (const t of p.tags) if (t in tags) tags[t]++;
    }
    for (const b of AGE_BANDS) {
      v[`persons_age_${b}`] = bands[b];
      if (unknown) partialKeys.add(`persons_age_${b}`);
    }
    v.persons_age_unknown = unknown;
    for (const t of PROFILE_TAGS) v[`persons_tag_${t}`] = tags[t];
    const arrived = present.filter((h) => h.arrivalDate >= range.from);
    const departed = present.filter((h) => h.departureDate && h.departureDate <= range.to);
    v.arrivals = arrived.length;
    v.departures = departed.length;
    den.departures = departed.length;
    for (const d of DESTINATIONS) v[`exits_${d}`] = departed.filter((h) => (h.destination ?? "unknown") === d).length;
    v.median_stay_days = median(departed.map((h) => dayIndex(h.departureDate as string) - dayIndex(h.arrivalDate)));
  }

  // Shared meals and workshops: months of the period that have begun.
  const months = periodsBetween("month", range.from, range.to).filter((m) => m.from <= today);
  let occurrences = 0;
  let signups = 0;
  let meals = 0;
  const shares: number[] = [];
  for (const m of months) {
    const e = facts.eventMonths.get(`${group.id}|${m.key}`);
    const presentInMonth = own.filter((h) => h.arrivalDate <= m.to && (!h.departureDate || h.departureDate >= m.from)).length;
    if (e) {
      occurrences += e.occurrences;
      signups += e.signups;
      meals += e.meals;
    }
    if (presentInMonth) shares.push(Math.min(1, (e?.households ?? 0) / presentInMonth));
  }
  if (occurrences) {
    v.events_held = occurrences;
    den.events_held = occurrences;
    v.households_per_event = round(signups / occurrences, 1);
    v.meals_served = meals;
    v.participation_share = shares.length ? round(shares.reduce((s, x) => s + x, 0) / shares.length, 4) : null;
  }

  // Skill exchange.
  const x = facts.exchanges.get(`${group.id}|${range.key}`);
  if (x && x.n) {
    v.exchanges_done = x.n;
    den.exchanges_done = x.n;
    v.exchange_hours = round(x.minutes / 60);
    v.exchange_households = x.households;
    v.exchange_intergenerational_share = x.minutes ? round(x.between / x.minutes, 4) : null;
  }

  // Common rooms and guest units.
  const s = spaceFacts(facts, group, range);
  if (s.hasRoom && s.anyRoomBooking) {
    v.common_room_bookings = s.roomBookings;
    v.common_room_occupancy = s.roomBookable ? round(Math.min(1, s.roomUsed / s.roomBookable), 4) : null;
    den.common_room_bookable_hours = round(s.roomBookable / 60);
  }
  if (s.hasGuest && s.anyStay) {
    v.guest_unit_nights = s.nights;
    v.guest_unit_occupancy = s.availableNights ? round(s.nights / s.availableNights, 4) : null;
    den.guest_unit_available_nights = s.availableNights;
  }

  // Surveys closed in the period: scores only from surveys with enough answers.
  const surveys = facts.surveys.filter((r) => r.groupId === group.id && r.closedOn >= range.from && r.closedOn <= range.to);
  if (surveys.length) {
    v.survey_answers = surveys.reduce((t, r) => t + r.n, 0);
    const shown = surveys.filter((r) => r.n >= MIN_SURVEY_ANSWERS);
    const n = shown.reduce((t, r) => t + r.n, 0);
    den.survey_answers = n;
    if (n) {
      const mean = (k: "satisfaction" | "belonging" | "loneliness" | "helpGiven" | "helpReceived") => round(shown.reduce((t, r) => t + r[k], 0) / n);
      v.survey_satisfaction = mean("satisfaction");
      v.survey_belonging = mean("belonging");
      v.survey_loneliness = mean("loneliness");
      v.survey_lonely_share = round(shown.reduce((t, r) => t + r.lonely, 0) / n, 4);
      v.survey_help_given = mean("helpGiven");
      v.survey_help_received = mean("helpReceived");
    }
  }

  // Funding: the calendar years the period touches.
  const y1 = Number(range.from.slice(0, 4));
  const y2 = Number(range.to.slice(0, 4));
  const inYears = <T extends { groupId: string; year: number }>(rows: T[]) => rows.filter((r) => r.groupId === group.id && r.year >= y1 && r.year <= y2);
  const fund = inYears(facts.funding);
  const grants = inYears(facts.grants);
  if (fund.length || grants.length) {
    const grant = grants.reduce((t, r) => t + r.amount, 0);
    const planned = fund.reduce((t, r) => t + r.planned, 0) + grant;
    const spent = fund.reduce((t, r) => t + r.spent, 0) + grant;
    v.funding_planned_euros = planned / 100;
    v.funding_spent_euros = spent / 100;
    den.funding_spent_cents = spent;
    v.funding_share_programme = spent ? round(grant / spent, 4) : null;
    for (const k of FUNDER_KINDS) v[`funding_share_${k}`] = spent ? round(fund.filter((r) => r.kind === k).reduce((t, r) => t + r.spent, 0) / spent, 4) : null;
    v.cost_per_household_euros = present.length && spent ? round(spent / 100 / (y2 - y1 + 1) / present.length) : null;
  }

  // Meetings, charter, support: read from their modules.
  if (external) Object.assign(v, external.values);
  if (external) Object.assign(den, external.denominators);

  // Last activity, completeness.
  const last = facts.lastActivity.get(group.id) ?? null;
  v.days_since_last_activity = last == null ? null : Math.max(0, Math.floor((now - last) / DAY));
  const values = Object.fromEntries(INDICATORS.map((i) => [i.key, v[i.key] ?? null])) as Record<IndicatorKey, number | null>;
  const unfinished = range.to >= today;
  const completeness = INDICATORS.filter((i) => i.key !== "data_completeness").map((i) => ({
    key: i.key as IndicatorKey,
    status: (values[i.key] == null ? "no_data" : unfinished || partialKeys.has(i.key) ? "partial" : "ok") as CompletenessStatus,
  }));
  const measured = completeness.filter((c) => c.key !== "days_since_last_activity");
  values.data_completeness = round(measured.filter((c) => c.status !== "no_data").length / measured.length, 4);
  den.indicators_total = measured.length;
  completeness.push({ key: "data_completeness", status: unfinished ? "partial" : "ok" });
  return {
    groupId: group.id,
    from: range.from,
    to: range.to,
    values,
    denominators: den,
    completeness,
    lastActivityAt: last == null ? null : new Date(last).toISOString(),
  };
}
