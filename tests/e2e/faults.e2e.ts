// Load and faults, short version (the full one is `npm run bench:faults`): a server of its own, logged-in
// members mixing reads and writes → no error and every acknowledged write kept; then `kill -9` of the whole
// server in the middle of writes and a restart → SQLite's integrity check passes and every write the server
// had acknowledged is there.
import { describe, expect, it } from "vitest";
import { loginSessions, checkDatabase, crashDuringWrites, freshDbPath, groupIdOf, mixedLoad, startServer } from "../../bench/lib/faults";
import { useBrowser } from "./helpers";

// Only for its after-each check: nothing printed by the main e2e server meanwhile.
useBrowser();

const BASE_PORT = Number(process.env.E2E_PORT ?? 3100) + 20;

describe("under load", () => {
  it("thirty members reading and writing for five seconds: no error, every acknowledged write kept", async () => {
    const server = await startServer({ dbPath: freshDbPath("load"), port: BASE_PORT });
    try {
      const groupId = groupIdOf(server.dbPath);
      const cookies = await loginSessions(server.url);
      const result = await mixedLoad({ url: server.url, groupId, cookies, connections: 30, seconds: 5, writeShare: 0.2, runId: "test", stopSignal: undefined });
      expect(result.errors, server.log()).toEqual([]);
      expect(result.unexpected).toEqual([]);
      expect(result.writes).toBeGreaterThan(10);
      expect(result.reads).toBeGreaterThan(result.writes);
      expect(result.acknowledged.length).toBe(result.writes);
      const check = checkDatabase(server.dbPath, result.acknowledged);
      expect(check.missing).toEqual([]);
      expect(check.written).toBe(result.acknowledged.length);
    } finally {
      await server.stop();
    }
  });
});

describe("a crash in the middle of writes", () => {
  it("kill -9, restart: the database is intact and holds every acknowledged write", async () => {
    const outcome = await crashDuringWrites({ port: BASE_PORT + 1, connections: 10, secondsBeforeKill: 2 });
    expect(outcome.errorsBeforeKill).toEqual([]);
    expect(outcome.acknowledged).toBeGreaterThan(5);
    expect(outcome.integrity).toBe("ok");
    expect(outcome.missing).toEqual([]);
    expect(outcome.homeAfterRestart).toBe(200);
  });
});
