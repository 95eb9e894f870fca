// The pure rules of support follow-up: amounts typed in euros, follow-up check dates after a departure,
// the referral state machine, the median, and whether an episode overlaps a period. Client-safe.
import { problemOf, type Problem as CoreProblem, type Result as CoreResult } from "~/modules/core/result";
import { CHECK_MILESTONES, type CheckMilestone, type OutcomeKind, type ReferralStatus } from "./enums";

/** What the support module's writes refuse (decision 017); no message needs values. */
export const PROBLEM_CODES = [
  "date_future",
  "episode_open",
  "start_before_previous_end",
  "no_open_episode",
  "end_before_start",
  "not_departed",
  "check_too_early",
  "person_not_in_household",
  "partner_exists",
  "partner_not_found",
  "outcome_required",
  "referral_transition",
  "before_referral",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
export type Problem = CoreProblem<ProblemCode>;
/** A write's answer in support: the core Result with this module's problems. */
export type Result<T extends object = object> = CoreResult<T, Problem>;
export const problem = (code: ProblemCode, field: string | null = null): Problem => problemOf(code, field);

/** A problem's message: its key, which the form components translate (no support message carries values). */
export function describeProblem(p: Problem): string {
  return `support:errors.${p.code}`;
}

/** "120", "120,50", "1 234.5 €" → cents; null when unreadable, not positive or over 100,000 €. */
export function parseEuros(value: string): number | null {
  const clean = value
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/€$/, "")
    .replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  const cents = Math.round(Number(clean) * 100);
  if (!Number.isSafeInteger(cents) || cents <= 0 || cents > 10_000_000) return null;
  return cents;
}

/** Cents as "1 234,50 €" (fr) or "€1,234.50" (en). */
export function formatEuros(cents: number, lang: string): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR", { style: "currency", currency: "EUR" }).format(cents / 100);
}

/** A calendar date plus whole months, clamped to the month's last day (31 Aug + 6 months → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** The dates of the follow-up checks after a departure. */
export function checkDates(departureDate: string): Record<CheckMilestone, string> {
  return Object.fromEntries(CHECK_MILESTONES.map((m) => [m, addMonths(departureDate, m)])) as Record<CheckMilestone, string>;
}

/** Whole days between two calendar dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** An episode [start, end or still open] overlaps the period [from, to] (inclusive dates). */
export function overlaps(episode: { startDate: string; endDate: string | null }, from: string, to: string): boolean {
  return episode.startDate <= to && (episode.endDate === null || episode.endDate >= from);
}

/**
 * A referral moves forward only: sent → taken_up → closed, or sent → closed (the household never went).
 * Closing needs what came of it.
 */
export function canMoveReferral(from: ReferralStatus, to: ReferralStatus): boolean {
  if (from === "sent") return to === "taken_up" || to === "closed";
  if (from === "taken_up") return to === "closed";
  return false;
}

/** Why a referral may not move from `from` to `to` (on the field the form shows it next to), or null. */
export function referralProblem(from: ReferralStatus, to: ReferralStatus, outcomeKind: OutcomeKind | undefined): Problem | null {
  if (!canMoveReferral(from, to)) return problem("referral_transition", "status");
  if (to === "closed" && !outcomeKind) return problem("outcome_required", "outcomeKind");
  return null;
}
