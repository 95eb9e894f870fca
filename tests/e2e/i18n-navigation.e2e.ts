// A page's HTML carries only the translations its routes declare (handle.i18n); moving to a page of another
// capability without reloading must fetch the missing ones before showing it. Jeanne, JavaScript on, goes
// Home → exchange → bookings → charter → Home by tapping links: every page is in words, never in raw keys,
// the browser never reloaded, and each namespace arrived once, as it was needed.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO, login, newPhonePage, useBrowser, visit } from "./helpers";

const chrome = useBrowser();

function flatten(value: unknown, prefix: string, out: Set<string>) {
  if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else if (prefix.includes(".")) out.add(prefix);
}

/** Every nested key of every locale file ("home.title", "errors.page.home"...): what a missing text shows. */
const KEYS = (() => {
  const keys = new Set<string>();
  for (const lang of ["fr", "en"]) {
    const dir = path.resolve("app/locales", lang);
    for (const file of fs.readdirSync(dir)) flatten(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")), "", keys);
  }
  return [...keys];
})();

async function rawKeysOnPage(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  const words = new Set(text.split(/[\s,;()«»"']+/).map((w) => w.replace(/[.:!?]+$/, "")));
  return KEYS.filter((key) => words.has(key) || [...words].some((w) => w.endsWith(`:${key}`)));
}

/** Taps the first link to `href` (the tab bar or the side menu), as Remix handles it: no page load. */
async function tap(page: Page, pathname: string) {
  const link = page.locator(`a[href="${pathname}"]`).first();
  await link.evaluate((a: HTMLAnchorElement) => a.click());
  await page.waitForURL((url) => url.pathname === pathname);
  await page.waitForLoadState("networkidle");
}

describe("translations on client-side navigation", () => {
  it("shows every capability's page in words after moving there by links", async () => {
    const page = await newPhonePage(chrome.browser);
    const localeChunks: string[] = [];
    page.on("request", (req) => {
      if (/\/assets\/(common|auth|households|admin|bookings|events|exchange|charter|meetings|support|evaluation)-[\w-]{8}\.js$/.test(req.url()))
        localeChunks.push(new URL(req.url()).pathname);
    });
    await login(page, DEMO.resident);
    const home = new URL(page.url()).pathname;
    expect(home).toMatch(/^\/g\/[^/]+$/);
    // Home loaded as a page of its own (after the login form it was a client-side navigation).
    await page.waitForLoadState("networkidle");
    localeChunks.length = 0;
    await visit(page, home);
    await page.waitForLoadState("networkidle");
    // Home's texts came with its HTML: no namespace downloaded to show it.
    expect(localeChunks).toEqual([]);
    expect(await rawKeysOnPage(page)).toEqual([]);
    await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true));

    // Whichever language her account or her phone gives the page, its headings in that language.
    const lang = await page.evaluate(() => document.documentElement.lang);
    const texts = (ns: string) => JSON.parse(fs.readFileSync(path.resolve("app/locales", lang, `${ns}.json`), "utf8"));
    const steps = [
      { to: `${home}/exchange`, heading: texts("exchange").title as string },
      { to: `${home}/bookings`, heading: texts("bookings").index.title as string },
      { to: `${home}/charter`, heading: texts("charter").title as string },
      { to: home, heading: new RegExp(`^${(texts("common").home.hello as string).split("{{")[0].trim()}`) },
    ];
    for (const step of steps) {
      await tap(page, step.to);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).first().textContent()).toMatch(step.heading);
      expect(await rawKeysOnPage(page), `raw keys on ${step.to}`).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed), `${step.to} was reached without reloading`).toBe(true);
    }
    // Each capability's namespace was fetched once, when its page was first reached.
    const fetched = localeChunks.map((p) => p.split("/").pop()!.split("-")[0]).sort();
    expect(fetched).toEqual(["bookings", "charter", "exchange"]);
  });

  it("fetches the texts in the page's own language (English from an English phone)", async () => {
    const page = await newPhonePage(chrome.browser, { locale: "en-GB" });
    await login(page, DEMO.resident);
    const home = new URL(page.url()).pathname;
    await visit(page, home);
    // Her account's language wins over the phone's when another test set it: expect whichever the page is in.
    const lang = await page.evaluate(() => document.documentElement.lang);
    expect(["en", "fr"]).toContain(lang);
    const exchange = JSON.parse(fs.readFileSync(path.resolve("app/locales", lang, "exchange.json"), "utf8")) as { title: string };
    await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true));
    await tap(page, `${home}/exchange`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).first().textContent()).toBe(exchange.title);
    expect(await rawKeysOnPage(page)).toEqual([]);
    await tap(page, `${home}/calendar`);
    expect(await rawKeysOnPage(page)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
  });
});
