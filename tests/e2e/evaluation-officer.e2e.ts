// The funder's side of evaluation, as the demo programme officer sees it: a crawl of every programme page and
// every CSV finds no person or household name from the database, no resident's free text, and no person count
// from 1 to 4; the overview and a CSV download in Chromium; the map's markers and list with no tiles; axe 0.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Database from "better-sqlite3";
import { INDICATORS } from "~/modules/evaluation/indicators";
import { HttpClient, db, expectNoA11yViolations, login, newPhonePage, useBrowser, visibleText, visit } from "./helpers";

const chrome = useBrowser();
const OFFICER = "charge.programme@demo.maisonnee.fr";

let handle: Database.Database;
let programmeId: string;
let groupIds: string[];
let reportRevs: { id: string; revision: number }[];
let forbidden: { what: string; text: string; wordy: boolean }[];
beforeAll(() => {
  handle = db();
  programmeId = (
    handle.prepare("select p.id from programmes p join organisations o on o.id = p.organisation_id where o.name = 'Fondation Solidarité Habitat'").get() as {
      id: string;
    }
  ).id;
  groupIds = (handle.prepare("select group_id as id from programme_groups where programme_id = ?").all(programmeId) as { id: string }[]).map((r) => r.id);
  reportRevs = handle
    .prepare(
      `select r.id, v.revision from reports r join report_revisions v on v.report_id = r.id
        where r.group_id in (select group_id from programme_groups where programme_id = ?)`,
    )
    .all(programmeId) as { id: string; revision: number }[];
  const persons = handle.prepare("select first_name as f, last_name as l from persons").all() as { f: string; l: string | null }[];
  const households = handle.prepare("select name from households").all() as { name: string }[];
  forbidden = [
    ...persons.filter((p) => p.l).map((p) => ({ what: "person", text: `${p.f} ${p.l}`, wordy: false })),
    // Last names alone, when long enough not to be an ordinary word.
    ...[...new Set(persons.flatMap((p) => (p.l && p.l.length >= 5 ? [p.l] : [])))].map((l) => ({ what: "last name", text: l, wordy: true })),
    ...households.map((h) => ({ what: "household", text: h.name, wordy: false })),
  ];
  // Residents' free text: survey comments never leave the group.
  const hasSurveys = handle.prepare("select name from sqlite_master where name = 'survey_answers'").get();
  if (hasSurveys) {
    const comments = handle.prepare("select comment from survey_answers where length(comment) >= 12").all() as { comment: string }[];
    forbidden.push(...comments.map((c) => ({ what: "survey comment", text: c.comment.slice(0, 40), wordy: false })));
  }
});
afterAll(() => handle?.close());

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
function leaks(text: string): string[] {
  return forbidden
    .filter((f) => (f.wordy ? new RegExp(`(^|[^\\p{L}])${escape(f.text)}($|[^\\p{L}])`, "u").test(text) : text.includes(f.text)))
    .map((f) => `${f.what}: ${f.text}`);
}
/** The text of every cell marked as a count of persons or households. */
function personCounts(html: string): string[] {
  return [...html.matchAll(/<span[^>]*data-person-count[^>]*>([^<]*)/g)].map((m) => m[1].replace(/&lt;/g, "<").trim());
}

const glossary = JSON.parse(fs.readFileSync(path.resolve("app/locales/fr/evaluation.json"), "utf8")).glossary as Record<string, { name: string }>;
const personHeaders = new Set(
  INDICATORS.filter((i) => i.personCount)
    .map((i) => glossary?.[i.key]?.name)
    .filter(Boolean),
);

function pages(): string[] {
  const base = `/p/${programmeId}`;
  const compare = new URLSearchParams([
    ...groupIds.map((g) => ["groups", g]),
    ["indicators", "households_present"],
    ["indicators", "persons_present"],
    ["indicators", "participation_share"],
  ]);
  return [
    "/p",
    base,
    `${base}?period=month`,
    `${base}?period=year`,
    `${base}?q=bourges`,
    ...groupIds.flatMap((g) => [`${base}/groups/${g}`, `${base}/groups/${g}?period=month`]),
    `${base}/compare`,
    `${base}/compare?${compare}`,
    ...reportRevs.map((r) => `${base}/reports/${r.id}?revision=${r.revision}`),
    `${base}/map`,
    `${base}/print`,
    `${base}/exports`,
  ];
}
function csvs(): string[] {
  const base = `/p/${programmeId}/export`;
  const compare = new URLSearchParams([...groupIds.map((g) => ["groups", g]), ...INDICATORS.slice(0, 12).map((i) => ["indicators", i.key])]);
  return [
    `${base}/overview.csv`,
    `${base}/overview.csv?period=month`,
    ...groupIds.map((g) => `${base}/group.csv?group=${g}&all=1`),
    ...groupIds.map((g) => `${base}/group.csv?group=${g}&period=month&all=1`),
    `${base}/compare.csv?${compare}`,
    ...reportRevs.map((r) => `${base}/report.csv?report=${r.id}&revision=${r.revision}`),
    `${base}/groups.csv`,
    `${base}/exports.csv`,
  ];
}

describe("the programme officer's pages", () => {
  it("a crawl of every page and every CSV finds no name, no resident's text and no person count from 1 to 4", async () => {
    expect(forbidden.length).toBeGreaterThan(40);
    const http = new HttpClient();
    await http.login(OFFICER);
    const problems: string[] = [];
    let personCells = 0;
    for (const url of pages()) {
      const res = await http.get(url);
      if (res.status !== 200) problems.push(`${url} → ${res.status}`);
      for (const leak of leaks(visibleText(res.body))) problems.push(`${url} shows ${leak}`);
      // The single-fetch data of the page, too: what a script could read.
      const data = await http.get(url.replace(/(\?|$)/, ".data$1"));
      for (const leak of leaks(data.body)) problems.push(`${url}.data holds ${leak}`);
      for (const text of personCounts(res.body)) {
        personCells++;
        if (/^[1-4]$/.test(text)) problems.push(`${url} shows a person count of ${text}`);
      }
    }
    for (const url of csvs()) {
      const res = await http.get(url);
      if (res.status !== 200) problems.push(`${url} → ${res.status}`);
      for (const leak of leaks(res.body)) problems.push(`${url} holds ${leak}`);
      const rows = res.body
        .replace(/^\uFEFF/, "")
        .split("\r\n")
        .map((l) => l.split(";"));
      const head = rows[0] ?? [];
      // Wide tables: person-count columns by header; long tables (indicator; value): by the row's label.
      head.forEach((h, col) => {
        if (!personHeaders.has(h)) return;
        for (const row of rows.slice(1)) if (/^[1-4]$/.test(row[col] ?? "")) problems.push(`${url}: ${h} = ${row[col]}`);
      });
      for (const row of rows.slice(1)) if (personHeaders.has(row[0]) && /^[1-4]$/.test(row[1] ?? "")) problems.push(`${url}: ${row[0]} = ${row[1]}`);
    }
    expect(problems).toEqual([]);
    // The crawl saw figures, not only empty pages.
    expect(personCells).toBeGreaterThan(20);
  });

  it("every CSV downloaded in the crawl is in the export log, with who and what", async () => {
    const http = new HttpClient();
    await http.login(OFFICER);
    const page = await http.get(`/p/${programmeId}/exports`);
    expect(page.status).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain("Sophie Lambert");
    expect(text).toContain("Vue d'ensemble");
    const count = (db().prepare("select count(*) as n from export_log where programme_id = ?").get(programmeId) as { n: number }).n;
    expect(count).toBeGreaterThanOrEqual(csvs().length);
  });

  it("the overview in Chromium at phone size: the groups with their figures, a CSV that Excel in French opens, then logged", async () => {
    const page = await newPhonePage(chrome.browser);
    await login(page, OFFICER);
    expect(new URL(page.url()).pathname).toBe("/p");
    await page.getByRole("link", { name: "Habitat partagé et solidaire" }).click();
    await page.getByRole("heading", { level: 1, name: "Habitat partagé et solidaire" }).waitFor();
    const table = page.getByRole("table", { name: /Chiffres clés des collectifs/ });
    await table.waitFor();
    for (const name of ["Les Tilleuls", "Maison des Quatre Saisons", "Villa Passerelle"]) await table.getByRole("link", { name }).waitFor();
    await expectNoA11yViolations(page);

    // Search (GET form): by town.
    await page.getByLabel("Nom, ville ou code postal").fill("Nantes");
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.waitForURL(/q=Nantes/);
    await expect.poll(() => table.getByRole("link").count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger le tableau (CSV)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8").slice(1);
    expect(csv.split("\r\n")[0].split(";")[0]).toBe("Collectif");
    expect(csv).toContain("Maison des Quatre Saisons");
    expect(csv).not.toContain("Les Tilleuls");

    await visit(page, `/p/${programmeId}/exports`);
    const log = page.getByRole("table", { name: /Exports du programme/ });
    await expect.poll(() => log.getByRole("row").nth(1).textContent()).toContain("Recherche\u00a0: Nantes");
    await expectNoA11yViolations(page);
  });

  it("every programme page is accessible at phone size (axe 0)", async () => {
    const page = await newPhonePage(chrome.browser);
    await login(page, OFFICER);
    const base = `/p/${programmeId}`;
    const list = [
      "/p",
      base,
      `${base}/groups/${groupIds[0]}`,
      `${base}/compare?groups=${groupIds[0]}&groups=${groupIds[1]}&indicators=households_present&indicators=participation_share`,
      `${base}/print`,
      `${base}/exports`,
      `${base}/map`,
    ];
    if (reportRevs[0]) list.push(`${base}/reports/${reportRevs[0].id}`);
    for (const url of list) {
      expect((await visit(page, url)).status(), url).toBe(200);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await expectNoA11yViolations(page);
    }
  });

  it("the map: a marker per group with no tiles (no network), the list of groups; the list without JavaScript", async () => {
    const page = await newPhonePage(chrome.browser);
    await login(page, OFFICER);
    await visit(page, `/p/${programmeId}/map`);
    await expect.poll(() => page.locator(".leaflet-container path.group-marker").count()).toBe(groupIds.length);
    expect(await page.locator(".map-box").getAttribute("data-markers")).toBe(String(groupIds.length));
    const list = page.getByRole("list", { name: "Liste des collectifs" });
    expect(await list.getByRole("listitem").count()).toBe(groupIds.length);
    await expectNoA11yViolations(page);

    const nojs = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    await login(nojs, OFFICER);
    await visit(nojs, `/p/${programmeId}/map`);
    const plain = nojs.getByRole("list", { name: "Liste des collectifs" });
    expect(await plain.getByRole("listitem").count()).toBe(groupIds.length);
    await plain.getByRole("link", { name: "Les Tilleuls" }).click();
    await nojs.getByRole("heading", { level: 1, name: "Les Tilleuls" }).waitFor();
    // Charts are server-drawn SVG: there without JavaScript, each with its table.
    expect(await nojs.locator("figure svg[role=img]").count()).toBeGreaterThan(3);
    expect(await nojs.locator("figure table caption").count()).toBe(await nojs.locator("figure svg[role=img]").count());
  });
});
