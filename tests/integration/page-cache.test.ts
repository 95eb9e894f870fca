// The page cache may only send a kept page while nothing it shows has changed: every table a page can show
// bumps a change counter in the same transaction as the change (triggers), reads never do, and a kept page is
// dropped at the next minute, when it is for another version, or when memory is short.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import * as schema from "~db/schema";
import { seedDemo } from "~db/seed";
import { isCacheablePage, PageCache, pageCacheKey, pageVersion } from "~/modules/core/page-cache.server";
import { makeGroup, makeHousehold, makeMember, requestAs } from "../fixtures";

const sqlite = db.$client;
const versions = () => sqlite.prepare("select scope, version from data_versions order by scope").all();

describe("change counters", () => {
  it("every table with a group_id bumps its group on insert, update and delete (but the ones read-only pages write)", () => {
    const tables = (
      sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const triggers = new Set((sqlite.prepare("select name from sqlite_master where type = 'trigger'").all() as { name: string }[]).map((t) => t.name));
    // Written by reading pages (support's access log) or derived from other rows (the indicators kept).
    const writtenByReads = ["support_access_log", "indicator_cache"];
    const missing: string[] = [];
    for (const table of tables) {
      const columns = (sqlite.prepare(`pragma table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);
      if (!columns.includes("group_id") || writtenByReads.includes(table)) continue;
      for (const op of ["insert", "update", "delete"]) if (!triggers.has(`${table}_${op}_version`)) missing.push(`${table}_${op}_version`);
    }
    expect(missing).toEqual([]);
  });

  it("a change in a group moves its pages' version and no other group's; a change of the person moves theirs", () => {
    const a = makeGroup("Les Tilleuls");
    const b = makeGroup("Villa Passerelle");
    const household = makeHousehold(a.id);
    const jeanne = makeMember({ groupId: a.id, householdId: household.id });
    const omar = makeMember({ groupId: b.id });
    const before = { a: pageVersion(`/g/${a.id}`, jeanne.id)!, b: pageVersion(`/g/${b.id}/calendar`, omar.id)! };

    db.update(schema.households).set({ dwelling: "Bâtiment B, 2e" }).where(eq(schema.households.id, household.id)).run();
    expect(pageVersion(`/g/${a.id}`, jeanne.id)).toBeGreaterThan(before.a);
    expect(pageVersion(`/g/${b.id}/calendar`, omar.id)).toBe(before.b);

    const afterHousehold = pageVersion(`/g/${a.id}/bookings`, jeanne.id)!;
    db.update(schema.users).set({ locale: "en" }).where(eq(schema.users.id, jeanne.id)).run();
    expect(pageVersion(`/g/${a.id}/bookings`, jeanne.id)).toBeGreaterThan(afterHousehold);
    expect(pageVersion(`/g/${b.id}/calendar`, omar.id)).toBe(before.b);
  });

  it("a programme's pages move with any of its groups, not with a group outside it", () => {
    const org = db.insert(schema.organisations).values({ name: "Fondation", kind: "funder" }).returning().get();
    const programme = db
      .insert(schema.programmes)
      .values({ organisationId: org.id, name: "Habiter ensemble", startsOn: "2025-01-01", endsOn: "2027-12-31" })
      .returning()
      .get();
    const inside = makeGroup();
    const outside = makeGroup();
    db.insert(schema.programmeGroups).values({ programmeId: programme.id, groupId: inside.id }).run();
    const officer = makeMember({ groupId: outside.id });
    const v0 = pageVersion(`/p/${programme.id}`, officer.id)!;
    makeHousehold(outside.id);
    expect(pageVersion(`/p/${programme.id}`, officer.id)).toBe(v0);
    makeHousehold(inside.id);
    expect(pageVersion(`/p/${programme.id}`, officer.id)).toBeGreaterThan(v0);
  });

  it("pages outside groups and programmes are never kept", () => {
    expect(pageVersion("/account", "someone")).toBeNull();
    expect(pageVersion("/login", "someone")).toBeNull();
  });
});

describe("pages that opt in read without writing", () => {
  const ROUTES = path.resolve("app/routes");
  const optedIn = fs.readdirSync(ROUTES).filter((f) => /handle\s*=\s*\{[^}]*pageCache:\s*true/.test(fs.readFileSync(path.join(ROUTES, f), "utf8")));

  it("finds them", () => {
    expect(optedIn).toContain("g.$groupId._index.tsx");
    expect(optedIn).toContain("g.$groupId.calendar.tsx");
  });

  it("every such page's loaders leave every change counter as it was, on the demo", async () => {
    await seedDemo(db);
    const userId = (email: string) => db.select().from(schema.users).where(eq(schema.users.email, email)).get()!.id;
    const resident = userId("habitante@demo.maisonnee.fr");
    // The demo's Les Tilleuls (a test above made another group of that name).
    const tilleuls = { id: db.select().from(schema.memberships).where(eq(schema.memberships.userId, resident)).get()!.groupId };
    const officer = userId("charge.programme@demo.maisonnee.fr");
    const funder = db.select().from(schema.organisationMembers).where(eq(schema.organisationMembers.userId, officer)).get()!.organisationId;
    const programme = db.select().from(schema.programmes).where(eq(schema.programmes.organisationId, funder)).get()!;
    const facilitator = userId("animatrice@demo.maisonnee.fr");
    for (const file of optedIn) {
      const route = (await import(/* @vite-ignore */ path.join(ROUTES, file))) as { loader?: (args: unknown) => unknown };
      const layout = (await import(/* @vite-ignore */ path.join(ROUTES, file.startsWith("p.") ? "p.$programmeId.tsx" : "g.$groupId.tsx")).catch(
        () => null,
      )) as { loader?: (args: unknown) => unknown } | null;
      const params = file.startsWith("p.") ? { programmeId: programme.id } : { groupId: tilleuls.id };
      const urlPath = file.startsWith("p.") ? `/p/${programme.id}` : `/g/${tilleuls.id}`;
      expect(Object.keys(params).length, `${file}: fill in its other URL parameters here`).toBe((file.match(/\$/g) ?? []).length);
      for (const user of file.startsWith("p.") ? [officer] : [resident, facilitator]) {
        const before = versions();
        const request = requestAs(user, `http://localhost${urlPath}`);
        const load = async (fn?: (args: unknown) => unknown) => {
          try {
            await fn?.({ request, params, context: {} });
          } catch (e) {
            throw e instanceof Response ? new Error(`${file} as ${user}: HTTP ${e.status}`) : e;
          }
        };
        await load(layout?.loader);
        await load(route.loader);
        expect(versions(), `${file} wrote something while read`).toEqual(before);
      }
    }
  }, 60_000);
});

describe("the kept pages", () => {
  const page = (version: number, size = 1000) => ({ version, status: 200, headers: { "content-type": "text/html" }, raw: Buffer.alloc(size, "a") });
  const MINUTE = 60_000;
  const t0 = Date.parse("2026-11-23T10:00:05Z");

  it("gives a page back for the same version within the minute, gzipped once, with an ETag", () => {
    const cache = new PageCache(10_000_000);
    const stored = cache.set("k", page(3), t0);
    expect(stored.gzip.length).toBeLessThan(stored.raw.length);
    expect(cache.get("k", 3, t0 + 30_000)?.etag).toBe(stored.etag);
    expect(cache.get("k", 4, t0 + 30_000)).toBeNull();
    expect(cache.get("k", 3, t0 + MINUTE)).toBeNull();
  });

  it("forgets the least recently used pages beyond its memory", () => {
    const cache = new PageCache(3 * 1100);
    cache.set("a", page(1), t0);
    cache.set("b", page(1), t0);
    cache.set("c", page(1), t0);
    cache.get("a", 1, t0);
    cache.set("d", page(1), t0);
    expect(cache.get("b", 1, t0)).toBeNull();
    expect(cache.get("a", 1, t0)).not.toBeNull();
    expect(cache.get("d", 1, t0)).not.toBeNull();
  });

  it("keeps pages apart per person, URL and language", () => {
    const keys = new Set([
      pageCacheKey("u1", "/g/x", {}),
      pageCacheKey("u2", "/g/x", {}),
      pageCacheKey("u1", "/g/x?toast=saved", {}),
      pageCacheKey("u1", "/g/x", { cookie: "lng=en" }),
      pageCacheKey("u1", "/g/x", { "accept-language": "en-GB" }),
    ]);
    expect(keys.size).toBe(5);
  });

  it("keeps only signed-in 200 pages of routes that opt in and set no cookie", () => {
    const base = {
      status: 200,
      signedIn: true,
      headers: new Headers(),
      matches: [{ route: { id: "root" } }, { route: { id: "routes/home" } }],
      routeModules: { root: {}, "routes/home": { handle: { pageCache: true } } },
    };
    expect(isCacheablePage(base)).toBe(true);
    expect(isCacheablePage({ ...base, signedIn: false })).toBe(false);
    expect(isCacheablePage({ ...base, status: 404 })).toBe(false);
    expect(isCacheablePage({ ...base, headers: new Headers({ "Set-Cookie": "a=b" }) })).toBe(false);
    expect(isCacheablePage({ ...base, routeModules: { root: {}, "routes/home": {} } })).toBe(false);
  });
});
