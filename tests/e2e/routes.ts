// The inventory of app/routes the crawls share (cross-group, french-text): every route file with its URL pattern,
// its access policy, whether it is a page or a resource, and real ids of the demo's Les Tilleuls to fill its params.
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { ACCESS_POLICIES, type AccessPolicy } from "~/modules/access/policy";
import { demoIds } from "./helpers";

const ROUTES_DIR = path.resolve("app/routes");

export type RouteFile = {
  file: string;
  access: AccessPolicy | null;
  path: string;
  params: string[];
  isIndex: boolean;
  hasAction: boolean;
  isResource: boolean;
};

/** Remix flat routes: `g.$groupId.households.$householdId._index.tsx` → `/g/:groupId/households/:householdId`. */
function routePath(file: string): { path: string; isIndex: boolean } {
  const name = file.replace(/\.(tsx?|jsx?)$/, "").replace(/\/route$/, "");
  if (/[[\]()]/.test(name)) throw new Error(`${file}: escaped or optional segments are not handled here yet — extend routePath()`);
  const parts = name.split(".");
  const segments: string[] = [];
  let isIndex = false;
  for (const part of parts) {
    if (part === "_index") isIndex = true;
    else if (part.startsWith("_"))
      continue; // pathless layout
    else if (part === "$") segments.push("*");
    else {
      const clean = part.replace(/_$/, ""); // `foo_` opts out of layout nesting, same URL
      segments.push(clean.startsWith("$") ? `:${clean.slice(1)}` : clean);
    }
  }
  return { path: `/${segments.join("/")}`, isIndex };
}

export function readRoutes(): RouteFile[] {
  const entries = fs.readdirSync(ROUTES_DIR, { withFileTypes: true });
  return entries
    .map((e) => (e.isDirectory() ? `${e.name}/route.tsx` : e.name))
    .filter((f) => /\.(tsx?|jsx?)$/.test(f) && fs.existsSync(path.join(ROUTES_DIR, f)))
    .map((file) => {
      const source = fs.readFileSync(path.join(ROUTES_DIR, file), "utf8");
      const match = /export\s+const\s+access\s*(?::\s*AccessPolicy)?\s*=\s*["']([a-z]+)["']/.exec(source);
      const access = match && (ACCESS_POLICIES as readonly string[]).includes(match[1]) ? (match[1] as AccessPolicy) : null;
      const { path: p, isIndex } = routePath(file);
      return {
        file,
        access,
        path: p,
        params: [...p.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]),
        isIndex,
        hasAction: /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(source),
        // A resource route (no component: an .ics file…) is checked over HTTP, not rendered in the browser.
        isResource: !/export\s+default\s/.test(source),
      };
    });
}

export type SampleIds = Record<string, () => string>;

/** Real rows of Les Tilleuls, and for the resident's own pages, her own household and person; looked up when first used. */
export function sampleIdsFrom(handle: Database.Database): SampleIds {
  const { tilleuls, jeanne } = demoIds(handle);
  const one =
    (sql: string, ...args: unknown[]) =>
    () => {
      const row = handle.prepare(sql).get(...args) as { id: string } | undefined;
      if (!row) throw new Error(`no sample row in Les Tilleuls for: ${sql}`);
      return row.id;
    };
  return {
    groupId: () => tilleuls,
    householdId: () => jeanne.householdId,
    personId: () => jeanne.personId,
    invitationId: one("select id from invitations where group_id = ? order by created_at limit 1", tilleuls),
    userId: one("select user_id as id from memberships where group_id = ? and role = 'resident' limit 1", tilleuls),
    membershipId: one("select id from memberships where group_id = ? limit 1", tilleuls),
    spaceId: one("select id from spaces where group_id = ? order by created_at, name limit 1", tilleuls),
    bookingId: one("select id from bookings where group_id = ? order by created_at limit 1", tilleuls),
    occurrenceId: one("select id from event_occurrences where group_id = ? order by starts_at limit 1", tilleuls),
    // db/seed-exchange.ts: the oldest exchange of Les Tilleuls is one of the demo resident's household.
    postId: one("select id from exchange_posts where group_id = ? order by created_at limit 1", tilleuls),
    exchangeId: one("select id from exchanges where group_id = ? order by created_at limit 1", tilleuls),
    // db/seed-meetings.ts: a held meeting of Les Tilleuls whose minutes are published (residents read them).
    meetingId: one("select id from meetings where group_id = ? and minutes_status = 'published' order by created_at limit 1", tilleuls),
    // db/seed-charter.ts: version 3 of Les Tilleuls' charter is proposed (comments open; its edit page says it is no longer a draft).
    versionId: one("select id from charter_versions where group_id = ? and status = 'proposed' limit 1", tilleuls),
    // Programme pages (officer): the demo programme, a submitted report of Les Tilleuls, a CSV of the overview.
    programmeId: one("select programme_id as id from programme_groups where group_id = ? limit 1", tilleuls),
    reportId: one("select id from reports where group_id = ? and current_revision > 0 order by period_from desc limit 1", tilleuls),
    file: () => "overview.csv",
    // db/seed-support.ts: Les Tilleuls' referral (Jeanne's household, to the nurses).
    referralId: one("select id from support_referrals where group_id = ? order by created_at limit 1", tilleuls),
  };
}

export function urlWith(route: RouteFile, sampleIds: SampleIds): string {
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_m, param: string) => {
    const sample = sampleIds[param];
    if (!sample) throw new Error(`${route.file}: add a sample id for :${param} (sampleIdsFrom in tests/e2e/routes.ts)`);
    return encodeURIComponent(sample());
  });
}

/** Single fetch (Remix 2.17): `/a/b` → `/a/b.data`, and `/` → `/_root.data`; index routes need nothing more for GET. */
export function dataUrl(url: string): string {
  return url === "/" ? "/_root.data" : `${url.replace(/\/$/, "")}.data`;
}

/** Support pages (issue 7) answer 404 to everyone but the group's support workers. */
export const isSupport = (r: RouteFile) => r.path.includes("/support");

/** One route per URL (a layout and its index share one: the index is kept). */
export function uniqueByUrl(list: RouteFile[]) {
  const seen = new Map<string, RouteFile>();
  for (const r of list) if (!seen.has(r.path) || r.isIndex) seen.set(r.path, r);
  return [...seen.values()];
}
