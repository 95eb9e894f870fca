// A resident downloads her data as a JSON file; a person invited for this test deletes her own account,
// without JavaScript, and can no longer log in. The demo accounts are never deleted (other tests use them).
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { DEMO, db, demoIds, expectHttpErrors, expectNoA11yViolations, login, newPhonePage, readLatestMail, useBrowser, visit } from "./helpers";

const chrome = useBrowser();

describe("personal data", () => {
  it("a resident downloads her data as JSON from her account page", async () => {
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    await visit(page, "/account");
    await page.getByRole("heading", { level: 2, name: "Mes données" }).waitFor();
    await expectNoA11yViolations(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger mes données" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^maisonnee-mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await readFile((await download.path())!, "utf8");
    // In French for a French reader: French keys, dates written out (issue 17).
    const data = JSON.parse(text) as Record<string, unknown> & {
      "à propos": { format: string };
      compte: { "adresse e-mail": string; "créé le": string };
      personnes: unknown[];
      "appartenances à un collectif": { collectif: string }[];
    };
    expect(data["à propos"].format).toBe("maisonnee-personal-data");
    expect(data.compte["adresse e-mail"]).toBe(DEMO.resident);
    expect(data.compte["créé le"]).toMatch(/^\d{1,2}(er)? \p{L}+ \d{4} à \d{1,2} h \d{2}$/u);
    expect(data.personnes.length).toBeGreaterThan(0);
    expect(data["appartenances à un collectif"].map((m) => m.collectif)).toContain("Les Tilleuls");
    expect(text).not.toContain("$argon2");
    expect(text).not.toContain(DEMO.facilitator);
  });

  it("a person deletes her own account without JavaScript, and cannot log in anymore", async () => {
    const { tilleuls } = demoIds(db());
    const email = `ephemere.${Date.now()}@exemple.fr`;
    const password = "un mot de passe jetable";

    // An account made for this test, through the facilitator's invitation and its mail.
    const facilitator = await newPhonePage(chrome.browser);
    await login(facilitator, DEMO.facilitator);
    await visit(facilitator, `/g/${tilleuls}/invitations`);
    await facilitator.getByLabel("Adresse e-mail de la personne").fill(email);
    await facilitator.getByLabel("Rôle dans le collectif").selectOption({ label: "Habitant·e" });
    await facilitator.getByLabel("Foyer", { exact: true }).selectOption({ label: "Nouveau foyer" });
    await facilitator.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await facilitator.getByRole("status").getByText("Invitation envoyée.").waitFor();
    const mail = await readLatestMail(inject("outboxDir"), email);

    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    await visit(page, mail.link!);
    await page.getByLabel("Votre nom (tel qu'il apparaît dans le collectif)").fill("Éphémère Jetable");
    await page.getByLabel("Mot de passe", { exact: true }).fill(password);
    await page.getByLabel("Confirmez le mot de passe").fill(password);
    await page.getByRole("button", { name: "Créer mon compte et rejoindre" }).click();
    await page.getByRole("heading", { level: 1, name: "Bonjour Éphémère" }).waitFor();

    await visit(page, "/account");
    await page.getByRole("link", { name: "Supprimer mon compte" }).click();
    await page.getByRole("heading", { level: 1, name: "Supprimer mon compte" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Ce que la suppression fait" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Ce qu'elle ne fait pas" }).waitFor();
    await expectNoA11yViolations(page);

    // A wrong word: refused next to the field, the account still there.
    expectHttpErrors(page, 400);
    await page.getByLabel("Votre mot de passe").fill(password);
    await page.getByLabel("Tapez SUPPRIMER pour confirmer").fill("oui");
    await page.getByRole("button", { name: "Supprimer définitivement mon compte" }).click();
    await page.getByText("Tapez le mot SUPPRIMER pour confirmer.").waitFor();
    expect(await page.getByLabel("Tapez SUPPRIMER pour confirmer").inputValue()).toBe("oui");
    await expectNoA11yViolations(page);

    await page.getByLabel("Votre mot de passe").fill(password);
    await page.getByLabel("Tapez SUPPRIMER pour confirmer").fill("supprimer");
    await page.getByRole("button", { name: "Supprimer définitivement mon compte" }).click();
    await page.getByRole("status").getByText("Votre compte est supprimé. Vos données ont été anonymisées.").waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    await expectNoA11yViolations(page);

    // The session is gone; the old email and password open nothing.
    await visit(page, "/account");
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByLabel("Mot de passe", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");

    const handle = db();
    try {
      expect(handle.prepare("select count(*) as n from users where email = ?").get(email)).toEqual({ n: 0 });
      expect(handle.prepare("select count(*) as n from persons where first_name like 'Éphémère%'").get()).toEqual({ n: 0 });
      // The demo resident is untouched.
      expect(handle.prepare("select count(*) as n from users where email = ?").get(DEMO.resident)).toEqual({ n: 1 });
    } finally {
      handle.close();
    }
  });
});
