// Browser side of the translations: the page's own arrive inlined in its HTML (inline.tsx); a client-side
// navigation to a page that declares more (handle.i18n) loads the missing namespaces before it renders, and a
// key met without its namespace (a message from the server, say) loads that namespace and renders again.
import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { addPrepositionFormats } from "./group-name";
import { DEFAULT_LANG, NAMESPACES, TRANSLATIONS_ELEMENT_ID, isLang, type InlineTranslations, type Lang } from "./config";

// One chunk per language and namespace file, fetched only when a page needs it.
const files = import.meta.glob<Record<string, unknown>>("../../locales/*/*.json", { import: "default" });

/** Whole namespaces held, and sections held of the others. */
const held = new Set<string>();
const loading = new Map<string, Promise<void>>();
let lang: Lang = DEFAULT_LANG;

const isHeld = (entry: string) => held.has(entry) || held.has(entry.split(":")[0]);

function loadNamespace(instance: i18n, ns: string): Promise<void> {
  let promise = loading.get(ns);
  if (!promise) {
    const file = files[`../../locales/${lang}/${ns}.json`];
    promise = (file ? file() : Promise.resolve({}))
      .then((bundle) => {
        held.add(ns);
        // Deep and overwriting: a section inlined earlier is completed, not lost.
        instance.addResourceBundle(lang, ns, bundle, true, true);
      })
      .catch((error: unknown) => {
        // A failed download (offline): forget it so that the next navigation tries again.
        loading.delete(ns);
        throw error;
      });
    loading.set(ns, promise);
  }
  return promise;
}

/**
 * Throws (React Suspense) until every entry is held: called while rendering a navigation, which React runs in
 * a transition, so the page on screen stays until the texts of the next one are there.
 */
export function useEnsureTranslations(instance: i18n, entries: readonly string[]) {
  if (typeof document === "undefined") return;
  const missing = [...new Set(entries.filter((e) => !isHeld(e)).map((e) => e.split(":")[0]))];
  if (missing.length === 0) return;
  // A failed load is swallowed here: the page then renders with the keys it has, rather than not at all.
  throw Promise.all(missing.map((ns) => loadNamespace(instance, ns).catch(() => held.add(ns))));
}

/** Reads the page's inlined translations and starts i18next with them; before hydration. */
export async function initClientI18n(): Promise<i18n> {
  const element = document.getElementById(TRANSLATIONS_ELEMENT_ID);
  let data: InlineTranslations | null;
  try {
    data = element?.textContent ? (JSON.parse(element.textContent) as InlineTranslations) : null;
  } catch {
    data = null;
  }
  const htmlLang = document.documentElement.lang;
  lang = data && isLang(data.lang) ? data.lang : isLang(htmlLang) ? htmlLang : DEFAULT_LANG;
  for (const entry of data?.entries ?? []) held.add(entry);
  const resources = data?.resources ?? {};
  await i18next.use(initReactI18next).init({
    lng: lang,
    fallbackLng: false,
    resources: { [lang]: resources },
    ns: Object.keys(resources),
    defaultNS: "common",
    interpolation: { escapeValue: false },
    returnNull: false,
    initImmediate: false,
    // A key whose namespace is not here yet: fetch it; components render again when it is added.
    saveMissing: true,
    missingKeyHandler: (_lngs, ns) => {
      if ((NAMESPACES as readonly string[]).includes(ns) && !held.has(ns)) void loadNamespace(i18next, ns).catch(() => undefined);
    },
    react: { bindI18nStore: "added" },
  });
  addPrepositionFormats(i18next);
  return i18next;
}
