// Issue 17: from Home, the next open shared meal is signed up in one tap with the household's usual party, with
// JavaScript on (a fetcher: the page does not move) and off (the server lands the browser on #repas-suivant);
// cancelling asks « Se désinscrire du repas du … ? » first, and the sign-up stays until « Confirmer ».
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO, db, demoIds, expectNoA11yViolations, login, newPhonePage, useBrowser, visit } from "./helpers";

const chrome = useBrowser();

function activeSignups(occurrenceId: string, householdId: string) {
  const handle = db();
  try {
    return handle
      .prepare("select status from event_signups where occurrence_id = ? and household_id = ? and status <> 'cancelled'")
      .all(occurrenceId, householdId) as { status: string }[];
  } finally {
    handle.close();
  }
}

/** Counts the person's taps: every click of the journey goes through here. */
function tapCounter() {
  let n = 0;
  return {
    tap: async (target: Locator) => {
      n++;
      await target.click();
    },
    get count() {
      return n;
    },
  };
}

const card = (page: Page) => page.locator("#repas-suivant");

/** Home with the card; the meal's id from its link. A sign-up left by another test is cancelled first. */
async function homeWithCard(page: Page, groupId: string, js: boolean) {
  await visit(page, `/g/${groupId}`);
  await card(page).getByRole("heading", { name: "Prochain repas partagé" }).waitFor();
  const href = (await card(page).getByRole("link").first().getAttribute("href")) ?? "";
  const occurrenceId = href.split("/").pop() ?? "";
  expect(occurrenceId).not.toBe("");
  if (await card(page).getByText("Inscrit·e", { exact: true }).isVisible()) {
    await card(page)
      .getByRole("button", { name: "Se désinscrire" })
      .or(card(page).getByRole("link", { name: "Se désinscrire" }))
      .click();
    await card(page).getByRole("button", { name: "Confirmer" }).click();
    await card(page).getByRole("button", { name: "S'inscrire" }).waitFor();
    if (js) await visit(page, `/g/${groupId}`);
  }
  return occurrenceId;
}

describe("the next shared meal from Home", () => {
  it("with JavaScript: one tap signs up, the page does not move; cancelling asks first", async () => {
    const { tilleuls, jeanne } = demoIds(db());
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    const meal = await homeWithCard(page, tilleuls, true);
    await expectNoA11yViolations(page);

    // The person has scrolled so the card sits mid-screen.
    await page.evaluate(() => {
      const el = document.getElementById("repas-suivant")!;
      window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 120);
    });
    const scrollBefore = await page.evaluate(() => window.scrollY);
    expect(scrollBefore).toBeGreaterThan(0);

    const taps = tapCounter();
    await taps.tap(card(page).getByRole("button", { name: "S'inscrire" }));
    await card(page).getByText("Inscrit·e", { exact: true }).waitFor();
    expect(taps.count).toBe(1);
    expect(activeSignups(meal, jeanne.householdId)).toEqual([{ status: "confirmed" }]);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
    expect(new URL(page.url()).pathname).toBe(`/g/${tilleuls}`);
    await expect(card(page).getByRole("link", { name: "Modifier" }).getAttribute("href")).resolves.toBe(`/g/${tilleuls}/events/${meal}#signup`);
    await expectNoA11yViolations(page);

    // Cancelling asks first; « Garder mon inscription » keeps it; the row stays until « Confirmer ».
    await card(page).getByRole("button", { name: "Se désinscrire" }).click();
    await card(page)
      .getByText(/^Se désinscrire du repas du \p{L}+ \d{1,2}(er)? \p{L}+ \?$/u)
      .waitFor();
    await expectNoA11yViolations(page);
    await card(page).getByRole("button", { name: "Garder mon inscription" }).click();
    await card(page).getByRole("button", { name: "Se désinscrire" }).click();
    expect(activeSignups(meal, jeanne.householdId)).toHaveLength(1);
    await card(page).getByRole("button", { name: "Confirmer" }).click();
    await card(page).getByRole("button", { name: "S'inscrire" }).waitFor();
    expect(activeSignups(meal, jeanne.householdId)).toEqual([]);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
  });

  it("without JavaScript: one tap signs up and the browser lands back on the card, with a toast; cancelling asks first", async () => {
    const { tilleuls, jeanne } = demoIds(db());
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    await login(page, DEMO.resident);
    const meal = await homeWithCard(page, tilleuls, false);

    const taps = tapCounter();
    await taps.tap(card(page).getByRole("button", { name: "S'inscrire" }));
    await card(page).getByText("Inscrit·e", { exact: true }).waitFor();
    expect(taps.count).toBe(1);
    expect(activeSignups(meal, jeanne.householdId)).toEqual([{ status: "confirmed" }]);
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/g/${tilleuls}`);
    expect(url.hash).toBe("#repas-suivant");
    await page.getByRole("status").getByText("Inscription enregistrée.").waitFor();
    // The browser landed on the card: its top at the top of the screen.
    const box = await card(page).boundingBox();
    expect(box).not.toBeNull();
    expect(Math.abs(box!.y)).toBeLessThan(4);
    await expectNoA11yViolations(page);

    // « Se désinscrire » is a link to the question, rendered by the server; nothing is cancelled yet.
    await card(page).getByRole("link", { name: "Se désinscrire" }).click();
    await card(page)
      .getByText(/^Se désinscrire du repas du \p{L}+ \d{1,2}(er)? \p{L}+ \?$/u)
      .waitFor();
    expect(activeSignups(meal, jeanne.householdId)).toHaveLength(1);
    await expectNoA11yViolations(page);
    await card(page).getByRole("link", { name: "Garder mon inscription" }).click();
    await card(page).getByText("Inscrit·e", { exact: true }).waitFor();
    expect(activeSignups(meal, jeanne.householdId)).toHaveLength(1);

    await card(page).getByRole("link", { name: "Se désinscrire" }).click();
    await card(page).getByRole("button", { name: "Confirmer" }).click();
    await page.getByRole("status").getByText("Inscription annulée.").waitFor();
    await card(page).getByRole("button", { name: "S'inscrire" }).waitFor();
    expect(new URL(page.url()).hash).toBe("#repas-suivant");
    expect(activeSignups(meal, jeanne.householdId)).toEqual([]);
  });

  it("on the meal page, cancelling asks first too (without JavaScript)", async () => {
    const { tilleuls, jeanne } = demoIds(db());
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    await login(page, DEMO.resident);
    const meal = await homeWithCard(page, tilleuls, false);
    await card(page).getByRole("button", { name: "S'inscrire" }).click();
    await card(page).getByRole("link", { name: "Modifier" }).click();
    await page.locator("#signup").getByRole("link", { name: "Me désinscrire" }).click();
    await page
      .locator("#signup")
      .getByText(/^Se désinscrire du repas du /)
      .waitFor();
    expect(activeSignups(meal, jeanne.householdId)).toHaveLength(1);
    await page.locator("#signup").getByRole("button", { name: "Confirmer" }).click();
    await page.getByRole("status").getByText("Inscription annulée.").waitFor();
    expect(new URL(page.url()).hash).toBe("#signup");
    expect(activeSignups(meal, jeanne.householdId)).toEqual([]);
  });
});
