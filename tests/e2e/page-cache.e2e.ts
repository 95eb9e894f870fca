// Kept pages (app/modules/core/page-cache.server.ts) on a server of two worker processes: a page seen again is
// the same page (same ETag, 304 when the browser has it), and a change made by someone else, through the other
// worker, shows on the very next view — never an old page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDbPath, startServer, type AppServer } from "../../bench/lib/faults";
import { DEMO, HttpClient, db, demoIds, useBrowser } from "./helpers";

useBrowser();

const PORT = Number(process.env.E2E_PORT ?? 3100) + 23;
let server: AppServer;
let ids: ReturnType<typeof demoIds>;

beforeAll(async () => {
  server = await startServer({ dbPath: freshDbPath("page-cache"), port: PORT, workers: 2 });
  const handle = db(server.dbPath);
  ids = demoIds(handle);
  handle.close();
}, 90_000);
afterAll(() => server?.stop());

describe("kept pages", () => {
  it("Home seen again is the same page; the browser's copy gets a 304", async () => {
    const jeanne = new HttpClient({ baseURL: server.url });
    await jeanne.login(DEMO.resident);
    const first = await jeanne.get(`/g/${ids.tilleuls}`);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBeTruthy();
    expect(first.headers["cache-control"]).toBe("private, no-cache");
    // Enough requests that both workers have answered at least once.
    for (let i = 0; i < 6; i++) {
      const again = await jeanne.get(`/g/${ids.tilleuls}`);
      expect(again.body).toBe(first.body);
    }
    const revalidated = await jeanne.get(`/g/${ids.tilleuls}`, { "If-None-Match": String(first.headers.etag) });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body).toBe("");
  });

  it("a facilitator's change to her household is on Jeanne's next Home, whichever worker answers", async () => {
    const jeanne = new HttpClient({ baseURL: server.url });
    await jeanne.login(DEMO.resident);
    const before = await jeanne.get(`/g/${ids.tilleuls}`);
    await jeanne.get(`/g/${ids.tilleuls}`);

    const facilitator = new HttpClient({ baseURL: server.url });
    await facilitator.login(DEMO.facilitator);
    const household = await facilitator.get(`/g/${ids.tilleuls}/households/${ids.jeanne.householdId}/edit`);
    const field = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(household.body)?.[1] ?? "";
    const saved = await facilitator.post(`/g/${ids.tilleuls}/households/${ids.jeanne.householdId}/edit`, {
      name: field("name").replace(/&#x27;/g, "'"),
      dwelling: "Maison 7, rez-de-jardin",
      arrivalDate: field("arrivalDate"),
    });
    expect(saved.status).toBe(302);

    for (let i = 0; i < 4; i++) {
      const after = await jeanne.get(`/g/${ids.tilleuls}`, { "If-None-Match": String(before.headers.etag) });
      expect(after.status).toBe(200);
      expect(after.body).toContain("Maison 7, rez-de-jardin");
    }
  });

  it("each person gets their own page", async () => {
    const jeanne = new HttpClient({ baseURL: server.url });
    await jeanne.login(DEMO.resident);
    const facilitator = new HttpClient({ baseURL: server.url });
    await facilitator.login(DEMO.facilitator);
    const mine = await jeanne.get(`/g/${ids.tilleuls}`);
    const theirs = await facilitator.get(`/g/${ids.tilleuls}`);
    expect(mine.body).not.toBe(theirs.body);
    expect((await facilitator.get(`/g/${ids.tilleuls}`)).body).toBe(theirs.body);
    expect((await jeanne.get(`/g/${ids.tilleuls}`)).body).toBe(mine.body);
  });
});
