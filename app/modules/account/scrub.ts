// What deleting an account removes from the texts that stay (decision 009): the person's email, names and first or
// last name, whatever the case or the accents. Pure, so its rules — and its false positives — are tested alone.
import { ANONYMOUS_NAME } from "./plan";

export type Identity = { email: string; userName: string; persons: { firstName: string | null; lastName: string | null }[] };

export type ScrubTerms = {
  /** Her email: any case, in every text of the database. */
  emails: string[];
  /** What names her in several words (display name, "first last", "last first"): any case, in every text. */
  names: string[];
  /**
   * A first or last name alone, 3 letters or more: only in her groups' texts (elsewhere a "Jeanne" is someone else)
   * and only written as a name, with a capital ("Jeanne", "MARCHAND"): in lower case it is mostly a word —
   * marchand, petit, rose, claire, blanc — and other people's sentences would lose it.
   */
  words: string[];
};

const SEPARATORS = /[\s\-']+/g;
const MIN_WORD_LETTERS = 3;

/** Folding without the map: accents removed (NFD, marks dropped), ligatures opened, apostrophes straightened, lower case. */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .replace(/ς/g, "σ")
    .replace(/[\u2019\u02bc]/g, "'");
}

/**
 * A text folded for matching: accents removed (NFD, marks dropped), ligatures opened, typographic apostrophes
 * straightened, lower case — with, for each folded character, the span of the original it comes from, so that a
 * match found in the folded text is replaced in the original and everything around it stays as it was.
 */
function fold(text: string): { folded: string; from: number[]; to: number[] } {
  if (/^[\x00-\x7f]*$/.test(text)) {
    // Plain ASCII (most texts): one character for one, only the case folds.
    const index = Array.from({ length: text.length }, (_, i) => i);
    return { folded: text.toLowerCase(), from: index, to: index.map((i) => i + 1) };
  }
  let folded = "";
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of text) {
    const piece = foldText(ch);
    if (piece === "" && to.length > 0) to[to.length - 1] = i + ch.length; // a combining mark belongs to its letter
    for (const c of piece) {
      folded += c;
      from.push(i);
      to.push(i + ch.length);
    }
    i += ch.length;
  }
  return { folded, from, to };
}

const key = (term: string) => foldText(term).replace(SEPARATORS, " ").trim();
const letters = (term: string) => key(term).replace(/[^\p{L}]/gu, "").length;

/** The terms to look for, each list longest first so that a full name goes before its parts. */
export function scrubTerms({ email, userName, persons }: Identity): ScrubTerms {
  const emails = new Map<string, string>();
  const names = new Map<string, string>();
  const words = new Map<string, string>();
  const anonymous = key(ANONYMOUS_NAME);
  const add = (map: Map<string, string>, term: string | null | undefined) => {
    const t = term?.trim();
    if (!t || key(t) === anonymous || key(t) === "" || names.has(key(t)) || words.has(key(t))) return;
    if (!map.has(key(t))) map.set(key(t), t);
  };
  const nameOrWord = (term: string | null | undefined) => {
    if (!term?.trim()) return;
    if (key(term).includes(" ")) add(names, term);
    else if (letters(term) >= MIN_WORD_LETTERS) add(words, term);
  };
  if (email.includes("@")) add(emails, email);
  nameOrWord(userName);
  for (const p of persons)
    if (p.firstName?.trim() && p.lastName?.trim()) {
      add(names, `${p.firstName.trim()} ${p.lastName.trim()}`);
      add(names, `${p.lastName.trim()} ${p.firstName.trim()}`);
    }
  for (const p of persons) {
    nameOrWord(p.lastName);
    nameOrWord(p.firstName);
  }
  const longestFirst = (map: Map<string, string>) => [...map.values()].sort((a, b) => key(b).length - key(a).length);
  return { emails: longestFirst(emails), names: longestFirst(names), words: longestFirst(words) };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const pattern = (term: string) => key(term).split(" ").map(escapeRegExp).join("[\\s\\-']+");

type Kind = "email" | "name" | "word";

/**
 * A function that gives a text with her scrubbed out, or null when it holds nothing of her. `herGroup`: the text
 * belongs to one of her groups (or to her), where her first or last name alone also goes.
 */
export function makeScrubber(identity: Identity): (text: string, where: { herGroup: boolean }) => string | null {
  const terms = scrubTerms(identity);
  const alternatives: { kind: Kind; source: string }[] = [
    // An address ends where address characters end; a name is a whole word.
    ...terms.emails.map((t) => ({ kind: "email" as const, source: `(?<![\\p{L}\\p{N}._%+\\-])${pattern(t)}(?![\\p{L}\\p{N}_\\-])` })),
    ...terms.names.map((t) => ({ kind: "name" as const, source: `(?<![\\p{L}\\p{N}])${pattern(t)}(?![\\p{L}\\p{N}])` })),
    ...terms.words.map((t) => ({ kind: "word" as const, source: `(?<![\\p{L}\\p{N}])${pattern(t)}(?![\\p{L}\\p{N}])` })),
  ];
  if (alternatives.length === 0) return () => null;
  const everywhere = alternatives.filter((a) => a.kind !== "word");
  const build = (list: typeof alternatives) =>
    list.length ? { kinds: list.map((a) => a.kind), re: new RegExp(list.map((a) => `(${a.source})`).join("|"), "gu") } : null;
  const inGroup = build(alternatives);
  const outside = build(everywhere);
  const needles = [...terms.emails, ...terms.names, ...terms.words].map((t) => key(t).split(" ")[0]!);

  return (text, { herGroup }) => {
    const matcher = herGroup ? inGroup : outside;
    if (!matcher || !text) return null;
    // Cheap refusal first, on the whole text at once: most texts hold none of her words.
    const quick = /^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : foldText(text);
    if (!needles.some((n) => quick.includes(n))) return null;
    const { folded, from, to } = fold(text);
    let out = "";
    let last = 0;
    let changed = false;
    matcher.re.lastIndex = 0;
    for (const m of folded.matchAll(matcher.re)) {
      const kind = matcher.kinds[m.slice(1).findIndex((g) => g !== undefined)]!;
      const start = from[m.index]!;
      const end = to[m.index + m[0].length - 1]!;
      if (start < last) continue;
      // A name alone counts only when written as a name, with a capital.
      if (kind === "word" && !/^\P{L}*\p{Lu}/u.test(text.slice(start, end))) continue;
      out += text.slice(last, start) + (kind === "email" ? "deleted@invalid" : ANONYMOUS_NAME);
      last = end;
      changed = true;
    }
    return changed ? out + text.slice(last) : null;
  };
}
