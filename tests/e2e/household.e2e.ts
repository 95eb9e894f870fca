// The resident looks after her own household: from Home to the household page, the edit form, the toast;
// bad input is answered by the field and saves nothing. What she sees of the others: no disability nor birth
// year unless they chose to show it, no other household's meal balance (issue 16).
import { describe, expect, it } from "vitest";
import { DEMO, HttpClient, db, demoIds, expectNoA11yViolations, login, newPhonePage, useBrowser, visit } from "./helpers";

const chrome = useBrowser();

function household(id: string) {
  const handle = db();
  try {
    return handle.prepare("select name, dwelling, arrival_date as arrivalDate from households where id = ?").get(id) as {
      name: string;
      dwelling: string;
      arrivalDate: string;
    };
  } finally {
    handle.close();
  }
}

describe("my household", () => {
  it("the resident edits her dwelling from Home and sees the toast and the new value", async () => {
    const { tilleuls, jeanne } = demoIds(db());
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    await page.getByRole("heading", { level: 1, name: "Bonjour Jeanne" }).waitFor();

    await page.getByRole("link", { name: "Voir et modifier mon foyer" }).click();
    await page.getByRole("heading", { level: 1, name: "Foyer Marchand" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/g/${tilleuls}/households/${jeanne.householdId}`);
    expect(await page.getByText("Votre foyer", { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByRole("heading", { level: 3, name: "Jeanne Marchand" }).isVisible()).toBe(true);
    await expectNoA11yViolations(page);

    await page.getByRole("link", { name: "Modifier le foyer" }).click();
    await page.getByRole("heading", { level: 1, name: "Modifier le foyer" }).waitFor();
    const dwelling = page.getByLabel("Logement (facultatif)");
    expect(await dwelling.inputValue()).toBe("Appartement 6");
    // A resident does not change the arrival date (it feeds the funders' figures).
    expect(await page.getByLabel("Date d'arrivée").count()).toBe(0);
    await expectNoA11yViolations(page);

    await dwelling.fill("Appartement 6, 2e étage, porte gauche");
    await page.getByRole("button", { name: "Enregistrer" }).click();

    await page.getByRole("status").getByText("Foyer enregistré.").waitFor();
    expect(new URL(page.url()).pathname).toBe(`/g/${tilleuls}/households/${jeanne.householdId}`);
    await page.getByText("Appartement 6, 2e étage, porte gauche").waitFor();
    await expectNoA11yViolations(page);
    expect(household(jeanne.householdId)).toMatchObject({ name: "Foyer Marchand", dwelling: "Appartement 6, 2e étage, porte gauche" });
  });

  it("an empty name is refused by the field and nothing is saved", async () => {
    const { tilleuls, jeanne } = demoIds(db());
    const before = household(jeanne.householdId);
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    await page.getByRole("link", { name: "Voir et modifier mon foyer" }).click();
    await page.getByRole("link", { name: "Modifier le foyer" }).click();
    await page.getByRole("heading", { level: 1, name: "Modifier le foyer" }).waitFor();

    const name = page.getByLabel("Nom du foyer");
    await name.fill("");
    await page.getByLabel("Logement (facultatif)").fill("Ailleurs");
    await page.getByRole("button", { name: "Enregistrer" }).click();

    await page.getByText("Ce champ est obligatoire.").waitFor();
    expect(new URL(page.url()).pathname).toBe(`/g/${tilleuls}/households/${jeanne.householdId}/edit`);
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await name.getAttribute("aria-describedby")) ?? "";
    const messages = await Promise.all(
      describedBy
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => page.locator(`[id="${id}"]`).innerText()),
    );
    expect(messages.join(" "), "the error is tied to the name field").toContain("Ce champ est obligatoire.");
    expect(await page.getByLabel("Logement (facultatif)").inputValue()).toBe("Ailleurs");
    expect(await page.getByRole("status").count(), "no success toast").toBe(0);
    await expectNoA11yViolations(page);
    expect(household(jeanne.householdId)).toEqual(before);

    // The server refuses it too when the browser's checks are skipped: 400, nothing written.
    const http = new HttpClient();
    await http.login(DEMO.resident);
    const res = await http.post(`/g/${tilleuls}/households/${jeanne.householdId}/edit`, { name: "  ", dwelling: "Ailleurs" });
    expect(res.status).toBe(400);
    expect(res.body).toContain("Ce champ est obligatoire.");
    expect(household(jeanne.householdId)).toEqual(before);
  });
});

function one<T>(sql: string, ...params: unknown[]): T {
  const handle = db();
  try {
    const row = handle.prepare(sql).get(...params) as T | undefined;
    if (!row) throw new Error(`demo data missing: ${sql}`);
    return row;
  } finally {
    handle.close();
  }
}

describe("what a resident sees of the other households", () => {
  it("a neighbour's page shows names and profile, not a disability nor a birth year; the facilitator sees them", async () => {
    const { tilleuls, jeanne } = demoIds(db());
    const neighbour = one<{ id: string; name: string; firstName: string; lastName: string | null; birthYear: number }>(
      `select h.id, h.name, p.first_name as firstName, p.last_name as lastName, p.birth_year as birthYear
         from persons p join households h on h.id = p.household_id
        where h.group_id = ? and h.id <> ? and (h.departure_date is null or h.departure_date > date('now'))
          and p.tags like '%"disability"%' and p.birth_year is not null and p.birth_year_visibility = 'hidden' and p.sensitive_tags_visible = 0
        order by h.name limit 1`,
      tilleuls,
      jeanne.householdId,
    );
    const personName = [neighbour.firstName, neighbour.lastName].filter(Boolean).join(" ");
    const url = `/g/${tilleuls}/households/${neighbour.id}`;

    const resident = await newPhonePage(chrome.browser);
    await login(resident, DEMO.resident);
    await visit(resident, url);
    await resident.getByRole("heading", { level: 1, name: neighbour.name }).waitFor();
    expect(await resident.getByRole("heading", { level: 3, name: personName }).isVisible()).toBe(true);
    expect(await resident.getByText("Situation de handicap").count()).toBe(0);
    expect(await resident.getByText(`Né·e en ${neighbour.birthYear}`).count()).toBe(0);
    // Nor in the data the page carries (the translations inlined in it do name the tags: look for the values).
    expect(await resident.content()).not.toContain(`"birthYear":${neighbour.birthYear}`);
    expect(await resident.content()).not.toMatch(/"tags":\[[^\]]*"disability"/);
    await expectNoA11yViolations(resident);

    const facilitator = await newPhonePage(chrome.browser);
    await login(facilitator, DEMO.facilitator);
    await visit(facilitator, url);
    await facilitator.getByRole("heading", { level: 1, name: neighbour.name }).waitFor();
    expect(await facilitator.getByText("Situation de handicap").first().isVisible()).toBe(true);
    expect(await facilitator.getByText(`Né·e en ${neighbour.birthYear}`).isVisible()).toBe(true);
  });

  it("Jeanne chooses, without JavaScript, that the group sees her age band; the form keeps a bad value's answer by the field", async () => {
    const { tilleuls, jeanne } = demoIds(db());
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    await login(page, DEMO.resident);
    await visit(page, `/g/${tilleuls}/households/${jeanne.householdId}`);
    await page.getByRole("link", { name: "Ce que le collectif voit de Jeanne" }).click();
    await page.getByRole("heading", { level: 1, name: "Ce que le collectif voit" }).waitFor();
    expect(await page.getByRole("radio", { name: "Rien" }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "Les montrer aux autres habitant·es" }).isChecked()).toBe(false);
    await expectNoA11yViolations(page);

    await page.getByRole("radio", { name: /Une tranche d'âge/ }).check();
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByRole("status").getByText("Vos choix sont enregistrés.").waitFor();
    expect(new URL(page.url()).pathname).toBe(`/g/${tilleuls}/households/${jeanne.householdId}`);
    await page.getByText("Les autres habitant·es voient : la tranche d'âge ; pas le handicap ni l'insertion.").first().waitFor();
    expect(one<{ v: string }>("select birth_year_visibility as v from persons where id = ?", jeanne.personId).v).toBe("age_band");

    // A forged value is refused by the server next to its field, nothing saved.
    const http = new HttpClient();
    await http.login(DEMO.resident);
    const res = await http.post(`/g/${tilleuls}/households/${jeanne.householdId}/persons/${jeanne.personId}/privacy`, { birthYear: "tout le monde" });
    expect(res.status).toBe(400);
    expect(res.body).toContain("Cette valeur n&#x27;est pas valable.");
    expect(one<{ v: string }>("select birth_year_visibility as v from persons where id = ?", jeanne.personId).v).toBe("age_band");
  });

  it("the meal balances: her own household's and the group's totals, not the neighbours' by name", async () => {
    const { tilleuls, jeanne } = demoIds(db());
    const other = one<{ name: string }>(
      `select h.name from meal_ledger l join households h on h.id = l.household_id where l.group_id = ? and h.id <> ? order by h.name limit 1`,
      tilleuls,
      jeanne.householdId,
    );
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    await visit(page, `/g/${tilleuls}/events/balances`);
    await page.getByRole("heading", { level: 1, name: "Soldes des repas" }).waitFor();
    const table = page.getByRole("table", { name: "Soldes des repas" });
    expect(await table.getByRole("rowheader", { name: other.name }).count()).toBe(0);
    expect(await table.getByRole("rowheader", { name: /^Tout le collectif \(\d+ foyers\)$/ }).isVisible()).toBe(true);
    expect(await page.content()).not.toContain(other.name);
    await expectNoA11yViolations(page);

    const facilitator = await newPhonePage(chrome.browser);
    await login(facilitator, DEMO.facilitator);
    await visit(facilitator, `/g/${tilleuls}/events/balances`);
    expect(await facilitator.getByRole("table", { name: "Soldes des repas" }).getByRole("rowheader", { name: other.name }).isVisible()).toBe(true);
  });
});
