// The indicators, computed from the life recorded in the app. One engine computes any set of groups × any
// set of periods with a handful of grouped queries (households, events, exchanges, bookings, surveys,
// funding, last activity), so a programme overview of 12 groups × 36 months stays a few queries; the
// group page calls the same engine for one group and one period, so both always show the same figures.
// Values are RAW (never suppressed: privacy.ts does that for officers); null means "no data".
import { db, type Db } from "~db/client.server";
import { groupDataVersions } from "~/modules/core/data-versions.server";
import { DESTINATIONS, PROFILE_TAGS } from "~db/schema/enums";
import { notFound } from "~/modules/access/errors";
import { requireScopePermission, scopeForJob, type GroupScoped } from "~/modules/access/scope.server";
import { todayIn } from "~/modules/core/dates";
import { Temporal } from "temporal-polyfill";
import {
  AGE_BANDS,
  FUNDER_KINDS,
  INDICATORS,
  LONELY_THRESHOLD,
  MIN_SURVEY_ANSWERS,
  evaluationAgeBand,
  median,
  periodsBetween,
  type IndicatorKey,
  type PeriodKind,
} from "./indicators";
import { externalFigures } from "./external.server";

export type CompletenessStatus = "ok" | "no_data" | "partial";
export type GroupIndicators = {
  groupId: string;
  from: string;
  to: string;
  values: Record<IndicatorKey, number | null>;
  /** How many people / rows / hours a percent or a mean is computed on (keys named by denominatorKey). */
  denominators: Record<string, number>;
  completeness: { key: IndicatorKey; status: CompletenessStatus }[];
  /** The group's last recorded change (audit trail), ISO string, or null. */
  lastActivityAt: string | null;
};

const DAY = 86_400_000;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const dayIndex = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
const dateOfIndex = (i: number) => new Date(i * DAY).toISOString().slice(0, 10);
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

// -------------------------------------------------------------------------------------------------
// Time zones: local wall-clock ms of an instant, from the zone's transitions (a few per year), so that
// thousands of bookings do not each pay for a Temporal conversion.

const zoneCache = new Map<string, { from: number; to: number; cuts: number[]; offsets: number[] }>();
function zone(tz: string, from: number, to: number) {
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
function localClock(tz: string, from: number, to: number): (ms: number) => number {
  return zone(tz, from, to).local;
}

// -------------------------------------------------------------------------------------------------
// The engine

type GroupRow = { id: string; timeZone: string };
type Range = { key: string; from: string; to: string };

type HouseholdRow = { id: string; groupId: string; arrivalDate: string; departureDate: string | null; destination: string | null };
type PersonRow = { householdId: string; birthYear: number | null; tags: string[] };

function placeholders(n: number) {
  return Array.from({ length: n }, () => "?").join(",");
}

/** Months (local calendar) touching the span, with their UTC bounds per zone (for grouping instants in SQL). */
function monthRows(zones: string[], from: string, to: string) {
  const months = periodsBetween("month", from, to);
  const rows: [string, string, number, number][] = [];
  for (const tz of zones) {
    const z = zone(tz, dayIndex(from) * DAY, (dayIndex(to) + 1) * DAY);
    for (const m of months) rows.push([tz, m.key, z.utc(dayIndex(m.from) * DAY), z.utc((dayIndex(m.to) + 1) * DAY)]);
  }
  return { months, rows };
}

type Facts = {
  households: HouseholdRow[];
  householdsByGroup: Map<string, HouseholdRow[]>;
  persons: Map<string, PersonRow[]>;
  eventMonths: Map<string, { occurrences: number; signups: number; households: number; meals: number }>;
  exchanges: Map<string, { n: number; minutes: number; between: number; households: number }>;
  bookings: { groupId: string; kind: string; startsAt: number; endsAt: number; quietStart: string | null; quietEnd: string | null; spaceId: string }[];
  bookingsBySpace: Map<string, Facts["bookings"]>;
  spaces: { id: string; groupId: string; kind: string; quietStart: string | null; quietEnd: string | null; checkInTime: string | null; checkOutTime: string | null }[];
  closures: { spaceId: string; startsAt: number; endsAt: number }[];
  surveys: { groupId: string; closedOn: string; n: number; satisfaction: number; belonging: number; loneliness: number; lonely: number; helpGiven: number; helpReceived: number }[];
  funding: { groupId: string; year: number; kind: string; planned: number; spent: number }[];
  grants: { groupId: string; year: number; amount: number }[];
  lastActivity: Map<string, number>;
};

function loadFacts(sqlite: Db["$client"], groupsList: GroupRow[], ranges: Range[], now: number): Facts {
  const ids = groupsList.map((g) => g.id);
  const inIds = placeholders(ids.length);
  const spanFrom = ranges.reduce((m, r) => (r.from < m ? r.from : m), ranges[0].from);
  const spanTo = ranges.reduce((m, r) => (r.to > m ? r.to : m), ranges[0].to);
  const zones = [...new Set(groupsList.map((g) => g.timeZone))];

  const households = sqlite
    .prepare(
      `select id, group_id as groupId, arrival_date as arrivalDate, departure_date as departureDate, destination
       from households where group_id in (${inIds}) and arrival_date <= ? and (departure_date is null or departure_date >= ?)`,
    )
    .all(...ids, spanTo, spanFrom) as HouseholdRow[];
  const personRows = sqlite
    .prepare(
      `select p.household_id as householdId, p.birth_year as birthYear, p.tags as tags from persons p
       join households h on h.id = p.household_id
       where p.group_id in (${inIds}) and h.arrival_date <= ? and (h.departure_date is null or h.departure_date >= ?)`,
    )
    .all(...ids, spanTo, spanFrom) as PersonRow[];
  const persons = new Map<string, PersonRow[]>();
  for (const p of personRows as unknown as { householdId: string; birthYear: number | null; tags: string }[]) {
    let tags: string[] = [];
    try {
      tags = JSON.parse(p.tags) as string[];
    } catch {
      tags = [];
    }
    const list = persons.get(p.householdId);
    const row = { householdId: p.householdId, birthYear: p.birthYear, tags };
    if (list) list.push(row);
    else persons.set(p.householdId, [row]);
  }
  const householdsByGroup = new Map<string, HouseholdRow[]>();
  for (const h of households) {
    const list = householdsByGroup.get(h.groupId);
    if (list) list.push(h);
    else householdsByGroup.set(h.groupId, [h]);
  }

  // Shared meals and workshops that took place, per group and local month.
  const { rows: mrows } = monthRows(zones, spanFrom, spanTo);
  const eventMonths = new Map<string, { occurrences: number; signups: number; households: number; meals: number }>();
  if (mrows.length) {
    const values = mrows.map(() => "(?,?,?,?)").join(",");
    const rows = sqlite
      .prepare(
        `with m(tz, month, s, e) as (values ${values}),
         occ as (
           select o.id, o.group_id, m.month, se.kind from event_occurrences o
           join event_series se on se.id = o.series_id
           join groups g on g.id = o.group_id
           join m on m.tz = g.time_zone and o.starts_at >= m.s and o.starts_at < m.e
           where o.group_id in (${inIds}) and o.starts_at >= ? and o.starts_at < ? and o.status = 'scheduled' and se.kind in ('shared_meal', 'workshop') and o.starts_at <= ?
         )
         select occ.group_id as groupId, occ.month as month, count(distinct occ.id) as occurrences, count(su.id) as signups,
           count(distinct su.household_id) as households,
           coalesce(sum(case when occ.kind = 'shared_meal' then su.adults + su.children + su.infants + su.guests end), 0) as meals
         from occ left join event_signups su on su.occurrence_id = occ.id and su.status = 'confirmed'
         group by occ.group_id, occ.month`,
      )
      .all(...mrows.flat(), ...ids, mrows[0][2], Math.max(...mrows.map((r) => r[3])), now) as { groupId: string; month: string; occurrences: number; signups: number; households: number; meals: number }[];
    for (const r of rows) eventMonths.set(`${r.groupId}|${r.month}`, r);
  }

  // Done exchanges per group and period (agreed date, a local calendar date); generations as exchangeFigures.
  const exchanges = new Map<string, { n: number; minutes: number; between: number; households: number }>();
  {
    const values = ranges.map(() => "(?,?,?)").join(",");
    const band = (col: string) =>
      `case when ${col} is null then null when cast(substr(x.agreed_date, 1, 4) as integer) - ${col} < 25 then 0 when cast(substr(x.agreed_date, 1, 4) as integer) - ${col} < 65 then 1 else 2 end`;
    const rows = sqlite
      .prepare(
        `with p(key, f, t) as (values ${values}),
         x as (
           select x.id, x.group_id, x.agreed_date, x.minutes, x.giver_household_id, x.receiver_household_id,
             ${band("gp.birth_year")} as gb, ${band("rp.birth_year")} as rb
           from exchanges x left join persons gp on gp.id = x.giver_person_id left join persons rp on rp.id = x.receiver_person_id
           where x.group_id in (${inIds}) and x.status = 'done' and x.agreed_date between ? and ?
         )
         select x.group_id as groupId, p.key as key, count(*) as n, coalesce(sum(x.minutes), 0) as minutes,
           coalesce(sum(case when x.gb is not null and x.rb is not null and x.gb <> x.rb then x.minutes else 0 end), 0) as btw
         from x join p on x.agreed_date between p.f and p.t
         group by x.group_id, p.key`,
      )
      .all(...ranges.flatMap((r) => [r.key, r.from, r.to]), ...ids, spanFrom, spanTo) as { groupId: string; key: string; n: number; minutes: number; btw: number }[];
    for (const r of rows) exchanges.set(`${r.groupId}|${r.key}`, { n: r.n, minutes: r.minutes, between: r.btw, households: 0 });
    // Households giving or receiving: distinct per period, so not a sum of months.
    const sides = sqlite
      .prepare(
        `with p(key, f, t) as (values ${values}),
         h as (
           select group_id, agreed_date, giver_household_id as household from exchanges where group_id in (${inIds}) and status = 'done' and agreed_date between ? and ?
           union all
           select group_id, agreed_date, receiver_household_id from exchanges where group_id in (${inIds}) and status = 'done' and agreed_date between ? and ?
         )
         select h.group_id as groupId, p.key as key, count(distinct h.household) as households from h join p on h.agreed_date between p.f and p.t group by h.group_id, p.key`,
      )
      .all(...ranges.flatMap((r) => [r.key, r.from, r.to]), ...ids, spanFrom, spanTo, ...ids, spanFrom, spanTo) as { groupId: string; key: string; households: number }[];
    for (const r of sides) {
      const e = exchanges.get(`${r.groupId}|${r.key}`);
      if (e) e.households = r.households;
    }
  }

  // Common rooms and guest units: the confirmed bookings of the span (the maths is in JS, see spaceFacts).
  const spanStart = Math.min(...zones.map((tz) => zone(tz, dayIndex(spanFrom) * DAY, (dayIndex(spanTo) + 1) * DAY).utc(dayIndex(spanFrom) * DAY)));
  const spanEnd = Math.max(...zones.map((tz) => zone(tz, dayIndex(spanFrom) * DAY, (dayIndex(spanTo) + 1) * DAY).utc((dayIndex(spanTo) + 1) * DAY)));
  const spaces = sqlite
    .prepare(
      `select id, group_id as groupId, kind, quiet_start as quietStart, quiet_end as quietEnd, check_in_time as checkInTime, check_out_time as checkOutTime
       from spaces where group_id in (${inIds}) and kind in ('common_room', 'guest_unit')`,
    )
    .all(...ids) as Facts["spaces"];
  const bookings = sqlite
    .prepare(
      `select b.group_id as groupId, s.kind as kind, b.starts_at as startsAt, b.ends_at as endsAt, s.quiet_start as quietStart, s.quiet_end as quietEnd, b.space_id as spaceId
       from bookings b join spaces s on s.id = b.space_id
       where b.group_id in (${inIds}) and b.status = 'confirmed' and s.kind in ('common_room', 'guest_unit') and b.block_start < ? and b.block_start > ? and b.starts_at < ? and b.ends_at > ?`,
    )
    // No stay lasts a year: the lower bound lets the (space, block_start) index skip older bookings.
    .all(...ids, spanEnd, spanStart - 366 * DAY, spanEnd, spanStart) as Facts["bookings"];
  const closures = sqlite
    .prepare(`select space_id as spaceId, starts_at as startsAt, ends_at as endsAt from space_closures where group_id in (${inIds}) and starts_at < ? and ends_at > ?`)
    .all(...ids, spanEnd, spanStart) as Facts["closures"];

  // Surveys closed in the span, aggregated per survey (never per answer).
  const today = todayIn(groupsList[0]?.timeZone ?? "Europe/Paris", now);
  const surveys = sqlite
    .prepare(
      `select s.group_id as groupId, coalesce(s.closed_early_on, s.closes_on) as closedOn, count(a.id) as n,
         coalesce(sum(a.satisfaction), 0) as satisfaction, coalesce(sum(a.belonging), 0) as belonging,
         coalesce(sum(a.lonely_companionship + a.lonely_left_out + a.lonely_isolated), 0) as loneliness,
         coalesce(sum(case when a.lonely_companionship + a.lonely_left_out + a.lonely_isolated >= ${LONELY_THRESHOLD} then 1 else 0 end), 0) as lonely,
         coalesce(sum(a.help_given), 0) as helpGiven, coalesce(sum(a.help_received), 0) as helpReceived
       from surveys s left join survey_answers a on a.survey_id = s.id
       where s.group_id in (${inIds}) and coalesce(s.closed_early_on, s.closes_on) between ? and ? and coalesce(s.closed_early_on, s.closes_on) < ?
       group by s.id`,
    )
    .all(...ids, spanFrom, spanTo, today) as Facts["surveys"];

  const y1 = Number(spanFrom.slice(0, 4));
  const y2 = Number(spanTo.slice(0, 4));
  const funding = sqlite
    .prepare(
      `select group_id as groupId, year, kind, sum(planned_cents) as planned, sum(spent_cents) as spent from group_funding
       where group_id in (${inIds}) and year between ? and ? group by group_id, year, kind`,
    )
    .all(...ids, y1, y2) as Facts["funding"];
  const grants = sqlite
    .prepare(`select group_id as groupId, year, sum(amount_cents) as amount from programme_grants where group_id in (${inIds}) and year between ? and ? group by group_id, year`)
    .all(...ids, y1, y2) as Facts["grants"];

  const lastActivity = new Map<string, number>();
  for (const r of sqlite.prepare(`select group_id as groupId, max(at) as at from audit_log where group_id in (${inIds}) group by group_id`).all(...ids) as { groupId: string; at: number }[])
    lastActivity.set(r.groupId, r.at);

  const bookingsBySpace = new Map<string, Facts["bookings"]>();
  for (const b of bookings) {
    const list = bookingsBySpace.get(b.spaceId);
    if (list) list.push(b);
    else bookingsBySpace.set(b.spaceId, [b]);
  }
  return { households, householdsByGroup, persons, eventMonths, exchanges, bookings, bookingsBySpace, spaces, closures, surveys, funding, grants, lastActivity };
}

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
    const quiet: [number, number][] = qe > qs ? [[qs, qe]] : [[0, qe], [qs, 24 * 60]];
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

type SpaceAgg = { roomUsed: number; roomBookable: number; roomBookings: number; nights: number; availableNights: number; anyRoomBooking: boolean; anyStay: boolean; hasRoom: boolean; hasGuest: boolean };

/** Common rooms: minutes booked inside the bookable windows over those windows (closures removed); guest units: nights. As bookingFigures counts them. */
function spaceFacts(facts: Facts, group: GroupRow, range: Range): SpaceAgg {
  const out: SpaceAgg = { roomUsed: 0, roomBookable: 0, roomBookings: 0, nights: 0, availableNights: 0, anyRoomBooking: false, anyStay: false, hasRoom: false, hasGuest: false };
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

function computeOne(facts: Facts, group: GroupRow, range: Range, now: number, external: ExternalValues | null): GroupIndicators {
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
  return { groupId: group.id, from: range.from, to: range.to, values, denominators: den, completeness, lastActivityAt: last == null ? null : new Date(last).toISOString() };
}

type ExternalValues = { values: Partial<Record<IndicatorKey, number | null>>; denominators: Record<string, number> };

// The other capabilities' figures, kept per group and period (indicator_cache): valid on the same day while
// the group's audit trail has nothing newer. Their figure functions cost a few ms each; a programme overview
// would call them for every group × period.
type CacheRow = { periodFrom: string; periodTo: string; today: string; data: ExternalValues; computedAt: number };
function loadCache(groupIds: string[], only?: { from: string; to: string }): Map<string, CacheRow> {
  const rows = db.$client
    .prepare(
      `select group_id as groupId, period_from as periodFrom, period_to as periodTo, today, data, computed_at as computedAt from indicator_cache
       where group_id in (${placeholders(groupIds.length)})${only ? " and period_from = ? and period_to = ?" : ""}`,
    )
    .all(...groupIds, ...(only ? [only.from, only.to] : [])) as (Omit<CacheRow, "data"> & { groupId: string; data: string })[];
  return new Map(rows.map((r) => [`${r.groupId}|${r.periodFrom}|${r.periodTo}`, { ...r, data: JSON.parse(r.data) as ExternalValues }]));
}
function saveCache(rows: (CacheRow & { groupId: string })[]) {
  const stmt = db.$client.prepare(
    `insert into indicator_cache (group_id, period_from, period_to, today, data, computed_at) values (?, ?, ?, ?, ?, ?)
     on conflict (group_id, period_from, period_to) do update set today = excluded.today, data = excluded.data, computed_at = excluded.computed_at`,
  );
  db.$client.transaction(() => {
    for (const r of rows) stmt.run(r.groupId, r.periodFrom, r.periodTo, r.today, JSON.stringify(r.data), r.computedAt);
  })();
}

function loadGroups(sqlite: Db["$client"], groupIds: string[]): GroupRow[] {
  if (!groupIds.length) return [];
  return sqlite.prepare(`select id, time_zone as timeZone from groups where id in (${placeholders(groupIds.length)})`).all(...groupIds) as GroupRow[];
}

/**
 * The indicators of one group over [from, to] (calendar dates, inclusive, in the group's zone). Raw numbers,
 * not suppressed; null = no data. Taken by a scope (a member's context, an officer's programme group, a job):
 * the group was checked where the scope was made; a member needs `report:write`.
 */
export function computeGroupIndicators({
  scope,
  from,
  to,
  now = Date.now(),
  database = db,
}: {
  scope: GroupScoped;
  from: string;
  to: string;
  now?: number;
  /** Another connection (the demo seed on a fresh file): the other modules' figures read the app's connection, so they are left out. */
  database?: Db;
}): GroupIndicators {
  // Raw figures: a member needs report:write (the evaluation pages); an officer's page protects them after.
  requireScopePermission(scope, "report:write");
  const groupId = scope.groupId;
  const [group] = loadGroups(database.$client, [groupId]);
  if (!group) throw notFound();
  const range = { key: `${from}..${to}`, from, to };
  const facts = loadFacts(database.$client, [group], [range], now);
  let external: ExternalValues | null = null;
  if (database === db) {
    const today = todayIn(group.timeZone, now);
    const hit = loadCache([groupId], { from, to }).get(`${groupId}|${from}|${to}`);
    if (hit && hit.today === today && hit.computedAt > (facts.lastActivity.get(groupId) ?? 0)) external = hit.data;
    else {
      // Checked above; the other modules' figures are read for the engine (support gives counts only), not for the member.
      external = externalFigures({ scope: scopeForJob(groupId), from, to, today });
      saveCache([{ groupId, periodFrom: from, periodTo: to, today, data: external, computedAt: now }]);
    }
  }
  return computeOne(facts, group, range, now, external);
}

export type ProgrammeIndicatorRow = GroupIndicators & { periodKey: string };
export type ProgrammeIndicators = {
  programmeId: string;
  from: string;
  to: string;
  periodKind: PeriodKind;
  groupIds: string[];
  periods: { key: string; from: string; to: string }[];
  /** One row per group × period (groups in the programme's order by name, periods in time order). */
  rows: ProgrammeIndicatorRow[];
};

/**
 * Every group of a programme × every period of `periodKind` touching [from, to], with the same engine as the
 * group page (a few grouped queries over all groups at once). Raw numbers: the officer side suppresses.
 * Unknown programme → 404. The caller authorises (officer of the programme's organisation).
 */
export function computeProgrammeIndicators({
  programmeId,
  from,
  to,
  periodKind,
  now = Date.now(),
  withExternal = true,
}: {
  programmeId: string;
  from: string;
  to: string;
  periodKind: PeriodKind;
  now?: number;
  /** Meetings, charter and support figures come from their modules, one call per group × period; false leaves them out (null). */
  withExternal?: boolean;
}): ProgrammeIndicators {
  const programme = db.$client.prepare(`select id from programmes where id = ?`).get(programmeId);
  if (!programme) throw notFound();
  const groupIds = (
    db.$client.prepare(`select g.id from programme_groups pg join groups g on g.id = pg.group_id where pg.programme_id = ? order by g.name`).all(programmeId) as { id: string }[]
  ).map((r) => r.id);
  const periods = periodsBetween(periodKind, from, to).map((p) => ({ key: p.key, from: p.from, to: p.to }));
  const groupsList = loadGroups(db.$client, groupIds);
  const byId = new Map(groupsList.map((g) => [g.id, g]));
  const rows: ProgrammeIndicatorRow[] = [];
  if (groupsList.length && periods.length) {
    // Complete periods of a group whose data has not changed are taken from memory; the others computed.
    const versions = groupDataVersions(groupIds);
    const kept = new Map<string, GroupIndicators>();
    const stale: GroupRow[] = [];
    for (const id of groupIds) {
      const group = byId.get(id)!;
      const today = todayIn(group.timeZone, now);
      let all = true;
      for (const p of periods) {
        const row = p.to < today ? keptRows.get(id, p, withExternal, versions.get(id)!, today, now) : null;
        if (row) kept.set(`${id}|${p.key}`, row);
        else all = false;
      }
      if (!all) stale.push(group);
    }
    const facts = stale.length ? loadFacts(db.$client, stale, periods, now) : null;
    const cache = withExternal && stale.length ? loadCache(stale.map((g) => g.id)) : new Map<string, CacheRow>();
    const fresh: (CacheRow & { groupId: string })[] = [];
    for (const id of groupIds) {
      const group = byId.get(id)!;
      const today = todayIn(group.timeZone, now);
      for (const p of periods) {
        const hit = kept.get(`${id}|${p.key}`);
        if (hit) {
          rows.push({ ...hit, periodKey: p.key });
          continue;
        }
        let ext: ExternalValues | null = null;
        if (withExternal) {
          const last = facts!.lastActivity.get(id) ?? 0;
          const extHit = cache.get(`${id}|${p.from}|${p.to}`);
          if (extHit && extHit.today === today && extHit.computedAt > last) ext = extHit.data;
          else {
            // A group of this programme (read above from programme_groups), for a caller that authorised the programme.
            ext = externalFigures({ scope: scopeForJob(id), from: p.from, to: p.to, today });
            fresh.push({ groupId: id, periodFrom: p.from, periodTo: p.to, today, data: ext, computedAt: now });
          }
        }
        const row = computeOne(facts!, group, p, now, ext);
        if (p.to < today) keptRows.set(id, p, withExternal, versions.get(id)!, today, row);
        rows.push({ ...row, periodKey: p.key });
      }
    }
    if (fresh.length) saveCache(fresh);
  }
  return { programmeId, from, to, periodKind, groupIds, periods, rows };
}

// A programme of a hundred groups took a second and more to compute (bench/run.ts, seed:large) and every
// overview, comparison and export asks again. A complete period's figures only change when the group's data
// does (or, for the days since the last activity, with time, which is recomputed on the way out), so they are
// kept in memory against the group's change counter, per process, at most KEPT_ROWS of them.
const KEPT_ROWS = 50_000;
function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object") {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
type KeptRow = { version: number; today: string; row: GroupIndicators };
const keptRows = {
  entries: new Map<string, KeptRow>(),
  key: (groupId: string, p: Range, withExternal: boolean) => `${groupId}|${p.from}|${p.to}|${withExternal ? 1 : 0}`,
  get(groupId: string, p: Range, withExternal: boolean, version: number, today: string, now: number): GroupIndicators | null {
    const e = this.entries.get(this.key(groupId, p, withExternal));
    if (!e || e.version !== version || e.today !== today) return null;
    const last = e.row.lastActivityAt == null ? null : Date.parse(e.row.lastActivityAt);
    // The kept row is frozen (a caller changing it would throw); only its values are copied, to set the days.
    return { ...e.row, values: { ...e.row.values, days_since_last_activity: last == null ? null : Math.max(0, Math.floor((now - last) / DAY)) } };
  },
  set(groupId: string, p: Range, withExternal: boolean, version: number, today: string, row: GroupIndicators) {
    if (this.entries.size >= KEPT_ROWS) this.entries.delete(this.entries.keys().next().value!);
    // A frozen copy: the caller's rows are its own to change.
    this.entries.set(this.key(groupId, p, withExternal), { version, today, row: deepFreeze(structuredClone(row)) });
  },
};
