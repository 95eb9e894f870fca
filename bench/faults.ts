// `npm run bench:faults`: the full load-and-faults run of issue 9 — 200 logged-in connections mixing reads
// and writes for 60 s (0 errors, every acknowledged write present), then `kill -9` during writes and a restart
// (integrity_check ok, every acknowledged write present). Needs the production build (`npm run build`).
import { loginSessions, checkDatabase, crashDuringWrites, freshDbPath, groupIdOf, mixedLoad, percentile, startServer } from "./lib/faults";

const CONNECTIONS = Number(process.env.BENCH_FAULT_CONNECTIONS ?? 200);
const SECONDS = Number(process.env.BENCH_FAULT_SECONDS ?? 60);
const PORT = 3910;

export async function runFaults() {
  const server = await startServer({ dbPath: freshDbPath("bench-load"), port: PORT });
  let load: Awaited<ReturnType<typeof mixedLoad>>;
  let check: ReturnType<typeof checkDatabase>;
  try {
    const groupId = groupIdOf(server.dbPath);
    const cookies = await loginSessions(server.url);
    load = await mixedLoad({ url: server.url, groupId, cookies, connections: CONNECTIONS, seconds: SECONDS, writeShare: 0.1, runId: "bench" });
    check = checkDatabase(server.dbPath, load.acknowledged);
  } finally {
    await server.stop();
  }
  const crash = await crashDuringWrites({ port: PORT + 1, connections: 50, secondsBeforeKill: 5 });
  const rows = [
    {
      run: `mixed load, ${CONNECTIONS} connections × ${SECONDS} s (10 % writes)`,
      requests: load.requests,
      "req/s": Math.round(load.requests / SECONDS),
      "p50 ms": Math.round(percentile(load.latenciesMs, 50)),
      "p99 ms": Math.round(percentile(load.latenciesMs, 99)),
      errors: load.errors.length + load.unexpected.length,
      "acknowledged writes": load.acknowledged.length,
      "missing writes": check.missing.length,
      integrity: check.integrity,
    },
    {
      run: "kill -9 during writes (50 connections), restart",
      requests: crash.acknowledged,
      "req/s": "",
      "p50 ms": "",
      "p99 ms": "",
      errors: crash.errorsBeforeKill.length,
      "acknowledged writes": crash.acknowledged,
      "missing writes": crash.missing.length,
      integrity: crash.integrity,
    },
  ];
  console.log("\nLoad and faults (production build, fresh demo database)");
  console.table(rows);
  for (const e of [...load.errors, ...load.unexpected].slice(0, 10)) console.log(`  ${e}`);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await runFaults();
