// The rules of the group calendar as pure functions (no database, no clock): repetition and exceptions,
// sign-up deadlines, places and the waiting list, portions, the cost split and meal balances. Client-safe.
//
// Who counts how (the sign-up model):
//   adults   — people from the group's child age limit up (default 12): 1 portion, 1 place;
//   children — from 3 years old up to the limit (excluded): ½ portion, 1 place;
//   infants  — under 3: free, but they take a place (the capacity counts every person in the room);
//   guests   — people from outside the household, whatever their age: 1 portion, 1 place; the hosting
//              household pays for them.
// Portions are carried as half-portions (integers) so no sum ever meets a float.
import type { EventRepeat } from "~db/schema/enums";
import { describeProblem as describeBookingProblem, type Problem as BookingProblem } from "~/modules/bookings/rules";
import { formatDate } from "~/modules/core/dates";
import type { Problem as CoreProblem, ProblemParams } from "~/modules/core/result";
import { addDays, expandRRule, utcToZoned, wallMinutesBetween } from "~/modules/core/recurrence";

export const PROBLEM_CODES = [
  "required",
  "no_household",
  "in_past",
  "end_before_start",
  "no_occurrence",
  "too_many_occurrences",
  "deadline_passed",
  "already_started",
  "not_scheduled",
  "already_signed_up",
  "not_active",
  "not_enough_places",
  "meal_closed",
  "not_a_meal",
  "role_full",
  "already_in_role",
  "slots_below_taken",
  "capacity_below_taken",
  "not_started",
  "no_eaters",
  "no_payer",
  "nothing_to_change",
  "too_far_ahead",
  "number_invalid",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** A form field of the events forms, or null for the whole form. */
export type EventField =
  | "kind"
  | "title"
  | "description"
  | "spaceId"
  | "placeText"
  | "date"
  | "startTime"
  | "endTime"
  | "endDate"
  | "repeat"
  | "until"
  | "count"
  | "capacity"
  | "signupDeadlineHours"
  | "organiserIds"
  | "hostPersonId"
  | "hostText"
  | "helperSlots"
  | "cleanerSlots"
  | "adults"
  | "children"
  | "infants"
  | "guests"
  | "householdId"
  | "role"
  | "slots"
  | "personId"
  | "amount"
  | "paidByHouseholdId"
  | "note"
  | "reason";

type Params = ProblemParams;
/**
 * A broken rule: core's Problem on an events form field, plus `ns`, where its words are: "events" →
 * `events:errors.<code>`; "bookings" → a rule of the space (overlap, closure, notice…),
 * `bookings:errors.<code>` with the bookings module's params, plus `occurrenceDate` ('YYYY-MM-DD') naming
 * the date of the series that could not be booked.
 */
export type Problem = (CoreProblem<ProblemCode, EventField> & { ns: "events" }) | (CoreProblem<BookingProblem["code"], EventField> & { ns: "bookings" });

export const problem = (code: ProblemCode, field: EventField | null = null, params: Params = {}): Problem => ({ ns: "events", code, field, params });

/** A bookings problem as an events problem: the booking form's fields map onto the event form's. */
export function fromBookingProblem(p: BookingProblem, occurrenceDate: string): Problem {
  const fields: Partial<Record<NonNullable<BookingProblem["field"]>, EventField>> = {
    spaceId: "spaceId",
    date: "date",
    startTime: "startTime",
    endTime: "endTime",
    endDate: "endDate",
    guests: "capacity",
    until: "until",
  };
  return { ns: "bookings", code: p.code, field: p.field ? (fields[p.field] ?? null) : null, params: { ...p.params, occurrenceDate } };
}

// -------------------------------------------------------------------------------------------------
// Repetition

/** How far ahead occurrences exist as rows (a job moves it forward every day). */
export const HORIZON_DAYS = 366;
/** A series never has more rows than this at once (a weekly event over the horizon has 53). */
export const MAX_OCCURRENCES = 120;

const BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

/** Which weekday of its month a date is: the 2nd Saturday → { nth: 2, weekday: "SA" }; a 5th one counts as the last (-1). */
export function nthWeekdayOf(date: string): { nth: 1 | 2 | 3 | 4 | -1; weekday: (typeof BYDAY)[number] } {
  const d = new Date(`${date}T12:00:00Z`);
  const n = Math.ceil(d.getUTCDate() / 7);
  return { nth: (n >= 5 ? -1 : n) as 1 | 2 | 3 | 4 | -1, weekday: BYDAY[(d.getUTCDay() + 6) % 7] };
}

/** The RRULE of the form's choice, from the first date: "monthly_weekday" on 2026-03-14 → "FREQ=MONTHLY;BYDAY=2SA". */
export function rruleFor(repeat: EventRepeat, startDate: string): string | null {
  switch (repeat) {
    case "none":
      return null;
    case "weekly":
      return "FREQ=WEEKLY";
    case "biweekly":
      return "FREQ=WEEKLY;INTERVAL=2";
    case "monthly_day":
      return "FREQ=MONTHLY";
    case "monthly_weekday": {
      const { nth, weekday } = nthWeekdayOf(startDate);
      return `FREQ=MONTHLY;BYDAY=${nth}${weekday}`;
    }
  }
}

/** The form's choice for a stored RRULE (for the edit form); null when the rule is one the form cannot show. */
export function repeatOf(rrule: string | null): EventRepeat | null {
  if (!rrule) return "none";
  const parts = Object.fromEntries(
    rrule
      .replace(/^RRULE:/i, "")
      .split(";")
      .map((p) => p.split("=") as [string, string]),
  );
  const interval = Number(parts.INTERVAL ?? 1);
  const keys = Object.keys(parts).filter((k) => k !== "FREQ" && k !== "INTERVAL" && k !== "BYDAY");
  if (keys.length) return null;
  if (parts.FREQ === "WEEKLY" && !parts.BYDAY) return interval === 1 ? "weekly" : interval === 2 ? "biweekly" : null;
  if (parts.FREQ === "MONTHLY" && interval === 1)
    return parts.BYDAY ? (/^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.test(parts.BYDAY) ? "monthly_weekday" : null) : "monthly_day";
  return null;
}

/** The date an event ends on: the given end date, else its start date (an end at 00:00 is the next midnight). */
export function endDateOf(date: string, endTime: string, endDate?: string | null): string {
  return endDate || (endTime === "00:00" ? addDays(date, 1) : date);
}

/** Wall-clock minutes from the start to the end (0 or less when the end is not after the start). */
export function durationOf(date: string, startTime: string, endTime: string, endDate?: string | null): number {
  return wallMinutesBetween(`${date}T${startTime}`, `${endDateOf(date, endTime, endDate)}T${endTime}`);
}

/** What a series' rows are computed from. */
export type SeriesRule = {
  rrule: string | null;
  startDate: string;
  startTime: string;
  durationMinutes: number;
  timeZone: string;
  untilDate: string | null;
  count: number | null;
};

/** An occurrence the rule gives: originalStartsAt is its identity (RECURRENCE-ID), startsAt/endsAt its slot. */
export type PlannedOccurrence = { originalStartsAt: number; startsAt: number; endsAt: number; date: string };

/** The occurrences of a series whose date falls in [fromDate, toDate], at most `max`. Clock changes keep the wall-clock time. */
export function planOccurrences(rule: SeriesRule, window: { fromDate?: string; toDate: string; max?: number }): PlannedOccurrence[] {
  return expandRRule({
    rrule: rule.rrule,
    start: `${rule.startDate}T${rule.startTime}`,
    durationMinutes: rule.durationMinutes,
    timeZone: rule.timeZone,
    until: rule.untilDate,
    count: rule.count,
    fromDate: window.fromDate,
    toDate: window.toDate,
    max: window.max ?? MAX_OCCURRENCES + 1,
  }).map((o) => ({ originalStartsAt: o.startsAt, startsAt: o.startsAt, endsAt: o.endsAt, date: o.date }));
}

/** The last date occurrences are materialised to: the horizon, or the space's booking window when shorter. */
export function horizonDate(today: string, bookingWindowDays: number | null = null): string {
  return addDays(today, Math.min(HORIZON_DAYS, bookingWindowDays ?? HORIZON_DAYS));
}

/** An exception: what became of one occurrence (its row). */
export type OccurrenceException = { originalStartsAt: number; status: "scheduled" | "cancelled"; startsAt: number; endsAt: number; moved: boolean };
export type CalendarOccurrence = OccurrenceException & { date: string };

/**
 * The calendar of a series: the rule's occurrences with the exceptions applied — a cancelled one stays,
 * marked cancelled (calendars show it struck through); a moved one takes its new slot. Sorted by start.
 */
export function applyExceptions(planned: PlannedOccurrence[], exceptions: OccurrenceException[], timeZone: string): CalendarOccurrence[] {
  const byOriginal = new Map(exceptions.map((e) => [e.originalStartsAt, e]));
  return planned
    .map((p) => {
      const e = byOriginal.get(p.originalStartsAt);
      const slot = e ? { startsAt: e.startsAt, endsAt: e.endsAt } : { startsAt: p.startsAt, endsAt: p.endsAt };
      return {
        originalStartsAt: p.originalStartsAt,
        ...slot,
        status: e?.status ?? ("scheduled" as const),
        moved: e?.moved ?? false,
        date: utcToZoned(slot.startsAt, timeZone).date,
      };
    })
    .sort((a, b) => a.startsAt - b.startsAt);
}

/**
 * "This and the following" from the occurrence whose rule start is `pivotOriginalStartsAt`: the old series
 * ends the day before the pivot's date and, when counted, keeps the occurrences that came before it
 * (`before`; 0 means the pivot is the first occurrence: the whole series changes, no split).
 */
export function splitRule(rule: SeriesRule, pivotOriginalStartsAt: number): { untilDate: string; count: number | null; before: number } {
  const pivotDate = utcToZoned(pivotOriginalStartsAt, rule.timeZone).date;
  const before = planOccurrences(rule, { toDate: addDays(pivotDate, -1), max: 100_000 }).length;
  return { untilDate: addDays(pivotDate, -1), count: rule.count != null ? before : null, before };
}

// -------------------------------------------------------------------------------------------------
// Deadlines

/** When sign-ups close: `hours` before the start, or at the start. */
export function signupDeadline(startsAt: number, deadlineHours: number | null): number {
  return startsAt - (deadlineHours ?? 0) * 3_600_000;
}

/** A household signs up, changes or cancels before the deadline (exactly at it is too late). */
export function ruleDeadline(now: number, startsAt: number, deadlineHours: number | null, field: EventField | null = null): Problem[] {
  if (now >= startsAt) return [problem("already_started", field)];
  const deadline = signupDeadline(startsAt, deadlineHours);
  return now >= deadline ? [problem("deadline_passed", field, { deadline })] : [];
}

/** What the next-meal rule needs of an occurrence. */
type MealCandidate = { kind: string; status: string; closed: boolean; startsAt: number; signupDeadline: number };

/** A shared meal a household can still sign up for (or change its sign-up): scheduled, not closed, before its deadline. */
export function isOpenMeal(o: MealCandidate, now: number): boolean {
  return o.kind === "shared_meal" && o.status === "scheduled" && !o.closed && now < o.startsAt && now < o.signupDeadline;
}

/** Home's « prochain repas »: the soonest shared meal still open for sign-up, this week or later (null: none). */
export function pickNextMeal<T extends MealCandidate>(candidates: readonly T[], now: number): T | null {
  return [...candidates].sort((a, b) => a.startsAt - b.startsAt).find((o) => isOpenMeal(o, now)) ?? null;
}

// -------------------------------------------------------------------------------------------------
// Places, portions, the waiting list

export type Party = { adults: number; children: number; infants: number; guests: number };

/** Places a sign-up takes: every person. */
export const placesOf = (p: Party) => p.adults + p.children + p.infants + p.guests;
/** Portions × 2: adult and guest 2, child 1, infant 0. */
export const halfPortionsOf = (p: Party) => 2 * (p.adults + p.guests) + p.children;
/** Persons of the household itself (guests apart). */
export const residentsOf = (p: Party) => p.adults + p.children + p.infants;

/** The counts a party's sign-up form starts from: the household's persons by age (birth year against today's year; unknown = adult). */
export function defaultParty(persons: { birthYear: number | null }[], childAgeLimit: number, today: string): Party {
  const year = Number(today.slice(0, 4));
  const party: Party = { adults: 0, children: 0, infants: 0, guests: 0 };
  for (const p of persons) {
    const age = p.birthYear == null ? Infinity : year - p.birthYear;
    if (age < 3) party.infants++;
    else if (age < childAgeLimit) party.children++;
    else party.adults++;
  }
  return party;
}

/** Places left (null: no limit). */
export const placesLeft = (capacity: number | null, taken: number) => (capacity == null ? null : Math.max(0, capacity - taken));

/**
 * Where a new sign-up goes: confirmed if it fits and nobody is waiting (nobody overtakes the waiting
 * list), else on the waiting list.
 */
export function admission({
  capacity,
  taken,
  waiting,
  places,
}: {
  capacity: number | null;
  taken: number;
  waiting: number;
  places: number;
}): "confirmed" | "waitlisted" {
  if (capacity == null) return "confirmed";
  return waiting === 0 && taken + places <= capacity ? "confirmed" : "waitlisted";
}

/**
 * Who comes off the waiting list when places free: in order of position, while the first in line fits.
 * Strict order — a smaller household behind a larger one that does not fit waits too — so nobody is
 * overtaken; the facilitator can still confirm someone by hand by raising the capacity.
 */
export function promotions({
  capacity,
  taken,
  waitlist,
}: {
  capacity: number | null;
  taken: number;
  waitlist: (Party & { id: string; position: number })[];
}): string[] {
  const out: string[] = [];
  let used = taken;
  for (const w of [...waitlist].sort((a, b) => a.position - b.position)) {
    if (capacity != null && used + placesOf(w) > capacity) break;
    used += placesOf(w);
    out.push(w.id);
  }
  return out;
}

/** A sign-up whose party grows: refused when the extra places are not free (a waitlisted one just changes). */
export function ruleGrow({ capacity, taken, before, after }: { capacity: number | null; taken: number; before: number; after: number }): Problem[] {
  if (capacity == null || after <= before) return [];
  const left = capacity - taken;
  return after - before > left ? [problem("not_enough_places", "adults", { left: Math.max(0, left), capacity })] : [];
}

/** A party the form schema would have refused (the module does not trust its callers): counts are whole numbers ≥ 0, at least one person. */
export function ruleParty(p: Party): Problem[] {
  for (const field of ["adults", "children", "infants", "guests"] as const)
    if (!Number.isSafeInteger(p[field]) || p[field] < 0) return [problem("number_invalid", field)];
  return placesOf(p) < 1 ? [problem("required", "adults")] : [];
}

// -------------------------------------------------------------------------------------------------
// Money

/**
 * `totalCents` split in proportion to integer weights, to the cent, summing exactly to the total: each
 * gets the floor of its exact share, and the cents left go one by one to the largest remainders (ties:
 * the smaller key first, so the result never depends on the order given). Zero weights get zero.
 */
export function splitCost(totalCents: number, weights: { key: string; weight: number }[]): { key: string; cents: number }[] {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0) throw new RangeError("splitCost: the total must be a non-negative integer of cents");
  const sum = weights.reduce((s, w) => s + w.weight, 0);
  if (weights.some((w) => !Number.isSafeInteger(w.weight) || w.weight < 0)) throw new RangeError("splitCost: weights must be non-negative integers");
  if (sum === 0) {
    if (totalCents === 0) return weights.map((w) => ({ key: w.key, cents: 0 }));
    throw new RangeError("splitCost: nothing to split a cost between");
  }
  // BigInt keeps total × weight exact whatever the sizes.
  const parts = weights.map((w) => {
    const exact = BigInt(totalCents) * BigInt(w.weight);
    return { key: w.key, cents: Number(exact / BigInt(sum)), remainder: Number(exact % BigInt(sum)) };
  });
  let left = totalCents - parts.reduce((s, p) => s + p.cents, 0);
  const order = [...parts].sort((a, b) => b.remainder - a.remainder || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const p of order) {
    if (left === 0) break;
    if (p.remainder === 0) continue;
    p.cents++;
    left--;
  }
  return parts.map(({ key, cents }) => ({ key, cents }));
}

/** The cost of one portion, in cents (a fraction: for display only; shares come from splitCost). */
export const costPerPortion = (totalCents: number, halfPortions: number) => (halfPortions > 0 ? (totalCents * 2) / halfPortions : null);

export type LedgerLine = { householdId: string; kind: "paid" | "eaten"; amountCents: number; halfPortions: number };

/**
 * The ledger lines of a closed meal: what each household paid (+, its costs added up) and what its
 * portions cost (−, the total split by half-portions). They sum to zero to the cent. A household that
 * ate nothing gets no eaten line; one that paid nothing, no paid line.
 */
export function mealLedgerLines({
  costs,
  eaters,
}: {
  costs: { paidByHouseholdId: string; amountCents: number }[];
  eaters: { householdId: string; halfPortions: number }[];
}): LedgerLine[] {
  const total = costs.reduce((s, c) => s + c.amountCents, 0);
  const paid = new Map<string, number>();
  for (const c of costs) paid.set(c.paidByHouseholdId, (paid.get(c.paidByHouseholdId) ?? 0) + c.amountCents);
  const portions = new Map<string, number>();
  for (const e of eaters) if (e.halfPortions > 0) portions.set(e.householdId, (portions.get(e.householdId) ?? 0) + e.halfPortions);
  const shares = splitCost(
    total,
    [...portions].map(([key, weight]) => ({ key, weight })),
  );
  const lines: LedgerLine[] = [];
  for (const [householdId, amountCents] of [...paid].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (amountCents > 0) lines.push({ householdId, kind: "paid", amountCents, halfPortions: 0 });
  for (const s of shares.sort((a, b) => (a.key < b.key ? -1 : 1)))
    lines.push({ householdId: s.key, kind: "eaten", amountCents: 0 - s.cents || 0, halfPortions: portions.get(s.key)! });
  return lines;
}

export type Balance = { householdId: string; paidCents: number; eatenCents: number; balanceCents: number; meals: number };

/** Balance per household: paid as cook minus eaten. Over a group (every line of every closed meal) they sum to zero. */
export function balancesOf(lines: (Pick<LedgerLine, "householdId" | "kind" | "amountCents"> & { occurrenceId?: string })[]): Balance[] {
  const out = new Map<string, Balance & { seen: Set<string> }>();
  for (const l of lines) {
    const b = out.get(l.householdId) ?? { householdId: l.householdId, paidCents: 0, eatenCents: 0, balanceCents: 0, meals: 0, seen: new Set<string>() };
    if (l.kind === "paid") b.paidCents += l.amountCents;
    else {
      b.eatenCents += -l.amountCents;
      if (l.occurrenceId && !b.seen.has(l.occurrenceId)) {
        b.seen.add(l.occurrenceId);
        b.meals++;
      } else if (!l.occurrenceId) b.meals++;
    }
    b.balanceCents += l.amountCents;
    out.set(l.householdId, b);
  }
  return [...out.values()].map(({ seen: _seen, ...b }) => b);
}

// -------------------------------------------------------------------------------------------------
// Words

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The message of a problem in the person's language (`t` is the request's or the component's i18next t). */
export function describeProblem(t: Translate, p: Problem, lang: string, timeZone: string): string {
  if (p.ns === "bookings") {
    const text = describeBookingProblem(t, { code: p.code, field: null, params: p.params }, lang, timeZone);
    const date = typeof p.params.occurrenceDate === "string" ? formatDate(p.params.occurrenceDate, lang, timeZone, "long") : null;
    return date ? t("events:errors.on_date", { date, text }) : text;
  }
  const values: Record<string, unknown> = { ...p.params };
  if (typeof p.params.deadline === "number") {
    values.deadline = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, {
      timeZone,
      weekday: "long",
      day: "numeric",
      month: "long",
      hour: "2-digit",
      minute: "2-digit",
    }).format(p.params.deadline);
  }
  if (typeof p.params.lastDate === "string") values.lastDate = formatDate(p.params.lastDate, lang, timeZone, "long");
  return t(`events:errors.${p.code}`, values);
}
