import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { DEFAULT_LANG, NAMESPACES, isLang } from "~/modules/i18n/config";

// Only the page's language is downloaded, one chunk per namespace file.
const files = import.meta.glob<Record<string, unknown>>("./locales/*/*.json", { import: "default" });

async function hydrate() {
  const htmlLang = document.documentElement.lang;
  const lang = isLang(htmlLang) ? htmlLang : DEFAULT_LANG;
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => [ns, (await files[`./locales/${lang}/${ns}.json`]?.()) ?? {}] as const),
  );
  await i18next.use(initReactI18next).init({
    lng: lang,
    fallbackLng: false,
    resources: { [lang]: Object.fromEntries(entries) },
    ns: [...NAMESPACES],
    defaultNS: "common",
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
