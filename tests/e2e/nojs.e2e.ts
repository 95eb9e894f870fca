// Without JavaScript (old phones, data saver, a script that failed to load): every form still posts to the
// server, and the server's answer is the whole page.
import { describe, expect, it } from "vitest";
import { DEMO, db, demoIds, expectHttpErrors, expectNoA11yViolations, login, newPhonePage, useBrowser, visit } from "./helpers";

const chrome = useBrowser();

describe("without JavaScript", () => {
  it("the resident logs in and Home renders", async () => {
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    await visit(page, "/login");
    await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
    await expectNoA11yViolations(page);
    await login(page, DEMO.resident);

    const { tilleuls } = demoIds(db());
    expect(new URL(page.url()).pathname).toBe(`/g/${tilleuls}`);
    await page.getByRole("heading", { level: 1, name: "Bonjour Jeanne" }).waitFor();
    expect(await page.getByRole("link", { name: "Voir et modifier mon foyer" }).isVisible()).toBe(true);
    const tabs = page.getByRole("navigation", { name: "Navigation principale" });
    expect(await tabs.getByRole("link").allInnerTexts()).toEqual(["Aujourd'hui", "Calendrier", "Réserver", "Échanges", "Collectif"]);
    await expectNoA11yViolations(page);

    // The address of the app itself leads Home too.
    await visit(page, "/");
    await page.getByRole("heading", { level: 1, name: "Bonjour Jeanne" }).waitFor();
  });

  it("a wrong password is answered by the server next to the form, email kept", async () => {
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    expectHttpErrors(page, 400);
    await visit(page, "/login");
    await page.getByLabel("Adresse e-mail").fill(DEMO.groupAdmin);
    await page.getByLabel("Mot de passe", { exact: true }).fill("pas-le-bon");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.locator("form").getByRole("alert").getByText("Adresse e-mail ou mot de passe incorrect.").waitFor();
    expect(await page.getByLabel("Adresse e-mail").inputValue()).toBe(DEMO.groupAdmin);
    await expectNoA11yViolations(page);
    // A correct login right after clears the email's failure count.
    await login(page, DEMO.groupAdmin);
  });

  it("an account form with an empty name shows the error by the field, keeps the other values and saves nothing", async () => {
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    expectHttpErrors(page, 400);
    await login(page, DEMO.resident);
    await visit(page, "/account");
    await page.getByRole("heading", { level: 1, name: "Mon compte" }).waitFor();
    await expectNoA11yViolations(page);

    const name = page.getByLabel("Votre nom (tel qu'il apparaît dans le collectif)");
    const phone = page.getByLabel("Téléphone", { exact: true });
    // Only spaces: the browser's own "required" check lets it through, the server must refuse it.
    await name.fill("   ");
    await phone.fill("06 39 98 11 22");
    await page.getByLabel("Montrer mon adresse e-mail").check();
    await page.getByRole("button", { name: "Enregistrer" }).click();

    await page.getByText("Ce champ est obligatoire.").waitFor();
    expect(new URL(page.url()).pathname).toBe("/account");
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await name.getAttribute("aria-describedby")) ?? "";
    const messages = await Promise.all(
      describedBy
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => page.locator(`[id="${id}"]`).innerText()),
    );
    expect(messages.join(" "), "the error is tied to the name field").toContain("Ce champ est obligatoire.");
    // What she typed elsewhere is still there.
    expect(await phone.inputValue()).toBe("06 39 98 11 22");
    expect(await page.getByLabel("Montrer mon adresse e-mail").isChecked()).toBe(true);
    expect(await page.getByLabel("Langue").inputValue()).toBe("fr");
    await expectNoA11yViolations(page);

    const handle = db();
    try {
      expect(handle.prepare("select name, phone, show_email as showEmail from users where email = ?").get(DEMO.resident)).toEqual({
        name: "Jeanne Marchand",
        phone: "06 39 98 61 07",
        showEmail: 0,
      });
    } finally {
      handle.close();
    }
  });
});
