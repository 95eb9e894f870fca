// Shared meals on a phone: the facilitator creates a meal through the form; the resident opens the calendar,
// opens the meal and signs her household up (1 adult) at 360×740, sees "Inscrit" and one place fewer; a
// negative count is refused by the field and saves nothing; without JavaScript the sign-up form still works.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { todayIn } from "~/modules/core/dates";
import { addDays } from "~/modules/core/recurrence";
import { DEMO, db, demoIds, expectHttpErrors, expectNoA11yViolations, login, newPhonePage, useBrowser, visit } from "./helpers";

const chrome = useBrowser();
const stamp = Date.now().toString(36).slice(-5);
const MEAL = `Repas test ${stamp}`;
const MEAL_NOJS = `Repas sans JS ${stamp}`;
// Tomorrow in the group's zone: in the future, and sign-ups open until the start.
const date = addDays(todayIn("Europe/Paris"), 1);
let groupId = "";
const created: Record<string, string> = {};

function signupsOf(occurrenceId: string, householdId: string) {
  const handle = db();
  try {
    return handle
      .prepare("select status, adults, children, infants, guests from event_signups where occurrence_id = ? and household_id = ? and status <> 'cancelled'")
      .all(occurrenceId, householdId) as { status: string; adults: number }[];
  } finally {
    handle.close();
  }
}

/** The facilitator fills the new-event form; returns the first occurrence's id (the page it lands on). */
async function createMeal(page: Page, title: string) {
  await visit(page, `/g/${groupId}/events/new`);
  await page.getByRole("heading", { level: 1, name: "Nouvel événement" }).waitFor();
  await page.getByLabel("Type").selectOption("shared_meal");
  await page.getByLabel("Titre").fill(title);
  await page.getByLabel("Date", { exact: true }).fill(date);
  await page.getByLabel("Début", { exact: true }).fill("19:30");
  await page.getByLabel("Fin", { exact: true }).fill("21:30");
  await page.getByLabel("Ou un autre lieu").fill("Salle commune");
  await page.getByLabel("Nombre de places").fill("30");
  await page.getByRole("button", { name: "Créer l'événement" }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  const id = new URL(page.url()).pathname.split("/").pop() ?? "";
  expect(id).toMatch(/\S+/);
  return id;
}

const weekStart = (d: string) => {
  const weekday = (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(d, -weekday);
};

beforeAll(async () => {
  groupId = demoIds(db()).tilleuls;
  const page = await newPhonePage(chrome.browser);
  await login(page, DEMO.facilitator);
  await visit(page, `/g/${groupId}/events/new`);
  await expectNoA11yViolations(page);
  created.meal = await createMeal(page, MEAL);
  await page.getByRole("status").getByText("Événement créé.").waitFor();
  await expectNoA11yViolations(page);
  created.nojs = await createMeal(page, MEAL_NOJS);
  await page.context().close();
});

describe("shared meals", () => {
  it("the resident opens the calendar, opens the meal and signs her household up", async () => {
    const { jeanne } = demoIds(db());
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);

    await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Calendrier" }).click();
    await page.getByRole("heading", { level: 1, name: "Calendrier du collectif" }).waitFor();
    await expectNoA11yViolations(page);
    await visit(page, `/g/${groupId}/calendar?start=${weekStart(date)}`);
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: new RegExp(MEAL) }).first().click();
    await page.getByRole("heading", { level: 1, name: MEAL }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/g/${groupId}/events/${created.meal}`);
    await page.getByText("30 places libres sur 30").waitFor();
    await expectNoA11yViolations(page);

    // A negative count: refused next to the field (in the browser), nothing saved.
    const form = page.locator("#signup-form");
    const adults = form.getByLabel("Adultes");
    await adults.fill("-1");
    await form.getByRole("button", { name: "S'inscrire" }).click();
    await page.getByText("Saisissez un nombre entier, 0 ou plus.").first().waitFor();
    expect(await adults.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await adults.getAttribute("aria-describedby")) ?? "";
    const messages = await Promise.all(describedBy.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).innerText()));
    expect(messages.join(" ")).toContain("Saisissez un nombre entier, 0 ou plus.");
    expect(signupsOf(created.meal, jeanne.householdId)).toEqual([]);
    await expectNoA11yViolations(page);

    // One adult: one tap on "S'inscrire".
    await adults.fill("1");
    await form.getByLabel("Enfants de 3 à 12 ans").fill("0");
    await form.getByLabel("Enfants de moins de 3 ans (gratuit)").fill("0");
    await form.getByLabel("Invité·es hors du foyer").fill("0");
    await form.getByRole("button", { name: "S'inscrire" }).click();
    await page.getByRole("status").getByText("Inscription enregistrée.").waitFor();
    await page.locator("#signup").getByText("Inscrit", { exact: true }).waitFor();
    await page.getByText("29 places libres sur 30").waitFor();
    await expectNoA11yViolations(page);
    expect(signupsOf(created.meal, jeanne.householdId)).toMatchObject([{ status: "confirmed", adults: 1 }]);
  });

  it("the server refuses a negative count too: 400, the message by the field, nothing saved", async () => {
    const { jeanne } = demoIds(db());
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    expectHttpErrors(page, 400);
    await login(page, DEMO.resident);
    await visit(page, `/g/${groupId}/events/${created.nojs}`);
    await page.getByRole("heading", { level: 1, name: MEAL_NOJS }).waitFor();
    const form = page.locator("#signup-form");
    await form.getByLabel("Adultes").fill("-2");
    await form.getByRole("button", { name: "S'inscrire" }).click();
    await page.locator("#signup-form").getByText("Saisissez un nombre entier, 0 ou plus.").waitFor();
    expect(await page.locator("#signup-form").getByLabel("Adultes").inputValue()).toBe("-2");
    expect(signupsOf(created.nojs, jeanne.householdId)).toEqual([]);
    await expectNoA11yViolations(page);
  });

  it("without JavaScript the sign-up form works", async () => {
    const { jeanne } = demoIds(db());
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    await login(page, DEMO.resident);
    await visit(page, `/g/${groupId}/calendar?start=${weekStart(date)}`);
    await page.getByRole("heading", { level: 1, name: "Calendrier du collectif" }).waitFor();
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: new RegExp(MEAL_NOJS) }).first().click();
    await page.getByRole("heading", { level: 1, name: MEAL_NOJS }).waitFor();
    const form = page.locator("#signup-form");
    await form.getByLabel("Adultes").fill("1");
    await form.getByLabel("Enfants de 3 à 12 ans").fill("0");
    await form.getByLabel("Enfants de moins de 3 ans (gratuit)").fill("0");
    await form.getByLabel("Invité·es hors du foyer").fill("0");
    await form.getByRole("button", { name: "S'inscrire" }).click();
    await page.getByRole("status").getByText("Inscription enregistrée.").waitFor();
    await page.locator("#signup").getByText("Inscrit", { exact: true }).waitFor();
    await page.getByText("29 places libres sur 30").waitFor();
    await expectNoA11yViolations(page);
    expect(signupsOf(created.nojs, jeanne.householdId)).toMatchObject([{ status: "confirmed", adults: 1 }]);
  });
});

describe("facilitator pages", () => {
  it("the facilitator cancels a date with a reason; the balances and the list view are readable", async () => {
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.facilitator);
    await visit(page, `/g/${groupId}/events/${created.nojs}`);
    await page.getByRole("link", { name: "Modifier ou annuler cette date" }).click();
    await page.getByLabel("Que voulez-vous faire ?").waitFor();
    await expectNoA11yViolations(page);
    for (const intent of ["move", "edit", "following"]) {
      await visit(page, `/g/${groupId}/events/${created.nojs}/edit?intent=${intent}`);
      await page.getByRole("heading", { level: 2 }).first().waitFor();
      await expectNoA11yViolations(page);
    }
    await visit(page, `/g/${groupId}/events/${created.nojs}/edit?intent=cancel`);
    await page.getByLabel("Raison (envoyée aux foyers inscrits)").fill("Cuisine en travaux");
    await page.getByRole("button", { name: "Annuler cette date" }).click();
    await page.getByRole("status").getByText("Date annulée : les foyers inscrits sont prévenus.").waitFor();
    await page.getByText("Cette date est annulée.", { exact: false }).first().waitFor();
    await expectNoA11yViolations(page);

    await visit(page, `/g/${groupId}/events/balances`);
    await page.getByRole("heading", { level: 1, name: "Soldes des repas" }).waitFor();
    await expectNoA11yViolations(page);

    await visit(page, `/g/${groupId}/calendar?view=list&start=${date}`);
    await page.getByRole("link", { name: MEAL }).first().waitFor();
    await expectNoA11yViolations(page);
  });
});
