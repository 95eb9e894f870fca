// The page's translations, inlined in its HTML as JSON: exactly what the matched routes declare in
// handle.i18n (plus "common"), so the browser needs no extra request before hydrating and downloads no text
// the page does not show. The client renders back the very same text so hydration leaves it alone.
import { useMatches } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { i18n } from "i18next";
import { routeTranslationEntries, TRANSLATIONS_ELEMENT_ID, type InlineTranslations, type Lang } from "./config";

const serialized = new WeakMap<i18n, Map<string, string>>();

/** Server side: the JSON for these entries, built once per language and set of entries. */
export function serializeTranslations(instance: i18n, lang: Lang, entries: string[]): string {
  const cacheKey = `${lang}|${entries.join(",")}`;
  let cache = serialized.get(instance);
  if (!cache) serialized.set(instance, (cache = new Map()));
  let json = cache.get(cacheKey);
  if (json === undefined) {
    const resources: InlineTranslations["resources"] = {};
    for (const entry of entries) {
      const [ns, section] = entry.split(":") as [string, string | undefined];
      const bundle = (instance.getResourceBundle(lang, ns) ?? {}) as Record<string, unknown>;
      if (!section) resources[ns] = bundle;
      else if (bundle[section] !== undefined) (resources[ns] ??= {})[section] = bundle[section];
    }
    // "<" escaped: the text sits in a <script> element and must never close it.
    json = JSON.stringify({ lang, entries, resources } satisfies InlineTranslations).replace(/</g, "\\u003c");
    cache.set(cacheKey, json);
  }
  return json;
}

let initialText: string | null = null;

export function RouteTranslations({ lang }: { lang: Lang }) {
  const matches = useMatches();
  const { i18n } = useTranslation();
  let text: string;
  if (typeof document === "undefined") {
    text = serializeTranslations(i18n, lang, routeTranslationEntries(matches));
  } else {
    // Later navigations load their texts through app/modules/i18n/client.ts; this element keeps its first content.
    initialText ??= document.getElementById(TRANSLATIONS_ELEMENT_ID)?.textContent ?? "";
    text = initialText;
  }
  return <script id={TRANSLATIONS_ELEMENT_ID} type="application/json" suppressHydrationWarning dangerouslySetInnerHTML={{ __html: text }} />;
}
