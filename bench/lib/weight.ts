// What a phone downloads for a page, measured in Chromium at 360×740 on a cold cache: the bytes on the wire
// (gzip as served) by kind, and how many scripts it fetched. Used by `npm run bench` (issue 9: Home JS ≤ 120 KB
// gzip, calendar ≤ 220 KB) and by bench/lighthouse.ts.
import { chromium } from "playwright-core";

export type RouteWeight = {
  path: string;
  /** Encoded (gzip on the wire) bytes of scripts, including modulepreloads. */
  js: number;
  css: number;
  html: number;
  /** Every response of the page load: HTML, scripts, styles, images, fonts, data requests. */
  total: number;
  scripts: number;
  requests: number;
  /** Every script with its bytes, largest first: what to look at when the budget is missed. */
  scriptFiles: { url: string; bytes: number }[];
};

/**
 * Loads each path in a fresh browser context (nothing cached) with `cookie` ("name=value", as given by a login)
 * and waits until the network is idle, so scripts fetched after hydration count too.
 */
export async function measureRouteJs(baseUrl: string, cookie: string | null, paths: readonly string[]): Promise<RouteWeight[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  const results: RouteWeight[] = [];
  try {
    for (const path of paths) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      if (cookie) {
        const eq = cookie.indexOf("=");
        await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: baseUrl }]);
      }
      const page = await context.newPage();
      const pending: Promise<{ type: string; url: string; bytes: number }>[] = [];
      page.on("requestfinished", (req) => {
        pending.push(req.sizes().then((s) => ({ type: req.resourceType(), url: req.url(), bytes: s.responseBodySize })));
      });
      const response = await page.goto(new URL(path, baseUrl).href, { waitUntil: "networkidle" });
      if (!response || response.status() >= 400) throw new Error(`${path}: HTTP ${response?.status() ?? "no response"}`);
      const sizes = await Promise.all(pending);
      await context.close();
      const sum = (type?: string) => sizes.filter((s) => !type || s.type === type).reduce((a, s) => a + s.bytes, 0);
      const scripts = sizes.filter((s) => s.type === "script");
      results.push({
        path,
        js: sum("script"),
        css: sum("stylesheet"),
        html: sum("document"),
        total: sum(),
        scripts: scripts.length,
        requests: sizes.length,
        scriptFiles: scripts.map((s) => ({ url: new URL(s.url).pathname, bytes: s.bytes })).sort((a, b) => b.bytes - a.bytes),
      });
    }
  } finally {
    await browser.close();
  }
  return results;
}
