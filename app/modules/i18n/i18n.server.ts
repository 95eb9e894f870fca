// One i18next instance per language, built once at start-up and shared by every request
// (building one per request cost 22 % of CPU here: ../shared/STACK.md).
import i18next, { type i18n, type TFunction } from "i18next";
import { readCookie } from "~/modules/auth/session.server";
import { DEFAULT_LANG, LANG_COOKIE, LANGUAGES, NAMESPACES, isLang, pickFromAcceptLanguage, type Lang } from "./config";
import { addPrepositionFormats } from "./group-name";
import { resources } from "./resources";

const instances = new Map<Lang, i18n>();
for (const lng of LANGUAGES) {
  const instance = i18next.createInstance();
  void instance.init({
    lng,
    fallbackLng: false,
    resources: { [lng]: resources[lng] },
    ns: [...NAMESPACES],
    defaultNS: "common",
    interpolation: { escapeValue: false },
    initImmediate: false,
    returnNull: false,
  });
  addPrepositionFormats(instance);
  instances.set(lng, instance);
}

export function getInstance(lang: Lang): i18n {
  return instances.get(lang)!;
}

export function getT(lang: Lang): TFunction {
  return instances.get(lang)!.t;
}

/** The person's choice, then the language cookie, then the browser's Accept-Language, then French. */
export function resolveLang(request: Request, userLocale?: string | null): Lang {
  if (isLang(userLocale)) return userLocale;
  const cookie = readCookie(request, LANG_COOKIE);
  if (isLang(cookie)) return cookie;
  return pickFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LANG;
}
