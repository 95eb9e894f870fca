// Every locale file, bundled on the server. Files live in app/locales/<lang>/<namespace>.json.
import type { Resource } from "i18next";
import fs from "node:fs";
import path from "node:path";
import { LANGUAGES } from "./config";

function localeFiles(): Record<string, Record<string, unknown>> {
  try {
    // Vite (dev, build, vitest) replaces this call with the bundled files.
    return import.meta.glob<Record<string, unknown>>("../../locales/*/*.json", { eager: true, import: "default" });
  } catch {
    // Plain Node scripts (tsx: db:reset, benches) have no import.meta.glob: read the same files from disk.
    const root = path.resolve("app/locales");
    const files: Record<string, Record<string, unknown>> = {};
    for (const lang of fs.readdirSync(root)) {
      for (const file of fs.readdirSync(path.join(root, lang)).filter((f) => f.endsWith(".json"))) {
        files[`locales/${lang}/${file}`] = JSON.parse(fs.readFileSync(path.join(root, lang, file), "utf8"));
      }
    }
    return files;
  }
}

export const resources: Resource = {};
for (const lang of LANGUAGES) resources[lang] = {};
for (const [file, content] of Object.entries(localeFiles())) {
  const match = /locales\/([a-z]+)\/([a-z-]+)\.json$/.exec(file);
  if (!match) continue;
  const [, lang, ns] = match;
  (resources[lang] ??= {})[ns] = content;
}
