// A graceful stop (issue 15, decision 016): on SIGTERM the server takes no new connection, answers the request in
// flight, does not wait for idle keep-alive connections, and exits 0 with its database checkpointed and closed —
// the file whole (integrity_check) and no write-ahead log left beside it. With one process and with a cluster
// (the primary stops its workers, then closes the last connection).
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import nodeHttp from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);

type Server = {
  child: ChildProcess;
  port: number;
  dir: string;
  dbPath: string;
  origin: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
};
const started: Server[] = [];

afterEach(() => {
  for (const s of started.splice(0)) {
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGKILL");
    fs.rmSync(s.dir, { recursive: true, force: true });
  }
});

async function startServer(port: number, workers: number, jobs: boolean): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maisonnee-shutdown-"));
  const dbPath = path.join(dir, "app.db");
  const origin = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["TRUST_PROXY", "SMTP_URL", "INSECURE_COOKIES", "PAGE_CACHE_MB"]) delete env[key];
  Object.assign(env, {
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_URL: origin,
    DATABASE_URL: dbPath,
    OUTBOX_DIR: path.join(dir, "outbox"),
    SEED_DEMO: "0",
    JOBS: jobs ? "1" : "0",
    WEB_CONCURRENCY: String(workers),
  });
  const child = spawn(process.execPath, ["server.mjs"], { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c));
  child.stderr?.on("data", (c: Buffer) => (output += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const server: Server = { child, port, dir, dbPath, origin, exited, output: () => output };
  started.push(server);
  for (let i = 0; ; i++) {
    const status = await fetch(`http://127.0.0.1:${port}/login`, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) break;
    if (i > 150 || child.exitCode !== null) throw new Error(`the server did not start:\n${output}`);
    await sleep(200);
  }
  return server;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function stopsGracefully(server: Server) {
  const agent = new nodeHttp.Agent({ keepAlive: true });
  // An idle keep-alive connection (the server keeps those 65 s): it must not hold the stop up.
  const warm = await fetch(`http://127.0.0.1:${server.port}/login`);
  expect(warm.status).toBe(200);
  await new Promise<void>((resolve, reject) =>
    nodeHttp.get({ host: "127.0.0.1", port: server.port, path: "/login", agent }, (r) => (r.resume(), r.on("end", resolve))).on("error", reject),
  );

  // The request in flight: a form whose body arrives in two parts, SIGTERM in between.
  const body = `email=${encodeURIComponent("personne@example.org")}`;
  const cut = 10;
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = nodeHttp.request(
      {
        host: "127.0.0.1",
        port: server.port,
        method: "POST",
        path: "/forgot-password",
        agent,
        headers: { Origin: server.origin, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.write(body.slice(0, cut));
    void sleep(1_500).then(() => req.end(body.slice(cut)));
  });
  await sleep(300);
  server.child.kill("SIGTERM");

  // While that request waits for the rest of its body, the server is still running but takes no new connection.
  let refused = false;
  for (let i = 0; i < 20 && !refused; i++) {
    refused = !(await accepts(server.port));
    if (!refused) await sleep(50);
  }
  expect(refused).toBe(true);
  expect(server.child.exitCode).toBe(null);

  const res = await answer;
  expect(res.status).toBe(200);
  expect(res.text).toContain('role="status"');
  const answeredAt = Date.now();

  const exit = await Promise.race([server.exited, sleep(15_000).then(() => null)]);
  expect(exit, server.output()).toEqual({ code: 0, signal: null });
  // Not held up by the idle keep-alive connections (65 s), nor by the grace period (8 s).
  expect(Date.now() - answeredAt).toBeLessThan(5_000);
  expect(server.output()).not.toContain("requests still running");
  agent.destroy();

  // Checkpointed and closed: the file alone is the database.
  const wal = `${server.dbPath}-wal`;
  expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
  const sqlite = new Database(server.dbPath);
  try {
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
  } finally {
    sqlite.close();
  }
}

describe("graceful stop on SIGTERM", () => {
  it("one process: the request in flight is answered, then exit 0 with the database checkpointed", async () => {
    await stopsGracefully(await startServer(BASE_PORT + 33, 1, false));
  });

  it("a cluster: the primary stops its workers (requests answered), its jobs, then exits 0", async () => {
    await stopsGracefully(await startServer(BASE_PORT + 34, 2, true));
  });
});
