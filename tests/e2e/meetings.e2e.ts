// Meetings in a browser. Run mode on a laptop projected at 1280×800: the facilitator starts the next
// meeting of Les Tilleuls, takes attendance (one proxy), sees the timer tick and its overrun warning in
// words, moves to the next item (actual minutes recorded), records a decision (a vote over the room is
// refused first, nothing written) and an action item — through fetchers, the page staying put. On a
// phone (360×740) with JavaScript off, Jeanne proposes an agenda item (a bad duration refused next to
// the field, what she typed kept) and marks her open action item done from Home. axe finds nothing.
import { AxeBuilder } from "@axe-core/playwright";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO, baseURL, db, demoIds, expectHttpErrors, expectNoA11yViolations, login, newPhonePage, useBrowser, visit } from "./helpers";

const chrome = useBrowser();
let groupId = "";
let meetingId = "";

function read<T>(sql: string, ...params: unknown[]): T {
  const handle = db();
  try {
    return handle.prepare(sql).get(...params) as T;
  } finally {
    handle.close();
  }
}

beforeAll(() => {
  const handle = db();
  try {
    groupId = demoIds(handle).tilleuls;
  } finally {
    handle.close();
  }
  meetingId = read<{ id: string }>("select id from meetings where group_id = ? and run_status = 'planned' limit 1", groupId).id;
});

// The wide page is not one of the helpers' phone pages: it watches its own console and closes itself.
const wide: { page: Page | null; problems: string[] } = { page: null, problems: [] };
afterEach(async () => {
  await wide.page?.context().close();
  wide.page = null;
  const problems = wide.problems.splice(0);
  expect(problems, problems.join("\n")).toEqual([]);
});

async function laptopPage(): Promise<Page> {
  const context = await chrome.browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 }, locale: "fr-FR" });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 400\b/.test(m.text())) wide.problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => wide.problems.push(`page error on ${page.url()}: ${e.message}`));
  wide.page = page;
  return page;
}

async function axeAt1280(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const report = results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(report, `axe violations on ${page.url()}`).toEqual([]);
}

describe("run mode on a projected laptop (1280×800)", () => {
  it("attendance, the timer and its overrun, next item, a decision and an action item", async () => {
    const page = await laptopPage();
    await login(page, DEMO.facilitator);
    await visit(page, `/g/${groupId}/meetings/${meetingId}/run`);
    await page.getByRole("heading", { level: 1, name: "Animer : Assemblée des habitants" }).waitFor();
    await axeAt1280(page);
    await page.getByRole("button", { name: "Commencer la réunion" }).click();
    await page.getByTestId("current-item").getByText("Approbation du compte rendu de la dernière réunion").waitFor();
    // The timer ticks on the client.
    const first = await page.getByTestId("timer").textContent();
    expect(first).toMatch(/^00:0\d$/);
    await page.waitForFunction((before) => document.querySelector("[data-testid=timer]")?.textContent !== before, first);
    expect(await page.getByTestId("overrun").count()).toBe(0);

    // The item started 6 minutes ago (5 planned): the warning says so in words.
    const rw = new Database(inject("dbPath"));
    try {
      rw.pragma("busy_timeout = 5000");
      rw.prepare("update meetings set current_started_at = current_started_at - 360000 where id = ?").run(meetingId);
    } finally {
      rw.close();
    }
    await page.reload();
    await page.getByTestId("overrun").getByText("Temps prévu dépassé").waitFor();
    expect(await page.getByTestId("timer").textContent()).toMatch(/^06:\d\d$/);

    // Attendance: Jeanne present, the first other adult excused and giving Jeanne their voice.
    const other = (await page.locator(".attendance-table tbody tr th").first().textContent())!.trim();
    expect(other).not.toBe("Jeanne Marchand");
    await page.getByLabel("Présence de Jeanne Marchand").selectOption("present");
    await page.getByLabel(`Présence de ${other}`).selectOption("excused");
    await page.getByLabel(`${other} donne sa voix à`).selectOption({ label: "Jeanne Marchand" });
    const save = page.getByRole("button", { name: "Enregistrer les présences" });
    await save.scrollIntoViewIfNeeded();
    const scrolled = await page.evaluate(() => window.scrollY);
    await save.click();
    await page
      .getByTestId("attendance-counts")
      .getByText(/^1 présent·e, 1 procuration, 1 excusé·e/)
      .waitFor();
    expect(page.url()).not.toContain("toast="); // a fetcher: no navigation
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);

    // Next item: the first one's actual minutes are recorded.
    await page.getByRole("button", { name: "Point suivant : Point sur les travaux de la toiture" }).click();
    await page.getByTestId("current-item").getByText("Point sur les travaux de la toiture").waitFor();
    const done = read<{ actual_minutes: number }>("select actual_minutes from meeting_agenda_items where meeting_id = ? and position = 1", meetingId);
    expect(done.actual_minutes).toBe(6);

    // A vote counted over the room (2 voices) is refused, nothing written; then a valid one.
    const decisions = () => read<{ n: number }>("select count(*) as n from meeting_decisions where meeting_id = ?", meetingId).n;
    await page.getByLabel("Décision", { exact: true }).fill("Le chantier de la toiture : on demande un calendrier écrit au bailleur.");
    await page.getByLabel("Comment elle a été prise").selectOption("majority");
    await page.getByLabel("Pour", { exact: true }).fill("3");
    await page.getByLabel("Contre", { exact: true }).fill("0");
    await page.getByLabel("Abstention", { exact: true }).fill("0");
    await page.getByRole("button", { name: "Ajouter la décision" }).click();
    await page.getByText("3 votes pour 2 voix dans la salle").waitFor();
    expect(decisions()).toBe(0);
    expect(await page.getByLabel("Pour", { exact: true }).inputValue()).toBe("3");
    await page.getByLabel("Pour", { exact: true }).fill("2");
    await page.getByRole("button", { name: "Ajouter la décision" }).click();
    await page.getByRole("heading", { level: 2, name: "1 décision" }).waitFor();
    expect(decisions()).toBe(1);
    await page.getByText("pour 2, contre 0, abstention 0").waitFor();

    // An action item for Jeanne.
    await page.getByLabel("Quoi").fill("Afficher le calendrier du chantier dans le hall");
    await page.getByLabel("Qui", { exact: true }).selectOption({ label: "Jeanne Marchand" });
    await page.getByLabel("Pour quand (facultatif)").fill("2099-01-15");
    await page.getByRole("button", { name: "Ajouter l'action" }).click();
    await page.getByRole("heading", { level: 2, name: "1 action" }).waitFor();
    await page.getByText("Afficher le calendrier du chantier dans le hall", { exact: true }).waitFor();
    await axeAt1280(page);
  });
});

describe("on a phone without JavaScript", () => {
  it("Jeanne proposes an agenda item: a bad duration refused next to the field, then proposed", async () => {
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    expectHttpErrors(page, 400);
    await login(page, DEMO.resident);
    await visit(page, `/g/${groupId}/meetings`);
    await page.getByRole("heading", { level: 1, name: "Réunions", exact: true }).waitFor();
    await expectNoA11yViolations(page);
    await visit(page, `/g/${groupId}/meetings/${meetingId}`);
    await page.getByRole("heading", { level: 1, name: "Assemblée des habitants" }).waitFor();
    const title = `Un banc devant l'entrée ${Date.now().toString(36).slice(-4)}`;
    await page.getByLabel("Sujet").fill(title);
    await page.getByLabel("Durée prévue (minutes)").fill("250");
    await page.getByRole("button", { name: "Proposer ce point" }).click();
    await page.getByText("Saisissez un nombre entier de minutes, entre 1 et 240.").waitFor();
    expect(await page.getByLabel("Sujet").inputValue()).toBe(title);
    expect(read<{ n: number }>("select count(*) as n from meeting_agenda_items where title = ?", title).n).toBe(0);
    await expectNoA11yViolations(page);
    await page.getByLabel("Durée prévue (minutes)").fill("10");
    await page.getByRole("button", { name: "Proposer ce point" }).click();
    await page.getByRole("status").getByText("Point proposé : l'animateur·rice le verra.").waitFor();
    await page.getByRole("heading", { level: 3, name: "Mes propositions en attente" }).waitFor();
    await page.getByText(title).waitFor();
    expect(read<{ status: string; planned_minutes: number }>("select status, planned_minutes from meeting_agenda_items where title = ?", title)).toEqual({
      status: "proposed",
      planned_minutes: 10,
    });
    await expectNoA11yViolations(page);
  });

  it("Jeanne's Home shows her open action item; she marks it done", async () => {
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    await login(page, DEMO.resident);
    await visit(page, `/g/${groupId}`);
    await page.getByRole("heading", { level: 2, name: "Réunions", exact: true }).waitFor();
    const what = "Rédiger le mot d'accueil pour le panneau du hall";
    await page.getByText(what, { exact: true }).waitFor();
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: `C'est fait : ${what}` }).click();
    await page.getByRole("status").getByText("Action marquée comme faite.").waitFor();
    expect(new URL(page.url()).pathname).toBe(`/g/${groupId}`);
    expect(await page.getByText(what, { exact: true }).count()).toBe(0);
    expect(read<{ done_on: string | null }>("select done_on from meeting_actions where what = ?", what).done_on).not.toBeNull();
    await visit(page, `/g/${groupId}/meetings/decisions?q=compost`);
    await page.getByRole("heading", { level: 1, name: "Registre des décisions" }).waitFor();
    await page.getByText("Installer un second bac à compost.").first().waitFor();
    await expectNoA11yViolations(page);
  });
});
