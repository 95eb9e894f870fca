// `npm run bench` (after `npm run build`): the figures of issue 9 in one table, then the full runs behind them.
//
// 1. The ceiling: a bare node:http hello server in its own process, measured in the same run.
// 2. The resident's Home, the group calendar, the bookings page (as the demo resident, Jeanne) and the programme
//    overview (as the demo programme officer), logged in, production build, 2 worker processes, autocannon at
//    BENCH_CONNECTIONS (50) for BENCH_DURATION (20 s) after a short warm-up — on the demo dataset and on the large
//    one (`npm run seed:large`: the demo plus 100 generated groups), each twice: as served (kept pages answered
//    from the page cache while nothing they show has changed) and with every request rendered (PAGE_CACHE_MB=0).
// 3. The JavaScript each of those pages makes a phone download (gzip, production build, Chromium at 360×740),
//    and Lighthouse (mobile profile) on Home and the calendar.
// 4. The full load-and-faults run (200 connections × 60 s, then kill -9), a backup of the large database while
//    the server is under load, the full fuzzing of every form (`npm run bench:fuzz`) and the full cross-group crawl
//    (every page as every role, with axe: `E2E_FULL=1`; `npm test` runs a sample of it).
// Figures only: the targets are printed beside them, nothing here fails on a slow machine. BENCH_QUICK=1 runs a
// short version (5 s per page, no fuzz, no faults) to check the bench itself.
import Database from "better-sqlite3";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { backupDatabase, verifyDatabaseFile } from "../db/backup";
import { runFaults } from "./faults";
import { freshDbPath, groupIdOf, login, RESIDENT, startServer, type AppServer } from "./lib/faults";
import { measureRouteJs } from "./lib/weight";
import { runLighthouse } from "./lighthouse";

const QUICK = process.env.BENCH_QUICK === "1";
const DURATION = Number(process.env.BENCH_DURATION ?? (QUICK ? 5 : 20));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const OFFICER = "charge.programme@demo.maisonnee.fr";
const BIG_GROUP_RESIDENT = "habitant.g001@large.maisonnee.fr";
const PORT = 3940;
const HELLO_PORT = 3949;

type Figures = { rps: number; p50: number; p99: number; errors: number };
type Row = Record<string, string | number>;

async function measure(url: string, headers: Record<string, string> = {}): Promise<Figures> {
  // The same warm-up for every page, so JIT, SQLite's page cache and the kept pages start in the same state.
  await autocannon({ url, connections: 10, duration: 2, headers });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors };
}

async function hello(): Promise<Figures> {
  const child = spawn(process.execPath, ["-e", `require("node:http").createServer((q, s) => s.end("hello")).listen(${HELLO_PORT}, "127.0.0.1")`], {
    stdio: "ignore",
  });
  try {
    for (let i = 0; i < 50; i++) {
      try {
        await fetch(`http://127.0.0.1:${HELLO_PORT}/`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return await measure(`http://127.0.0.1:${HELLO_PORT}/`);
  } finally {
    child.kill();
  }
}

type Page = { name: string; path: string; cookie: string };

async function pagesOf(server: AppServer): Promise<Page[]> {
  const handle = new Database(server.dbPath, { readonly: true });
  const programme = handle
    .prepare(
      `select p.id from programmes p join organisation_members om on om.organisation_id = p.organisation_id join users u on u.id = om.user_id
       where u.email = ? order by p.created_at limit 1`,
    )
    .get(OFFICER) as { id: string };
  handle.close();
  const groupId = groupIdOf(server.dbPath);
  const resident = await login(server.url, RESIDENT);
  const officer = await login(server.url, OFFICER);
  return [
    { name: "Home (resident)", path: `/g/${groupId}`, cookie: resident },
    { name: "Calendar", path: `/g/${groupId}/calendar`, cookie: resident },
    { name: "Bookings", path: `/g/${groupId}/bookings`, cookie: resident },
    { name: "Programme overview (officer)", path: `/p/${programme.id}`, cookie: officer },
  ];
}

// On the large dataset only: the Home of a resident of a generated group (50 households, busier than the demo's),
// to show what a bigger group costs beside what a bigger database costs.
async function bigGroupHome(server: AppServer): Promise<Page | null> {
  const handle = new Database(server.dbPath, { readonly: true });
  const row = handle
    .prepare("select m.group_id as id from memberships m join users u on u.id = m.user_id where u.email = ? limit 1")
    .get(BIG_GROUP_RESIDENT) as { id: string } | undefined;
  handle.close();
  if (!row) return null;
  return { name: "Home (resident of a generated group)", path: `/g/${row.id}`, cookie: await login(server.url, BIG_GROUP_RESIDENT) };
}

async function measurePages(dbPath: string, pageCacheMb: number): Promise<{ pages: Page[]; figures: Figures[]; bytes: number[] }> {
  process.env.PAGE_CACHE_MB = String(pageCacheMb);
  const server = await startServer({ dbPath, port: PORT, workers: 2 });
  try {
    const pages = await pagesOf(server);
    const big = await bigGroupHome(server);
    if (big) pages.push(big);
    const figures: Figures[] = [];
    const bytes: number[] = [];
    for (const page of pages) {
      const headers = { Cookie: page.cookie, "Accept-Encoding": "gzip" };
      const res = await fetch(server.url + page.path, { headers });
      if (res.status !== 200) throw new Error(`${page.name}: HTTP ${res.status}\n${server.log().slice(-2000)}`);
      bytes.push((await res.arrayBuffer()).byteLength);
      figures.push(await measure(server.url + page.path, headers));
    }
    return { pages, figures, bytes };
  } finally {
    delete process.env.PAGE_CACHE_MB;
    await server.stop();
  }
}

function largeDatabase(): { dbPath: string; seconds: number | null } {
  if (process.env.BENCH_LARGE_DB) return { dbPath: process.env.BENCH_LARGE_DB, seconds: null };
  const dbPath = freshDbPath("bench-large");
  const started = performance.now();
  const out = spawnSync("npx", ["tsx", "scripts/seed-large.ts"], {
    env: { ...process.env, DATABASE_URL: dbPath },
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(`seed:large failed:\n${out.stdout}`);
  return { dbPath, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

const kb = (n: number) => Math.round((n / 1024) * 10) / 10;

async function main() {
  const started = Date.now();
  console.log(
    `Maisonnée bench — ${new Date().toISOString()}, ${os.availableParallelism()} cores, Node ${process.version}, autocannon ${CONNECTIONS} connections × ${DURATION} s${QUICK ? " (BENCH_QUICK)" : ""}`,
  );

  const ceiling = await hello();
  const demoDb = freshDbPath("bench-demo");
  const demoKept = await measurePages(demoDb, 64);
  const demoRendered = await measurePages(demoDb, 0);
  const large = largeDatabase();
  const largeKept = await measurePages(large.dbPath, 64);
  const largeRendered = await measurePages(large.dbPath, 0);

  // What a phone downloads for each page, and Lighthouse on Home and the calendar: the demo, kept pages on.
  const server = await startServer({ dbPath: demoDb, port: PORT, workers: 2 });
  let weights: Awaited<ReturnType<typeof measureRouteJs>>;
  let lighthouse: Awaited<ReturnType<typeof runLighthouse>>;
  try {
    const pages = await pagesOf(server);
    weights = [];
    for (const page of pages) weights.push(...(await measureRouteJs(server.url, page.cookie, [page.path])));
    lighthouse = await runLighthouse({ url: server.url, cookie: pages[0].cookie, paths: [pages[0].path, pages[1].path] });
  } finally {
    await server.stop();
  }

  const rows: Row[] = [
    {
      page: "bare node:http hello (ceiling)",
      data: "",
      "req/s": ceiling.rps,
      "p50 ms": ceiling.p50,
      "p99 ms": ceiling.p99,
      errors: ceiling.errors,
      "rendered req/s": "",
      "rendered p50": "",
      "rendered p99": "",
      "large/demo p50": "",
      "JS KB gz": "",
      "HTML KB gz": "",
    },
  ];
  demoKept.pages.forEach((page, i) => {
    for (const [data, kept, rendered] of [
      ["demo", demoKept.figures[i], demoRendered.figures[i]],
      ["large", largeKept.figures[i], largeRendered.figures[i]],
    ] as const) {
      rows.push({
        page: page.name,
        data,
        "req/s": kept.rps,
        "p50 ms": kept.p50,
        "p99 ms": kept.p99,
        errors: kept.errors + rendered.errors,
        "rendered req/s": rendered.rps,
        "rendered p50": rendered.p50,
        "rendered p99": rendered.p99,
        "large/demo p50": data === "large" ? `${(rendered.p50 / Math.max(1, demoRendered.figures[i].p50)).toFixed(2)}×` : "",
        "JS KB gz": data === "demo" ? kb(weights[i].js) : "",
        "HTML KB gz": kb((data === "demo" ? demoKept : largeKept).bytes[i]),
      });
    }
  });
  console.log(`\nPages, logged in, production build, 2 workers, ${CONNECTIONS} connections × ${DURATION} s. "req/s, p50, p99": as served (a page kept`);
  console.log(`while nothing it shows changes); "rendered": PAGE_CACHE_MB=0, every request built anew. large/demo: rendered p50.`);
  console.log(`Large dataset: the demo + 100 generated groups${large.seconds ? ` (seed:large took ${large.seconds} s)` : ""}.`);
  console.table(rows);
  const bigIndex = largeKept.pages.findIndex((p) => p.name.startsWith("Home (resident of a generated"));
  if (bigIndex >= 0) {
    const [kept, rendered] = [largeKept.figures[bigIndex], largeRendered.figures[bigIndex]];
    console.log(
      `${largeKept.pages[bigIndex].name}, large only: ${kept.rps} req/s, p50 ${kept.p50} ms, p99 ${kept.p99} ms; rendered ${rendered.rps} req/s, p50 ${rendered.p50} ms, p99 ${rendered.p99} ms; HTML ${kb(largeKept.bytes[bigIndex])} KB gz.`,
    );
  }

  const home = { demo: demoKept.figures[0], cal: demoKept.figures[1], largeHome: largeKept.figures[0], largeCal: largeKept.figures[1] };
  const ratio = (i: number) => largeRendered.figures[i].p50 / Math.max(1, demoRendered.figures[i].p50);
  const lh = (i: number) => lighthouse[i];
  const targets: Row[] = [
    {
      target: "Home ≥ 2,000 req/s, p99 < 50 ms (large)",
      figure: `${home.largeHome.rps} req/s, p99 ${home.largeHome.p99} ms`,
      met: home.largeHome.rps >= 2000 && home.largeHome.p99 < 50 ? "yes" : "no",
    },
    {
      target: "Calendar ≥ 2,000 req/s, p99 < 50 ms (large)",
      figure: `${home.largeCal.rps} req/s, p99 ${home.largeCal.p99} ms`,
      met: home.largeCal.rps >= 2000 && home.largeCal.p99 < 50 ? "yes" : "no",
    },
    { target: "Home JS ≤ 120 KB gzip", figure: `${kb(weights[0].js)} KB`, met: weights[0].js <= 120 * 1024 ? "yes" : "no" },
    { target: "Calendar JS ≤ 220 KB gzip", figure: `${kb(weights[1].js)} KB`, met: weights[1].js <= 220 * 1024 ? "yes" : "no" },
    ...[0, 1, 2, 3].map((i) => ({
      target: `${demoKept.pages[i].name}: large/demo rendered p50 ≤ 1.5×`,
      figure: `${ratio(i).toFixed(2)}×`,
      met: ratio(i) <= 1.5 ? "yes" : "no",
    })),
    ...[0, 1].map((i) => ({
      target: `Lighthouse ${lh(i).page}: performance ≥ 95, accessibility 100 (median of 3 runs)`,
      figure: `${lh(i).performance} / ${lh(i).accessibility} (runs ${lh(i)["runs (performance)"]}; FCP ${lh(i)["FCP ms"]} ms, LCP ${lh(i)["LCP ms"]} ms)`,
      met: lh(i).performance >= 95 && lh(i).accessibility === 100 ? "yes" : "no",
    })),
  ];

  if (!QUICK) {
    const faults = await runFaults();
    targets.push(
      {
        target: "200 connections × 60 s mixed: 0 errors, every acknowledged write present",
        figure: `${faults[0].requests} requests, ${faults[0].errors} errors, ${faults[0]["missing writes"]} missing of ${faults[0]["acknowledged writes"]}`,
        met: faults[0].errors === 0 && faults[0]["missing writes"] === 0 ? "yes" : "no",
      },
      {
        target: "kill -9 during writes: integrity ok, every acknowledged write present",
        figure: `${faults[1]["acknowledged writes"]} acknowledged, ${faults[1]["missing writes"]} missing, integrity ${faults[1].integrity}`,
        met: faults[1]["missing writes"] === 0 && faults[1].integrity === "ok" ? "yes" : "no",
      },
    );
  }

  // A backup of the large database while the server serves and writes (the online backup must not stop it).
  {
    const server = await startServer({ dbPath: large.dbPath, port: PORT, workers: 2 });
    try {
      const pages = await pagesOf(server);
      const load = autocannon({ url: server.url + pages[0].path, connections: 20, duration: 8, headers: { Cookie: pages[0].cookie } });
      await new Promise((r) => setTimeout(r, 1000));
      const t0 = performance.now();
      const backup = await backupDatabase(large.dbPath, fs.mkdtempSync(path.join(os.tmpdir(), "maisonnee-bench-backup-")));
      const seconds = (performance.now() - t0) / 1000;
      const served = await load;
      const check = verifyDatabaseFile(backup.file);
      targets.push({
        target: "Online backup of the large database under load, verified",
        figure: `${(backup.bytes / 1024 / 1024).toFixed(0)} MB in ${seconds.toFixed(1)} s, ${backup.tables} tables; ${served.non2xx + served.errors} failed requests meanwhile`,
        met: check.ok && served.non2xx + served.errors === 0 ? "yes" : "no",
      });
      fs.rmSync(path.dirname(backup.file), { recursive: true, force: true });
    } finally {
      await server.stop();
    }
  }

  if (!QUICK) {
    // The long versions of two browser tests (`npm test` runs them shortened; `npm run test:long` runs them all).
    const longTest = (file: string, env: Record<string, string>, target: string) => {
      const run = spawnSync("npx", ["vitest", "run", "--config", "vitest.e2e.config.ts", file, "--testTimeout=900000"], {
        env: { ...process.env, ...env, E2E_PORT: process.env.E2E_PORT ?? "3960" },
        stdio: ["ignore", "pipe", "pipe"],
        encoding: "utf8",
      });
      const summary = /Tests\s+.*\n/.exec((run.stdout ?? "").replace(/\x1b\[[0-9;]*m/g, ""))?.[0].trim() ?? "no summary";
      targets.push({ target, figure: summary, met: run.status === 0 ? "yes" : "no" });
      if (run.status !== 0) console.log((run.stdout ?? "").slice(-4000));
    };
    longTest(
      "tests/e2e/fuzz.e2e.ts",
      { FUZZ_RUNS: process.env.FUZZ_RUNS ?? "40", FUZZ_PAGES: process.env.FUZZ_PAGES ?? "200" },
      "Every form fuzzed (40 values each, as admin, resident, operator): never a 5xx, nothing written on a 4xx, no unescaped script",
    );
    longTest(
      "tests/e2e/cross-group.e2e.ts",
      { E2E_FULL: "1" },
      "Every page as every role (E2E_FULL=1): another group's 404s in Chromium, axe on every page, no NUL byte in any page or data URL",
    );
  }

  console.log("\nTargets (issue 9)");
  console.table(targets);
  console.log(`\nbench took ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
