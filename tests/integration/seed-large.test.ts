// The large dataset's generator (db/seed-large.ts) at a small scale: what a bench run on `npm run seed:large`
// relies on — volumes in proportion to the number of groups, the same rows on every run of the same day, the
// rules the app holds (no overlapping bookings of a space, sign-ups within capacity, time movements summing to
// zero), a sound database, and the officer's overview computing on it.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, openDb } from "~db/client.server";
import { LARGE_TOTALS, seedLarge } from "~db/seed-large";
import { todayIn } from "~/modules/core/dates";
import { getOverview, completePeriods } from "~/modules/evaluation/officer.server";
import { programmeScopeForJob } from "~/modules/access/scope.server";
import { computeProgrammeIndicators } from "~/modules/evaluation/indicators.server";
import type Database from "better-sqlite3";

// Three groups: the third is a transitional site, the first kind with support follow-up.
const GROUPS = 3;
// The day the rows are placed around: the app's today, so that the officer's overview (which reads the clock)
// sees the generated past. Both runs below get the same day.
const TODAY = todayIn("Europe/Paris");

function generate(sqlite: Database.Database) {
  const now = Date.parse(`${TODAY}T08:00:00Z`);
  sqlite.prepare("insert into organisations (id, name, kind, created_at) values ('funder', 'Fondation test', 'funder', ?)").run(now);
  sqlite
    .prepare(
      "insert into programmes (id, organisation_id, name, starts_on, ends_on, created_at) values ('prog', 'funder', 'Programme test', '2024-01-01', '2027-12-31', ?)",
    )
    .run(now);
  return sqlite.transaction(() => seedLarge(sqlite, { groups: GROUPS, today: TODAY, programmeId: "prog", passwordHash: "hash" }))();
}
const count = (sqlite: Database.Database, sql: string, ...params: unknown[]) => (sqlite.prepare(sql).get(...params) as { n: number }).n;
const digest = (sqlite: Database.Database, table: string) => {
  const h = crypto.createHash("sha256");
  for (const row of sqlite.prepare(`select * from ${table} order by 1, 2, 3`).iterate()) h.update(JSON.stringify(row));
  return h.digest("hex");
};

// `a` is the database the app's modules read (the test file's own); `b` a second run, in memory.
const a = db.$client;
const b = openDb(":memory:").$client;
const result = generate(a);
generate(b);

describe("seed:large generator", () => {
  it("scales the issue's volumes with the number of groups", () => {
    const share = GROUPS / 100;
    expect(count(a, "select count(*) as n from groups")).toBe(GROUPS);
    expect(count(a, "select count(*) as n from programme_groups where programme_id = 'prog'")).toBe(GROUPS);
    expect(count(a, "select count(*) as n from households")).toBe(LARGE_TOTALS.households * share);
    expect(count(a, "select count(*) as n from event_occurrences")).toBe(LARGE_TOTALS.events * share);
    const persons = count(a, "select count(*) as n from persons");
    expect(persons / (LARGE_TOTALS.households * share)).toBeGreaterThan(2);
    expect(persons / (LARGE_TOTALS.households * share)).toBeLessThan(3);
    const bookings = count(a, "select count(*) as n from bookings");
    expect(Math.abs(bookings - LARGE_TOTALS.bookings * share)).toBeLessThan(LARGE_TOTALS.bookings * share * 0.1);
    const exchanges = count(a, "select count(*) as n from exchanges");
    expect(exchanges).toBeGreaterThan(LARGE_TOTALS.exchanges * share * 0.95);
    expect(exchanges).toBeLessThanOrEqual(LARGE_TOTALS.exchanges * share);
    // Two years of monthly meetings per group, with attendance; support, surveys and grants in every group that has them.
    expect(count(a, "select count(*) as n from meetings")).toBeGreaterThanOrEqual(GROUPS * 24);
    expect(count(a, "select count(*) as n from meeting_attendance")).toBeGreaterThan(0);
    expect(count(a, "select count(*) as n from meeting_decisions")).toBeGreaterThan(0);
    expect(count(a, "select count(*) as n from support_actions")).toBeGreaterThan(0);
    expect(count(a, "select count(*) as n from survey_answers")).toBeGreaterThan(0);
    expect(count(a, "select count(distinct group_id) as n from programme_grants")).toBe(GROUPS);
    expect(result.counts.event_occurrences).toBe(LARGE_TOTALS.events * share);
  });

  it("gives the same rows, ids included, on two runs of the same day", () => {
    for (const table of [
      "groups",
      "households",
      "persons",
      "users",
      "event_occurrences",
      "event_signups",
      "bookings",
      "exchanges",
      "time_movements",
      "meetings",
      "survey_answers",
    ]) {
      expect(digest(a, table), table).toBe(digest(b, table));
    }
  });

  it("never holds a space twice: active bookings of one space do not overlap, buffer included", () => {
    const overlaps = count(
      a,
      `select count(*) as n from bookings x join bookings y on y.space_id = x.space_id and y.id > x.id
       where x.status in ('requested', 'confirmed') and y.status in ('requested', 'confirmed') and x.block_start < y.block_end and y.block_start < x.block_end`,
    );
    expect(overlaps).toBe(0);
    // Every meal, meeting and celebration held in a room holds its booking (none left with a booking problem).
    expect(count(a, "select count(*) as n from event_occurrences where booking_problem is not null")).toBe(0);
    expect(count(a, "select count(*) as n from event_occurrences where space_id is not null and status = 'scheduled' and booking_id is null")).toBe(0);
    expect(count(a, "select count(*) as n from bookings where status = 'confirmed'")).toBeGreaterThan(0);
  });

  it("keeps sign-ups within capacity, one per household and occurrence, from households living there that day", () => {
    const over = count(
      a,
      `select count(*) as n from event_occurrences o join (select occurrence_id, sum(adults + children + infants + guests) as places from event_signups where status = 'confirmed' group by occurrence_id) s
       on s.occurrence_id = o.id where o.capacity is not null and s.places > o.capacity`,
    );
    expect(over).toBe(0);
    const absent = count(
      a,
      `select count(*) as n from event_signups s join event_occurrences o on o.id = s.occurrence_id join households h on h.id = s.household_id
       where h.arrival_date > date(o.starts_at / 1000, 'unixepoch') or (h.departure_date is not null and h.departure_date <= date(o.starts_at / 1000, 'unixepoch'))`,
    );
    expect(absent).toBe(0);
    // Most past occurrences open to sign-ups have some.
    const past = `from event_occurrences o where o.capacity is not null and o.status = 'scheduled' and o.starts_at < ${Date.parse(`${TODAY}T00:00:00Z`)}`;
    const withSignups = count(a, `select count(*) as n ${past} and exists (select 1 from event_signups s where s.occurrence_id = o.id)`);
    expect(withSignups / count(a, `select count(*) as n ${past}`)).toBeGreaterThan(0.8);
  });

  it("writes two movements summing to zero for each done exchange, and none for the others", () => {
    expect(count(a, "select count(*) as n from (select group_id from time_movements group by group_id having sum(minutes) <> 0)")).toBe(0);
    expect(count(a, "select count(*) as n from (select exchange_id from time_movements group by exchange_id having sum(minutes) <> 0 or count(*) <> 2)")).toBe(
      0,
    );
    expect(count(a, "select count(*) as n from exchanges where status = 'done'") * 2).toBe(count(a, "select count(*) as n from time_movements"));
    expect(count(a, "select count(*) as n from time_movements m join exchanges x on x.id = m.exchange_id where x.status <> 'done'")).toBe(0);
  });

  it("closes the meals of the past: costs frozen and ledger lines that sum to zero, meal by meal", () => {
    const closed = count(a, "select count(*) as n from event_occurrences where closed_at is not null");
    expect(closed).toBeGreaterThan(0);
    expect(count(a, "select count(*) as n from (select occurrence_id from meal_ledger group by occurrence_id having sum(amount_cents) <> 0)")).toBe(0);
    expect(
      count(
        a,
        "select count(*) as n from event_occurrences o where closed_at is not null and frozen_cost_cents <> (select sum(amount_cents) from meal_costs c where c.occurrence_id = o.id)",
      ),
    ).toBe(0);
    expect(count(a, "select count(*) as n from event_occurrences where closed_at is not null and starts_at > ?", Date.now())).toBe(0);
  });

  it("keeps survey answers apart from who answered: never more respondents than answers", () => {
    expect(
      count(
        a,
        `select count(*) as n from surveys s where (select count(*) from survey_respondents r where r.survey_id = s.id) > (select count(*) from survey_answers x where x.survey_id = s.id)`,
      ),
    ).toBe(0);
  });

  it("leaves the schema as the migrations made it (triggers and indexes) and the page cache's counters bumped", () => {
    const schemaOf = (sqlite: Database.Database) =>
      sqlite.prepare("select type, name, sql from sqlite_master where type in ('trigger', 'index') order by name").all();
    expect(schemaOf(a)).toEqual(schemaOf(openDb(":memory:").$client));
    const groups = (a.prepare("select id from groups").all() as { id: string }[]).map((g) => `g:${g.id}`);
    const bumped = (
      a.prepare(`select scope from data_versions where version > 0 and scope in (${groups.map(() => "?").join(", ")})`).all(...groups) as unknown[]
    ).length;
    expect(bumped).toBe(GROUPS);
  });

  it("leaves a sound database and a resident login in each group", () => {
    expect(a.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(a.pragma("foreign_key_check")).toEqual([]);
    const residents = result.logins.filter((l) => l.role === "resident");
    expect(residents.map((l) => l.email)).toEqual(["habitant.g001@large.maisonnee.fr", "habitant.g002@large.maisonnee.fr", "habitant.g003@large.maisonnee.fr"]);
    const present = count(
      a,
      `select count(*) as n from users u join memberships m on m.user_id = u.id and m.role = 'resident' join households h on h.id = m.household_id
       where u.email = 'habitant.g001@large.maisonnee.fr' and h.departure_date is null and h.arrival_date <= ?`,
      TODAY,
    );
    expect(present).toBe(1);
  });

  it("lets the officer's overview and the indicators compute on it", () => {
    const officer = {
      userId: "officer",
      user: { id: "officer", email: "officer@test", name: "Officer", locale: null, isOperator: false },
      programme: {
        id: "prog",
        name: "Programme test",
        description: "",
        startsOn: "2024-01-01",
        endsOn: "2027-12-31",
        organisationId: "funder",
        organisationName: "Fondation test",
      },
    };
    const overview = getOverview({ officer, periodKind: "quarter" });
    expect(overview.rows).toHaveLength(GROUPS);
    expect(overview.rows.every((r) => r.values !== null)).toBe(true);
    // The engine behind it, on the whole last year by month: every group with figures in every month.
    const months = completePeriods(officer, "month").slice(-12);
    const computed = computeProgrammeIndicators({ scope: programmeScopeForJob("prog"), from: months[0].from, to: months.at(-1)!.to, periodKind: "month" });
    expect(computed.groupIds).toHaveLength(GROUPS);
    expect(computed.rows).toHaveLength(GROUPS * 12);
    // Every month of every group has households, meals or workshops attended, and hours exchanged.
    for (const row of computed.rows) {
      expect(row.values.households_present, row.periodKey).toBeGreaterThan(0);
      expect(row.values.participation_share, row.periodKey).toBeGreaterThan(0);
      expect(row.values.exchange_hours, row.periodKey).toBeGreaterThan(0);
    }
  });
});
