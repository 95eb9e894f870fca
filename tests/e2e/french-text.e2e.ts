// French as people read it (issue 17): every page of the demo, as each role that opens it, read over HTTP as a person
// sees it (scripts, styles, tags and attributes stripped), shows no ISO date, no period key (2026-Q3), no decimal
// point, no « à Les » / « de Le » (the group's name after a preposition is contracted: « aux Tilleuls ») and no i18n
// key left untranslated. The personal-data download is read the same way, keys included.
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, HttpClient, db, visibleText } from "./helpers";
import { isSupport, readRoutes, sampleIdsFrom, uniqueByUrl, urlWith, type RouteFile, type SampleIds } from "./routes";

const OFFICER = "charge.programme@demo.maisonnee.fr";
const NAMESPACES = "common|auth|households|admin|bookings|events|exchange|charter|meetings|support|evaluation";

const FAULTS: { name: string; pattern: RegExp }[] = [
  { name: "ISO date", pattern: /\b\d{4}-\d{2}-\d{2}\b/g },
  { name: "period key", pattern: /\b\d{4}-Q\d\b/g },
  { name: "decimal point", pattern: /\b\d+\.\d+\b/g },
  // « à Les Tilleuls » → « aux Tilleuls », « de Le Clos » → « du Clos » (app/modules/i18n/group-name.ts).
  { name: "uncontracted preposition", pattern: /(?<!\p{L})(?:à|de) L(?:es|e)(?!\p{L})/gu },
  { name: "i18n key", pattern: new RegExp(`\\b(?:${NAMESPACES}):[a-z_]+(?:\\.[a-z_]+)*\\b`, "g") },
  { name: "i18n key", pattern: /\b[a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)+\b|\b[a-z]+_[a-z_]+\.[a-z]+\b/g },
  // « 1 procurations », « 1 invité·es »: a count of one with a plural noun (French: 0 and 1 take the singular). Not
  // a label that follows a number (« adultes : 1 enfants : 0 », a list of facts with its tags stripped).
  {
    name: "plural after 1",
    pattern:
      /(?<![\d,.\u00a0\u202f] ?)\b[01] (?!(?:fois|mois|repas|temps|cours|pas|choix|plus|sous|sans|dans|vers|après|depuis|avis|des|les|mes|ses|nos|vos|leurs|aux)(?!\p{L}))\p{Ll}[\p{L}'’-]*(?:s|·es|·s)(?![\p{L}·])(?!\s*:)/gu,
  },
];

/** What is not a fault though it looks like one, each with its reason. */
const ALLOWED: { pattern: RegExp; reason: string }[] = [
  // The operator's form for a group's map position: the latitude and longitude fields take a decimal point (they are
  // parsed as numbers), so their hint shows what to type.
  { pattern: /degrés décimaux, par exemple 47\.0811 et 2\.3988/, reason: "example of what the number fields accept" },
];

/** Each fault once per text (a chart's axis repeats its periods), with the words around its first occurrence. */
function faultsIn(text: string): string[] {
  const found = new Map<string, string>();
  for (const { name, pattern } of FAULTS) {
    for (const m of text.matchAll(pattern)) {
      const around = text.slice(Math.max(0, (m.index ?? 0) - 40), (m.index ?? 0) + m[0].length + 40).trim();
      if (ALLOWED.some((a) => a.pattern.test(around))) continue;
      const key = `${name} « ${m[0]} »`;
      if (!found.has(key)) found.set(key, `${key} in « …${around}… »`);
    }
  }
  return [...found.values()];
}

const routes = readRoutes();
let handle: Database.Database;
let sampleIds: SampleIds;
beforeAll(() => {
  handle = db();
  sampleIds = sampleIdsFrom(handle);
});
afterAll(() => handle?.close());

const pages = (keep: (r: RouteFile) => boolean) => uniqueByUrl(routes.filter((r) => !r.isResource && keep(r) && r.params.every((p) => p in sampleIds)));

/** Each role with the pages it opens; a page that answers other than 200 to that role is not its page. */
const READERS: { who: string; pages: () => RouteFile[] }[] = [
  { who: DEMO.resident, pages: () => pages((r) => (r.access === "member" && !isSupport(r)) || r.access === "authenticated" || r.access === "public") },
  { who: DEMO.resident, pages: () => pages((r) => r.access === "member" && isSupport(r) && r.path.startsWith("/g/:groupId/households/")) },
  { who: DEMO.facilitator, pages: () => pages((r) => r.access === "member" && !isSupport(r)) },
  { who: DEMO.supportWorker, pages: () => pages((r) => r.access === "member" && isSupport(r)) },
  { who: OFFICER, pages: () => pages((r) => r.access === "officer" || r.path === "/p") },
  { who: DEMO.operator, pages: () => pages((r) => r.access === "operator") },
];

describe("French as people read it", () => {
  it("the visible text of every page, as each role, has no ISO date, period key, decimal point, « à Les » nor i18n key", async () => {
    const faults: string[] = [];
    let read = 0;
    for (const { who, pages } of READERS) {
      const http = new HttpClient();
      await http.login(who);
      for (const route of pages()) {
        const url = urlWith(route, sampleIds);
        const res = await http.get(url);
        if (res.status !== 200) continue;
        read++;
        for (const f of faultsIn(visibleText(res.body))) faults.push(`${who} GET ${url}: ${f}`);
      }
    }
    expect(read).toBeGreaterThan(60);
    expect(faults).toEqual([]);
  }, 240_000);

  it("the personal-data download reads in French: French keys, no ISO date, no time in milliseconds, valid JSON", async () => {
    const http = new HttpClient();
    await http.login(DEMO.resident);
    const res = await http.get("/account/data");
    expect(res.status).toBe(200);
    const data = JSON.parse(res.body) as Record<string, unknown>;
    const keys = new Set<string>();
    const numbers: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
      else if (value && typeof value === "object")
        for (const [k, v] of Object.entries(value)) {
          keys.add(k);
          walk(v, `${path}.${k}`);
        }
      // A time in milliseconds since 1970 (2001 onwards): 13 digits.
      else if (typeof value === "number" && value > 978_307_200_000) numbers.push(`${path}: ${value}`);
    };
    walk(data, "");
    const english = [...keys].filter((k) => /_/.test(k) || /^(about|account|persons|households|bookings|memberships|name|email|phone|role|created)$/.test(k));
    expect(english, "keys left in English or snake_case").toEqual([]);
    expect(numbers, "times in milliseconds").toEqual([]);
    expect(faultsIn(JSON.stringify(data, null, 1))).toEqual([]);
  });
});
