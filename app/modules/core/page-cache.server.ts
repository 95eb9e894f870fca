// Rendered pages kept per person, and served again while nothing they show has changed.
//
// Why: a resident's Home costs ~20 ms of CPU to build (eleven module reads, React), so a 2-core server tops out
// near 100 pages/s; most page views, though, repeat a page nobody has changed since (issue 9, bench/run.ts).
// A kept page is exact, not merely recent: triggers (db/migrations/0018) bump a counter per group, per person
// and for programme-wide rows in the same transaction as every change, and a kept page is only sent while the
// sum of the counters it depends on is the one read before it was built. Time moves pages too ("today", "in 2
// hours"), so nothing is kept across a minute boundary.
//
// Which pages: a route opts in with `handle.pageCache = true` when its page (with its parent routes) depends
// only on the URL, the person, their language and the data — no writes on read (support pages log every read,
// so they never opt in), no cookies set. Only signed-in GETs of HTML documents are kept; the key is the person
// and the whole URL (toasts ride in the query string).
import crypto from "node:crypto";
import zlib from "node:zlib";
import { db } from "~db/client.server";
import { LANG_COOKIE } from "~/modules/i18n/config";

export const PAGE_CACHE_HEADER = "x-maisonnee-page-cache";
const MINUTE = 60_000;

const groupVersion = db.$client.prepare("select coalesce(sum(version), 0) as v from data_versions where scope in ('g:' || ?, 'u:' || ?, '*')");
const programmeVersion = db.$client.prepare(
  `select coalesce(sum(version), 0) as v from data_versions
   where scope in ('u:' || ?, '*') or scope in (select 'g:' || group_id from programme_groups where programme_id = ?)`,
);

/** The version of everything the page at `pathname` can show to this person, or null for pages never kept. */
export function pageVersion(pathname: string, userId: string): number | null {
  const match = /^\/(g|p)\/([^/.]+)/.exec(pathname);
  if (!match) return null;
  const row = (match[1] === "g" ? groupVersion.get(match[2], userId) : programmeVersion.get(userId, match[2])) as { v: number };
  return row.v;
}

type Entry = {
  version: number;
  minute: number;
  status: number;
  headers: Record<string, string>;
  raw: Buffer;
  gzip: Buffer;
  etag: string;
  bytes: number;
};

export type CachedPage = Pick<Entry, "status" | "headers" | "raw" | "gzip" | "etag">;

const LANG_RE = new RegExp(`(?:^|;\\s*)${LANG_COOKIE}=([^;]*)`);

export function pageCacheKey(userId: string, url: string, headers: { cookie?: string; "accept-language"?: string }): string {
  // The language comes from the person's setting (in the data), else the cookie, else the browser.
  const lang = LANG_RE.exec(headers.cookie ?? "")?.[1] ?? "";
  return `${userId}\n${url}\n${lang}\n${headers["accept-language"] ?? ""}`;
}

/** A byte-bounded LRU of rendered pages, one per worker process. */
export class PageCache {
  private entries = new Map<string, Entry>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private maxBytes: number) {}

  get(key: string, version: number, now = Date.now()): CachedPage | null {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version || entry.minute !== Math.floor(now / MINUTE)) {
      this.misses++;
      return null;
    }
    this.hits++;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, page: { version: number; status: number; headers: Record<string, string>; raw: Buffer }, now = Date.now()): CachedPage {
    const gzip = zlib.gzipSync(page.raw, { level: 6 });
    const etag = `W/"${crypto.createHash("sha1").update(page.raw).digest("base64url").slice(0, 22)}"`;
    const entry: Entry = { ...page, minute: Math.floor(now / MINUTE), gzip, etag, bytes: page.raw.length + gzip.length + key.length };
    this.delete(key);
    if (entry.bytes > this.maxBytes) return entry;
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [oldKey] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(oldKey);
    }
    return entry;
  }

  get size() {
    return this.entries.size;
  }

  private delete(key: string) {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.bytes;
  }
}

export const pageCache = new PageCache(Number(process.env.PAGE_CACHE_MB ?? 64) * 1024 * 1024);
const pageCacheEnabled = Number(process.env.PAGE_CACHE_MB ?? 64) > 0;

type RouteMatchLike = { route: { id: string } };
/** Whether the page Remix just rendered may be kept: set as a header that server.mjs takes off before sending. */
export function isCacheablePage(options: {
  status: number;
  signedIn: boolean;
  headers: Headers;
  matches: RouteMatchLike[];
  routeModules: Record<string, { handle?: unknown } | undefined>;
}): boolean {
  if (!pageCacheEnabled || options.status !== 200 || !options.signedIn || options.headers.has("set-cookie")) return false;
  const leaf = options.matches.at(-1);
  const handle = leaf ? (options.routeModules[leaf.route.id]?.handle as { pageCache?: boolean } | undefined) : undefined;
  return handle?.pageCache === true;
}
