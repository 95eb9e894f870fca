// `npm run seed:large`: the large dataset of issue 9 for the bench. Recreates DATABASE_URL (default
// data/maisonnee-large.db) with the demo (every demo login and group works as after db:reset), then adds
// 100 generated groups to the demo funder's programme (db/seed-large.ts). The generated part is the same for
// the same day (dates are placed around today in Europe/Paris; ids come from a seeded PRNG); the demo part
// keeps its random ids, as db:reset does. Prints the counts, the checks and logins for the bench.
import fs from "node:fs";
import path from "node:path";

const started = performance.now();
const url = process.env.DATABASE_URL ?? "./data/maisonnee-large.db";
const GROUPS = Number(process.env.LARGE_GROUPS ?? 100);
if (url === ":memory:") throw new Error("seed:large writes a file: set DATABASE_URL to a path");
const file = path.resolve(url);
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
// The client opens the file (and applies the migrations) as soon as it loads: import it after the deletion,
// and point it at this file whatever DATABASE_URL said.
process.env.DATABASE_URL = file;

const { db } = await import("../db/client.server");
const { seedDemo, DEMO_PASSWORD } = await import("../db/seed");
const { seedLarge } = await import("../db/seed-large");
const { todayIn } = await import("../app/modules/core/dates");

const sqlite = db.$client;
const demoLogins = await seedDemo(db);
const demoDone = performance.now();

const demoProgramme = sqlite
  .prepare(
    `select p.id from programmes p join organisation_members om on om.organisation_id = p.organisation_id join users u on u.id = om.user_id
     where u.email = 'charge.programme@demo.maisonnee.fr' order by p.created_at limit 1`,
  )
  .get() as { id: string } | undefined;
if (!demoProgramme) throw new Error("seed:large: the demo programme is missing");
// Every generated account shares the demo password: its hash is taken from a demo account (argon2 once, in seedDemo).
const { password_hash: passwordHash } = sqlite.prepare("select password_hash from users where email = ?").get("habitante@demo.maisonnee.fr") as {
  password_hash: string;
};
const today = todayIn("Europe/Paris");

// One bulk load: the rollback journal in memory (WAL would keep every new page twice, and better-sqlite3's
// defensive mode refuses journal_mode = OFF), no fsync, a large page cache; foreign keys checked once at the
// end (the generator writes parents first anyway). The triggers stay on.
const journal = sqlite.pragma("journal_mode = MEMORY", { simple: true });
if (journal !== "memory") throw new Error(`seed:large: journal_mode stayed ${journal}`);
sqlite.pragma("synchronous = OFF");
sqlite.pragma("cache_size = -1000000");
sqlite.pragma("temp_store = MEMORY");
sqlite.pragma("foreign_keys = OFF");
const result = sqlite.transaction(() => seedLarge(sqlite, { groups: GROUPS, today, programmeId: demoProgramme.id, passwordHash }))();
const loaded = performance.now();
sqlite.pragma("foreign_keys = ON");
// The app never runs ANALYZE itself: without these statistics the planner guesses (see the report of issue 9).
sqlite.exec("analyze");
const analysed = performance.now();
const integrity = sqlite.pragma("integrity_check", { simple: true });
const fkProblems = sqlite.pragma("foreign_key_check") as unknown[];
// Back to what the app expects (openDb sets WAL again on every open anyway).
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = NORMAL");
const checked = performance.now();

const tables = (
  sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name").all() as {
    name: string;
  }[]
).map((t) => t.name);
const rows = Object.fromEntries(
  tables
    .map(
      (t) =>
        [
          t,
          { generated: result.counts[t] ?? 0, "total (with the demo)": (sqlite.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n },
        ] as const,
    )
    .filter(([, v]) => v["total (with the demo)"] > 0),
);
sqlite.close();
const size = fs.statSync(file).size;

console.log(`Base volumineuse recréée : ${file} (${(size / 1048576).toFixed(0)} Mo), aujourd'hui = ${today} (Europe/Paris)`);
console.table(rows);
const slowest = Object.entries(result.ms)
  .sort((x, y) => y[1] - x[1])
  .slice(0, 5);
console.log(
  `Slowest tables to write: ${slowest.map(([t, ms]) => `${t} ${(ms / 1000).toFixed(1)} s (${((ms * 1000) / Math.max(1, result.counts[t])).toFixed(0)} µs/row)`).join(", ")}`,
);
console.log(`integrity_check: ${integrity}; foreign_key_check: ${fkProblems.length === 0 ? "ok" : `${fkProblems.length} problems`}`);
console.log(
  `Time: demo ${((demoDone - started) / 1000).toFixed(1)} s, ${GROUPS} generated groups ${((loaded - demoDone) / 1000).toFixed(1)} s, analyze ${((analysed - loaded) / 1000).toFixed(1)} s, integrity + foreign key checks ${((checked - analysed) / 1000).toFixed(1)} s, total ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
console.log(`\nProgramme: /p/${demoProgramme.id} (charge.programme@demo.maisonnee.fr, ${GROUPS} + 3 groups). Password of every login: ${DEMO_PASSWORD}`);
console.table([
  ...demoLogins
    .filter((l) => ["resident", "programme_officer", "facilitator"].includes(l.role))
    .map((l) => ({ role: l.role, email: l.email, group: "(démo)", url: "" })),
  ...result.logins
    .filter((l) => l.role === "resident")
    .slice(0, 3)
    .map((l) => ({ role: l.role, email: l.email, group: l.group, url: `/g/${l.groupId}` })),
  ...result.logins
    .filter((l) => l.role !== "resident")
    .slice(0, 3)
    .map((l) => ({ role: l.role, email: l.email, group: l.group, url: `/g/${l.groupId}` })),
]);
console.log(
  `Every generated group NNN (001–${String(GROUPS).padStart(3, "0")}) has habitant.gNNN@, animation.gNNN@ and admin.gNNN@large.maisonnee.fr (accompagnement.gNNN@ in transitional and supported groups).`,
);
if (integrity !== "ok" || fkProblems.length) process.exitCode = 1;
