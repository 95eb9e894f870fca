// The pure rules of the resident charter: which state change a version may take and who may make it,
// who is an adult asked to sign, and the article-by-article comparison of two versions (words added and
// removed, by jsdiff's diffWords). Client-safe: no database here.
import { problemOf, type Problem as CoreProblem, type ProblemParams, type Result as CoreResult } from "~/modules/core/result";
import { diffWords } from "diff";
import type { CharterStatus } from "~db/schema/charter";
import { ADULT_AGE, ageIn } from "~/modules/exchange/rules";

export const PROBLEM_CODES = [
  "not_allowed",
  "in_progress_exists",
  "no_version_in_force",
  "no_articles",
  "adopted_before_current",
  "date_in_future",
  "already_signed",
  "not_adult",
  "no_person",
  "not_present",
  "signed_before_adoption",
  "comments_closed",
  "article_unknown",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
export type Problem = CoreProblem<ProblemCode>;
/** A write's answer in the charter: the core Result with this module's problems. */
export type Result<T extends object = object> = CoreResult<T, Problem>;
export const problem = (code: ProblemCode, field: string | null = null, params: ProblemParams = {}): Problem => problemOf(code, field, params);

// -------------------------------------------------------------------------------------------------
// State changes

export type CharterAction = "edit" | "propose" | "withdraw" | "adopt" | "delete" | "comment";

/**
 * Who may do what to a version:
 * - edit its title and articles, propose it, delete it: facilitators and admins (charter:manage), while a draft;
 * - withdraw it back to draft, adopt it (with a date): charter:manage, while proposed;
 * - comment on it: members with charter:comment, while proposed (comments close once adopted);
 * - an adopted version becomes superseded only when a newer one is adopted (never by hand).
 */
export function canDo({
  status,
  action,
  canManage,
  canComment,
}: {
  status: CharterStatus;
  action: CharterAction;
  canManage: boolean;
  canComment: boolean;
}): boolean {
  switch (action) {
    case "edit":
    case "propose":
    case "delete":
      return canManage && status === "draft";
    case "withdraw":
    case "adopt":
      return canManage && status === "proposed";
    case "comment":
      return canComment && status === "proposed";
  }
}

/** The state an allowed action leads to (edit and comment keep it; delete has none). */
export function nextStatus(action: CharterAction, status: CharterStatus): CharterStatus {
  switch (action) {
    case "propose":
      return "proposed";
    case "withdraw":
      return "draft";
    case "adopt":
      return "adopted";
    default:
      return status;
  }
}

export function allowedActions(status: CharterStatus, canManage: boolean, canComment: boolean): CharterAction[] {
  const all: CharterAction[] = ["edit", "propose", "withdraw", "adopt", "delete", "comment"];
  return all.filter((action) => canDo({ status, action, canManage, canComment }));
}

/**
 * An adoption date: not in the future, and not before the day the version in force was adopted (versions
 * follow each other in time, so the version in force on any day is well defined).
 */
export function checkAdoptionDate({ adoptedOn, today, currentAdoptedOn }: { adoptedOn: string; today: string; currentAdoptedOn: string | null }): Problem[] {
  if (adoptedOn > today) return [problem("date_in_future", "adoptedOn")];
  if (currentAdoptedOn && adoptedOn < currentAdoptedOn) return [problem("adopted_before_current", "adoptedOn", { date: currentAdoptedOn })];
  return [];
}

// -------------------------------------------------------------------------------------------------
// Who signs

/**
 * Adults are asked to sign: 18 or more in the year of `on` from the birth year. A person whose birth year
 * is unknown is asked too — better one signature too many than an adult left out.
 */
export function isAdult(birthYear: number | null | undefined, on: string): boolean {
  const age = ageIn(birthYear, Number(on.slice(0, 4)));
  return age == null || age >= ADULT_AGE;
}

/** A household is present on a day when it has arrived and not yet left (it leaves on its departure day). */
export function isPresent(h: { arrivalDate: string; departureDate: string | null }, on: string): boolean {
  return h.arrivalDate <= on && (h.departureDate == null || h.departureDate > on);
}

/** A share as a whole percentage, or null when there is nobody to count. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}

// -------------------------------------------------------------------------------------------------
// Comparison

export type ArticleText = { key: string; title: string; body: string };
export type DiffPart = { value: string; kind: "same" | "added" | "removed" };
export type ArticleChange = "added" | "removed" | "changed" | "unchanged";
export type ArticleDiff = { key: string; change: ArticleChange; title: DiffPart[]; body: DiffPart[] };

export function diffText(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ value: before, kind: "same" }] : [];
  return diffWords(before, after).map((c) => ({ value: c.value, kind: c.added ? "added" : c.removed ? "removed" : "same" }));
}

/**
 * Two versions article by article, matched by key: in the order of the newer version, each removed
 * article placed after the one that preceded it in the older version (or first).
 */
export function compareArticles(from: ArticleText[], to: ArticleText[]): ArticleDiff[] {
  const fromByKey = new Map(from.map((a) => [a.key, a]));
  const toKeys = new Set(to.map((a) => a.key));
  const result: ArticleDiff[] = to.map((a) => {
    const before = fromByKey.get(a.key);
    if (!before) return { key: a.key, change: "added", title: diffText("", a.title), body: diffText("", a.body) };
    const same = before.title === a.title && before.body === a.body;
    return { key: a.key, change: same ? "unchanged" : "changed", title: diffText(before.title, a.title), body: diffText(before.body, a.body) };
  });
  from.forEach((a, i) => {
    if (toKeys.has(a.key)) return;
    const removed: ArticleDiff = { key: a.key, change: "removed", title: diffText(a.title, ""), body: diffText(a.body, "") };
    // After the nearest earlier article still shown (kept or already placed as removed).
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const idx = result.findIndex((r) => r.key === from[j].key);
      if (idx >= 0) {
        at = idx + 1;
        break;
      }
    }
    result.splice(at, 0, removed);
  });
  return result;
}

/** Counts for the comparison's summary line. */
export function summarise(diffs: ArticleDiff[]): Record<ArticleChange, number> {
  const counts: Record<ArticleChange, number> = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const d of diffs) counts[d.change] += 1;
  return counts;
}

/** A problem in the user's words (the server translates it: some carry values). */
export function describeProblem(t: (key: string, options?: Record<string, unknown>) => string, p: Problem): string {
  return t(`charter:errors.${p.code}`, p.params);
}
