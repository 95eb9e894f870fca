// A group's name after « à » or « de », with French contractions: « aux Tilleuls », « du Clos », « à la Ferme »,
// « de l'Olivier », « à Villa Passerelle », « d'Ivry ». Locale strings use it as an i18next format:
// "Retour {{name, à}}" (i18n.server.ts and client.ts register it); English strings keep "Back to {{name}}".
import type { i18n } from "i18next";

export type Preposition = "à" | "de";

const VOWEL = /^[aeiouyàâäéèêëîïôöùûüœæ]/iu;

export function withPreposition(prep: Preposition, name: string): string {
  const trimmed = name.trim();
  const article = /^(Les|Le|La)\s+(\S.*)$/u.exec(trimmed);
  if (article) {
    const [, word, rest] = article;
    if (word === "Les") return `${prep === "à" ? "aux" : "des"} ${rest}`;
    if (word === "Le") return `${prep === "à" ? "au" : "du"} ${rest}`;
    return `${prep} la ${rest}`;
  }
  const elided = /^L['’]\s*(\S.*)$/u.exec(trimmed);
  if (elided) return `${prep} l'${elided[1]}`;
  if (prep === "de" && VOWEL.test(trimmed)) return `d'${trimmed}`;
  return `${prep} ${trimmed}`;
}

/** "{{name, à}}" and "{{name, de}}" in locale strings. */
export function addPrepositionFormats(instance: i18n) {
  instance.services.formatter?.add("à", (value: unknown) => withPreposition("à", String(value)));
  instance.services.formatter?.add("de", (value: unknown) => withPreposition("de", String(value)));
}
