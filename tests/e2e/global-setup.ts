// Starts the production server once for the whole e2e run, on a fresh database (the demo is seeded into it)
// and a fresh outbox, and hands their locations to the tests through vitest's provide/inject.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    dbPath: string;
    outboxDir: string;
    serverLog: string;
  }
}

const PORT = Number(process.env.E2E_PORT ?? 3100);
const HOST = "127.0.0.1";
const START_TIMEOUT_MS = 60_000;

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: HOST });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export default async function setup(project: TestProject) {
  const root = process.cwd();
  if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
    throw new Error("e2e: build/server/index.js is missing — run `npm run build` first (`npm run test:e2e` does).");
  }
  // Another server on the port would silently be the one under test.
  if (await portAnswers(PORT)) {
    throw new Error(`e2e: something already listens on port ${PORT}; stop it or set E2E_PORT.`);
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maisonnee-e2e-"));
  const dbPath = path.join(dir, "e2e.db");
  const outboxDir = path.join(dir, "outbox");
  const serverLog = path.join(dir, "server.log");
  const log = fs.openSync(serverLog, "a");

  // Only what the test needs from the outer environment: no SMTP, no proxy trust; the public URL is the test's.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["APP_URL", "TRUST_PROXY", "SMTP_URL", "INSECURE_COOKIES", "MAIL_FROM", "DATABASE_URL", "OUTBOX_DIR"]) delete env[key];
  Object.assign(env, {
    PORT: String(PORT),
    HOST,
    APP_URL: `http://localhost:${PORT}`,
    DATABASE_URL: dbPath,
    OUTBOX_DIR: outboxDir,
    WEB_CONCURRENCY: "1",
    NODE_ENV: "production",
    SEED_DEMO: "1",
  });

  const server: ChildProcess = spawn(process.execPath, ["server.mjs"], { cwd: root, env, stdio: ["ignore", log, log] });
  fs.closeSync(log);
  const output = () => (fs.existsSync(serverLog) ? fs.readFileSync(serverLog, "utf8") : "");
  let exited: string | null = null;
  server.once("exit", (code, signal) => (exited = `exited with ${signal ?? code}`));
  // If vitest dies without running the teardown, do not leave the server behind.
  const killOnExit = () => {
    if (server.exitCode === null && server.pid) process.kill(server.pid, "SIGKILL");
  };
  process.once("exit", killOnExit);

  const baseURL = `http://localhost:${PORT}`;
  const started = Date.now();
  for (;;) {
    if (exited) {
      throw new Error(`e2e: the server ${exited} before answering (data in ${dir}). Its output:\n${output()}`);
    }
    try {
      const res = await fetch(`http://${HOST}:${PORT}/login`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > START_TIMEOUT_MS) {
      if (server.pid) process.kill(server.pid, "SIGKILL");
      throw new Error(`e2e: the server did not answer GET /login with 200 within ${START_TIMEOUT_MS / 1000} s (data in ${dir}). Its output:\n${output()}`);
    }
    await sleep(200);
  }
  console.log(`e2e: server pid ${server.pid} on ${baseURL} ready in ${Date.now() - started} ms; data in ${dir}`);

  project.provide("baseURL", baseURL);
  project.provide("dbPath", dbPath);
  project.provide("outboxDir", outboxDir);
  project.provide("serverLog", serverLog);

  return async () => {
    process.off("exit", killOnExit);
    if (server.exitCode === null && server.signalCode === null && server.pid) {
      const gone = new Promise((r) => server.once("exit", r));
      process.kill(server.pid, "SIGTERM");
      await Promise.race([gone, sleep(5_000)]);
      if (server.exitCode === null && server.signalCode === null) process.kill(server.pid, "SIGKILL");
    }
    if (process.env.E2E_KEEP_DATA === "1") console.log(`e2e: kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  };
}
