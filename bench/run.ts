// `npm run bench`: throughput and latency of the main pages on the production build, against a bare
// node:http server measured in the same run (the ceiling), and what a phone downloads for Home.
// Figures only; targets live in the issues and the notes, not in tests.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { chromium } from "playwright-core";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const APP_PORT = 3900;
const HELLO_PORT = 3901;
const BASE = `http://localhost:${APP_PORT}`;

async function waitFor(url: string, child: ChildProcess, log: () => string) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log()}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`server did not start:\n${log()}`);
}

async function load(title: string, url: string, headers: Record<string, string> = {}) {
  // A short warm-up so JIT and caches are in the same state for every page.
  await autocannon({ url, connections: 10, duration: 2, headers });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  const non2xx = r.non2xx + r.errors;
  return {
    page: title,
    "req/s": Math.round(r.requests.average),
    "p50 ms": r.latency.p50,
    "p99 ms": r.latency.p99,
    errors: non2xx,
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maisonnee-bench-"));
  let out = "";
  const app = spawn(process.execPath, ["server.mjs"], {
    env: { ...process.env, PORT: String(APP_PORT), DATABASE_URL: path.join(dir, "bench.db"), OUTBOX_DIR: path.join(dir, "outbox"), NODE_ENV: "production", INSECURE_COOKIES: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout!.on("data", (d) => (out += d));
  app.stderr!.on("data", (d) => (out += d));
  const hello = http.createServer((_req, res) => res.end("hello")).listen(HELLO_PORT);
  try {
    await waitFor(`${BASE}/login`, app, () => out);
    const login = await fetch(`${BASE}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "habitante@demo.maisonnee.fr", password: "maisonnee-demo-2026" }),
    });
    const cookie = login.headers.getSetCookie()[0]?.split(";")[0];
    if (!cookie) throw new Error(`login failed: ${login.status}`);
    const home = await fetch(`${BASE}/`, { headers: { Cookie: cookie }, redirect: "manual" });
    const homePath = home.headers.get("Location")!;
    const gz = { Cookie: cookie, "Accept-Encoding": "gzip" };

    const rows = [
      await load("bare node:http hello (ceiling)", `http://localhost:${HELLO_PORT}/`),
      await load("Home (resident, HTML, gzip)", `${BASE}${homePath}`, gz),
      await load("Home data request (.data)", `${BASE}${homePath}.data`, gz),
      await load("Directory (households)", `${BASE}${homePath}/households`, gz),
      await load("Login page (anonymous)", `${BASE}/login`, { "Accept-Encoding": "gzip" }),
    ];
    console.log(`\nThroughput: ${CONNECTIONS} connections × ${DURATION} s, production build, ${os.availableParallelism()} cores`);
    console.table(rows);

    // What a phone downloads for Home, measured in Chromium (encoded bytes on the wire).
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
    await context.addCookies([{ name: cookie.split("=")[0], value: cookie.split("=")[1], url: BASE }]);
    const page = await context.newPage();
    const sizes: { type: string; bytes: number }[] = [];
    page.on("requestfinished", async (req) => {
      const s = await req.sizes();
      sizes.push({ type: req.resourceType(), bytes: s.responseBodySize });
    });
    await page.goto(`${BASE}${homePath}`, { waitUntil: "networkidle" });
    await browser.close();
    const sum = (t?: string) => sizes.filter((s) => !t || s.type === t).reduce((a, s) => a + s.bytes, 0);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log("\nHome page weight (gzip, as downloaded by Chromium at 360×740)");
    console.table([
      { what: "HTML", size: kb(sum("document")) },
      { what: "JavaScript", size: kb(sum("script")), files: sizes.filter((s) => s.type === "script").length },
      { what: "CSS", size: kb(sum("stylesheet")) },
      { what: "total", size: kb(sum()), requests: sizes.length },
    ]);
  } finally {
    hello.close();
    app.kill("SIGTERM");
  }
  // The programme overview for funders (12 groups × 3 years, generated): its own script and database.
  await new Promise<void>((resolve, reject) => {
    // vite-node, not tsx: the modules it reaches load the locales with import.meta.glob.
    const child = spawn("npx", ["vite-node", "--config", "vitest.config.ts", "bench/evaluation.ts"], { stdio: "inherit" });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`bench/evaluation.ts exited with ${code}`))));
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
