// The resident charter on a phone (360×740). Jeanne, who has not signed the version in force, is asked on
// her Home; she follows the prompt, reads the charter and signs it — then her Home no longer asks. She
// compares two versions (the two selects of a GET form), sees words added and removed marked in a way that
// does not rest on colour, and comments on the proposed version. The facilitator sees the shares and the
// list of signatures. axe finds nothing on each page visited.
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO, db, demoIds, expectNoA11yViolations, login, newPhonePage, useBrowser, visit } from "./helpers";

const chrome = useBrowser();
let groupId = "";
let jeannePerson = "";

function signaturesOf(personId: string): { number: number; method: string }[] {
  const handle = db();
  try {
    return handle
      .prepare(
        "select v.number, s.method from charter_signatures s join charter_versions v on v.id = s.version_id where s.person_id = ? and v.status = 'adopted'",
      )
      .all(personId) as { number: number; method: string }[];
  } finally {
    handle.close();
  }
}

beforeAll(() => {
  const ids = demoIds(db());
  groupId = ids.tilleuls;
  jeannePerson = ids.jeanne.personId;
});

describe("the charter on a phone", () => {
  it("Jeanne signs the version in force from her Home's prompt; then the prompt is gone", async () => {
    expect(signaturesOf(jeannePerson)).toEqual([]);
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    await visit(page, `/g/${groupId}`);
    const prompt = page.getByRole("region", { name: "Charte des habitants" });
    await prompt.getByText("Une nouvelle version de la charte a été adoptée (version 2).", { exact: false }).waitFor();
    await expectNoA11yViolations(page);

    await prompt.getByRole("link", { name: "Lire et signer la charte" }).click();
    await page.getByRole("heading", { level: 1, name: "Charte des habitants" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Article 7 — Conflits" }).waitFor();
    await expectNoA11yViolations(page);
    const sign = page.getByRole("button", { name: "J'ai lu et j'accepte la charte" });
    await sign.scrollIntoViewIfNeeded();
    expect(await sign.isVisible()).toBe(true);
    await sign.click();
    await page.getByRole("status").getByText("Merci ! Votre signature de la charte est enregistrée.").waitFor();
    await page.getByText(/^Vous avez signé cette version le /).waitFor();
    expect(await page.getByRole("button", { name: "J'ai lu et j'accepte la charte" }).count()).toBe(0);
    expect(signaturesOf(jeannePerson)).toEqual([{ number: 2, method: "online" }]);
    await expectNoA11yViolations(page);

    await visit(page, `/g/${groupId}`);
    await page.getByRole("heading", { level: 1, name: /^Bonjour Jeanne/ }).waitFor();
    expect(await page.getByRole("link", { name: "Lire et signer la charte" }).count()).toBe(0);
    // What is left on Home is the invitation to comment on version 3.
    await page.getByRole("region", { name: "Charte des habitants" }).getByRole("link", { name: "Donner mon avis" }).waitFor();
  });

  it("compares two versions article by article, with words added and removed marked", async () => {
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    await visit(page, `/g/${groupId}/charter`);
    await page.getByRole("link", { name: "Comparer deux versions" }).click();
    await page.getByRole("heading", { level: 1, name: "Comparer deux versions de la charte" }).waitFor();
    // By default: the version in force against the one before it.
    await page.getByRole("heading", { level: 2, name: "De la version 1 à la version 2" }).waitFor();
    await page.getByRole("heading", { level: 3, name: "Article retiré Animaux" }).waitFor();
    await page.getByRole("heading", { level: 3, name: /^Article ajouté Solidarité entre générations/ }).waitFor();
    await expectNoA11yViolations(page);

    await page.getByLabel("Version de départ").selectOption({ label: "Version 2 (En vigueur)" });
    await page.getByLabel("Version d'arrivée").selectOption({ label: "Version 3 (Proposée)" });
    await page.getByRole("button", { name: "Comparer" }).click();
    await page.getByRole("heading", { level: 2, name: "De la version 2 à la version 3" }).waitFor();
    expect(new URL(page.url()).searchParams.get("to")).not.toBeNull();
    const noise = page.getByRole("article").filter({ has: page.getByRole("heading", { name: /Article modifié Bruit et heures calmes/ }) });
    // The changed quiet hours: the new words in <ins>, the old ones in <del>, each with its spoken label.
    const ins = noise.locator("ins");
    const del = noise.locator("del");
    expect(await ins.count()).toBeGreaterThan(0);
    expect(await del.count()).toBeGreaterThan(0);
    expect(await noise.locator("ins").filter({ hasText: "30" }).count()).toBeGreaterThan(0);
    expect(await ins.first().locator(".visually-hidden").first().textContent()).toBe("[ajouté] ");
    expect(await del.first().locator(".visually-hidden").first().textContent()).toBe("[supprimé] ");
    // Not by colour alone: underlined and struck through.
    expect(await ins.first().evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe("underline");
    expect(await del.first().evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe("line-through");
    await page.getByRole("heading", { level: 3, name: /^Article ajouté Jardin partagé/ }).waitFor();
    await expectNoA11yViolations(page);
  });

  it("Jeanne comments on the proposed version", async () => {
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    await visit(page, `/g/${groupId}/charter`);
    await page.getByRole("link", { name: "Lire et donner mon avis" }).click();
    await page.getByRole("heading", { level: 1, name: /^Version 3 — / }).waitFor();
    await expectNoA11yViolations(page);
    await page.getByLabel("Mon commentaire porte sur").selectOption({ label: "Article 5 — Jardin partagé" });
    await page.getByLabel("Commentaire", { exact: true }).fill("Je peux arroser les tomates en juillet.");
    await page.getByRole("button", { name: "Publier mon commentaire" }).click();
    await page.getByRole("status").getByText("Commentaire publié.").waitFor();
    const garden = page.getByRole("article").filter({ has: page.getByRole("heading", { level: 2, name: "Article 5 — Jardin partagé" }) });
    await garden.getByText("Je peux arroser les tomates en juillet.").waitFor();
    await expectNoA11yViolations(page);
  });

  it("the facilitator sees the shares and who signed, Jeanne now among them", async () => {
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.facilitator);
    await visit(page, `/g/${groupId}/charter`);
    await page.getByText("Adultes ayant signé la version en vigueur").waitFor();
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: "Voir qui a signé" }).click();
    await page.getByRole("heading", { level: 1, name: "Signatures de la charte" }).waitFor();
    const marchand = page.getByRole("region", { name: /^Foyer Marchand/ });
    await marchand.getByText(/^Signé en ligne le /).waitFor();
    expect(await page.getByText("Pas encore signé").count()).toBeGreaterThan(0);
    await expectNoA11yViolations(page);
  });
});
