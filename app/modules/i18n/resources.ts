// Every locale file, bundled on the server. Files live in app/locales/<lang>/<namespace>.json.
import type { Resource } from "i18next";
import { LANGUAGES } from "./config";

const files = import.meta.glob<Record<string, unknown>>("../../locales/*/*.json", { eager: true, import: "default" });

export const resources: Resource = {};
for (const lang of LANGUAGES) resources[lang] = {};
for (const [file, content] of Object.entries(files)) {
  const match = /locales\/([a-z]+)\/([a-z-]+)\.json$/.exec(file);
  if (!match) continue;
  const [, lang, ns] = match;
  (resources[lang] ??= {})[ns] = content;
}
