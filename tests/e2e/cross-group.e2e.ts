// Nobody sees another group's pages: every "member" route of app/routes is requested with Les Tilleuls' ids
// by the resident of Villa Passerelle (404, "Page introuvable", for the page, its single-fetch data and its
// action), and by Les Tilleuls' own resident (not 404: the ids are real, so the test proves something).
// Operator pages answer 404 to a resident. A route without an `access` export fails the test.
//
// Two depths. `npm test` checks every route over HTTP for every role below (statuses, the 404 and 403 pages'
// headings, no other group's name) and opens every page in Chromium once (hydration, console errors), but runs
// axe and the browser-side checks of identical pages (a 404 is the same page whatever the URL) on a sample: a
// few fixed pages plus a share of the others chosen by a rotation that moves each day (printed; E2E_ROTATION=n
// repeats one). The NUL-byte crawl reads every route once, each time as one role of the rotation, and every
// role on a few routes. `E2E_FULL=1` (`npm run test:long`, and `npm run bench`) runs everything on every page
// as every role, as before.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO, HttpClient, db, expectHttpErrors, expectNoA11yViolations, login, newPhonePage, useBrowser, visit } from "./helpers";
import { dataUrl, isSupport, readRoutes, sampleIdsFrom, uniqueByUrl, urlWith, type RouteFile, type SampleIds } from "./routes";

const chrome = useBrowser();

const FULL = process.env.E2E_FULL === "1";
const ROTATION = Number(process.env.E2E_ROTATION ?? Math.floor(Date.now() / 86_400_000));
if (!FULL) console.log(`cross-group: sampled run, rotation ${ROTATION} (E2E_ROTATION=${ROTATION} repeats it; E2E_FULL=1 checks every page as every role)`);

/** A crawl of every page with axe takes minutes (more with E2E_FULL=1 on a busy machine). */
const CRAWL_TIMEOUT = FULL ? 900_000 : 240_000;

/**
 * The routes of this run: all with E2E_FULL=1; otherwise those `always` keeps plus one in `every` of the others,
 * which ones moving with the rotation (so that over `every` days each page has had its turn).
 */
function sampled<T extends { path: string }>(list: T[], every: number, always: (r: T) => boolean = () => false): T[] {
  if (FULL) return list;
  return list.filter((r, i) => always(r) || (i + ROTATION) % every === 0);
}
/** Pages every sample keeps: the group's Home and the resident's own household. */
const isCorePage = (r: { path: string }) => r.path === "/g/:groupId" || r.path === "/g/:groupId/households/:householdId";

const routes = readRoutes();

let handle: Database.Database;
let sampleIds: SampleIds;
beforeAll(() => {
  handle = db();
  sampleIds = sampleIdsFrom(handle);
});
afterAll(() => handle?.close());

const urlFor = (route: RouteFile) => urlWith(route, sampleIds);

describe("route inventory", () => {
  it("every route file declares its access policy", () => {
    expect(routes.length).toBeGreaterThan(5);
    const missing = routes.filter((r) => r.access === null).map((r) => r.file);
    expect(missing, 'routes without `export const access: AccessPolicy = "public" | "authenticated" | "member" | "operator"`').toEqual([]);
  });

  it("every member route has :groupId in its path (requireMember needs it)", () => {
    const wrong = routes.filter((r) => r.access === "member" && !r.params.includes("groupId")).map((r) => r.file);
    expect(wrong).toEqual([]);
  });

  it("every member, operator and officer route has a sample id for each of its params", () => {
    for (const r of routes.filter((r) => r.access === "member" || r.access === "operator" || r.access === "officer")) urlFor(r);
  });
});

describe("another group's pages answer 404", () => {
  const memberRoutes = () => uniqueByUrl(routes.filter((r) => r.access === "member" && r.params.includes("groupId") && !r.isResource));
  const memberResources = () => routes.filter((r) => r.access === "member" && r.isResource);

  it("resource routes (files) answer 404 to another group's member and 200 to their own", async () => {
    const other = new HttpClient();
    await other.login(DEMO.otherGroupResident);
    const own = new HttpClient();
    await own.login(DEMO.resident);
    const failures: string[] = [];
    for (const route of memberResources()) {
      const url = urlFor(route);
      const theirs = await other.get(url);
      if (theirs.status !== 404) failures.push(`${route.file}: another group's member GET ${url} → ${theirs.status}`);
      const ours = await own.get(url);
      if (ours.status !== 200) failures.push(`${route.file}: own member GET ${url} → ${ours.status}`);
    }
    expect(failures).toEqual([]);
  });

  it(
    "the Villa Passerelle resident gets 404 and « Page introuvable » on every page of Les Tilleuls (in Chromium, with axe)",
    async () => {
      // Every URL gives the same 404 page: all of them are checked over HTTP below; here a sample (all with E2E_FULL=1).
      const list = sampled(memberRoutes(), 12, isCorePage);
      expect(list.length).toBeGreaterThan(0);
      const page = await newPhonePage(chrome.browser);
      expectHttpErrors(page, 404);
      await login(page, DEMO.otherGroupResident);
      for (const route of list) {
        const url = urlFor(route);
        const response = await visit(page, url);
        expect(response.status(), `${route.file}: GET ${url}`).toBe(404);
        await page.getByRole("heading", { level: 1, name: "Page introuvable" }).waitFor();
        // Nothing of the other group shows: not its name, not its navigation.
        expect(await page.getByText("Les Tilleuls").count(), `${url} shows the group's name`).toBe(0);
        expect(await page.getByRole("navigation", { name: "Navigation principale" }).count()).toBe(0);
        await expectNoA11yViolations(page);
      }
    },
    CRAWL_TIMEOUT,
  ); // every page of every capability, with axe: more than the default minute

  it("the Villa Passerelle resident gets 404 from every page, its data URL and its action; the page names nothing of the group", async () => {
    const http = new HttpClient();
    await http.login(DEMO.otherGroupResident);
    const failures: string[] = [];
    for (const route of memberRoutes()) {
      const url = urlFor(route);
      const data = await http.get(dataUrl(url));
      if (data.status !== 404) failures.push(`${route.file}: GET ${dataUrl(url)} → ${data.status}`);
      const doc = await http.get(url);
      if (doc.status !== 404) failures.push(`${route.file}: GET ${url} → ${doc.status}`);
      // The page as sent (its HTML and the data inlined for hydration): the 404 heading, not the group's name nor its navigation.
      if (!/<h1[^>]*>Page introuvable<\/h1>/.test(doc.body)) failures.push(`${route.file}: GET ${url} has no « Page introuvable » heading`);
      if (doc.body.includes("Les Tilleuls")) failures.push(`${route.file}: GET ${url} shows the group's name`);
      if (doc.body.includes('aria-label="Navigation principale"')) failures.push(`${route.file}: GET ${url} shows the group's navigation`);
    }
    // Actions too: a POST must not reach another group's data, whatever it carries.
    for (const route of routes.filter((r) => r.access === "member" && r.hasAction)) {
      const url = urlFor(route) + (route.isIndex ? "?index" : "");
      const res = await http.post(url, { intent: "probe" });
      if (res.status !== 404) failures.push(`${route.file}: POST ${url} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it(
    "Les Tilleuls' own resident gets these pages (200, or 403 where her role is not enough)",
    async () => {
      const http = new HttpClient();
      await http.login(DEMO.resident);
      const routes = memberRoutes().filter((r) => !isSupport(r));
      const statuses = new Map<RouteFile, number>();
      const seen: string[] = [];
      for (const route of routes) {
        const url = urlFor(route);
        const doc = await http.get(url);
        const data = (await http.get(dataUrl(url))).status;
        seen.push(`${url} ${doc.status}/${data}`);
        statuses.set(route, doc.status);
        expect([200, 403], `${route.file}: GET ${url}`).toContain(doc.status);
        expect(data, `${route.file}: GET ${dataUrl(url)} (the page answered ${doc.status})`).toBe(doc.status);
        if (doc.status === 403) expect(doc.body, `${url}: the 403 page`).toMatch(/<h1[^>]*>Accès refusé<\/h1>/);
        // Inside her group, even a refused page keeps the group's navigation.
        expect(doc.body.includes('aria-label="Navigation principale"'), `${url} has the tab bar`).toBe(true);
      }
      // At least her Home and her household really answer 200.
      expect(seen.filter((s) => s.endsWith(" 200/200")).length, seen.join("\n")).toBeGreaterThanOrEqual(2);

      // In Chromium, with axe: a sample (every page with E2E_FULL=1); the facilitator's crawl below opens them all.
      const page = await newPhonePage(chrome.browser);
      expectHttpErrors(page, 403);
      await login(page, DEMO.resident);
      for (const route of sampled(routes, 4, isCorePage)) {
        const url = urlFor(route);
        const status = (await visit(page, url)).status();
        expect(status, `${route.file}: GET ${url} in Chromium`).toBe(statuses.get(route));
        if (status === 403) await page.getByRole("heading", { level: 1, name: "Accès refusé" }).waitFor();
        expect(await page.getByRole("navigation", { name: "Navigation principale" }).isVisible(), `${url} has the tab bar`).toBe(true);
        await expectNoA11yViolations(page);
      }
    },
    CRAWL_TIMEOUT,
  ); // every page of every capability, with axe (E2E_FULL=1): more than the default minute

  it(
    "Les Tilleuls' facilitator gets every one of these pages, accessible at phone size (403 on a household's own choices)",
    async () => {
      const page = await newPhonePage(chrome.browser);
      expectHttpErrors(page, 403);
      await login(page, DEMO.facilitator);
      const all = memberRoutes().filter((r) => !isSupport(r));
      const axeHere = new Set(sampled(all, 3, isCorePage));
      for (const route of all) {
        const url = urlFor(route);
        // What the group may see of a person is the person's household's choice (decision 014): staff see all anyway.
        const expected = route.file.endsWith(".privacy.tsx") ? 403 : 200;
        expect((await visit(page, url)).status(), `${route.file}: GET ${url}`).toBe(expected);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        // Every page is opened (hydration, console errors); axe runs on the rotation's share of them (all with E2E_FULL=1).
        if (axeHere.has(route)) await expectNoA11yViolations(page);
      }
    },
    CRAWL_TIMEOUT,
  ); // every page of every capability, with axe: more than the default minute
});

// Support pages: 200 for Les Tilleuls' support worker, 404 for its resident, its facilitator and Villa
// Passerelle's resident — except the household's own view (/households/:id/support), 200 to its members.
describe("support pages (support workers only)", () => {
  const supportRoutes = () => uniqueByUrl(routes.filter((r) => r.access === "member" && isSupport(r) && !r.isResource));
  const householdView = (r: RouteFile) => r.path.startsWith("/g/:groupId/households/");

  it(
    "Les Tilleuls' support worker gets every one of them, accessible at phone size",
    async () => {
      const list = supportRoutes();
      expect(list.length).toBeGreaterThan(5);
      const page = await newPhonePage(chrome.browser);
      await login(page, DEMO.supportWorker);
      const axeHere = new Set(sampled(list, 2, (r) => r.path === "/g/:groupId/support"));
      for (const route of list) {
        const url = urlFor(route);
        expect((await visit(page, url)).status(), `${route.file}: GET ${url}`).toBe(200);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        if (axeHere.has(route)) await expectNoA11yViolations(page);
      }
    },
    CRAWL_TIMEOUT,
  ); // every page of every capability, with axe: more than the default minute

  it("the resident, the facilitator and another group's resident get 404 (the resident sees her household's view)", async () => {
    const failures: string[] = [];
    for (const who of [DEMO.resident, DEMO.facilitator, DEMO.otherGroupResident]) {
      const http = new HttpClient();
      await http.login(who);
      for (const route of supportRoutes()) {
        const url = urlFor(route);
        const expected = who === DEMO.resident && householdView(route) ? 200 : 404;
        for (const u of [url, dataUrl(url)]) {
          const status = (await http.get(u)).status;
          if (status !== expected) failures.push(`${who} GET ${u} → ${status} (expected ${expected})`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

// Programme pages answer only to the programme's officers: residents, facilitators and an officer of another
// funder's programme get 404 on every page, data URL and CSV of the demo programme; its officer gets them.
describe("programme pages (officer)", () => {
  const officerRoutes = () => routes.filter((r) => r.access === "officer");
  const DEMO_OFFICER = "charge.programme@demo.maisonnee.fr";
  const OTHER_OFFICER = "chargee.autre-fondation@exemple.fr";

  beforeAll(() => {
    // A second funder with its own programme and officer (same password as the demo's), written beside the server.
    const rw = new Database(inject("dbPath"));
    try {
      rw.pragma("busy_timeout = 5000");
      if (!rw.prepare("select 1 from users where email = ?").get(OTHER_OFFICER)) {
        const hash = (rw.prepare("select password_hash as h from users where email = ?").get(DEMO_OFFICER) as { h: string }).h;
        const now = Date.now();
        rw.transaction(() => {
          rw.prepare(
            "insert into users (id, email, password_hash, name, created_at, updated_at) values ('e2eotherofficer', ?, ?, 'Chargée Autre Fondation', ?, ?)",
          ).run(OTHER_OFFICER, hash, now, now);
          rw.prepare("insert into organisations (id, name, kind, created_at) values ('e2eotherfunder', 'Autre Fondation', 'funder', ?)").run(now);
          rw.prepare(
            "insert into organisation_members (organisation_id, user_id, role, created_at) values ('e2eotherfunder', 'e2eotherofficer', 'programme_officer', ?)",
          ).run(now);
          rw.prepare(
            "insert into programmes (id, organisation_id, name, starts_on, ends_on, created_at) values ('e2eotherprogramme', 'e2eotherfunder', 'Autre programme', '2024-01-01', '2027-12-31', ?)",
          ).run(now);
        })();
      }
    } finally {
      rw.close();
    }
  });

  it("residents, facilitators and another programme's officer get 404 on every programme page, data URL and CSV", async () => {
    const list = officerRoutes();
    expect(list.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const who of [DEMO.resident, DEMO.facilitator, DEMO.otherGroupResident, OTHER_OFFICER]) {
      const http = new HttpClient();
      await http.login(who);
      for (const route of list) {
        const url = urlFor(route);
        const doc = await http.get(url);
        if (doc.status !== 404) failures.push(`${who} GET ${url} → ${doc.status}`);
        if (!route.isResource) {
          const data = await http.get(dataUrl(url));
          if (data.status !== 404) failures.push(`${who} GET ${dataUrl(url)} → ${data.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("the other officer sees their own programme, and a 404 page without the demo programme's name", async () => {
    const page = await newPhonePage(chrome.browser);
    expectHttpErrors(page, 404);
    await login(page, OTHER_OFFICER);
    expect(new URL(page.url()).pathname).toBe("/p");
    await page.getByRole("link", { name: "Autre programme" }).waitFor();
    const url = urlFor(officerRoutes().find((r) => r.file === "p.$programmeId._index.tsx")!);
    expect((await visit(page, url)).status()).toBe(404);
    await page.getByRole("heading", { level: 1, name: "Page introuvable" }).waitFor();
    expect(await page.getByText("Habitat partagé et solidaire").count()).toBe(0);
    await expectNoA11yViolations(page);
  });

  it("the demo programme's officer gets every programme page (200) and CSV", async () => {
    const http = new HttpClient();
    await http.login(DEMO_OFFICER);
    for (const route of officerRoutes()) {
      const url = urlFor(route);
      expect((await http.get(url)).status, `${route.file}: GET ${url}`).toBe(200);
    }
  });
});

// React 18's streaming renderer could leave NUL bytes inside pages (react#24985; app/entry.server.tsx): every page,
// data URL and file each role can open is read byte by byte, in French pages full of « é » and « — ».
// Without E2E_FULL=1, each route is read once, as the role the rotation gives it, and a few routes as every role.
describe("no NUL byte anywhere", () => {
  it(
    "a crawl of every route as every role finds none",
    async () => {
      const roles = [
        DEMO.resident,
        DEMO.facilitator,
        DEMO.groupAdmin,
        DEMO.supportWorker,
        DEMO.operator,
        DEMO.otherGroupResident,
        "charge.programme@demo.maisonnee.fr",
      ];
      // Public pages with a secret in the URL (an invitation, a reset link) have no sample: their refusal page is the same.
      const crawled = uniqueByUrl(routes).filter((r) => r.params.every((p) => sampleIds[p]));
      const everyRole = (r: RouteFile) => isCorePage(r) || r.path === "/g/:groupId/calendar" || r.path === "/account" || r.path === "/p/:programmeId";
      const found: string[] = [];
      let answered = 0;
      for (const [roleIndex, who] of roles.entries()) {
        const http = new HttpClient();
        await http.login(who);
        const mine = FULL ? crawled : crawled.filter((r, i) => everyRole(r) || (i + ROTATION) % roles.length === roleIndex);
        for (const route of mine) {
          const url = urlFor(route);
          for (const u of route.isResource ? [url] : [url, dataUrl(url)]) {
            const res = await http.get(u);
            if (res.status === 200) answered++;
            if (res.body.includes("\u0000")) found.push(`${who} GET ${u}: ${res.body.split("\u0000").length - 1} NUL`);
          }
        }
      }
      expect(found).toEqual([]);
      // The crawl really read pages: each role gets some of them.
      expect(answered).toBeGreaterThan(FULL ? roles.length * 10 : roles.length * 3);
    },
    CRAWL_TIMEOUT,
  );
});

describe("operator pages", () => {
  const operatorRoutes = () => uniqueByUrl(routes.filter((r) => r.access === "operator"));

  it("a resident gets 404 on every operator page, and on its data URL", async () => {
    const list = operatorRoutes();
    if (list.length === 0) return;
    const http = new HttpClient();
    await http.login(DEMO.resident);
    for (const route of list) {
      const url = urlFor(route);
      const doc = await http.get(url);
      expect(doc.status, `${route.file}: GET ${url}`).toBe(404);
      expect(doc.body, `${route.file}: GET ${url}`).toMatch(/<h1[^>]*>Page introuvable<\/h1>/);
      expect((await http.get(dataUrl(url))).status, `${route.file}: GET ${dataUrl(url)}`).toBe(404);
    }
    // In Chromium, with axe: the same 404 page, so one of them (all with E2E_FULL=1).
    const page = await newPhonePage(chrome.browser);
    expectHttpErrors(page, 404);
    await login(page, DEMO.resident);
    for (const route of FULL ? list : list.slice(ROTATION % list.length, (ROTATION % list.length) + 1)) {
      const url = urlFor(route);
      const response = await visit(page, url);
      expect(response.status(), `${route.file}: GET ${url}`).toBe(404);
      await page.getByRole("heading", { level: 1, name: "Page introuvable" }).waitFor();
      await expectNoA11yViolations(page);
      expect((await http.get(dataUrl(url))).status, `${route.file}: GET ${dataUrl(url)}`).toBe(404);
    }
  });

  it("the operator gets them, accessible at phone size", async () => {
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.operator);
    for (const route of operatorRoutes()) {
      const url = urlFor(route);
      expect((await visit(page, url)).status(), `${route.file}: GET ${url}`).toBe(200);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await expectNoA11yViolations(page);
    }
  });
});
