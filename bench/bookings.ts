// `npx tsx bench/bookings.ts`: the conflict check + insert of a booking (createBooking, the module's own
// transaction) with 100,000 bookings already in one space. Prints p50/p95/p99 in ms (target p95 < 2 ms
// in process) and the query plans of the statements it runs. Own temporary database, set before the
// database client is imported.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maisonnee-bench-bookings-"));
process.env.DATABASE_URL = path.join(dir, "bench.db");
process.env.OUTBOX_DIR = path.join(dir, "outbox");
process.env.SEED_DEMO = "0";

const EXISTING = Number(process.env.BENCH_EXISTING ?? 100_000);
const OPERATIONS = Number(process.env.BENCH_OPERATIONS ?? 2_000);

const { db } = await import("../db/client.server");
const schema = await import("../db/schema");
const { createBooking } = await import("../app/modules/bookings/bookings.server");
const { zonedToUtc } = await import("../app/modules/core/recurrence");
type MemberContext = import("../app/modules/access/access.server").MemberContext;

const sqlite = db.$client;
const TZ = "Europe/Paris";
const HOUR = 3_600_000;
const MIN = 60_000;

// A group, a household, a resident, one common room with a 15-minute cleaning buffer.
const group = db.insert(schema.groups).values({ name: "Bench", city: "Bourges", postcode: "18000", kind: "participatory" }).returning().get();
const household = db.insert(schema.households).values({ groupId: group.id, name: "Foyer Bench", arrivalDate: "2024-01-01" }).returning().get();
const user = db.insert(schema.users).values({ email: "bench@exemple.fr", passwordHash: "x", name: "Bench" }).returning().get();
db.insert(schema.memberships).values({ userId: user.id, groupId: group.id, role: "resident", householdId: household.id }).run();
const space = db.insert(schema.spaces).values({ groupId: group.id, name: "Salle commune", kind: "common_room", bufferMinutes: 15 }).returning().get();
const ctx: MemberContext = {
  userId: user.id,
  user: { id: user.id, email: user.email, name: user.name, locale: null, isOperator: false },
  groupId: group.id,
  role: "resident",
  householdId: household.id, // the space has no quota, so no usage is read: the numbers are the overlap check and the insert
  personId: null,
  group: { id: group.id, name: group.name, city: group.city, kind: group.kind, timeZone: TZ },
};

// 100,000 bookings of 1 h every 2 h from 1 January 2027 (≈ 23 years), each holding 1 h 15 with its buffer.
// Between two of them, 10:15–10:45 style gaps of 30 minutes are free (block ends exactly at the next start).
const BASE = zonedToUtc("2027-01-01T08:00", TZ);
const t = Date.now();
const insert = sqlite.prepare(
  `insert into bookings (id, group_id, space_id, household_id, created_by, starts_at, ends_at, block_start, block_end, status, created_at, updated_at)
   values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'confirmed', ?, ?)`,
);
sqlite.transaction(() => {
  for (let i = 0; i < EXISTING; i++) {
    const s = BASE + i * 2 * HOUR;
    insert.run(`seed${i}`, group.id, space.id, household.id, user.id, s, s + HOUR, s, s + HOUR + 15 * MIN, t, t);
  }
})();
sqlite.exec("analyze");
console.log(`${EXISTING.toLocaleString("en")} bookings inserted in one space in ${Date.now() - t} ms (the trigger checked each one)`);

// Local wall-clock input for slot i: its start, in Paris.
const wallFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TZ,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
function wall(ms: number) {
  const f = wallFormat;
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}
// A deterministic shuffle of slots across the whole range.
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const used = new Set<number>();
function pick(): number {
  for (;;) {
    const i = Math.floor(rand() * (EXISTING - 1));
    if (!used.has(i)) return (used.add(i), i);
  }
}

/** Half the operations ask for a taken slot (refused: overlap), half for a free gap (booked). */
function nextInput(k: number) {
  const i = pick();
  const s = BASE + i * 2 * HOUR;
  const free = k % 2 === 0;
  // Free: the 30 minutes after the buffer (block ends exactly at the next booking). Taken: overlaps booking i.
  const start = free ? s + HOUR + 15 * MIN : s + 30 * MIN;
  const end = start + 30 * MIN;
  const a = wall(start);
  const b = wall(end);
  return {
    free,
    input: {
      spaceId: space.id,
      date: a.date,
      startTime: a.time,
      endTime: b.time,
      endDate: b.date !== a.date ? b.date : undefined,
      purpose: "",
      guests: 0,
      acknowledgeRules: false,
      freq: "none" as const,
    },
  };
}

const now = zonedToUtc("2026-12-01T08:00", TZ);
// Warm-up (JIT, statement preparation, Temporal's time zone data), not measured.
for (let k = 0; k < 200; k++) await createBooking({ ctx, input: nextInput(k).input, now });

const times: number[] = [];
const bookedTimes: number[] = [];
const refusedTimes: number[] = [];
let booked = 0;
let refused = 0;
let wrong = 0;
for (let k = 0; k < OPERATIONS; k++) {
  const { free, input } = nextInput(k);
  const t0 = performance.now();
  const r = await createBooking({ ctx, input, now });
  const ms = performance.now() - t0;
  times.push(ms);
  (r.ok ? bookedTimes : refusedTimes).push(ms);
  if (r.ok) booked++;
  else if (r.problems[0]?.code === "overlap") refused++;
  if (r.ok !== free) wrong++;
}
for (const list of [times, bookedTimes, refusedTimes]) list.sort((a, b) => a - b);
const at = (list: number[], p: number) => list[Math.min(list.length - 1, Math.floor((p / 100) * list.length))].toFixed(3);
const q = (p: number) => at(times, p);
console.log(`\ncreateBooking (check + insert in one IMMEDIATE transaction), ${OPERATIONS} operations on ${EXISTING.toLocaleString("en")} existing bookings:`);
const row = (list: number[]) => ({
  p50: at(list, 50),
  p95: at(list, 95),
  p99: at(list, 99),
  max: list.at(-1)!.toFixed(3),
  mean: (list.reduce((s, x) => s + x, 0) / list.length).toFixed(3),
});
console.table({ "all (ms)": row(times), "booked (ms)": row(bookedTimes), "refused (ms)": row(refusedTimes) });
// Wall-clock times: on a busy machine the tail includes waiting for a CPU, hence the load average.
console.log(
  `load average while measuring: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")} on ${os.cpus().length} CPU(s)`,
);
console.log(`booked ${booked}, refused as overlap ${refused}, unexpected answers ${wrong}`);
console.log(`p95 target < 2 ms: ${Number(q(95)) < 2 ? "met" : "NOT met"}`);

// The query plans of what one createBooking runs: capture the statements better-sqlite3 prepares.
const captured: { sql: string; params: unknown[] }[] = [];
const prepare = sqlite.prepare.bind(sqlite);
(sqlite as unknown as { prepare: typeof sqlite.prepare }).prepare = ((source: string) => {
  const stmt = prepare(source);
  for (const method of ["get", "all", "run"] as const) {
    const original = (stmt[method] as (...args: unknown[]) => unknown).bind(stmt);
    (stmt as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
      captured.push({ sql: source, params });
      return original(...params);
    };
  }
  return stmt;
}) as typeof sqlite.prepare;
await createBooking({ ctx, input: nextInput(0).input, now });
(sqlite as unknown as { prepare: typeof sqlite.prepare }).prepare = prepare;

console.log("\nQuery plans of one createBooking:");
for (const { sql, params } of captured) {
  if (!/^\s*select/i.test(sql) || !/"bookings"|"space_closures"/.test(sql)) continue;
  const plan = (prepare(`explain query plan ${sql}`).all(...(params as unknown[][]).flat()) as { detail: string }[]).map((r) => r.detail);
  console.log(`- ${sql.slice(0, 140)}${sql.length > 140 ? "…" : ""}\n    ${plan.join("\n    ")}`);
}
console.log("\nQuery plans of the trigger's two lookups (bookings_no_overlap_insert):");
for (const sql of [
  `select 1 from bookings b where b.space_id = ? and b.block_start >= ? and b.block_start < ? and b.status in ('requested', 'confirmed') and b.id <> ?`,
  `select b.block_end from bookings b where b.space_id = ? and b.block_start < ? and b.status in ('requested', 'confirmed') and b.id <> ? order by b.block_start desc limit 1`,
]) {
  const params = sql.includes(">=") ? [space.id, BASE, BASE + HOUR, "x"] : [space.id, BASE, "x"];
  console.log(`- ${sql}\n    ${(prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join("\n    ")}`);
}

const total = (sqlite.prepare("select count(*) as n from bookings").get() as { n: number }).n;
console.log(`\n${total.toLocaleString("en")} bookings in the database at the end; temporary files in ${dir}`);
sqlite.close();
fs.rmSync(dir, { recursive: true, force: true });
