// The resident looks after her own household: from Home to the household page, the edit form, the toast;
// bad input is answered by the field and saves nothing.
import { describe, expect, it } from "vitest";
import { DEMO, HttpClient, db, demoIds, expectNoA11yViolations, login, newPhonePage, useBrowser } from "./helpers";

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
    const messages = await Promise.all(describedBy.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).innerText()));
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
