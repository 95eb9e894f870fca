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
    await page
      .getByRole("link", { name: new RegExp(MEAL) })
      .first()
      .click();
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
    const messages = await Promise.all(
      describedBy
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => page.locator(`[id="${id}"]`).innerText()),
    );
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
    await page
      .getByRole("link", { name: new RegExp(MEAL_NOJS) })
      .first()
      .click();
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

describe("meal roles and costs (facilitator)", () => {
  const euros = (cents: number) => new Intl.NumberFormat("fr", { style: "currency", currency: "EUR" }).format(cents / 100);
  const headCookSlots = (occurrenceId: string) => {
    const handle = db();
    try {
      return (handle.prepare("select slots from meal_roles where occurrence_id = ? and role = 'head_cook'").get(occurrenceId) as { slots: number } | undefined)
        ?.slots;
    } finally {
      handle.close();
    }
  };
  /** The role slots forms sit in a <details>: open it when it is closed. */
  async function openSlots(page: Page) {
    const details = page.locator("#roles details");
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator("summary").click();
  }

  it("the facilitator sets the head cook's places, with and without JavaScript; a negative number is refused by the field", async () => {
    const label = "Places : Chef·fe cuisinier·ère";
    const save = "Enregistrer les places : Chef·fe cuisinier·ère";
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.facilitator);
    await visit(page, `/g/${groupId}/events/${created.meal}`);
    await page.getByRole("heading", { level: 1, name: MEAL }).waitFor();
    await openSlots(page);
    await expectNoA11yViolations(page);
    const field = page.locator("#slots-head_cook").getByLabel(label, { exact: true });
    await field.fill("-1");
    await page.getByRole("button", { name: save }).click();
    await page.locator("#slots-head_cook").getByText("Saisissez un nombre entier, 0 ou plus.").waitFor();
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    await expectNoA11yViolations(page);
    await field.fill("2");
    await page.getByRole("button", { name: save }).click();
    await page.getByRole("status").getByText("Nombre de places enregistré.").waitFor();
    await page.locator("#roles li").filter({ hasText: "Chef·fe cuisinier·ère" }).getByText("0 sur 2").waitFor();
    expect(headCookSlots(created.meal)).toBe(2);

    const nojs = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    await login(nojs, DEMO.facilitator);
    await visit(nojs, `/g/${groupId}/events/${created.meal}`);
    await openSlots(nojs);
    await nojs.locator("#slots-head_cook").getByLabel(label, { exact: true }).fill("1");
    await nojs.getByRole("button", { name: save }).click();
    await nojs.getByRole("status").getByText("Nombre de places enregistré.").waitFor();
    await nojs.locator("#roles li").filter({ hasText: "Chef·fe cuisinier·ère" }).getByText("0 sur 1").waitFor();
    await expectNoA11yViolations(nojs);
    expect(headCookSlots(created.meal)).toBe(1);
  });

  it("the facilitator sets the child age limit from the balances page (and puts it back)", async () => {
    const page = await newPhonePage(chrome.browser);
    expectHttpErrors(page, 400);
    await login(page, DEMO.facilitator);
    await visit(page, `/g/${groupId}/events/balances`);
    await page.getByRole("link", { name: "Réglages des repas" }).click();
    await page.getByRole("heading", { level: 1, name: "Réglages des repas" }).waitFor();
    await expectNoA11yViolations(page);
    const limit = () => {
      const handle = db();
      try {
        return (handle.prepare("select child_age_limit as n from event_settings where group_id = ?").get(groupId) as { n: number } | undefined)?.n;
      } finally {
        handle.close();
      }
    };
    const field = page.getByLabel("Âge à partir duquel un enfant compte comme un adulte");
    expect(await field.inputValue()).toBe("12");
    await field.fill("30");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Saisissez un âge entre 4 et 18 ans.").waitFor();
    await expectNoA11yViolations(page);
    await field.fill("14");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByRole("status").getByText("Réglages des repas enregistrés.").waitFor();
    await expect.poll(limit).toBe(14);
    await field.fill("12");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(limit).toBe(12);
    await page.getByRole("status").getByText("Réglages des repas enregistrés.").first().waitFor();

    // A resident has no link and no access.
    const resident = await newPhonePage(chrome.browser);
    expectHttpErrors(resident, 403);
    await login(resident, DEMO.resident);
    await visit(resident, `/g/${groupId}/events/balances`);
    expect(await resident.getByRole("link", { name: "Réglages des repas" }).count()).toBe(0);
    const res = await visit(resident, `/g/${groupId}/events/settings`);
    expect(res.status()).toBe(403);
  });

  it("the facilitator records a cost in euros on a meal that has started, closes it and sees each household's share; the closed meal refuses changes", async () => {
    // The demo's most recent meal that has started and is still open (a meal created here would be in the future: it cannot be closed).
    const handle = db();
    let mealId: string;
    let title: string;
    let costsBefore: number;
    try {
      const row = handle
        .prepare(
          `select o.id, s.title from event_occurrences o join event_series s on s.id = o.series_id
            where o.group_id = ? and s.kind = 'shared_meal' and o.status = 'scheduled' and o.closed_at is null and o.starts_at < ?
              and exists (select 1 from event_signups e where e.occurrence_id = o.id and e.status = 'confirmed')
            order by o.starts_at desc limit 1`,
        )
        .get(groupId, Date.now()) as { id: string; title: string } | undefined;
      expect(row, "an open demo meal that has started").toBeTruthy();
      mealId = row!.id;
      title = row!.title;
      costsBefore = (handle.prepare("select count(*) as n from meal_costs where occurrence_id = ?").get(mealId) as { n: number }).n;
    } finally {
      handle.close();
    }

    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.facilitator);
    // A second page, without JavaScript, loaded before the meal is closed: its cost form is now stale.
    const stale = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    expectHttpErrors(stale, 400);
    await login(stale, DEMO.facilitator);
    await visit(stale, `/g/${groupId}/events/${mealId}`);
    await stale.locator("#cost-form").waitFor();

    await visit(page, `/g/${groupId}/events/${mealId}`);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await expectNoA11yViolations(page);
    const costForm = page.locator("#cost-form");
    await costForm.getByLabel("Montant (€)").fill("12,30");
    await costForm.getByLabel("Note (courses, marché…)").fill("Fromage");
    await costForm.getByRole("button", { name: "Enregistrer la dépense" }).click();
    await page.getByRole("status").getByText("Dépense enregistrée.").waitFor();
    await page.locator("#costs").getByText(euros(1230), { exact: false }).first().waitFor();
    // The form starts empty again: a second tap cannot record the same cost twice (issue 17).
    expect(await costForm.getByLabel("Montant (€)").inputValue()).toBe("");
    expect(await costForm.getByLabel("Note (courses, marché…)").inputValue()).toBe("");
    // The way to the households' balances, from the costs.
    expect(await page.locator("#costs").getByRole("link", { name: "Voir les soldes des repas" }).getAttribute("href")).toBe(`/g/${groupId}/events/balances`);

    // Closing cannot be undone: it asks first, and « Annuler » closes nothing.
    // Names are exact: « Clôturer le repas » is also part of « Oui, clôturer le repas ».
    await page.getByRole("button", { name: "Clôturer le repas", exact: true }).click();
    await page.getByRole("heading", { level: 2, name: "Clôturer ce repas ?" }).waitFor();
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: "Annuler", exact: true }).click();
    await page.getByRole("heading", { level: 2, name: "Clôturer le repas", exact: true }).waitFor();
    await page.getByRole("button", { name: "Clôturer le repas", exact: true }).click();
    await page.getByRole("button", { name: "Oui, clôturer le repas" }).click();
    await page.getByRole("status").getByText("Repas clôturé : les soldes sont à jour.").waitFor();
    await page.getByRole("heading", { level: 3, name: "Part de chaque foyer" }).waitFor();
    await expectNoA11yViolations(page);

    // The frozen split: one line per household, summing exactly to the cost; paid and eaten sum to zero.
    const check = db();
    try {
      const occ = check.prepare("select closed_at, frozen_cost_cents as cost from event_occurrences where id = ?").get(mealId) as {
        closed_at: number | null;
        cost: number;
      };
      expect(occ.closed_at).not.toBeNull();
      const eaten = check
        .prepare(
          "select h.name, -l.amount_cents as cents from meal_ledger l join households h on h.id = l.household_id where l.occurrence_id = ? and l.kind = 'eaten'",
        )
        .all(mealId) as { name: string; cents: number }[];
      expect(eaten.length).toBeGreaterThan(0);
      expect(eaten.reduce((s, l) => s + l.cents, 0)).toBe(occ.cost);
      const total = check.prepare("select coalesce(sum(amount_cents), 0) as n from meal_ledger where occurrence_id = ?").get(mealId) as { n: number };
      expect(total.n).toBe(0);
      const shares = page.locator("#costs").getByRole("listitem");
      for (const l of eaten)
        await shares
          .filter({ hasText: `${l.name} : ${euros(l.cents)}` })
          .first()
          .waitFor();
    } finally {
      check.close();
    }
    expect(await page.locator("#cost-form").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Clôturer le repas" }).count()).toBe(0);
    await page.locator("#costs").getByText("Ce repas est clos : ses inscriptions et ses comptes ne changent plus.").waitFor();

    // The stale form is refused by the server: 400, the message shown, nothing saved.
    await stale.locator("#cost-form").getByLabel("Montant (€)").fill("5");
    await stale.locator("#cost-form").getByRole("button", { name: "Enregistrer la dépense" }).click();
    await stale.locator("#costs").getByRole("alert").getByText("Ce repas est clos : ses inscriptions et ses comptes ne changent plus.").waitFor();
    await expectNoA11yViolations(stale);
    const after = db();
    try {
      expect((after.prepare("select count(*) as n from meal_costs where occurrence_id = ?").get(mealId) as { n: number }).n).toBe(costsBefore + 1);
    } finally {
      after.close();
    }
  });
});
