// Large text and narrow screens (issue 17): no member page of the demo group scrolls sideways, nothing sticks out
// of the screen, and every tab of the tab bar can be reached — at 360×740 with the text at 100 % and at 200 %
// (the root font size doubled, as a phone's text size setting does to a page sized in rem), and in a 180 px CSS
// viewport (a 360 px phone zoomed to 200 %). One page load per page and role: the three sizes are measured on it
// in turn. The pages are listed from app/routes like the cross-group crawl (member routes, sample ids of Les
// Tilleuls); the resident and the facilitator open every non-support page, the support worker the support pages.
import type Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, PHONE, db, demoIds, expectHttpErrors, login, newPhonePage, useBrowser, visit } from "./helpers";
import { type RouteFile, type SampleIds, readRoutes, sampleIdsFrom, uniqueByUrl, urlWith } from "./routes";

const chrome = useBrowser();
type MemberPage = RouteFile;

/** Every page (a route with a component) that a member of a group opens. */
function memberPages(): MemberPage[] {
  return uniqueByUrl(readRoutes().filter((r) => r.access === "member" && !r.isResource)).sort((a, b) => a.path.localeCompare(b.path));
}

let handle: Database.Database;
let sampleIds: SampleIds;
beforeAll(() => {
  handle = db();
  const { tilleuls } = demoIds(handle);
  // Today's or the next occurrence: the meal page as residents open it from Home (with its sign-up form).
  const next = handle.prepare("select id from event_occurrences where group_id = ? and starts_at >= ? order by starts_at limit 1").get(tilleuls, Date.now()) as
    { id: string } | undefined;
  const shared = sampleIdsFrom(handle);
  sampleIds = { ...shared, occurrenceId: next ? () => next.id : shared.occurrenceId };
});
afterAll(() => handle?.close());

const urlFor = (page: MemberPage) => urlWith(page, sampleIds);

/**
 * What sticks out at the current size: the page's own horizontal scroll, elements past the right or left edge
 * (outside any horizontal scroll container, which may hold a wide table on purpose), content cut by an
 * `overflow: hidden` box, and tabs of the tab bar neither on screen nor reachable by scrolling the bar.
 */
async function measure(page: Page) {
  return page.evaluate(() => {
    const se = document.scrollingElement ?? document.documentElement;
    const width = se.clientWidth;
    const problems: string[] = [];
    if (se.scrollWidth > width) problems.push(`the page is ${se.scrollWidth} px wide in ${width} px`);

    const describe = (el: Element) => {
      const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `<${el.tagName.toLowerCase()}${cls}>${text ? ` « ${text} »` : ""}`;
    };
    const hiddenOnPurpose = (el: Element) => el.closest(".visually-hidden, .skip-link, [hidden], details:not([open]) > :not(summary)") !== null;
    const scrollsSideways = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o === "auto" || o === "scroll") return true;
      }
      return false;
    };

    const out: string[] = [];
    const clipped: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      if (el instanceof SVGElement && !(el instanceof SVGSVGElement)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || hiddenOnPurpose(el)) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden") continue;
      if ((r.right > width + 1 || r.left < -1) && !scrollsSideways(el)) {
        // Report the outermost element that sticks out, not each of its children.
        if (!out.some((o) => o === describe(el.parentElement ?? el))) out.push(describe(el));
      }
      // A text field scrolls its own long value (that is not a layout fault); a date or a button must show whole.
      const textField = el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && /^(text|email|search|url|tel|password)$/.test(el.type));
      const ox = style.overflowX;
      if ((ox === "hidden" || ox === "clip") && el.scrollWidth > el.clientWidth + 1 && !textField && !el.closest(".tabbar")) clipped.push(describe(el));
    }
    if (out.length) problems.push(`past the edge: ${out.slice(0, 6).join(", ")}${out.length > 6 ? ` (+${out.length - 6})` : ""}`);
    if (clipped.length) problems.push(`cut off: ${clipped.slice(0, 6).join(", ")}`);

    const bar = document.querySelector("nav.tabbar");
    if (!bar) problems.push("no tab bar");
    else {
      const barBox = bar.getBoundingClientRect();
      if (barBox.left < -1 || barBox.right > width + 1) problems.push(`the tab bar spans ${barBox.left}–${barBox.right} px of ${width}`);
      const links = Array.from(bar.querySelectorAll("a"));
      if (links.length < 5) problems.push(`the tab bar has ${links.length} links`);
      // A tab is reachable when it is on screen, or inside the bar's own scroll area (the bar scrolls on purpose).
      const barScrolls = ["auto", "scroll"].includes(getComputedStyle(bar).overflowX) || bar.querySelector("[data-scroll]") !== null;
      const scrollArea = barScrolls ? bar.scrollWidth : width;
      for (const a of links) {
        const r = a.getBoundingClientRect();
        const label = a.textContent?.trim() ?? "?";
        const left = r.left + (barScrolls ? bar.scrollLeft : 0);
        if (r.width === 0 || left < -1 || left + r.width > scrollArea + 1)
          problems.push(`tab « ${label} » at ${Math.round(r.left)}–${Math.round(r.right)} px, out of reach`);
        // The label itself is not cut: its text fits in its tab.
        for (const span of Array.from(a.querySelectorAll("span"))) {
          const s = span.getBoundingClientRect();
          if (s.left < r.left - 1 || s.right > r.right + 1 || span.scrollWidth > span.clientWidth + 1) problems.push(`tab label « ${label} » is cut`);
        }
      }
    }
    return { scrollWidth: se.scrollWidth, clientWidth: width, problems };
  });
}

const SIZES = [
  { name: "360×740, text 100 %", viewport: PHONE, fontSize: null },
  { name: "360×740, text 200 %", viewport: PHONE, fontSize: "200%" },
  { name: "180 px CSS viewport", viewport: { width: 180, height: 370 }, fontSize: null },
] as const;

/** Measures the page open in `page` at each size; returns the failures, one line each. */
async function checkSizes(page: Page, url: string, widths: Map<string, number>): Promise<string[]> {
  const failures: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size.viewport);
    await page.evaluate((fontSize) => {
      document.documentElement.style.fontSize = fontSize ?? "";
    }, size.fontSize);
    // Two frames: the new size is laid out before it is measured.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const m = await measure(page);
    widths.set(`${url} @ ${size.name}`, m.scrollWidth);
    for (const p of m.problems) failures.push(`${url} @ ${size.name}: ${p}`);
  }
  await page.evaluate(() => (document.documentElement.style.fontSize = ""));
  await page.setViewportSize(PHONE);
  return failures;
}

const CRAWL_TIMEOUT = 240_000;
// Support pages (and a household's support view) answer only to support workers: the support worker opens them.
const isSupport = (p: MemberPage) => p.path.includes("/support");

describe("large text and narrow screens", () => {
  const widths = new Map<string, number>();
  afterAll(() => {
    if (process.env.LAYOUT_WIDTHS === "1") console.log([...widths].map(([k, v]) => `${v}\t${k}`).join("\n"));
  });

  const crawl = (who: string, pick: (p: MemberPage) => boolean) => async () => {
    const pages = memberPages().filter(pick);
    expect(pages.length).toBeGreaterThan(3);
    const page = await newPhonePage(chrome.browser);
    // The resident is refused a few facilitator pages (403): the refusal page, in the group's shell, is checked too.
    expectHttpErrors(page, 403);
    await login(page, who);
    const failures: string[] = [];
    for (const p of pages) {
      const url = urlFor(p);
      const status = (await visit(page, url)).status();
      expect([200, 403], `${p.file}: GET ${url}`).toContain(status);
      failures.push(...(await checkSizes(page, url, widths)));
    }
    expect(failures, `pages that scroll sideways or cut something:\n${failures.join("\n")}`).toEqual([]);
  };

  it(
    "the resident's pages hold at 200 % text and at 180 px",
    crawl(DEMO.resident, (p) => !isSupport(p)),
    CRAWL_TIMEOUT,
  );
  it(
    "the facilitator's pages hold at 200 % text and at 180 px",
    crawl(DEMO.facilitator, (p) => !isSupport(p)),
    CRAWL_TIMEOUT,
  );
  it("the support worker's pages hold at 200 % text and at 180 px", crawl(DEMO.supportWorker, isSupport), CRAWL_TIMEOUT);
});
