import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LANGUAGES, NAMESPACES, pickFromAcceptLanguage } from "~/modules/i18n/config";

function flatten(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

// i18next plural suffixes differ between languages; compare on the base key.
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

describe("locales", () => {
  const dir = path.resolve("app/locales");
  it("has a file per namespace in every language", () => {
    for (const lang of LANGUAGES) {
      for (const ns of NAMESPACES) expect(fs.existsSync(path.join(dir, lang, `${ns}.json`)), `${lang}/${ns}.json`).toBe(true);
    }
  });
  for (const ns of NAMESPACES) {
    it(`${ns}: every key exists in every language`, () => {
      const keys = Object.fromEntries(
        LANGUAGES.map((lang) => [lang, new Set(flatten(JSON.parse(fs.readFileSync(path.join(dir, lang, `${ns}.json`), "utf8"))).map(base))]),
      );
      for (const lang of LANGUAGES) {
        for (const other of LANGUAGES) {
          const missing = [...keys[lang]].filter((k) => !keys[other].has(k));
          expect(missing, `keys of ${lang}/${ns}.json missing in ${other}/${ns}.json`).toEqual([]);
        }
      }
    });
  }
  it("has no empty translation", () => {
    for (const lang of LANGUAGES) {
      for (const ns of NAMESPACES) {
        const json = JSON.parse(fs.readFileSync(path.join(dir, lang, `${ns}.json`), "utf8"));
        const walk = (o: Record<string, unknown>, p: string): void => {
          for (const [k, v] of Object.entries(o)) {
            if (v && typeof v === "object") walk(v as Record<string, unknown>, `${p}${k}.`);
            else expect(String(v).trim(), `${lang}/${ns}:${p}${k}`).not.toBe("");
          }
        };
        walk(json, "");
      }
    }
  });
});

describe("Accept-Language", () => {
  it("picks the best supported language by quality", () => {
    expect(pickFromAcceptLanguage("en-US,en;q=0.9,fr;q=0.8")).toBe("en");
    expect(pickFromAcceptLanguage("de-DE,de;q=0.9,fr;q=0.5,en;q=0.4")).toBe("fr");
    expect(pickFromAcceptLanguage("fr-FR")).toBe("fr");
  });
  it("returns null when nothing matches", () => {
    expect(pickFromAcceptLanguage("de,es;q=0.5")).toBeNull();
    expect(pickFromAcceptLanguage(null)).toBeNull();
  });
});
