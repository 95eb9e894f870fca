// Skill exchange on a phone (360×740): Jeanne posts a request through the form; on a neighbour's offer she
// says "Ça m'intéresse", agrees on a date and confirms the time received; her time-bank balance moves by
// the hours, and the two movements sum to zero. Without JavaScript, hours over 24 are refused next to the
// field with what she typed kept, and nothing is written. axe finds nothing on each page.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { todayIn } from "~/modules/core/dates";
import { DEMO, db, demoIds, expectHttpErrors, expectNoA11yViolations, login, newPhonePage, useBrowser, visit } from "./helpers";

const chrome = useBrowser();
const stamp = Date.now().toString(36).slice(-5);
let groupId = "";
let jeanneHousehold = "";

/** An offer by another household of Les Tilleuls (only Jeanne has a household login in the demo). */
function neighbourOffer(title: string): string {
  // The helpers' db() is read-only: this one writes the test's row, as a neighbour would through the form.
  const handle = new Database(inject("dbPath"));
  handle.pragma("busy_timeout = 5000");
  try {
    const neighbour = handle
      .prepare(
        "select id, household_id from persons where group_id = ? and household_id <> ? and birth_year is not null and birth_year < 1990 order by birth_year limit 1",
      )
      .get(groupId, jeanneHousehold) as { id: string; household_id: string };
    const id = randomUUID();
    const now = Date.now();
    handle
      .prepare(
        "insert into exchange_posts (id, group_id, kind, title, category, description, availability, person_id, household_id, status, created_at, updated_at) values (?, ?, 'offer', ?, 'diy_repairs', '', 'Le samedi', ?, ?, 'active', ?, ?)",
      )
      .run(id, groupId, title, neighbour.id, neighbour.household_id, now, now);
    return id;
  } finally {
    handle.close();
  }
}

function exchangeOf(postId: string) {
  const handle = db();
  try {
    const ex = handle.prepare("select id, status, minutes from exchanges where post_id = ?").get(postId) as
      { id: string; status: string; minutes: number | null } | undefined;
    const moves = ex ? (handle.prepare("select minutes from time_movements where exchange_id = ?").all(ex.id) as { minutes: number }[]) : [];
    return { ex, moves: moves.map((m) => m.minutes).sort((a, b) => a - b) };
  } finally {
    handle.close();
  }
}

beforeAll(() => {
  const ids = demoIds(db());
  groupId = ids.tilleuls;
  jeanneHousehold = ids.jeanne.householdId;
});

describe("skill exchange on a phone", () => {
  it("posts a request through the form", async () => {
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    await visit(page, `/g/${groupId}/exchange`);
    await page.getByRole("heading", { level: 1, name: "Échange de savoirs et de services" }).waitFor();
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: "Publier une offre ou une demande" }).click();
    await page.getByRole("heading", { level: 1, name: "Publier une offre ou une demande" }).waitFor();
    await page.getByLabel("Offre ou demande").selectOption("request");
    await page.getByLabel("Titre").fill(`Monter un meuble ${stamp}`);
    await page.getByLabel("Catégorie").selectOption("diy_repairs");
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "Publier" }).click();
    await page.getByRole("heading", { level: 1, name: `Monter un meuble ${stamp}` }).waitFor();
    await page.getByRole("status").getByText("Annonce publiée.").waitFor();
    await expectNoA11yViolations(page);
    // Her own post: no "Je peux aider" for her.
    expect(await page.getByRole("button", { name: "Je peux aider" }).count()).toBe(0);
  });

  it("answers an offer, agrees on a date, confirms 1 h 30: two movements summing to zero", async () => {
    const title = `Réparer un vélo ${stamp}`;
    const postId = neighbourOffer(title);
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    await visit(page, `/g/${groupId}/exchange?kind=offer&q=${encodeURIComponent(stamp)}`);
    await page.getByRole("link", { name: title }).first().click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "Ça m'intéresse" }).click();
    await page
      .getByRole("status")
      .getByText(/Échange proposé/)
      .waitFor();
    await page.getByLabel("Date convenue").fill(todayIn("Europe/Paris"));
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "Convenir de la date" }).click();
    await page.getByText("Convenu").first().waitFor();
    await page.getByLabel("Temps passé (heures)").fill("1,5");
    await page.getByLabel("Un mot de remerciement (facultatif)").fill("Merci beaucoup !");
    await page.getByRole("button", { name: "Confirmer le temps reçu" }).click();
    await page.getByText("Réalisé").first().waitFor();
    await page.getByText("1 h 30").waitFor();
    await expectNoA11yViolations(page);
    expect(exchangeOf(postId)).toMatchObject({ ex: { status: "done", minutes: 90 }, moves: [-90, 90] });
    await visit(page, `/g/${groupId}/exchange/balances`);
    await page.getByRole("heading", { level: 1, name: "Soldes de la banque de temps" }).waitFor();
    await page.getByRole("link", { name: title }).waitFor();
    await expectNoA11yViolations(page);
  });

  it("without JavaScript, hours over 24 are refused next to the field, the typed value kept, nothing written", async () => {
    const title = `Tondre la pelouse ${stamp}`;
    const postId = neighbourOffer(title);
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    expectHttpErrors(page, 400);
    await login(page, DEMO.resident);
    await visit(page, `/g/${groupId}/exchange/posts/${postId}`);
    await page.getByRole("button", { name: "Ça m'intéresse" }).click();
    await page.getByLabel("Date convenue").waitFor();
    await page.getByRole("button", { name: "Convenir de la date" }).click();
    await page.getByLabel("Temps passé (heures)").fill("30");
    await page.getByRole("button", { name: "Confirmer le temps reçu" }).click();
    await page.getByText("Le temps doit être supérieur à 0").waitFor();
    expect(await page.getByLabel("Temps passé (heures)").inputValue()).toBe("30");
    await expectNoA11yViolations(page);
    expect(exchangeOf(postId)).toMatchObject({ ex: { status: "agreed", minutes: null }, moves: [] });
  });
});
