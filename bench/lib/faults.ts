// Load and faults, shared by `npm run bench` (full length) and tests/e2e/faults.e2e.ts (short): a production
// server of its own on a fresh database, many logged-in clients mixing reads and writes, and a `kill -9` in
// the middle of writes. A write counts as acknowledged when the server answered it with its redirect; every
// acknowledged write must be in the database afterwards, whatever happened to the server.
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const DEMO_PASSWORD = "maisonnee-demo-2026";
/** The demo resident: she has a household, which offering in the skill exchange needs. */
export const RESIDENT = "habitante@demo.maisonnee.fr";

/** A few sessions of the demo resident, as from her phone, tablet and computer. */
export function loginSessions(url: string, count = 3): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, () => login(url, RESIDENT)));
}
/** Every title written by these runs starts so, which is how we find them again. */
const TITLE_PREFIX = "Essai de charge";

export type AppServer = {
  url: string;
  dbPath: string;
  log: () => string;
  /** Graceful stop (SIGTERM). */
  stop: () => Promise<void>;
  /** The whole process group at once, no chance to flush anything: the crash we test. */
  kill9: () => Promise<void>;
};

const portAnswers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

export function freshDbPath(label: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), `maisonnee-${label}-`)), "app.db");
}

/** The production build (`npm run build` first) on `dbPath`; the demo is seeded when the file is new. */
export async function startServer({ dbPath, port, workers = 2 }: { dbPath: string; port: number; workers?: number }): Promise<AppServer> {
  if (await portAnswers(port)) throw new Error(`port ${port} is taken`);
  const logFile = path.join(path.dirname(dbPath), `server-${port}-${Date.now()}.log`);
  const out = fs.openSync(logFile, "a");
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["APP_URL", "TRUST_PROXY", "SMTP_URL"]) delete env[key];
  Object.assign(env, {
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_URL: `http://localhost:${port}`,
    DATABASE_URL: dbPath,
    OUTBOX_DIR: path.join(path.dirname(dbPath), "outbox"),
    WEB_CONCURRENCY: String(workers),
    NODE_ENV: "production",
    SEED_DEMO: "1",
    JOBS: "0",
    INSECURE_COOKIES: "1",
  });
  // Its own process group, so kill9 takes the primary and its workers in one signal, like a power cut.
  const child: ChildProcess = spawn(process.execPath, ["server.mjs"], { cwd: process.cwd(), env, stdio: ["ignore", out, out], detached: true });
  fs.closeSync(out);
  const log = () => fs.readFileSync(logFile, "utf8");
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/login`, { signal: AbortSignal.timeout(2_000) })).status === 200) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`server did not start:\n${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const exited = new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", () => r())));
  const signalGroup = async (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  };
  return {
    url: `http://localhost:${port}`,
    dbPath,
    log,
    stop: () => signalGroup("SIGTERM"),
    kill9: () => signalGroup("SIGKILL"),
  };
}

export async function login(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: "" }),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.includes("session="))
    ?.split(";")[0];
  if (res.status !== 302 || !cookie) throw new Error(`login of ${email} failed: HTTP ${res.status}`);
  return cookie;
}

export function groupIdOf(dbPath: string, name = "Les Tilleuls"): string {
  const handle = new Database(dbPath, { readonly: true });
  try {
    return (handle.prepare("select id from groups where name = ?").get(name) as { id: string }).id;
  } finally {
    handle.close();
  }
}

export type LoadResult = {
  requests: number;
  reads: number;
  writes: number;
  acknowledged: string[];
  /** 5xx answers, and network errors while the server was meant to be up. */
  errors: string[];
  /** Any other answer than the expected one (a 4xx on a valid form, a 200 where a redirect was due). */
  unexpected: string[];
  latenciesMs: number[];
};

/**
 * `connections` clients (sessions of the demo resident, in turn) loop for `seconds`: each request is a read
 * of a page (Home, the calendar, bookings, the exchange, the directory) or, with probability `writeShare`, a new
 * offer in the skill exchange. Stops early without counting errors once `stopSignal.stopped` is set.
 */
export async function mixedLoad(options: {
  url: string;
  groupId: string;
  cookies: string[];
  connections: number;
  seconds: number;
  writeShare: number;
  runId: string;
  stopSignal?: { stopped: boolean };
}): Promise<LoadResult> {
  const { url, groupId, cookies, connections, seconds, writeShare, runId } = options;
  const stop = options.stopSignal ?? { stopped: false };
  const result: LoadResult = { requests: 0, reads: 0, writes: 0, acknowledged: [], errors: [], unexpected: [], latenciesMs: [] };
  const pages = ["", "/calendar", "/bookings", "/exchange", "/households"].map((p) => `${url}/g/${groupId}${p}`);
  const deadline = Date.now() + seconds * 1000;
  let seq = 0;
  // A fixed pseudo-random sequence: the same run reads and writes in the same order every time.
  let state = 0x2f6b1d3;
  const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;

  async function client(index: number) {
    const cookie = cookies[index % cookies.length];
    while (Date.now() < deadline && !stop.stopped) {
      const write = random() < writeShare;
      const started = performance.now();
      try {
        if (write) {
          const title = `${TITLE_PREFIX} ${runId} n°${++seq}`;
          const res = await fetch(`${url}/g/${groupId}/exchange/new`, {
            method: "POST",
            redirect: "manual",
            headers: { Cookie: cookie, Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ kind: "offer", title, category: "gardening", description: "Arrosage des jardinières", availability: "" }),
          });
          await res.arrayBuffer();
          result.writes++;
          if (res.status >= 500) result.errors.push(`POST new offer → ${res.status}`);
          else if (res.status === 302 || res.status === 303) result.acknowledged.push(title);
          else result.unexpected.push(`POST new offer → ${res.status}`);
        } else {
          const page = pages[Math.floor(random() * pages.length)];
          const res = await fetch(page, { headers: { Cookie: cookie, "Accept-Encoding": "gzip" } });
          await res.arrayBuffer();
          result.reads++;
          if (res.status >= 500) result.errors.push(`GET ${page} → ${res.status}`);
          else if (res.status !== 200) result.unexpected.push(`GET ${page} → ${res.status}`);
        }
        result.requests++;
        result.latenciesMs.push(performance.now() - started);
      } catch (error) {
        if (!stop.stopped) result.errors.push(`${write ? "POST" : "GET"}: ${(error as Error).message}`);
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, (_, i) => client(i)));
  return result;
}

/** Which of `titles` are missing from the database; and SQLite's own verdict on the file. */
export function checkDatabase(dbPath: string, titles: string[]): { integrity: string; missing: string[]; written: number } {
  const handle = new Database(dbPath, { readonly: true });
  try {
    const integrity = String(handle.pragma("integrity_check", { simple: true }));
    const present = new Set(
      (handle.prepare("select title from exchange_posts where title like ?").all(`${TITLE_PREFIX}%`) as { title: string }[]).map((r) => r.title),
    );
    return { integrity, missing: titles.filter((t) => !present.has(t)), written: present.size };
  } finally {
    handle.close();
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Writes under load, then `kill -9` of the whole server mid-write, then a restart on the same file. */
export async function crashDuringWrites({ port, connections, secondsBeforeKill }: { port: number; connections: number; secondsBeforeKill: number }) {
  const dbPath = freshDbPath("crash");
  let server = await startServer({ dbPath, port });
  const groupId = groupIdOf(dbPath);
  const cookies = await loginSessions(server.url);
  const stopSignal = { stopped: false };
  const load = mixedLoad({ url: server.url, groupId, cookies, connections, seconds: 120, writeShare: 1, runId: "crash", stopSignal });
  await new Promise((r) => setTimeout(r, secondsBeforeKill * 1000));
  stopSignal.stopped = true;
  await server.kill9();
  const result = await load;
  server = await startServer({ dbPath, port });
  const after = checkDatabase(dbPath, result.acknowledged);
  // The restarted server still answers and still writes.
  const cookie = await login(server.url, RESIDENT);
  const home = await fetch(`${server.url}/g/${groupId}`, { headers: { Cookie: cookie } });
  await server.stop();
  return { acknowledged: result.acknowledged.length, ...after, homeAfterRestart: home.status, errorsBeforeKill: result.errors };
}
