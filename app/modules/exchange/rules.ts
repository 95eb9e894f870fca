// The pure rules of the skill exchange: who may move an exchange from one state to the next, the hours
// an exchange may count, the care safeguards, the age bands, and the two movements of a done exchange.
import { problemOf, type Problem as CoreProblem, type ProblemParams, type Result as CoreResult } from "~/modules/core/result";
import { CARE_CATEGORIES, type ExchangeCategory, type ExchangePostKind, type ExchangeStatus } from "~db/schema/enums";

export const PROBLEM_CODES = [
  "own_household",
  "no_household",
  "post_not_active",
  "already_open",
  "minutes_invalid",
  "care_adult_only",
  "care_age_unknown",
  "care_not_approved",
  "not_allowed",
  "date_required",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
export type Problem = CoreProblem<ProblemCode>;
/** A write's answer in the exchange: the core Result with this module's problems. */
export type Result<T extends object = object> = CoreResult<T, Problem>;
export const problem = (code: ProblemCode, field: string | null = null, params: ProblemParams = {}): Problem => problemOf(code, field, params);

/** One exchange counts at most 24 hours. */
export const MAX_EXCHANGE_MINUTES = 24 * 60;
export const ADULT_AGE = 18;

// -------------------------------------------------------------------------------------------------
// Sides and state changes

export type Side = "giver" | "receiver" | null;
export type ExchangeAction = "agree" | "confirm" | "cancel" | "dispute" | "settle_done" | "settle_cancel" | "thank";

/** Which side of the exchange a household is on (null: neither). */
export function sideOf(exchange: { giverHouseholdId: string; receiverHouseholdId: string }, householdId: string | null): Side {
  if (!householdId) return null;
  if (householdId === exchange.giverHouseholdId) return "giver";
  if (householdId === exchange.receiverHouseholdId) return "receiver";
  return null;
}

/**
 * Who may do what:
 * - agree (with a date): either side, while proposed (an agreed exchange may be re-dated by either side);
 * - confirm the hours → done: the receiving side only, once agreed;
 * - cancel: either side, before done (proposed or agreed);
 * - dispute: either side, once agreed (the hours are not agreed); a facilitator then settles it;
 * - settle (done with hours, or cancelled): a facilitator, while disputed;
 * - thank: the receiving side, once done.
 */
export function canDo({ status, side, action, canSettle }: { status: ExchangeStatus; side: Side; action: ExchangeAction; canSettle: boolean }): boolean {
  switch (action) {
    case "agree":
      return side !== null && (status === "proposed" || status === "agreed");
    case "confirm":
      return side === "receiver" && status === "agreed";
    case "cancel":
      return side !== null && (status === "proposed" || status === "agreed");
    case "dispute":
      return side !== null && status === "agreed";
    case "settle_done":
    case "settle_cancel":
      return canSettle && status === "disputed";
    case "thank":
      return side === "receiver" && status === "done";
  }
}

/** The state an allowed action leads to. */
export function nextStatus(action: ExchangeAction, status: ExchangeStatus): ExchangeStatus {
  switch (action) {
    case "agree":
      return "agreed";
    case "confirm":
    case "settle_done":
      return "done";
    case "cancel":
    case "settle_cancel":
      return "cancelled";
    case "dispute":
      return "disputed";
    case "thank":
      return status;
  }
}

/** The actions a side may take now: the page shows these buttons only. */
export function allowedActions(status: ExchangeStatus, side: Side, canSettle: boolean): ExchangeAction[] {
  const all: ExchangeAction[] = ["agree", "confirm", "cancel", "dispute", "settle_done", "settle_cancel", "thank"];
  return all.filter((action) => canDo({ status, side, action, canSettle }));
}

// -------------------------------------------------------------------------------------------------
// Opening an exchange

/**
 * "I can help" on a request, "I'm interested" on an offer: the household of the post and the household
 * answering, one giving and one receiving. Never with one's own household.
 */
export function openRoles({
  postKind,
  postHouseholdId,
  postPersonId,
  myHouseholdId,
  myPersonId,
}: {
  postKind: ExchangePostKind;
  postHouseholdId: string;
  postPersonId: string | null;
  myHouseholdId: string | null;
  myPersonId: string | null;
}): Result<{ giverHouseholdId: string; receiverHouseholdId: string; giverPersonId: string | null; receiverPersonId: string | null }> {
  if (!myHouseholdId) return { ok: false, problems: [problem("no_household")] };
  if (myHouseholdId === postHouseholdId) return { ok: false, problems: [problem("own_household")] };
  return postKind === "offer"
    ? { ok: true, giverHouseholdId: postHouseholdId, giverPersonId: postPersonId, receiverHouseholdId: myHouseholdId, receiverPersonId: myPersonId }
    : { ok: true, giverHouseholdId: myHouseholdId, giverPersonId: myPersonId, receiverHouseholdId: postHouseholdId, receiverPersonId: postPersonId };
}

// -------------------------------------------------------------------------------------------------
// Hours

/** Time an exchange may count: more than 0, at most 24 hours. */
export function checkMinutes(minutes: number, field = "hours"): Problem[] {
  if (!Number.isInteger(minutes) || minutes <= 0 || minutes > MAX_EXCHANGE_MINUTES) return [problem("minutes_invalid", field, { max: 24 })];
  return [];
}

/** Hours as people type them — "2", "1,5", "1.5", "1h30", "1:30", "45min" — to whole minutes; null if unreadable. */
export function parseHours(raw: string): number | null {
  const s = raw.trim().toLowerCase().replace(/\s+/g, "");
  if (!s) return null;
  let m = /^(\d{1,3})(?:[.,](\d{1,2}))?h?$/.exec(s);
  if (m) return Math.round(Number(`${m[1]}.${m[2] ?? "0"}`) * 60);
  m = /^(\d{1,3})[h:](\d{1,2})(?:min)?$/.exec(s);
  if (m && Number(m[2]) < 60) return Number(m[1]) * 60 + Number(m[2]);
  m = /^(\d{1,4})(?:min|mn|m)$/.exec(s);
  if (m) return Number(m[1]);
  return null;
}

/** 90 → "1 h 30", 60 → "1 h", 45 → "45 min"; negative with a minus sign. */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? "−" : "";
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (h === 0) return `${sign}${m} min`;
  return m === 0 ? `${sign}${h} h` : `${sign}${h} h ${String(m).padStart(2, "0")}`;
}

// -------------------------------------------------------------------------------------------------
// Care safeguards

function isCare(category: ExchangeCategory): boolean {
  return (CARE_CATEGORIES as readonly string[]).includes(category);
}

/** Age reached in `year`, from the birth year alone. */
export function ageIn(birthYear: number | null | undefined, year: number): number | null {
  return birthYear == null ? null : year - birthYear;
}

/**
 * Care categories (childcare, company and visits) need an adult giver (18+ from the birth year); when the
 * group restricts them, the giver must also be an approved carer. Other categories need nothing.
 */
export function checkCareGiver({
  category,
  giverBirthYear,
  approved,
  careRestricted,
  year,
}: {
  category: ExchangeCategory;
  giverBirthYear: number | null | undefined;
  approved: boolean;
  careRestricted: boolean;
  year: number;
}): Problem[] {
  if (!isCare(category)) return [];
  const age = ageIn(giverBirthYear, year);
  if (age == null) return [problem("care_age_unknown", "category")];
  if (age < ADULT_AGE) return [problem("care_adult_only", "category", { age: ADULT_AGE })];
  if (careRestricted && !approved) return [problem("care_not_approved", "category")];
  return [];
}

// -------------------------------------------------------------------------------------------------
// Age bands and the time bank

export const AGE_BANDS = ["under_25", "25_64", "65_plus", "unknown"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBand(birthYear: number | null | undefined, year: number): AgeBand {
  const age = ageIn(birthYear, year);
  if (age == null) return "unknown";
  if (age < 25) return "under_25";
  if (age < 65) return "25_64";
  return "65_plus";
}

/** The two lines a done exchange writes: the giver +minutes, the receiver −minutes. They sum to zero. */
export function movementsFor(exchange: { giverHouseholdId: string; receiverHouseholdId: string }, minutes: number): { householdId: string; minutes: number }[] {
  return [
    { householdId: exchange.giverHouseholdId, minutes },
    { householdId: exchange.receiverHouseholdId, minutes: -minutes },
  ];
}

/** Flagged to the facilitator (never blocked) when the balance is below the group's minimum. */
export function isBelowMinimum(balanceMinutes: number, minBalanceMinutes: number): boolean {
  return balanceMinutes < minBalanceMinutes;
}

/** "New this week": posted in the last 7 days. */
export const NEW_FOR_MS = 7 * 24 * 60 * 60 * 1000;

/** A problem in the user's words (the server translates it: some carry values). */
export function describeProblem(t: (key: string, options?: Record<string, unknown>) => string, p: Problem): string {
  return t(`exchange:errors.${p.code}`, p.params);
}
