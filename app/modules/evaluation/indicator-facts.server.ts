// The indicator engine's reads: a handful of grouped queries over any groups × periods (households and
// persons, shared meals and workshops per local month, done exchanges, bookings and closures of common rooms
// and guest units, surveys, funding and grants, the last activity), straight on the SQLite connection.
import type { Db } from "~db/client.server";
import { todayIn } from "~/modules/core/dates";
import { LONELY_THRESHOLD, periodsBetween } from "./indicators";
import { DAY, dayIndex, placeholders, zone, type GroupRow, type Range } from "./indicator-shared.server";

type HouseholdRow = { id: string; groupId: string; arrivalDate: string; departureDate: string | null; destination: string | null };
type PersonRow = { householdId: string; birthYear: number | null; tags: string[] };

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

export type Facts = {
  households: HouseholdRow[];
  householdsByGroup: Map<string, HouseholdRow[]>;
  persons: Map<string, PersonRow[]>;
  eventMonths: Map<string, { occurrences: number; signups: number; households: number; meals: number }>;
  exchanges: Map<string, { n: number; minutes: number; between: number; households: number }>;
  bookings: { groupId: string; kind: string; startsAt: number; endsAt: number; quietStart: string | null; quietEnd: string | null; spaceId: string }[];
  bookingsBySpace: Map<string, Facts["bookings"]>;
  spaces: {
    id: string;
    groupId: string;
    kind: string;
    quietStart: string | null;
    quietEnd: string | null;
    checkInTime: string | null;
    checkOutTime: string | null;
  }[];
  closures: { spaceId: string; startsAt: number; endsAt: number }[];
  surveys: {
    groupId: string;
    closedOn: string;
    n: number;
    satisfaction: number;
    belonging: number;
    loneliness: number;
    lonely: number;
    helpGiven: number;
    helpReceived: number;
  }[];
  funding: { groupId: string; year: number; kind: string; planned: number; spent: number }[];
  grants: { groupId: string; year: number; amount: number }[];
  lastActivity: Map<string, number>;
};

export function loadFacts(sqlite: Db["$client"], groupsList: GroupRow[], ranges: Range[], now: number): Facts {
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
    let tags: string[];
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
      .all(...mrows.flat(), ...ids, mrows[0][2], Math.max(...mrows.map((r) => r[3])), now) as {
      groupId: string;
      month: string;
      occurrences: number;
      signups: number;
      households: number;
      meals: number;
    }[];
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
      .all(...ranges.flatMap((r) => [r.key, r.from, r.to]), ...ids, spanFrom, spanTo) as {
      groupId: string;
      key: string;
      n: number;
      minutes: number;
      btw: number;
    }[];
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
      .all(...ranges.flatMap((r) => [r.key, r.from, r.to]), ...ids, spanFrom, spanTo, ...ids, spanFrom, spanTo) as {
      groupId: string;
      key: string;
      households: number;
    }[];
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
    .prepare(
      `select space_id as spaceId, starts_at as startsAt, ends_at as endsAt from space_closures where group_id in (${inIds}) and starts_at < ? and ends_at > ?`,
    )
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
    .prepare(
      `select group_id as groupId, year, sum(amount_cents) as amount from programme_grants where group_id in (${inIds}) and year between ? and ? group by group_id, year`,
    )
    .all(...ids, y1, y2) as Facts["grants"];

  const lastActivity = new Map<string, number>();
  for (const r of sqlite.prepare(`select group_id as groupId, max(at) as at from audit_log where group_id in (${inIds}) group by group_id`).all(...ids) as {
    groupId: string;
    at: number;
  }[])
    lastActivity.set(r.groupId, r.at);

  const bookingsBySpace = new Map<string, Facts["bookings"]>();
  for (const b of bookings) {
    const list = bookingsBySpace.get(b.spaceId);
    if (list) list.push(b);
    else bookingsBySpace.set(b.spaceId, [b]);
  }
  return {
    households,
    householdsByGroup,
    persons,
    eventMonths,
    exchanges,
    bookings,
    bookingsBySpace,
    spaces,
    closures,
    surveys,
    funding,
    grants,
    lastActivity,
  };
}
