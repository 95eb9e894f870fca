// Support follow-up on a phone (360×740): the support worker goes from Home to her list, opens Jeanne's
// household file and records an interview through the form; it shows in the file with its note, and in
// the access log (she is the support lead). Jeanne then sees that an interview was recorded — its date,
// kind and topics, never the note. Without JavaScript, an interview without topics is refused next to the
// field, what was typed kept, nothing written. axe finds nothing on each page.
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO, db, demoIds, expectHttpErrors, expectNoA11yViolations, login, newPhonePage, useBrowser, visit } from "./helpers";

const chrome = useBrowser();
const stamp = Date.now().toString(36).slice(-5);
let groupId = "";
let jeanneHousehold = "";

function actionsWithNote(note: string) {
  const handle = db();
  try {
    return handle.prepare("select kind, topics, duration_minutes as minutes, household_id as householdId from support_actions where note = ?").all(note) as {
      kind: string;
      topics: string;
      minutes: number;
      householdId: string;
    }[];
  } finally {
    handle.close();
  }
}

beforeAll(() => {
  const ids = demoIds(db());
  groupId = ids.tilleuls;
  jeanneHousehold = ids.jeanne.householdId;
});

describe("support follow-up on a phone", () => {
  it("records an interview from Home to the household file; the lead's log shows the read", async () => {
    const note = `Point sur la demande d'aide à domicile ${stamp}`;
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.supportWorker);
    await visit(page, `/g/${groupId}`);
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: "Suivi des foyers" }).click();
    await page.getByRole("heading", { level: 1, name: "Accompagnement" }).waitFor();
    await expectNoA11yViolations(page);

    await page.getByRole("region", { name: "Foyers accompagnés" }).getByRole("link", { name: "Foyer Marchand" }).click();
    await page.getByRole("heading", { level: 1, name: "Foyer Marchand" }).waitFor();
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: "Noter une action" }).click();
    await page.getByRole("heading", { level: 1, name: "Noter une action" }).waitFor();
    await expectNoA11yViolations(page);

    // The quick path: date, kind and duration come filled in; two topics, the person, a few words.
    expect(await page.getByLabel("Type d'action").inputValue()).toBe("individual_interview");
    await page.getByRole("checkbox", { name: "Santé", exact: true }).check();
    await page.getByRole("checkbox", { name: "Liens sociaux" }).check();
    await page.getByLabel("Durée (minutes)").fill("40");
    await page.getByRole("checkbox", { name: "Jeanne" }).check();
    await page.getByLabel("Note (équipe seulement)").fill(note);
    await page.getByRole("button", { name: "Enregistrer" }).click();

    await page.getByRole("heading", { level: 1, name: "Foyer Marchand" }).waitFor();
    await page.getByRole("status").getByText("Action enregistrée.").waitFor();
    await page.getByText(note).waitFor();
    await expectNoA11yViolations(page);
    expect(actionsWithNote(note)).toEqual([{ kind: "individual_interview", topics: '["health","social_ties"]', minutes: 40, householdId: jeanneHousehold }]);

    await page.getByRole("navigation", { name: "Accompagnement : autres pages" }).getByRole("link", { name: "Journal des consultations" }).click();
    await page.getByRole("heading", { level: 1, name: "Journal des consultations" }).waitFor();
    await page.getByText("Amandine Roche a consulté le dossier du foyer").first().waitFor();
    await expectNoA11yViolations(page);
    for (const [link, heading] of [
      ["Partenaires", "Partenaires"],
      ["Chiffres", "Chiffres de l'accompagnement"],
    ]) {
      await page.getByRole("navigation", { name: "Accompagnement : autres pages" }).getByRole("link", { name: link }).click();
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      await expectNoA11yViolations(page);
    }
  });

  it("Jeanne sees which actions were recorded about her household, without the notes", async () => {
    const note = `Note interne ${stamp}`;
    // An action recorded by the support worker through the form (with JavaScript off, as a plain post).
    const worker = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    await login(worker, DEMO.supportWorker);
    await visit(worker, `/g/${groupId}/support/households/${jeanneHousehold}/actions/new`);
    await worker.getByRole("checkbox", { name: "Droits et papiers" }).check();
    await worker.getByLabel("Type d'action").selectOption("home_visit");
    await worker.getByLabel("Note (équipe seulement)").fill(note);
    await worker.getByRole("button", { name: "Enregistrer" }).click();
    await worker.getByText(note).waitFor();

    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    await visit(page, `/g/${groupId}/households/${jeanneHousehold}/support`);
    await page.getByRole("heading", { level: 1, name: "L'accompagnement de notre foyer" }).waitFor();
    await page.getByText("Visite à domicile").first().waitFor();
    await page.getByText("Droits et papiers").first().waitFor();
    expect(await page.getByText(note).count()).toBe(0);
    expect(await page.getByText("Amandine Roche").count()).toBe(0);
    await expectNoA11yViolations(page);
  });

  it("without JavaScript, an interview without topics is refused next to the field, the note kept, nothing written", async () => {
    const note = `Sans sujet ${stamp}`;
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    expectHttpErrors(page, 400);
    await login(page, DEMO.supportWorker);
    await visit(page, `/g/${groupId}/support/households/${jeanneHousehold}/actions/new`);
    await page.getByLabel("Durée (minutes)").fill("30");
    await page.getByLabel("Note (équipe seulement)").fill(note);
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Choisissez au moins un sujet.").waitFor();
    expect(await page.getByLabel("Note (équipe seulement)").inputValue()).toBe(note);
    await expectNoA11yViolations(page);
    expect(actionsWithNote(note)).toEqual([]);
  });
});
