// `npm run bench:evaluation` (vite-node with vitest.config.ts's aliases — not tsx: the modules reached load their
// locales with import.meta.glob): builds a programme of 12 groups × 3 years of
// activity in a temporary database (households and persons, meals and workshops with sign-ups, exchanges,
// bookings, meetings with attendance, support actions, surveys, grants) with bulk inserts, then times what the
// officer's pages build on the server — the overview (latest complete quarter + the one before, through
// privacy), the same by month, and a whole programme series — p50/p95 over 30 runs (target: overview < 100 ms).
// Then it times each SQL statement those builds run and prints the query plans of the costliest.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maisonnee-bench-evaluation-"));
process.env.DATABASE_URL = path.join(dir, "bench.db");
process.env.OUTBOX_DIR = path.join(dir, "outbox");
process.env.SEED_DEMO = "0";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const GROUPS = 12;
const { db } = await import("../db/client.server");
const { getOverview, getGroupSeries, completePeriods } = await import("../app/modules/evaluation/officer.server");
const { computeProgrammeIndicators } = await import("../app/modules/evaluation/indicators.server");
const { programmeScopeForJob, scopeForOfficer } = await import("../app/modules/access/scope.server");
type OfficerContext = import("../app/modules/access/access.server").OfficerContext;

const sqlite = db.$client;

// Deterministic randomness (mulberry32), as the demo seed.
let seed = 20261123;
function rand(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1));
const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.UTC(2023, 10, 1); // three years of activity up to November 2026
const END = Date.UTC(2026, 10, 20);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const now = Date.now();

const t0 = Date.now();
const counts: Record<string, number> = {};
const ins = (table: string, cols: string[]) => {
  const st = sqlite.prepare(`insert into ${table} (${cols.join(", ")}) values (${cols.map(() => "?").join(", ")})`);
  return (...values: unknown[]) => {
    counts[table] = (counts[table] ?? 0) + 1;
    st.run(...values);
  };
};

sqlite.transaction(() => {
  ins("users", ["id", "email", "password_hash", "name", "created_at", "updated_at"])("officer", "officer@bench", "x", "Bench Officer", now, now);
  ins("organisations", ["id", "name", "kind", "created_at"])("funder", "Fondation Bench", "funder", now);
  ins("organisation_members", ["organisation_id", "user_id", "role", "created_at"])("funder", "officer", "programme_officer", now);
  ins("programmes", ["id", "organisation_id", "name", "starts_on", "ends_on", "created_at"])(
    "prog",
    "funder",
    "Programme bench",
    "2023-11-01",
    "2027-12-31",
    now,
  );
  const group = ins("groups", ["id", "name", "city", "postcode", "kind", "time_zone", "latitude", "longitude", "created_at"]);
  const pg = ins("programme_groups", ["programme_id", "group_id"]);
  const household = ins("households", ["id", "group_id", "name", "dwelling", "arrival_date", "departure_date", "destination", "created_at", "updated_at"]);
  const person = ins("persons", ["id", "group_id", "household_id", "first_name", "last_name", "birth_year", "tags", "created_at", "updated_at"]);
  const series = ins("event_series", [
    "id",
    "group_id",
    "kind",
    "title",
    "start_date",
    "start_time",
    "duration_minutes",
    "time_zone",
    "rrule",
    "capacity",
    "materialised_until",
    "created_at",
    "updated_at",
  ]);
  const occ = ins("event_occurrences", ["id", "group_id", "series_id", "original_starts_at", "starts_at", "ends_at", "status", "created_at", "updated_at"]);
  const signup = ins("event_signups", ["id", "group_id", "occurrence_id", "household_id", "adults", "children", "status", "created_at", "updated_at"]);
  const space = ins("spaces", ["id", "group_id", "name", "kind", "created_at", "updated_at"]);
  const booking = ins("bookings", [
    "id",
    "group_id",
    "space_id",
    "household_id",
    "starts_at",
    "ends_at",
    "block_start",
    "block_end",
    "status",
    "nights",
    "created_at",
    "updated_at",
  ]);
  const post = ins("exchange_posts", ["id", "group_id", "kind", "title", "category", "household_id", "status", "created_at", "updated_at"]);
  const exchange = ins("exchanges", [
    "id",
    "group_id",
    "post_id",
    "giver_household_id",
    "receiver_household_id",
    "giver_person_id",
    "receiver_person_id",
    "opened_by_household_id",
    "status",
    "agreed_date",
    "minutes",
    "confirmed_at",
    "created_at",
    "updated_at",
  ]);
  const movement = ins("time_movements", ["id", "group_id", "exchange_id", "household_id", "minutes", "created_at"]);
  const meeting = ins("meetings", ["id", "group_id", "occurrence_id", "run_status", "closed_at", "created_at", "updated_at"]);
  const attendance = ins("meeting_attendance", ["id", "group_id", "meeting_id", "person_id", "status", "updated_at"]);
  const episode = ins("support_episodes", ["id", "group_id", "household_id", "start_date", "entry_situation", "created_at", "updated_at"]);
  const action = ins("support_actions", ["id", "group_id", "household_id", "episode_id", "date", "kind", "duration_minutes", "created_at"]);
  const survey = ins("surveys", ["id", "group_id", "title", "opens_on", "closes_on", "created_at"]);
  const answer = ins("survey_answers", [
    "id",
    "survey_id",
    "group_id",
    "satisfaction",
    "belonging",
    "lonely_companionship",
    "lonely_left_out",
    "lonely_isolated",
    "help_given",
    "help_received",
    "comment",
  ]);
  const grant = ins("programme_grants", ["programme_id", "group_id", "year", "amount_cents", "created_at"]);

  const kinds = ["participatory", "intergenerational", "transitional", "supported"];
  for (let g = 0; g < GROUPS; g++) {
    const gid = `g${g}`;
    const kind = kinds[g % 4];
    group(gid, `Collectif ${g + 1}`, `Ville ${g + 1}`, `${10000 + g * 1000}`, kind, "Europe/Paris", 43 + g * 0.4, -1 + g * 0.5, now);
    pg("prog", gid);
    for (const y of [2024, 2025, 2026]) grant("prog", gid, y, int(20_000, 60_000) * 100, now);
    // Households: 20–30 at a time, a tenth of them replaced each year.
    const hh: { id: string; arrival: number; departure: number | null; persons: string[] }[] = [];
    const n = int(20, 30);
    for (let h = 0; h < n + 8; h++) {
      const id = `${gid}h${h}`;
      const arrival = h < n ? START - int(0, 900) * DAY : START + int(30, 1000) * DAY;
      const departure = h < 8 ? arrival + int(200, 900) * DAY : null;
      const dep = departure && departure < END ? departure : null;
      household(id, gid, `Foyer ${id}`, `Logement ${h}`, iso(arrival), dep ? iso(dep) : null, dep ? "durable_social_housing" : null, now, now);
      const members: string[] = [];
      for (let p = 0; p < int(1, 4); p++) {
        const pid = `${id}p${p}`;
        person(pid, gid, id, `Prénom${p}`, `Nom${h}`, int(1940, 2020), JSON.stringify(p === 0 && h % 5 === 0 ? ["senior"] : []), now, now);
        members.push(pid);
      }
      hh.push({ id, arrival, departure: dep, persons: members });
    }
    const presentAt = (ms: number) => hh.filter((x) => x.arrival <= ms && (x.departure === null || x.departure > ms));

    // Shared meals weekly and a workshop every other week, each with sign-ups of a third to a half of the households.
    for (const [sid, k, every] of [
      [`${gid}meal`, "shared_meal", 7],
      [`${gid}work`, "workshop", 14],
    ] as const) {
      series(sid, gid, k, k, iso(START), "19:00", 120, "Europe/Paris", "FREQ=WEEKLY", 40, iso(END), now, now);
      for (let d = START + 2 * DAY, i = 0; d < END; d += every * DAY, i++) {
        const oid = `${sid}o${i}`;
        const at = d + 17 * HOUR;
        occ(oid, gid, sid, at, at, at + 2 * HOUR, "scheduled", now, now);
        const present = presentAt(at);
        for (const x of present) if (rand() < 0.4) signup(`${oid}${x.id}`, gid, oid, x.id, int(1, 2), int(0, 2), "confirmed", at - DAY, at - DAY);
      }
    }
    // Meetings: a monthly assembly with attendance of present adults.
    series(`${gid}meet`, gid, "meeting", "Assemblée", iso(START), "18:30", 90, "Europe/Paris", "FREQ=MONTHLY", null, iso(END), now, now);
    for (let d = START + 10 * DAY, i = 0; d < END; d += 30 * DAY, i++) {
      const oid = `${gid}meeto${i}`;
      occ(oid, gid, `${gid}meet`, d, d, d + 90 * 60_000, "scheduled", now, now);
      meeting(`${gid}m${i}`, gid, oid, "closed", d + 2 * HOUR, now, now);
      for (const x of presentAt(d)) attendance(`${gid}m${i}${x.persons[0]}`, gid, `${gid}m${i}`, x.persons[0], rand() < 0.6 ? "present" : "absent", now);
    }
    // Spaces: a common room booked three times a week, a guest unit for two nights every other week.
    space(`${gid}room`, gid, "Salle commune", "common_room", now, now);
    space(`${gid}guest`, gid, "Chambre d'amis", "guest_unit", now, now);
    for (let d = START, i = 0; d < END; d += DAY, i++) {
      const x = hh[i % hh.length];
      if (i % 7 === 1 || i % 7 === 3 || i % 7 === 5)
        booking(`${gid}b${i}`, gid, `${gid}room`, x.id, d + 14 * HOUR, d + 17 * HOUR, d + 14 * HOUR, d + 17 * HOUR, "confirmed", 0, d - 7 * DAY, d - 7 * DAY);
      if (i % 14 === 4)
        booking(
          `${gid}s${i}`,
          gid,
          `${gid}guest`,
          x.id,
          d + 15 * HOUR,
          d + 2 * DAY + 11 * HOUR,
          d + 15 * HOUR,
          d + 2 * DAY + 11 * HOUR,
          "confirmed",
          2,
          d - 14 * DAY,
          d - 14 * DAY,
        );
    }
    // Skill exchange: about two done exchanges a week.
    for (let d = START, i = 0; d < END; d += int(2, 5) * DAY, i++) {
      const present = presentAt(d);
      if (present.length < 2) continue;
      const a = present[int(0, present.length - 1)];
      let b = present[int(0, present.length - 1)];
      if (b === a) b = present[(present.indexOf(a) + 1) % present.length];
      const pid = `${gid}post${i}`;
      const eid = `${gid}ex${i}`;
      const minutes = int(30, 180);
      post(pid, gid, "offer", "Coup de main", "diy_repairs", a.id, "active", d, d);
      exchange(eid, gid, pid, a.id, b.id, a.persons[0], b.persons[0], b.id, "done", iso(d), minutes, d + DAY, d, d + DAY);
      movement(`${eid}a`, gid, eid, a.id, minutes, d + DAY);
      movement(`${eid}b`, gid, eid, b.id, -minutes, d + DAY);
    }
    // Support: in transitional and supported groups, an episode per household and an action a fortnight.
    if (kind === "transitional" || kind === "supported") {
      for (const x of hh) {
        episode(`${x.id}ep`, gid, x.id, iso(x.arrival), "hébergement", now, now);
        for (let d = Math.max(x.arrival, START); d < (x.departure ?? END); d += 14 * DAY)
          action(`${x.id}a${d}`, gid, x.id, `${x.id}ep`, iso(d), "individual_interview", 45, now);
      }
    }
    // A survey each spring and autumn with 10–20 answers.
    for (const y of [2024, 2025, 2026]) {
      for (const [m1, m2] of [
        ["04-01", "04-30"],
        ["10-01", "10-31"],
      ]) {
        const sid = `${gid}sv${y}${m1}`;
        survey(sid, gid, "Enquête", `${y}-${m1}`, `${y}-${m2}`, now);
        for (let a = 0; a < int(10, 20); a++)
          answer(`${sid}a${a}${rand()}`, sid, gid, int(2, 5), int(2, 5), int(1, 3), int(1, 3), int(1, 3), int(1, 5), int(1, 5), "");
      }
    }
  }
})();
sqlite.exec("analyze");
console.log(`Generated in ${Date.now() - t0} ms:`);
console.table(Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, { rows: v }])));

const officer: OfficerContext = {
  userId: "officer",
  user: { id: "officer", email: "officer@bench", name: "Bench Officer", locale: null, isOperator: false },
  programme: {
    id: "prog",
    name: "Programme bench",
    description: "",
    startsOn: "2023-11-01",
    endsOn: "2027-12-31",
    organisationId: "funder",
    organisationName: "Fondation Bench",
  },
};

function time(label: string, fn: () => unknown) {
  fn(); // warm-up: JIT, statement cache
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    fn();
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
  return { what: label, runs: RUNS, "p50 ms": +q(0.5).toFixed(1), "p95 ms": +q(0.95).toFixed(1), "max ms": +ms[ms.length - 1].toFixed(1) };
}

const quarters = completePeriods(officer, "quarter");
const rows = [
  time("programme overview, latest quarter vs previous (12 groups)", () => getOverview({ officer, periodKind: "quarter" })),
  time("programme overview by month", () => getOverview({ officer, periodKind: "month" })),
  time("programme overview by year", () => getOverview({ officer, periodKind: "year" })),
  // The group side's engine alone, for the same two quarters: with the charter/meetings/support figures read per
  // group × period from their modules, and without them.
  time("  of which computeProgrammeIndicators (2 quarters)", () =>
    computeProgrammeIndicators({ scope: programmeScopeForJob("prog"), from: quarters.at(-2)!.from, to: quarters.at(-1)!.to, periodKind: "quarter" }),
  ),
  time("  … the same with withExternal: false", () =>
    computeProgrammeIndicators({
      scope: programmeScopeForJob("prog"),
      from: quarters.at(-2)!.from,
      to: quarters.at(-1)!.to,
      periodKind: "quarter",
      withExternal: false,
    }),
  ),
  time(`one group's series, ${quarters.length} quarters (computeGroupIndicators per quarter)`, () =>
    getGroupSeries({ officer, scope: scopeForOfficer(officer, "g2"), periodKind: "quarter" }),
  ),
  time(`  vs the whole programme's ${quarters.length} quarters at once`, () =>
    computeProgrammeIndicators({ scope: programmeScopeForJob("prog"), from: quarters[0].from, to: quarters.at(-1)!.to, periodKind: "quarter" }),
  ),
];
console.log(`\nOfficer pages, server side (${os.availableParallelism()} cores; target: overview p95 < 100 ms)`);
console.table(rows);

// Where the overview's time goes: every statement it prepares and runs, timed.
type Stat = { sql: string; calls: number; ms: number };
const stats = new Map<string, Stat>();
const proto = Object.getPrototypeOf(sqlite) as { prepare: (sql: string) => unknown };
const original = proto.prepare;
proto.prepare = function (this: unknown, sql: string) {
  const st = original.call(this, sql) as Record<string, (...a: unknown[]) => unknown>;
  for (const m of ["all", "get", "run", "iterate"]) {
    const fn = st[m];
    if (typeof fn !== "function") continue;
    st[m] = (...a: unknown[]) => {
      const s = performance.now();
      try {
        return fn.apply(st, a);
      } finally {
        const key = sql.replace(/\s+/g, " ").slice(0, 160);
        const e = stats.get(key) ?? { sql, calls: 0, ms: 0 };
        e.calls++;
        e.ms += performance.now() - s;
        stats.set(key, e);
      }
    };
  }
  return st;
};
const profiled = 10;
const wall = performance.now();
for (let i = 0; i < profiled; i++) getOverview({ officer, periodKind: "quarter" });
const total = (performance.now() - wall) / profiled;
proto.prepare = original;
const top = [...stats.values()].sort((a, b) => b.ms - a.ms);
const inSql = top.reduce((s, x) => s + x.ms, 0) / profiled;
console.log(
  `\nOverview (quarter), profiled over ${profiled} runs: ${total.toFixed(1)} ms per build, of which ${inSql.toFixed(1)} ms in SQL (${top.length} distinct statements), the rest in JavaScript.`,
);
console.table(
  top
    .slice(0, 10)
    .map((x) => ({ "ms/build": +(x.ms / profiled).toFixed(2), "calls/build": x.calls / profiled, sql: x.sql.replace(/\s+/g, " ").slice(0, 110) })),
);
for (const x of top.slice(0, 5)) {
  if (!/^\s*(select|with)/i.test(x.sql)) continue;
  try {
    const params = (x.sql.match(/\?/g) ?? []).map(() => "g0");
    const plan = original.call(sqlite, `explain query plan ${x.sql}`) as { all: (...a: unknown[]) => { detail: string }[] };
    console.log(`\nEXPLAIN QUERY PLAN (${(x.ms / profiled).toFixed(2)} ms/build): ${x.sql.replace(/\s+/g, " ").slice(0, 200)}`);
    for (const r of plan.all(...params)) console.log(`  ${r.detail}`);
  } catch (e) {
    console.log(`  (plan not available: ${(e as Error).message})`);
  }
}
fs.rmSync(dir, { recursive: true, force: true });
