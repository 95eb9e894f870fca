// A facilitator invites a new resident by email; the person opens the link, creates her account and lands
// on the group's Home. The link works once.
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { DEMO, baseURL, db, demoIds, expectHttpErrors, expectNoA11yViolations, login, newPhonePage, readLatestMail, useBrowser, visit } from "./helpers";

const chrome = useBrowser();

describe("invitations", () => {
  it("a facilitator invites a new resident, who joins through the emailed link, once", async () => {
    const { tilleuls } = demoIds(db());
    const email = `odile.ferrand.${Date.now()}@exemple.fr`;

    // The facilitator sends the invitation.
    const facilitator = await newPhonePage(chrome.browser);
    await login(facilitator, DEMO.facilitator);
    await visit(facilitator, `/g/${tilleuls}/invitations`);
    await facilitator.getByRole("heading", { level: 1, name: "Inviter une personne" }).waitFor();
    await expectNoA11yViolations(facilitator);

    await facilitator.getByLabel("Adresse e-mail de la personne").fill(email);
    await facilitator.getByLabel("Rôle dans le collectif").selectOption({ label: "Habitant·e" });
    await facilitator.getByLabel("Foyer", { exact: true }).selectOption({ label: "Nouveau foyer" });
    await facilitator.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await facilitator.getByRole("status").getByText("Invitation envoyée.").waitFor();
    const pending = facilitator.getByRole("region", { name: "Invitations en attente" });
    await pending.getByText(email, { exact: true }).waitFor();
    // The form is empty again, ready for the next person.
    expect(await facilitator.getByLabel("Adresse e-mail de la personne").inputValue()).toBe("");
    await expectNoA11yViolations(facilitator);

    // The mail, in French, with a personal link to this server.
    const mail = await readLatestMail(inject("outboxDir"), email);
    expect(mail.subject).toBe("Invitation à rejoindre Les Tilleuls sur Maisonnée");
    expect(mail.text).toContain("Nadia Cherif vous invite à rejoindre Les Tilleuls");
    expect(mail.link, `a link in:\n${mail.text}`).toMatch(new RegExp(`^${baseURL()}/invite/[a-z0-9]+$`));
    const link = mail.link!;

    // The invited person, on her own phone, not logged in.
    const invited = await newPhonePage(chrome.browser);
    await visit(invited, link);
    await invited.getByRole("heading", { level: 1, name: "Rejoindre Les Tilleuls" }).waitFor();
    expect(await invited.getByText("Nadia Cherif vous invite à rejoindre Les Tilleuls (Bourges) comme habitant·e.").isVisible()).toBe(true);
    expect(await invited.getByLabel("Adresse e-mail").inputValue()).toBe(email);
    await expectNoA11yViolations(invited);

    await invited.getByLabel("Votre nom (tel qu'il apparaît dans le collectif)").fill("Odile Ferrand");
    await invited.getByLabel("Mot de passe", { exact: true }).fill("les tilleuls en fleurs");
    await invited.getByLabel("Confirmez le mot de passe").fill("les tilleuls en fleurs");
    await invited.getByRole("button", { name: "Créer mon compte et rejoindre" }).click();

    await invited.getByRole("heading", { level: 1, name: "Bonjour Odile" }).waitFor();
    expect(new URL(invited.url()).pathname).toBe(`/g/${tilleuls}`);
    await invited.getByRole("status").getByText("Bienvenue dans votre collectif !").waitFor();
    expect(await invited.getByRole("navigation", { name: "Navigation principale" }).isVisible()).toBe(true);
    await expectNoA11yViolations(invited);

    const handle = db();
    try {
      const member = handle
        .prepare(
          `select m.role, h.name as household from users u join memberships m on m.user_id = u.id
             left join households h on h.id = m.household_id where u.email = ? and m.group_id = ?`,
        )
        .get(email, tilleuls) as { role: string; household: string | null } | undefined;
      expect(member?.role).toBe("resident");
      expect(member?.household, "a new household was created for her").toBeTruthy();
      const invitation = handle.prepare("select accepted_at as acceptedAt from invitations where email = ?").get(email) as { acceptedAt: number | null };
      expect(invitation.acceptedAt).not.toBeNull();
    } finally {
      handle.close();
    }

    // The same link a second time: no longer valid, whoever opens it.
    for (const page of [invited, await newPhonePage(chrome.browser)]) {
      expectHttpErrors(page, 404);
      const response = await visit(page, link);
      expect(response.status()).toBe(404);
      await page.getByRole("heading", { level: 1, name: "Invitation non valable" }).waitFor();
      expect(await page.getByText("Cette invitation n'est plus valable. Demandez à l'animateur·rice de vous en envoyer une nouvelle.").isVisible()).toBe(true);
      expect(await page.getByLabel("Mot de passe", { exact: true }).count()).toBe(0);
      await expectNoA11yViolations(page);
    }
  });
});
