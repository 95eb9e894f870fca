// Client-safe i18n settings. French first; English complete; a third language is one more folder.
export const LANGUAGES = ["fr", "en"] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = "fr";
export const NAMESPACES = ["common", "auth", "households", "admin", "bookings", "events", "exchange", "charter", "meetings", "support", "evaluation"] as const;
export const LANG_COOKIE = "lng";

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The best of our languages for an Accept-Language header, or null. */
export function pickFromAcceptLanguage(header: string | null): Lang | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { base: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.base && !Number.isNaN(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.base).find(isLang) ?? null;
}

/**
 * What a route's page shows, in its `handle`: whole namespaces ("bookings") or top-level sections of one
 * ("evaluation:survey", when a page shows a few texts of another capability). The page's HTML carries exactly
 * the union over the matched routes, plus "common"; a client-side navigation loads what is missing first.
 */
export type I18nHandle = { i18n?: readonly string[] };

/** The sorted, de-duplicated translation entries the matched routes declare, "common" first. */
export function routeTranslationEntries(matches: readonly { handle?: unknown }[]): string[] {
  const entries = new Set<string>();
  for (const match of matches) {
    const declared = (match.handle as I18nHandle | undefined)?.i18n;
    if (Array.isArray(declared)) for (const entry of declared) entries.add(entry);
  }
  entries.delete("common");
  const whole = new Set([...entries].filter((e) => !e.includes(":")));
  return ["common", ...[...entries].filter((e) => !e.includes(":") || !whole.has(e.split(":")[0])).sort()];
}

/** The id of the JSON element holding the page's translations (app/modules/i18n/inline.tsx). */
export const TRANSLATIONS_ELEMENT_ID = "i18n-resources";
export type InlineTranslations = { lang: Lang; entries: string[]; resources: Record<string, Record<string, unknown>> };
