// `npm run bench:lighthouse`: Lighthouse (mobile profile: a mid-range phone, slow 4G simulated) on the resident's
// Home and the group calendar, logged in, on the production build with the demo. Prints performance and
// accessibility scores with FCP / LCP / TBT / CLS. Targets (issue 9): performance ≥ 95, accessibility 100.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { freshDbPath, groupIdOf, login, RESIDENT, startServer } from "./lib/faults";

const PORT = 3920;

export async function runLighthouse() {
  const server = await startServer({ dbPath: freshDbPath("lighthouse"), port: PORT });
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  const rows = [];
  try {
    const groupId = groupIdOf(server.dbPath);
    const cookie = await login(server.url, RESIDENT);
    for (const [page, path] of [
      ["Home (resident)", `/g/${groupId}`],
      ["Calendar", `/g/${groupId}/calendar`],
    ] as const) {
      const result = await lighthouse(
        `${server.url}${path}`,
        { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"], extraHeaders: { Cookie: cookie } },
      );
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`lighthouse gave no result for ${path}`);
      const ms = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
      rows.push({
        page,
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        "FCP ms": ms("first-contentful-paint"),
        "LCP ms": ms("largest-contentful-paint"),
        "TBT ms": ms("total-blocking-time"),
        CLS: Number((lhr.audits["cumulative-layout-shift"]?.numericValue ?? NaN).toFixed(3)),
        "JS KB (transfer)": Math.round(
          ((lhr.audits["resource-summary"]?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined)?.items?.find((i) => i.resourceType === "script")?.transferSize ?? 0) / 1024,
        ),
      });
      const failed = Object.values(lhr.categories.accessibility?.auditRefs ?? [])
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary");
      for (const a of failed) console.log(`  ${page}: accessibility audit failed — ${a.id}: ${a.title}`);
    }
  } finally {
    chrome.kill();
    await server.stop();
  }
  console.log("\nLighthouse, mobile profile (simulated slow 4G, 4× CPU slowdown), production build, demo data");
  console.table(rows);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await runLighthouse();
