// Booking a room at phone size: the facilitator sets up a common room through the space form; the resident
// checks a slot, asks for it and sees it in the calendar; the same slot again is refused with a sentence
// that names the booking in the way; the whole flow also works without JavaScript; the facilitator approves
// and the resident sees « Confirmée »; a repeating booking books the free dates and lists the others; a
// calendar feed serves the booking to the phone's calendar until it is revoked. axe on every page.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { todayIn } from "~/modules/core/dates";
import { addDays } from "~/modules/core/recurrence";
import { DEMO, HttpClient, db, demoIds, expectHttpErrors, expectNoA11yViolations, login, newPhonePage, useBrowser, visit } from "./helpers";

const chrome = useBrowser();
const TZ = "Europe/Paris";
/** A date ahead, in the group's zone: far enough for any notice, inside any window. */
const ahead = (days: number) => addDays(todayIn(TZ), days);
// A name of its own, so the tests never meet the demo's spaces.
const SPACE = `Salle polyvalente ${Date.now().toString(36)}`;

let tilleuls = "";
let spaceId = "";

function bookingsOf(id: string) {
  const handle = db();
  try {
    return handle
      .prepare(
        "select id, status, household_id as householdId, starts_at as startsAt, series_id as seriesId from bookings where space_id = ? order by starts_at",
      )
      .all(id) as { id: string; status: string; householdId: string | null; startsAt: number; seriesId: string | null }[];
  } finally {
    handle.close();
  }
}

async function fillRoomForm(page: Page, date: string, start: string, end: string) {
  await page.getByLabel("Date", { exact: true }).fill(date);
  await page.getByLabel("Heure de début").fill(start);
  await page.getByLabel("Heure de fin").fill(end);
}

beforeAll(() => {
  tilleuls = demoIds(db()).tilleuls;
});

describe("bookings", () => {
  it("the facilitator adds a common room with its rules through the space form", async () => {
    const page = await newPhonePage(chrome.browser);
    expectHttpErrors(page, 400);
    await login(page, DEMO.facilitator);
    await visit(page, `/g/${tilleuls}/bookings`);
    await page.getByRole("heading", { level: 1, name: "Réserver" }).waitFor();
    await expectNoA11yViolations(page);

    await page.getByRole("link", { name: "Ajouter un espace" }).click();
    await page.getByRole("heading", { level: 1, name: "Ajouter un espace" }).waitFor();
    await expectNoA11yViolations(page);

    // Quiet hours with a start and no end: refused by the field, what was typed stays.
    await page.getByLabel("Nom", { exact: true }).fill(SPACE);
    await page.getByLabel("Début des heures calmes (facultatif)").fill("22:00");
    await page.getByRole("button", { name: "Ajouter l'espace" }).click();
    await page.getByText("Indiquez le début et la fin des heures calmes, ou aucun des deux.").waitFor();
    expect(await page.getByLabel("Nom", { exact: true }).inputValue()).toBe(SPACE);
    await expectNoA11yViolations(page);

    await page.getByLabel("Type d'espace").selectOption({ label: "Salle commune" });
    await page.getByLabel("Nombre de personnes au plus (facultatif)").fill("30");
    await page.getByLabel("Chaque réservation doit être validée").check();
    await page.getByLabel("Temps de ménage après chaque réservation, en minutes").fill("30");
    await page.getByLabel("Fin des heures calmes (facultatif)").fill("08:00");
    await page.getByRole("button", { name: "Ajouter l'espace" }).click();

    await page.getByRole("status").getByText("Espace enregistré.").waitFor();
    await page.getByRole("heading", { level: 1, name: SPACE }).waitFor();
    spaceId = new URL(page.url()).pathname.split("/").pop()!;
    expect(new URL(page.url()).pathname).toBe(`/g/${tilleuls}/spaces/${spaceId}`);
    // The rules in plain words.
    const rules = page.getByRole("region", { name: "Les règles" });
    await rules.getByText("Jusqu'à 30 personnes").waitFor();
    await rules.getByText("Chaque demande est validée par un·e animateur·rice avant d'être confirmée.").waitFor();
    await rules.getByText("30 minutes restent libres après chaque réservation, pour le ménage.").waitFor();
    await rules.getByText("Heures calmes, où l'on ne réserve pas : de 22:00 à 08:00.").waitFor();
    await expectNoA11yViolations(page);

    // Its settings page, with the closures, answers too.
    await page.getByRole("link", { name: "Modifier l'espace, ses règles et ses fermetures" }).click();
    await page.getByRole("heading", { level: 1, name: `Modifier : ${SPACE}` }).waitFor();
    expect(await page.getByLabel("Temps de ménage après chaque réservation, en minutes").inputValue()).toBe("30");
    await expectNoA11yViolations(page);

    // A closure for painting: listed on the space's page, then removed.
    const closed = ahead(40);
    await page.getByLabel("Premier jour").fill(closed);
    await page.getByLabel("Dernier jour").fill(closed);
    await page.getByLabel("Raison", { exact: true }).fill("Peinture des murs");
    await page.getByRole("button", { name: "Ajouter la fermeture" }).click();
    await page.getByRole("status").getByText("Fermeture ajoutée.").waitFor();
    await page.getByText("Peinture des murs").waitFor();
    await expectNoA11yViolations(page);
    await visit(page, `/g/${tilleuls}/spaces/${spaceId}`);
    await page
      .getByRole("region", { name: "Les règles" })
      .getByText(/Peinture des murs/)
      .waitFor();
    await visit(page, `/g/${tilleuls}/spaces/${spaceId}/edit`);
    // Removing asks first (issue 17): the disclosure opens the question and the button that removes.
    await page.locator("summary", { hasText: /^Supprimer/ }).click();
    await page.getByText("Supprimer cette fermeture ?").waitFor();
    await page.getByRole("button", { name: /^Oui, supprimer la fermeture/ }).click();
    await page.getByRole("status").getByText("Fermeture supprimée.").waitFor();
    await page.getByText("Aucune fermeture à venir.").waitFor();
  });

  it("the resident checks a slot, asks for it at 360×740 and sees it in the calendar and in her bookings", async () => {
    expect(spaceId, "the space of the first test").not.toBe("");
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Réserver", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Réserver" }).waitFor();
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: SPACE }).click();
    await page.getByRole("heading", { level: 1, name: SPACE }).waitFor();
    await expectNoA11yViolations(page);

    const date = ahead(9);
    await fillRoomForm(page, date, "18:00", "20:00");
    await page.getByLabel("Nombre de personnes invitées").fill("12");
    await page.getByLabel("Motif (facultatif)").fill("Anniversaire de Jeanne");
    await page.getByRole("button", { name: "Vérifier" }).click();
    const check = page.getByRole("status").filter({ hasText: "Vérification" });
    await check.getByText("Libre", { exact: true }).waitFor();
    await check.getByText(/Rien n'est encore réservé/).waitFor();
    expect(bookingsOf(spaceId)).toEqual([]);
    // What was typed is still there for the second step.
    expect(await page.getByLabel("Heure de début").inputValue()).toBe("18:00");
    await expectNoA11yViolations(page);

    await page.getByRole("button", { name: "Envoyer la demande" }).click();
    await page.getByRole("status").getByText("Demande envoyée : un·e animateur·rice va la valider.").waitFor();
    await page.getByRole("heading", { level: 1, name: `Réservation : ${SPACE}` }).waitFor();
    await page.getByText("En attente de validation", { exact: true }).waitFor();
    await page.getByText("Anniversaire de Jeanne").waitFor();
    await expectNoA11yViolations(page);
    const [booking] = bookingsOf(spaceId);
    expect(booking).toMatchObject({ status: "requested", householdId: demoIds(db()).jeanne.householdId });
    expect(new URL(page.url()).pathname).toBe(`/g/${tilleuls}/bookings/${booking.id}`);

    // In the space's calendar, the week of the booking: a list on a phone, with the household and the status in words.
    await visit(page, `/g/${tilleuls}/spaces/${spaceId}?start=${date}`);
    const calendar = page.getByRole("region", { name: "Déjà réservé" });
    await calendar.getByText("Foyer Marchand (En attente de validation)").first().waitFor();
    await calendar.getByText("18:00 – 20:00").first().waitFor();
    await expectNoA11yViolations(page);
    // In the calendar of all spaces, named by its space.
    await visit(page, `/g/${tilleuls}/bookings/calendar?start=${date}`);
    await page.getByRole("heading", { level: 1, name: "Calendrier des espaces" }).waitFor();
    await page.getByText(`${SPACE} — Foyer Marchand (En attente de validation)`).first().waitFor();
    await expectNoA11yViolations(page);
    // The calendar pages by links: next week (without it), then back.
    const title = page.locator(".cal-title");
    const week = await title.innerText();
    await page.getByRole("link", { name: "Semaine suivante" }).click();
    await page.waitForURL((u) => u.searchParams.get("start") === addDays(date, 7 - ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7)));
    await expect.poll(() => title.innerText()).not.toBe(week);
    expect(await page.getByText(`${SPACE} — Foyer Marchand (En attente de validation)`).count()).toBe(0);
    await page.getByRole("link", { name: "Semaine précédente" }).click();
    await expect.poll(() => title.innerText()).toBe(week);
    await page.getByText(`${SPACE} — Foyer Marchand (En attente de validation)`).first().waitFor();
    // And in « Mes réservations ».
    await visit(page, `/g/${tilleuls}/bookings`);
    const mine = page.getByRole("region", { name: "Mes réservations" });
    await mine.getByText(SPACE).first().waitFor();
  });

  it("the same slot again is refused with the sentence that names the booking in the way, and nothing is stored", async () => {
    const page = await newPhonePage(chrome.browser);
    expectHttpErrors(page, 409);
    await login(page, DEMO.facilitator);
    await visit(page, `/g/${tilleuls}/spaces/${spaceId}`);
    const date = ahead(9);
    // 20:15 is inside the 30 minutes of cleaning after 18:00–20:00.
    await fillRoomForm(page, date, "20:15", "21:30");
    await page.getByRole("button", { name: "Vérifier" }).click();
    const check = page.getByRole("status").filter({ hasText: "Vérification" });
    await check.getByText("Pas possible", { exact: true }).waitFor();
    await check.getByText(/Ce créneau touche la réservation .*18:00\s–\s20:00 : il faut laisser 30 minutes de ménage entre deux réservations\./).waitFor();
    await expectNoA11yViolations(page);

    await fillRoomForm(page, date, "19:00", "21:00");
    // A facilitator's booking needs no approval: her button says « Réserver ».
    await page.getByRole("button", { name: "Réserver", exact: true }).click();
    // The answer replaces the check: the sentence is now the start time's error.
    await check.waitFor({ state: "detached" });
    const start = page.getByLabel("Heure de début");
    await expect.poll(() => start.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await start.getAttribute("aria-describedby")) ?? "";
    const messages = await Promise.all(
      describedBy
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => page.locator(`[id="${id}"]`).innerText()),
    );
    expect(messages.join(" ")).toMatch(/Ce créneau touche la réservation .*18:00\s–\s20:00/);
    expect(await page.getByLabel("Heure de début").inputValue()).toBe("19:00");
    expect(await page.getByRole("status").filter({ hasText: "Réservation confirmée." }).count()).toBe(0);
    await expectNoA11yViolations(page);
    expect(bookingsOf(spaceId)).toHaveLength(1);

    // Over HTTP too: 409, the sentence, nothing written.
    const http = new HttpClient();
    await http.login(DEMO.resident);
    const res = await http.post(`/g/${tilleuls}/spaces/${spaceId}`, {
      intent: "book",
      spaceId,
      date,
      startTime: "17:00",
      endTime: "19:00",
      guests: "0",
      freq: "none",
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatch(/Ce créneau touche la réservation .*18:00\s–\s20:00 : il faut laisser 30 minutes de ménage/);
    expect(bookingsOf(spaceId)).toHaveLength(1);
  });

  it("without JavaScript, the resident checks and asks for a slot: plain forms, the server's pages", async () => {
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    expectHttpErrors(page, 400);
    await login(page, DEMO.resident);
    await visit(page, `/g/${tilleuls}/spaces/${spaceId}`);
    await page.getByRole("heading", { level: 1, name: SPACE }).waitFor();
    // Without JavaScript the calendar is the plain agenda.
    await expectNoA11yViolations(page);

    // An end before the start: the server answers by the field, values kept.
    const date = ahead(10);
    await fillRoomForm(page, date, "15:00", "14:00");
    await page.getByRole("button", { name: "Vérifier" }).click();
    await page.getByText("La fin doit venir après le début.").waitFor();
    expect(await page.getByLabel("Date", { exact: true }).inputValue()).toBe(date);
    await expectNoA11yViolations(page);

    await page.getByLabel("Heure de fin").fill("17:00");
    await page.getByRole("button", { name: "Vérifier" }).click();
    await page.getByText("Libre", { exact: true }).waitFor();
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "Envoyer la demande" }).click();
    await page.getByRole("heading", { level: 1, name: `Réservation : ${SPACE}` }).waitFor();
    await page.getByText("En attente de validation", { exact: true }).waitFor();
    await page.getByRole("status").getByText("Demande envoyée : un·e animateur·rice va la valider.").waitFor();
    await expectNoA11yViolations(page);
    expect(bookingsOf(spaceId)).toHaveLength(2);

    // The agenda of the week lists it, by day.
    await visit(page, `/g/${tilleuls}/spaces/${spaceId}?start=${date}`);
    await page.locator(".cal-agenda").getByText("15:00 – 17:00").waitFor();
    expect(await page.locator(".cal-agenda").getByRole("link", { name: "Foyer Marchand (En attente de validation)" }).count()).toBeGreaterThan(0);
  });

  it("the facilitator approves the request from the queue and the resident sees « Confirmée »", async () => {
    const [first] = bookingsOf(spaceId);
    const facilitator = await newPhonePage(chrome.browser);
    await login(facilitator, DEMO.facilitator);
    await visit(facilitator, `/g/${tilleuls}/bookings`);
    await facilitator.getByRole("link", { name: /demandes? à valider$/ }).click();
    await facilitator.getByRole("heading", { level: 1, name: "Demandes à valider" }).waitFor();
    await expectNoA11yViolations(facilitator);
    const item = facilitator
      .getByRole("listitem")
      .filter({ has: facilitator.getByRole("link", { name: `${SPACE} — Foyer Marchand` }) })
      .filter({ hasText: "18:00" });
    await item.getByRole("button", { name: /^Valider/ }).click();
    await facilitator.getByRole("status").getByText("Réservation validée.").waitFor();
    await expectNoA11yViolations(facilitator);
    expect(bookingsOf(spaceId).find((b) => b.id === first.id)?.status).toBe("confirmed");

    const resident = await newPhonePage(chrome.browser);
    await login(resident, DEMO.resident);
    await visit(resident, `/g/${tilleuls}/bookings/${first.id}`);
    await resident.getByText("Confirmée", { exact: true }).waitFor();
    await expectNoA11yViolations(resident);
  });

  it("a resident cannot open the queue nor the space settings (403, the navigation kept)", async () => {
    const page = await newPhonePage(chrome.browser);
    expectHttpErrors(page, 403);
    await login(page, DEMO.resident);
    for (const url of [`/g/${tilleuls}/bookings/approvals`, `/g/${tilleuls}/spaces/new`, `/g/${tilleuls}/spaces/${spaceId}/edit`]) {
      expect((await visit(page, url)).status(), url).toBe(403);
      await page.getByRole("heading", { level: 1, name: "Accès refusé" }).waitFor();
    }
  });

  it("a weekly booking books the free dates and lists the one that is taken, with why", async () => {
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    await visit(page, `/g/${tilleuls}/spaces/${spaceId}`);
    // Three Tuesdays... whatever weekday: the first date is a week before the confirmed 18:00–20:00.
    await fillRoomForm(page, ahead(2), "19:00", "21:00");
    await page.getByLabel("Fréquence").selectOption({ label: "Chaque semaine" });
    await page.getByLabel("Jusqu'au").fill(ahead(16));
    await page.getByRole("button", { name: "Vérifier" }).click();
    await page.getByText("2 dates libres sur 3.").waitFor();
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "Envoyer la demande" }).click();
    await page.getByText("2 demandes envoyées : elles attendent la validation d'un·e animateur·rice.").waitFor();
    await page.getByRole("heading", { name: "1 date non réservée" }).waitFor();
    await page.getByText(/Ce créneau touche la réservation .*18:00\s–\s20:00/).waitFor();
    await expectNoA11yViolations(page);
    const series = bookingsOf(spaceId).filter((b) => b.seriesId);
    expect(series).toHaveLength(2);
    expect(new Set(series.map((b) => b.seriesId)).size).toBe(1);
  });

  it("the resident cancels her own booking before it starts; a facilitator must say why", async () => {
    const series = bookingsOf(spaceId).filter((b) => b.seriesId);
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    await visit(page, `/g/${tilleuls}/bookings/${series[0].id}`);
    await page.getByRole("heading", { name: "Annuler la réservation" }).waitFor();
    await page.getByRole("button", { name: "Annuler la réservation" }).click();
    await page.getByRole("status").getByText("Réservation annulée.").waitFor();
    await page.getByText("Annulée", { exact: true }).waitFor();
    await expectNoA11yViolations(page);
    expect(bookingsOf(spaceId).find((b) => b.id === series[0].id)?.status).toBe("cancelled");

    const facilitator = await newPhonePage(chrome.browser);
    expectHttpErrors(facilitator, 400);
    await login(facilitator, DEMO.facilitator);
    await visit(facilitator, `/g/${tilleuls}/bookings/${series[1].id}`);
    await facilitator.getByRole("button", { name: "Annuler la réservation" }).click();
    await facilitator.getByText("Indiquez pourquoi vous annulez : le foyer le recevra par e-mail.").waitFor();
    expect(bookingsOf(spaceId).find((b) => b.id === series[1].id)?.status).toBe("requested");
    await expectNoA11yViolations(facilitator);
    await facilitator.getByLabel("Raison de l'annulation").fill("Fuite d'eau dans la salle");
    await facilitator.getByRole("button", { name: "Annuler la réservation" }).click();
    await facilitator.getByRole("status").getByText("Réservation annulée.").waitFor();
    await facilitator.getByText("Fuite d'eau dans la salle").waitFor();
  });

  it("a calendar feed serves the household's bookings to the phone's calendar until it is revoked", async () => {
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    await visit(page, `/g/${tilleuls}/bookings`);
    await page.getByRole("button", { name: "Ajouter les réservations de mon foyer à mon agenda" }).click();
    const url = await page.getByLabel("Adresse de l'agenda (à copier)").inputValue();
    expect(url).toMatch(/^http:\/\/localhost:\d+\/ical\/[a-z2-7]+\.ics$/);
    expect(await page.getByRole("link", { name: "Ouvrir dans l'agenda du téléphone" }).getAttribute("href")).toBe(url.replace(/^http:/, "webcal:"));
    await expectNoA11yViolations(page);

    const http = new HttpClient();
    const feed = await http.get(new URL(url).pathname);
    expect(feed.status).toBe(200);
    expect(feed.headers["content-type"]).toMatch(/^text\/calendar/);
    expect(feed.body).toContain("BEGIN:VCALENDAR");
    expect(feed.body).toContain(`SUMMARY:${SPACE}`);

    await visit(page, `/g/${tilleuls}/bookings`);
    await page
      .getByRole("button", { name: /^Révoquer/ })
      .first()
      .click();
    await page.getByRole("status").getByText("Adresse de l'agenda révoquée : elle ne fonctionne plus.").waitFor();
    expect((await http.get(new URL(url).pathname)).status).toBe(404);
    expect((await http.get("/ical/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics")).status).toBe(404);
  });
});
