// Fifty people press « Réserver » for the same free slot at the same moment, over HTTP, each from a
// logged-in session: exactly one booking is written; the 49 others get the page back with the overlap
// sentence (409), none a 500. Half of the requests go to a second server on the same database, with two
// worker processes of its own: three processes race for SQLite's write lock, as in production.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { todayIn } from "~/modules/core/dates";
import { addDays } from "~/modules/core/recurrence";
import { DEMO, HttpClient, db, demoIds, useBrowser } from "./helpers";

// Only for its checks after each test: no error printed by the server meanwhile.
useBrowser();

const REQUESTS = 50;
const SECOND_PORT = Number(process.env.E2E_PORT ?? 3100) + 7;

let second: ChildProcess | null = null;
let secondLog = "";
afterAll(async () => {
  if (second?.pid && second.exitCode === null) {
    const gone = new Promise((r) => second!.once("exit", r));
    second.kill("SIGTERM");
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))]);
    if (second.exitCode === null && second.signalCode === null) second.kill("SIGKILL");
  }
});

const portAnswers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

/** A second production server (two workers) on the e2e database. */
async function startSecondServer(): Promise<string> {
  if (await portAnswers(SECOND_PORT)) throw new Error(`port ${SECOND_PORT} is taken`);
  const dbPath = inject("dbPath");
  secondLog = path.join(path.dirname(dbPath), "server-2.log");
  const log = fs.openSync(secondLog, "a");
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["APP_URL", "TRUST_PROXY", "SMTP_URL"]) delete env[key];
  Object.assign(env, {
    PORT: String(SECOND_PORT),
    HOST: "127.0.0.1",
    APP_URL: `http://localhost:${SECOND_PORT}`,
    DATABASE_URL: dbPath,
    OUTBOX_DIR: inject("outboxDir"),
    WEB_CONCURRENCY: "2",
    NODE_ENV: "production",
    SEED_DEMO: "0",
  });
  second = spawn(process.execPath, ["server.mjs"], { cwd: process.cwd(), env, stdio: ["ignore", log, log] });
  fs.closeSync(log);
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${SECOND_PORT}/login`, { signal: AbortSignal.timeout(2_000) })).status === 200) break;
    } catch {
      // not yet
    }
    if (second.exitCode !== null || Date.now() - started > 30_000) throw new Error(`the second server did not start:\n${fs.readFileSync(secondLog, "utf8")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return `http://localhost:${SECOND_PORT}`;
}

/** The same session, talking to another server. */
function sameSessionOn(client: HttpClient, baseURL: string) {
  const other = new HttpClient({ baseURL });
  for (const [k, v] of client.cookies) other.cookies.set(k, v);
  return other;
}

describe("fifty requests for one slot", () => {
  it("give exactly one booking and 49 clear refusals", async () => {
    const { tilleuls } = demoIds(db());

    // A common room of its own, made through the space form by the facilitator.
    const facilitator = new HttpClient();
    await facilitator.login(DEMO.facilitator);
    const created = await facilitator.post(`/g/${tilleuls}/spaces/new`, {
      intent: "save",
      name: `Salle commune — concurrence ${Date.now().toString(36)}`,
      kind: "common_room",
      active: "on",
      minNoticeHours: "0",
      bufferMinutes: "0",
    });
    expect(created.status, created.body.slice(0, 500)).toBe(302);
    const spaceId = /\/spaces\/([^/?]+)/.exec(created.location ?? "")?.[1];
    expect(spaceId).toBeTruthy();

    // Sessions of several people: the resident on several phones, the facilitator, the group's admin;
    // each session talks to one server or the other.
    const secondURL = await startSecondServer();
    const sessions: HttpClient[] = [facilitator];
    for (const email of [DEMO.groupAdmin, ...Array(8).fill(DEMO.resident)]) {
      const client = new HttpClient();
      await client.login(email);
      sessions.push(client);
    }
    const clients = sessions.flatMap((c) => [c, sameSessionOn(c, secondURL)]);

    const date = addDays(todayIn("Europe/Paris"), 20);
    const form = { intent: "book", spaceId: spaceId!, date, startTime: "10:00", endTime: "12:00", guests: "0", freq: "none", purpose: "" };
    const responses = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => clients[i % clients.length].post(`/g/${tilleuls}/spaces/${spaceId}`, form)));

    const statuses = responses.map((r) => r.status);
    expect(
      statuses.filter((s) => s >= 500),
      "no server error",
    ).toEqual([]);
    const won = responses.filter((r) => r.status === 302);
    expect(won, `statuses: ${statuses.join(",")}`).toHaveLength(1);
    expect(won[0].location).toMatch(new RegExp(`^/g/${tilleuls}/bookings/[^/?]+\\?toast=booking_confirmed$`));
    const refused = responses.filter((r) => r.status !== 302);
    expect(refused).toHaveLength(REQUESTS - 1);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.body).toMatch(/Ce créneau est déjà réservé : .*10:00\s–\s12:00\./);
    }

    const handle = db();
    try {
      const rows = handle.prepare("select status from bookings where space_id = ?").all(spaceId) as { status: string }[];
      expect(rows).toEqual([{ status: "confirmed" }]);
    } finally {
      handle.close();
    }
    // The second server printed no error either (the first one's log is checked after each test).
    const printed = fs.readFileSync(secondLog, "utf8");
    expect(printed, printed).not.toMatch(/\b(\w*Error|Unhandled|died)\b|^\s+at /m);
  });
});
