// The indicators of evaluation: one registry (key, version, category, unit, whether it counts people) and
// the periods they are computed over. Client-safe; the engine is indicators.server.ts (its maths in
// indicator-values.server.ts), the written definitions in the `evaluation` locale under glossary.<key>.
import { DESTINATIONS, FUNDER_KINDS, PROFILE_TAGS } from "~db/schema/enums";
export { FUNDER_KINDS } from "~db/schema/enums";

export const INDICATOR_CATEGORIES = [
  "households",
  "participation",
  "exchange",
  "spaces",
  "meetings",
  "charter",
  "support",
  "survey",
  "funding",
  "quality",
] as const;
export type IndicatorCategory = (typeof INDICATOR_CATEGORIES)[number];

/**
 * Units of the values computeGroupIndicators returns:
 * - count, nights, days: plain numbers (days may have a decimal for a median);
 * - percent: a RATIO between 0 and 1 (format with Intl `style: "percent"`);
 * - hours: decimal hours; euros: euros with cents as decimals; score: a mean on the item's scale.
 */
export const INDICATOR_UNITS = ["count", "percent", "days", "hours", "nights", "euros", "score"] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export type IndicatorDef = {
  key: string;
  /** Bumped when the definition changes; the glossary says what changed (glossary.<key>.changes). */
  version: number;
  category: IndicatorCategory;
  unit: IndicatorUnit;
  /** A count of people or households: the officer side shows 1–4 as "< 5". */
  personCount: boolean;
  /** For percents (and means): the key in `denominators` that says how many people/rows it is computed on. */
  denominatorKey?: string;
};

export const AGE_BANDS = ["0_17", "18_29", "30_59", "60_74", "75_plus"] as const;
export type EvaluationAgeBand = (typeof AGE_BANDS)[number];

/** The programme's own grant appears in the co-funding mix beside the co-funders. */
export const FUNDING_SOURCES = ["programme", ...FUNDER_KINDS] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

const def = <K extends string>(key: K, category: IndicatorCategory, unit: IndicatorUnit, personCount: boolean, denominatorKey?: string, version = 1) => ({
  key,
  version,
  category,
  unit,
  personCount,
  ...(denominatorKey ? { denominatorKey } : {}),
});

export const INDICATORS = [
  // Households and persons (households module): present at any time during the period.
  def("households_present", "households", "count", true),
  def("persons_present", "households", "count", true),
  ...AGE_BANDS.map((b) => def(`persons_age_${b}` as `persons_age_${EvaluationAgeBand}`, "households", "count", true, "persons_present")),
  def("persons_age_unknown", "households", "count", true, "persons_present"),
  ...PROFILE_TAGS.map((t) => def(`persons_tag_${t}` as `persons_tag_${(typeof PROFILE_TAGS)[number]}`, "households", "count", true, "persons_present")),
  def("arrivals", "households", "count", true),
  def("departures", "households", "count", true),
  ...DESTINATIONS.map((d) => def(`exits_${d}` as `exits_${(typeof DESTINATIONS)[number]}`, "households", "count", true, "departures")),
  def("median_stay_days", "households", "days", false, "departures"),
  // Shared meals and workshops (events module).
  def("participation_share", "participation", "percent", false, "households_present"),
  def("events_held", "participation", "count", false),
  def("households_per_event", "participation", "count", false, "events_held"),
  def("meals_served", "participation", "count", false),
  // Skill exchange (exchange module).
  def("exchanges_done", "exchange", "count", false),
  def("exchange_hours", "exchange", "hours", false),
  def("exchange_households", "exchange", "count", true),
  def("exchange_intergenerational_share", "exchange", "percent", false, "exchanges_done"),
  // Common rooms and guest units (bookings module).
  def("common_room_bookings", "spaces", "count", false),
  def("common_room_occupancy", "spaces", "percent", false, "common_room_bookable_hours"),
  def("guest_unit_nights", "spaces", "nights", false),
  def("guest_unit_occupancy", "spaces", "percent", false, "guest_unit_available_nights"),
  // Meetings (meetings module).
  def("meetings_held", "meetings", "count", false),
  def("meeting_attendance_rate", "meetings", "percent", false, "meeting_expected"),
  def("decisions_taken", "meetings", "count", false),
  def("decisions_adopted", "meetings", "count", false),
  // Charter (charter module), at the end of the period.
  def("charter_households_signed_share", "charter", "percent", false, "charter_households"),
  def("charter_adults_signed_share", "charter", "percent", false, "charter_adults"),
  // Support (support module).
  def("support_households_followed", "support", "count", true),
  def("support_persons_followed", "support", "count", true),
  def("support_interviews", "support", "count", false),
  def("support_median_days", "support", "days", false, "support_households_followed"),
  def("support_aid_euros", "support", "euros", false),
  def("support_still_housed_6", "support", "count", true),
  def("support_still_housed_12", "support", "count", true),
  // Resident survey (this module): the surveys closed within the period; scores only with ≥ 5 answers.
  def("survey_answers", "survey", "count", true),
  def("survey_satisfaction", "survey", "score", false, "survey_answers"),
  def("survey_belonging", "survey", "score", false, "survey_answers"),
  def("survey_loneliness", "survey", "score", false, "survey_answers"),
  def("survey_lonely_share", "survey", "percent", false, "survey_answers"),
  def("survey_help_given", "survey", "score", false, "survey_answers"),
  def("survey_help_received", "survey", "score", false, "survey_answers"),
  // Funding (this module): the calendar years the period touches.
  def("funding_planned_euros", "funding", "euros", false),
  def("funding_spent_euros", "funding", "euros", false),
  def("cost_per_household_euros", "funding", "euros", false, "households_present"),
  ...FUNDING_SOURCES.map((s) => def(`funding_share_${s}` as `funding_share_${FundingSource}`, "funding", "percent", false, "funding_spent_cents")),
  // Quality of the data.
  def("data_completeness", "quality", "percent", false, "indicators_total"),
  def("days_since_last_activity", "quality", "days", false),
] as const satisfies readonly IndicatorDef[];

export type IndicatorKey = (typeof INDICATORS)[number]["key"];
export type Indicator = (typeof INDICATORS)[number];

const byKey = new Map<string, Indicator>(INDICATORS.map((i) => [i.key, i]));
export function indicatorDef(key: string): Indicator | undefined {
  return byKey.get(key);
}
export function isIndicatorKey(key: string): key is IndicatorKey {
  return byKey.has(key);
}
/** Every indicator's version, as frozen in a report snapshot. */
export function indicatorVersions(): Record<IndicatorKey, number> {
  return Object.fromEntries(INDICATORS.map((i) => [i.key, i.version])) as Record<IndicatorKey, number>;
}

/** The few indicators shown first (group page top, programme overview columns). */
export const HEADLINE_INDICATORS = [
  "households_present",
  "persons_present",
  "participation_share",
  "exchange_hours",
  "exchange_intergenerational_share",
  "common_room_occupancy",
  "meetings_held",
  "charter_households_signed_share",
  "survey_satisfaction",
  "cost_per_household_euros",
] as const satisfies readonly IndicatorKey[];

// -------------------------------------------------------------------------------------------------
// Periods: calendar dates 'YYYY-MM-DD', inclusive, in the group's zone.

export const PERIOD_KINDS = ["month", "quarter", "year"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export type Period = { kind: PeriodKind; key: string; from: string; to: string };

const pad = (n: number) => String(n).padStart(2, "0");
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The period of `kind` containing `start` ('YYYY-MM-DD' or 'YYYY-MM'): its first and last days. */
export function periodBounds(kind: PeriodKind, start: string): { from: string; to: string } {
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7)) || 1;
  if (kind === "year") return { from: `${y}-01-01`, to: `${y}-12-31` };
  if (kind === "quarter") {
    const first = Math.floor((m - 1) / 3) * 3 + 1;
    return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(first + 2)}-${pad(lastDayOfMonth(y, first + 2))}` };
  }
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDayOfMonth(y, m))}` };
}

/** A period's short key: '2025-03', '2025-Q1', '2025'. */
export function periodKey(kind: PeriodKind, start: string): string {
  const y = start.slice(0, 4);
  const m = Number(start.slice(5, 7)) || 1;
  if (kind === "year") return y;
  if (kind === "quarter") return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  return `${y}-${pad(m)}`;
}

/** A period from its key ('2025-03', '2025-Q1', '2025'), or null when the key is not one. */
export function parsePeriodKey(key: string): Period | null {
  let kind: PeriodKind;
  let start: string;
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (/^\d{4}$/.test(key)) {
    kind = "year";
    start = `${key}-01-01`;
  } else if (q) {
    kind = "quarter";
    start = `${q[1]}-${pad((Number(q[2]) - 1) * 3 + 1)}-01`;
  } else if (/^\d{4}-(0[1-9]|1[0-2])$/.test(key)) {
    kind = "month";
    start = `${key}-01`;
  } else return null;
  const y = Number(key.slice(0, 4));
  if (y < 2000 || y > 2100) return null;
  return { kind, key, ...periodBounds(kind, start) };
}

/** The periods of `kind` that touch [from, to], in order (the first and last are whole periods, not clipped). */
export function periodsBetween(kind: PeriodKind, from: string, to: string): Period[] {
  const out: Period[] = [];
  let start = periodBounds(kind, from).from;
  while (start <= to && out.length < 1200) {
    const b = periodBounds(kind, start);
    out.push({ kind, key: periodKey(kind, start), ...b });
    const [y, m] = b.to.split("-").map(Number);
    start = m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
  }
  return out;
}

/** The age band of a person in a given year (from the birth year), or null when unknown. */
export function evaluationAgeBand(birthYear: number | null | undefined, year: number): EvaluationAgeBand | null {
  if (birthYear == null) return null;
  const age = year - birthYear;
  if (age < 18) return "0_17";
  if (age < 30) return "18_29";
  if (age < 60) return "30_59";
  if (age < 75) return "60_74";
  return "75_plus";
}

/** The median of a list of numbers, or null when empty. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** UCLA 3-item loneliness scale: each item 1 (hardly ever) … 3 (often); a total of 6 or more is usually read as lonely. */
export const LONELY_THRESHOLD = 6;
/** No survey result (nor comment) is shown under this many answers. */
export const MIN_SURVEY_ANSWERS = 5;

/** The periods offered in a period picker on `today`: this year and the 2 before, the last 8 quarters, the last 12 months (newest first). */
export function recentPeriods(today: string): Record<PeriodKind, Period[]> {
  const y = Number(today.slice(0, 4));
  const back = (months: number) => {
    const total = y * 12 + Number(today.slice(5, 7)) - 1 - months;
    return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}-01`;
  };
  return {
    year: periodsBetween("year", `${y - 2}-01-01`, today).reverse(),
    quarter: periodsBetween("quarter", back(21), today).reverse(),
    month: periodsBetween("month", back(11), today).reverse(),
  };
}

/** The last quarter that is over on `today` (the default period of the group page). */
export function lastCompleteQuarter(today: string): Period {
  const current = periodBounds("quarter", today);
  const [y, m] = current.from.split("-").map(Number);
  const start = m === 1 ? `${y - 1}-10-01` : `${y}-${pad(m - 3)}-01`;
  return { kind: "quarter", key: periodKey("quarter", start), ...periodBounds("quarter", start) };
}
