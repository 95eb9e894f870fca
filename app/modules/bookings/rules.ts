// The booking rules of a space, as pure functions (no database, no clock): the bookings module feeds
// them the space, its closures, the neighbouring bookings and the household's usage. Client-safe.
// Every local-time rule (quiet hours, check-in/out, "days ahead", quota months) uses the group's zone.
import type { SpaceKind } from "~db/schema/enums";
import { formatDate } from "~/modules/core/dates";
import type { Problem as CoreProblem, Result } from "~/modules/core/result";
import { addDays, daysBetween, utcToZoned, zonedToUtc } from "~/modules/core/recurrence";

export const PROBLEM_CODES = [
  "required",
  "space_inactive",
  "end_before_start",
  "too_short",
  "too_long",
  "in_past",
  "too_far_ahead",
  "too_little_notice",
  "in_quiet_hours",
  "in_closure",
  "overlap",
  "over_quota_hours",
  "over_quota_bookings",
  "over_quota_nights",
  "too_many_nights",
  "guests_over_capacity",
  "house_rules_not_acknowledged",
  "recurrence_not_allowed",
  "too_many_occurrences",
  "no_household",
  "not_pending",
  "not_active",
  "already_started",
  "reason_required",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** A form field of the booking form, or null for the whole form. */
export type BookingField =
  | "spaceId"
  | "householdId"
  | "date"
  | "startTime"
  | "endTime"
  | "arrivalDate"
  | "departureDate"
  | "guests"
  | "acknowledgeRules"
  | "freq"
  | "until"
  | "reason"
  | "startDate"
  | "endDate";

/** A broken rule: `code` is the i18n key `bookings:errors.<code>`; `params` are raw values (epoch ms, numbers,
 *  'YYYY-MM-DD', 'HH:MM'), turned into words by describeProblem(). */
export type Problem = CoreProblem<ProblemCode, BookingField>;

export type SpaceRules = {
  kind: SpaceKind;
  active: boolean;
  capacity: number | null;
  bookingWindowDays: number | null;
  minNoticeHours: number;
  minMinutes: number | null;
  maxMinutes: number | null;
  quotaHoursPerMonth: number | null;
  quotaBookingsPerMonth: number | null;
  quotaNightsPerYear: number | null;
  bufferMinutes: number;
  quietStart: string | null;
  quietEnd: string | null;
  checkInTime: string | null;
  checkOutTime: string | null;
  nightlyFeeCents: number;
  maxNights: number | null;
  houseRules: string;
};

/** A space with no rule set: the base for a space's own rules (and for tests). */
export const NO_RULES: SpaceRules = {
  kind: "common_room",
  active: true,
  capacity: null,
  bookingWindowDays: null,
  minNoticeHours: 0,
  minMinutes: null,
  maxMinutes: null,
  quotaHoursPerMonth: null,
  quotaBookingsPerMonth: null,
  quotaNightsPerYear: null,
  bufferMinutes: 0,
  quietStart: null,
  quietEnd: null,
  checkInTime: null,
  checkOutTime: null,
  nightlyFeeCents: 0,
  maxNights: null,
  houseRules: "",
};

export const DEFAULT_CHECK_IN = "15:00";
export const DEFAULT_CHECK_OUT = "11:00";

export type Interval = { startsAt: number; endsAt: number };
export type ClosureLike = Interval & { reason: string };
/** An active booking of the space: its slot, and the block it holds (slot + that booking's buffer). */
export type BusyBooking = Interval & { id?: string; blockStart: number; blockEnd: number };

/** What a household already holds in a space: minutes and bookings per local month ('YYYY-MM'), nights per year ('YYYY'). */
export type Usage = { minutesByMonth: Record<string, number>; bookingsByMonth: Record<string, number>; nightsByYear: Record<string, number> };
export const noUsage = (): Usage => ({ minutesByMonth: {}, bookingsByMonth: {}, nightsByYear: {} });

export type SlotRequest = Interval & {
  guests: number;
  acknowledged: boolean;
  /** Whether the booking is a household's: quotas are per household, a booking for the group has none. */
  countsForQuota: boolean;
};

export type CheckInput = {
  space: SpaceRules;
  closures: ClosureLike[];
  /** Active bookings of the space around the slot (others; the one being changed excluded). */
  others: BusyBooking[];
  usage: Usage;
  now: number;
  timeZone: string;
  slot: SlotRequest;
};

export type CheckResult = Result<{ feeCents: number; nights: number; minutes: number }, Problem>;

const isStay = (space: Pick<SpaceRules, "kind">) => space.kind === "guest_unit";
const problem = (code: ProblemCode, field: BookingField | null, params: Problem["params"] = {}): Problem => ({ code, field, params });

/** The form fields a problem points at: times for a room, dates for a stay. */
function fields(space: Pick<SpaceRules, "kind">) {
  return isStay(space)
    ? ({ start: "arrivalDate", end: "departureDate", day: "arrivalDate" } as const)
    : ({ start: "startTime", end: "endTime", day: "date" } as const);
}

// -------------------------------------------------------------------------------------------------
// Slots from what the form gives

/** The date a room booking ends on: the given end date, else its start date (an end at 00:00 is the next midnight). */
export function roomEndDate(date: string, endTime: string, endDate?: string): string {
  return endDate || (endTime === "00:00" ? addDays(date, 1) : date);
}

/** A room booking: a date and wall-clock times in the zone (an end date for a booking past midnight). */
export function roomSlot(date: string, startTime: string, endTime: string, timeZone: string, endDate?: string): Interval {
  return {
    startsAt: zonedToUtc(`${date}T${startTime}`, timeZone),
    endsAt: zonedToUtc(`${roomEndDate(date, endTime, endDate)}T${endTime}`, timeZone),
  };
}

/** A guest stay: from the arrival date at check-in time to the departure date at check-out time, in the zone. */
export function staySlot(
  space: Pick<SpaceRules, "checkInTime" | "checkOutTime" | "nightlyFeeCents">,
  arrivalDate: string,
  departureDate: string,
  timeZone: string,
): Interval & { nights: number; feeCents: number } {
  const nights = daysBetween(arrivalDate, departureDate);
  return {
    startsAt: zonedToUtc(`${arrivalDate}T${space.checkInTime ?? DEFAULT_CHECK_IN}`, timeZone),
    endsAt: zonedToUtc(`${departureDate}T${space.checkOutTime ?? DEFAULT_CHECK_OUT}`, timeZone),
    nights,
    feeCents: Math.max(0, nights) * space.nightlyFeeCents,
  };
}

/** Nights of a stay: calendar days between the local arrival and departure dates (not hours / 24, which a clock change breaks). */
function nightsOf(slot: Interval, timeZone: string): number {
  return daysBetween(utcToZoned(slot.startsAt, timeZone).date, utcToZoned(slot.endsAt, timeZone).date);
}

/** The block a booking holds: its slot and the cleaning buffer after it. */
export function blockOf(slot: Interval, bufferMinutes: number): { blockStart: number; blockEnd: number } {
  return { blockStart: slot.startsAt, blockEnd: slot.endsAt + bufferMinutes * 60_000 };
}

// -------------------------------------------------------------------------------------------------
// The rules, one function each. Each returns the problems it finds (none: []).

function ruleActive(space: SpaceRules): Problem[] {
  return space.active ? [] : [problem("space_inactive", "spaceId")];
}

/** A slot ends after it starts; a stay lasts at least one night. */
export function ruleEndAfterStart(space: SpaceRules, slot: Interval, timeZone: string): Problem[] {
  const f = fields(space);
  if (slot.endsAt <= slot.startsAt) return [problem("end_before_start", f.end)];
  if (isStay(space) && nightsOf(slot, timeZone) < 1) return [problem("end_before_start", f.end)];
  return [];
}

/** Minimum and maximum length of a room booking, in real minutes (a night the clocks change has 23 or 25 hours). */
export function ruleLength(space: SpaceRules, slot: Interval): Problem[] {
  if (isStay(space)) return [];
  const minutes = (slot.endsAt - slot.startsAt) / 60_000;
  if (space.minMinutes != null && minutes < space.minMinutes) return [problem("too_short", fields(space).end, { minutes: space.minMinutes })];
  if (space.maxMinutes != null && minutes > space.maxMinutes) return [problem("too_long", fields(space).end, { minutes: space.maxMinutes })];
  return [];
}

/** Maximum length of a guest stay, in nights. */
export function ruleMaxNights(space: SpaceRules, slot: Interval, timeZone: string): Problem[] {
  if (!isStay(space) || space.maxNights == null) return [];
  return nightsOf(slot, timeZone) > space.maxNights ? [problem("too_many_nights", "departureDate", { max: space.maxNights })] : [];
}

/** Not in the past, and at least `minNoticeHours` ahead (exactly the notice is enough). */
export function ruleNotice(space: SpaceRules, slot: Interval, now: number): Problem[] {
  const f = fields(space);
  if (slot.startsAt < now) return [problem("in_past", f.day)];
  if (slot.startsAt - now < space.minNoticeHours * 3_600_000) return [problem("too_little_notice", f.start, { hours: space.minNoticeHours })];
  return [];
}

/** The slot starts at most `bookingWindowDays` calendar days after today, both dates in the group's zone. */
export function ruleBookingWindow(space: SpaceRules, slot: Interval, now: number, timeZone: string): Problem[] {
  if (space.bookingWindowDays == null) return [];
  const lastDate = addDays(utcToZoned(now, timeZone).date, space.bookingWindowDays);
  return utcToZoned(slot.startsAt, timeZone).date > lastDate ? [problem("too_far_ahead", fields(space).day, { days: space.bookingWindowDays, lastDate })] : [];
}

/** The quiet periods that touch [from, to]: quietStart to quietEnd each day, across midnight when quietEnd <= quietStart. */
export function quietPeriods(quietStart: string, quietEnd: string, from: number, to: number, timeZone: string): Interval[] {
  if (quietStart === quietEnd) return [];
  const crosses = quietEnd < quietStart;
  const first = addDays(utcToZoned(from, timeZone).date, -1);
  const last = utcToZoned(to, timeZone).date;
  const out: Interval[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    const startsAt = zonedToUtc(`${day}T${quietStart}`, timeZone);
    const endsAt = zonedToUtc(`${crosses ? addDays(day, 1) : day}T${quietEnd}`, timeZone);
    if (startsAt < to && from < endsAt) out.push({ startsAt, endsAt });
  }
  return out;
}

/** Nothing may be booked in quiet hours (rooms; a guest stay runs through the night by nature). A booking may end exactly when they start. */
export function ruleQuietHours(space: SpaceRules, slot: Interval, timeZone: string): Problem[] {
  if (isStay(space) || !space.quietStart || !space.quietEnd) return [];
  const hit = quietPeriods(space.quietStart, space.quietEnd, slot.startsAt, slot.endsAt, timeZone);
  return hit.length ? [problem("in_quiet_hours", fields(space).start, { start: space.quietStart, end: space.quietEnd })] : [];
}

/** The slot does not touch a closure (maintenance). Names the first one met. */
export function ruleClosures(space: SpaceRules, closures: ClosureLike[], slot: Interval): Problem[] {
  const hit = closures.filter((c) => c.startsAt < slot.endsAt && slot.startsAt < c.endsAt).sort((a, b) => a.startsAt - b.startsAt)[0];
  return hit ? [problem("in_closure", fields(space).day, { startsAt: hit.startsAt, endsAt: hit.endsAt, reason: hit.reason })] : [];
}

/** The bookings whose block meets the block [startsAt, endsAt + buffer) of the slot. */
export function conflictsOf(space: Pick<SpaceRules, "bufferMinutes">, others: BusyBooking[], slot: Interval): BusyBooking[] {
  const { blockStart, blockEnd } = blockOf(slot, space.bufferMinutes);
  return others.filter((o) => o.blockStart < blockEnd && blockStart < o.blockEnd).sort((a, b) => a.blockStart - b.blockStart);
}

/** Two bookings never overlap, cleaning buffer included. Names the conflicting slot. */
export function ruleNoOverlap(space: SpaceRules, others: BusyBooking[], slot: Interval): Problem[] {
  const hit = conflictsOf(space, others, slot)[0];
  return hit ? [problem("overlap", fields(space).start, { startsAt: hit.startsAt, endsAt: hit.endsAt, bufferMinutes: space.bufferMinutes })] : [];
}

/** The local month ('YYYY-MM') a booking counts in: its start's. */
const monthOf = (ms: number, timeZone: string) => utcToZoned(ms, timeZone).date.slice(0, 7);

/** Nights of a stay per calendar year of the night's date ('YYYY'). */
export function nightsByYear(slot: Interval, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  const arrival = utcToZoned(slot.startsAt, timeZone).date;
  const departure = utcToZoned(slot.endsAt, timeZone).date;
  for (let night = arrival; night < departure; night = addDays(night, 1)) out[night.slice(0, 4)] = (out[night.slice(0, 4)] ?? 0) + 1;
  return out;
}

/** Per-household quotas: hours and bookings per calendar month, nights per calendar year (the group's calendar). */
export function ruleQuotas(space: SpaceRules, usage: Usage, slot: SlotRequest, timeZone: string): Problem[] {
  if (!slot.countsForQuota) return [];
  const out: Problem[] = [];
  const month = monthOf(slot.startsAt, timeZone);
  if (space.quotaHoursPerMonth != null) {
    const used = usage.minutesByMonth[month] ?? 0;
    const minutes = (slot.endsAt - slot.startsAt) / 60_000;
    if (used + minutes > space.quotaHoursPerMonth * 60)
      out.push(problem("over_quota_hours", null, { limit: space.quotaHoursPerMonth, used: Math.round((used / 60) * 10) / 10, month }));
  }
  if (space.quotaBookingsPerMonth != null) {
    const used = usage.bookingsByMonth[month] ?? 0;
    if (used + 1 > space.quotaBookingsPerMonth) out.push(problem("over_quota_bookings", null, { limit: space.quotaBookingsPerMonth, used, month }));
  }
  if (isStay(space) && space.quotaNightsPerYear != null) {
    for (const [year, nights] of Object.entries(nightsByYear(slot, timeZone))) {
      const used = usage.nightsByYear[year] ?? 0;
      if (used + nights > space.quotaNightsPerYear) {
        out.push(problem("over_quota_nights", "departureDate", { limit: space.quotaNightsPerYear, used, year }));
        break;
      }
    }
  }
  return out;
}

/** No more people than the space holds (exactly the capacity is fine). */
export function ruleCapacity(space: SpaceRules, guests: number): Problem[] {
  return space.capacity != null && guests > space.capacity ? [problem("guests_over_capacity", "guests", { capacity: space.capacity })] : [];
}

/** A space with house rules is booked only by someone who has read and accepted them. */
export function ruleHouseRules(space: SpaceRules, acknowledged: boolean): Problem[] {
  return space.houseRules.trim() && !acknowledged ? [problem("house_rules_not_acknowledged", "acknowledgeRules")] : [];
}

/** The rules that hold for a whole request, whatever its dates: checked once, even for a recurring one. */
export function requestProblems(space: SpaceRules, slot: Pick<SlotRequest, "guests" | "acknowledged">): Problem[] {
  return [...ruleActive(space), ...ruleCapacity(space, slot.guests), ...ruleHouseRules(space, slot.acknowledged)];
}

/** Every rule for one slot. All problems are reported at once, so the person can fix everything in one go. */
export function checkBooking({ space, closures, others, usage, now, timeZone, slot }: CheckInput): CheckResult {
  const problems = [...requestProblems(space, slot), ...ruleEndAfterStart(space, slot, timeZone)];
  // The other rules need a slot that ends after it starts.
  if (!problems.some((p) => p.code === "end_before_start")) {
    problems.push(
      ...ruleLength(space, slot),
      ...ruleMaxNights(space, slot, timeZone),
      ...ruleNotice(space, slot, now),
      ...ruleBookingWindow(space, slot, now, timeZone),
      ...ruleQuietHours(space, slot, timeZone),
      ...ruleClosures(space, closures, slot),
      ...ruleNoOverlap(space, others, slot),
      ...ruleQuotas(space, usage, slot, timeZone),
    );
  }
  if (problems.length) return { ok: false, problems };
  const nights = isStay(space) ? nightsOf(slot, timeZone) : 0;
  return { ok: true, nights, feeCents: nights * space.nightlyFeeCents, minutes: (slot.endsAt - slot.startsAt) / 60_000 };
}

/** The usage a household's active bookings of a space add up to. */
export function usageOf(bookings: (Interval & { nights?: number })[], space: Pick<SpaceRules, "kind">, timeZone: string): Usage {
  const usage = noUsage();
  for (const b of bookings) addUsage(usage, b, space, timeZone);
  return usage;
}

/** Adds one booking to a usage (mutates it): the next occurrence of a series counts the ones before it. */
export function addUsage(usage: Usage, slot: Interval, space: Pick<SpaceRules, "kind">, timeZone: string): Usage {
  const month = monthOf(slot.startsAt, timeZone);
  usage.minutesByMonth[month] = (usage.minutesByMonth[month] ?? 0) + (slot.endsAt - slot.startsAt) / 60_000;
  usage.bookingsByMonth[month] = (usage.bookingsByMonth[month] ?? 0) + 1;
  if (isStay(space)) for (const [year, n] of Object.entries(nightsByYear(slot, timeZone))) usage.nightsByYear[year] = (usage.nightsByYear[year] ?? 0) + n;
  return usage;
}

// -------------------------------------------------------------------------------------------------
// Words

const rangeFormats = new Map<string, Intl.DateTimeFormat>();
function rangeFormat(lang: string, timeZone: string, withTime: boolean) {
  const key = `${lang}|${timeZone}|${withTime}`;
  let f = rangeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, {
      timeZone,
      weekday: withTime ? "long" : undefined,
      day: "numeric",
      month: "long",
      year: "numeric",
      ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
    });
    rangeFormats.set(key, f);
  }
  return f;
}

/** A slot in words, in the group's zone: « samedi 21 mars 2026, 20:00 – 23:00 »; a stay by its dates: « 12 – 15 mars 2026 ». */
export function formatSlot(slot: Interval, lang: string, timeZone: string, kind?: SpaceKind): string {
  return rangeFormat(lang, timeZone, kind !== "guest_unit").formatRange(slot.startsAt, slot.endsAt);
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The message of a problem in the person's language: `t` is the request's (or the component's) i18next t. */
export function describeProblem(t: Translate, p: Problem, lang: string, timeZone: string, kind?: SpaceKind): string {
  const values: Record<string, unknown> = { ...p.params };
  if (typeof p.params.startsAt === "number" && typeof p.params.endsAt === "number") {
    values.slot = formatSlot({ startsAt: p.params.startsAt, endsAt: p.params.endsAt }, lang, timeZone, kind);
  }
  if (typeof p.params.lastDate === "string") values.lastDate = formatDate(p.params.lastDate, lang, timeZone, "long");
  if (typeof p.params.month === "string") {
    values.month = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { month: "long", year: "numeric", timeZone: "UTC" }).format(
      new Date(`${p.params.month}-15T12:00:00Z`),
    );
  }
  const context = p.code === "overlap" && Number(p.params.bufferMinutes) > 0 ? "buffer" : undefined;
  return t(`bookings:errors.${p.code}`, { ...values, context });
}
