// What a programme officer may see of a group's figures (issue 8 § 6), as pure functions applied on the
// server before anything reaches a loader's return value or a CSV: small counts, totals, percentages, small groups.
//
// A displayed value is a `Shown`: either a number that may be shown, or a reason it is not. The raw number of a
// suppressed cell never travels further than these functions.

/** Person and household counts up to this value show as "< 5" — 0 included (decision 011). */
const SMALL_COUNT_MAX = 4;
/** The smallest count shown as a band of its own. */
const SMALL_COUNT_THRESHOLD = SMALL_COUNT_MAX + 1;
/** Counts of people are published by bands of this width: 0–4 ("< 5"), 5–9, 10–14… (decision 011). */
const COUNT_BAND = 5;
/** A percentage is shown only when what it is a share of counts at least this many. */
const MIN_PERCENT_DENOMINATOR = 10;
/** A group with fewer households present than this shows its narrative only, no figures at all. */
const MIN_HOUSEHOLDS_FOR_FIGURES = 5;

export type Shown =
  | { kind: "value"; value: number }
  /** A count of people from 5 up: the band of 5 it falls in ("10 à 14"), never the count itself. */
  | { kind: "band"; from: number; to: number }
  /** A count of people from 0 to 4: "< 5". */
  | { kind: "small" }
  /** Hidden because, with the figures around it, it would give a small count away. */
  | { kind: "complementary" }
  /** A percentage of fewer than 10, or an amount about fewer than 5 households: "—". */
  | { kind: "small_denominator" }
  /** No data recorded for it. */
  | { kind: "none" };

export const SHOWN_NONE: Shown = { kind: "none" };

/**
 * A count of persons or households as an officer reads it: its band of 5, with 0–4 as "< 5".
 *
 * Why bands and why from 0 (decision 011): an exact stock next to a "< 5" flow gives the flow away by subtraction
 * (11 households, then 10: one departure), and an exact 0 before a "< 5" says "1 to 4 came". With every count in
 * bands [5k, 5k + 4], what an officer can work out from a sum stays a band: a line "6 parts = total" (age bands,
 * exit destinations) keeps every bound a multiple of 5 below and one less than a multiple of 5 above, so no part
 * is ever pinned to one value (see tests/unit/evaluation-differencing.test.ts).
 */
export function protectCount(n: number | null | undefined): Shown {
  if (n === null || n === undefined || Number.isNaN(n)) return SHOWN_NONE;
  if (n < COUNT_BAND) return { kind: "small" };
  const from = Math.floor(n / COUNT_BAND) * COUNT_BAND;
  return { kind: "band", from, to: from + COUNT_BAND - 1 };
}

/** A number to draw or compare a shown value by (a band's middle), or null when it is hidden. */
export function shownNumber(shown: Shown | undefined): number | null {
  if (shown?.kind === "value") return shown.value;
  if (shown?.kind === "band") return (shown.from + shown.to) / 2;
  return null;
}

/**
 * A share, as a percentage 0–100, of a denominator of persons or households. Below 10 in the denominator a
 * percentage says too much about too few ("1 of 3" is a person): "—" with a note.
 */
export function protectPercent(value: number | null | undefined, denominator: number | null | undefined): Shown {
  if (value === null || value === undefined || Number.isNaN(value)) return SHOWN_NONE;
  if (denominator === null || denominator === undefined || denominator < MIN_PERCENT_DENOMINATOR) return { kind: "small_denominator" };
  return { kind: "value", value };
}

/** Figures that are not counts of people (hours, nights, euros, scores, days): shown as they are. */
function passThrough(value: number | null | undefined): Shown {
  if (value === null || value === undefined || Number.isNaN(value)) return SHOWN_NONE;
  return { kind: "value", value };
}

export function groupShowsFigures(householdsPresent: number | null | undefined): boolean {
  return householdsPresent !== null && householdsPresent !== undefined && householdsPresent >= MIN_HOUSEHOLDS_FOR_FIGURES;
}

// ---------------------------------------------------------------------------------------------------
// Formatting (client-safe: the components use it)

/** The text of a shown value; `format` formats a number (locale, unit), `range` writes a band ("10 à 14"). */
export function shownText(shown: Shown, format: (n: number) => string, range: (from: string, to: string) => string = (a, b) => `${a}–${b}`): string {
  switch (shown.kind) {
    case "value":
      return format(shown.value);
    case "band":
      return range(format(shown.from), format(shown.to));
    case "small":
      return "< 5";
    case "complementary":
      return "×";
    case "small_denominator":
    case "none":
      return "—";
  }
}

// ---------------------------------------------------------------------------------------------------
// A group's indicator values, as the officer may see them

/** A mean, median or score computed over fewer than this many people or rows says too much about each. */
const MIN_ROWS_FOR_AVERAGES = SMALL_COUNT_THRESHOLD;

/**
 * Denominators that count people. A share of them is published by steps of 5 points: at 4 decimals, 0.3636 is
 * 4 households of 11 — the exact household count a band hides, and from it the departures (decision 011).
 */
const PERSON_DENOMINATORS = new Set(["households_present", "persons_present", "charter_households", "charter_adults", "survey_answers"]);
const SHARE_STEP = 0.05;

/** Amounts about the households a count covers: shown only when that count is 5 or more (decision 011). */
const AMOUNT_OF_COUNT: Record<string, string> = { support_aid_euros: "support_households_followed" };

type IndicatorLike = { key: string; unit: string; personCount: boolean; denominatorKey?: string };

/**
 * One indicator value through the rules: person counts by bands of 5 (0–4 → "< 5"); percentages (ratios 0–1)
 * only over a denominator of 10 or more, by steps of 5 points when it counts people; a median, mean or score
 * over fewer than 5 rows → "—" (a median of one departure is that household's length of stay); other figures
 * (events held, hours, euros) as they are.
 */
export function protectIndicator(def: IndicatorLike, value: number | null | undefined, denominators: Record<string, number | null | undefined>): Shown {
  if (value === null || value === undefined || Number.isNaN(value)) return SHOWN_NONE;
  if (def.personCount) return protectCount(value);
  const denominator = def.denominatorKey ? denominators[def.denominatorKey] : undefined;
  if (def.unit === "percent") {
    const shown = protectPercent(value, def.denominatorKey ? denominator : MIN_PERCENT_DENOMINATOR);
    if (shown.kind === "value" && def.denominatorKey && PERSON_DENOMINATORS.has(def.denominatorKey)) {
      return { kind: "value", value: Math.round(shown.value / SHARE_STEP) / (1 / SHARE_STEP) };
    }
    return shown;
  }
  if ((def.unit === "days" || def.unit === "score") && def.denominatorKey) {
    if (denominator === null || denominator === undefined || denominator < MIN_ROWS_FOR_AVERAGES) return { kind: "small_denominator" };
  }
  return passThrough(value);
}

/** Person counts that add up: the parts (age bands, exit destinations) and the indicator that is their total. */
export type AdditiveLine = { total: string; parts: readonly string[] };

/**
 * A group's values for one period, or null when the group had fewer than 5 households present: then the
 * officer sees its narrative only, not one figure.
 */
export function protectGroupValues(
  defs: readonly IndicatorLike[],
  raw: { values: { readonly [key: string]: number | null | undefined }; denominators: Record<string, number | null | undefined> },
  householdsKey: string,
): Record<string, Shown> | null {
  const households = raw.values[householdsKey] ?? null;
  if (!groupShowsFigures(households)) return null;
  const out: Record<string, Shown> = {};
  for (const def of defs) out[def.key] = protectIndicator(def, raw.values[def.key] ?? null, raw.denominators);
  // "Aid obtained: 45 €" beside "< 5 households followed" is what those few households received.
  for (const [amount, count] of Object.entries(AMOUNT_OF_COUNT)) {
    const n = raw.values[count];
    if (out[amount]?.kind === "value" && (typeof n !== "number" || n < COUNT_BAND)) out[amount] = { kind: "small_denominator" };
  }
  // A cost per household is the group's spending divided by the exact household count: spent ÷ cost would give
  // that count back. Over the middle of the published band it gives back only the band.
  const cost = out.cost_per_household_euros;
  const band = out[householdsKey];
  if (cost?.kind === "value" && band?.kind === "band" && typeof households === "number") {
    out.cost_per_household_euros = { kind: "value", value: Math.round((cost.value * households) / shownNumber(band)!) };
  }
  return out;
}

/** Households present → arrivals and departures: the counts that move a stock from one period to the next. */
export const FLOW_KEYS = ["arrivals", "departures"] as const;

/**
 * Whether a group's published household bands over a series of one period kind (oldest first; null = narrative
 * only, fewer than 5 households) could alone make its arrivals and departures exact by their net movement. Over k periods, flows all "< 5" move the stock by at most 4k; a stock band that moves by m bands
 * moves the stock by at least 5m − 4. When 5m − 4 ≥ 4k, the officer may find every flow of the run at 4 (a
 * group filling by 4 households a month: 14 → 30 in four months). The rule reads only the published bands, so
 * withholding tells nothing the bands do not already say (decision 011).
 *
 * This is one of the two rules of `flowsGivenByStocks`, which reads every period kind together: use that one.
 */
function netMovementGivesFlows(series: readonly (Record<string, Shown> | null)[], stockKey: string): boolean {
  const band = series.map((v) => {
    const s = v?.[stockKey];
    return s?.kind === "band" ? s.from / COUNT_BAND : 0;
  });
  for (let i = 0; i < band.length; i++) {
    for (let j = i + 1; j < band.length; j++) {
      if (COUNT_BAND * Math.abs(band[j] - band[i]) - (COUNT_BAND - 1) >= SMALL_COUNT_MAX * (j - i)) return true;
    }
  }
  return false;
}

/** One period kind of a group's figures as shown, oldest first: each period's first and last day (ISO dates or
 * any strings that sort the same way) and its shown values (null: fewer than 5 households, narrative only). */
export type ShownSeries = { periods: readonly { from: string; to: string }[]; values: (Record<string, Shown> | null)[] };

/**
 * The most arrivals, or departures, that a group's household bands alone may force over a year before its
 * flows are withheld (decision 011). Each time the band of households present changes between two periods
 * (9 → 10, or « 5 à 9 » → fewer than 5 households), at least one household arrived or left; the officer
 * adds those up over months, quarters and the year, and when they reach the "< 5" published for the year
 * (4 forced, "< 5" said ≤ 4), every one of them is exact — one departure, and the 4 households left after it.
 * Up to 2 forced, the published "< 5" keeps at least 3 possible values for the sum and for each part. 4 pins by
 * construction (the random seeds' counterexamples in tests/unit/evaluation-differencing.test.ts fail with it);
 * 3 is the last that pins nothing by that line alone; 2 keeps a margin for what the flows' bounds give back to
 * the stocks, and for an attacker who solves the integer program rather than propagating bounds.
 */
const MAX_FORCED_FLOW = 2;

/**
 * Whether a group's household bands, read across all its period kinds at once (months, quarters, years: an
 * officer downloads them all), force arrivals or departures close to what a published "< 5" allows — then
 * publishing the flows would let subtraction pin them, and with them the households present of a small group.
 *
 * What the officer knows, and this function propagates (interval bounds, as tests/support/differencing.ts
 * does, but from the household bands only: never the flows themselves, so that withholding them tells
 * nothing the bands do not already say):
 * - households now = households before − departures before + arrivals now, in each period kind;
 * - a longer period's arrivals and departures are at least the sum of those of the shorter ones inside it
 *   (exactly the sum when they tile it);
 * - a longer period's households are at least those of a shorter one inside it plus the arrivals of the
 *   shorter ones after it (exactly, from its first one);
 * - a group showing no figures has fewer than 5 households.
 *
 * Flows are given by stocks when the forced arrivals or departures of any period reach MAX_FORCED_FLOW + 1, or
 * when a run of periods moves by more bands than flows all "< 5" can explain (`netMovementGivesFlows`).
 */
export function flowsGivenByStocks(kinds: readonly ShownSeries[], stockKey: string): boolean {
  if (kinds.some((k) => netMovementGivesFlows(k.values, stockKey))) return true;
  const lo: number[] = [];
  const hi: number[] = [];
  const variable = (l: number, h: number) => (lo.push(l), hi.push(h), lo.length - 1);
  const equations: { v: number; c: number }[][] = [];
  /** Σ left = Σ right (+ a slack ≥ 0 on the right when `atLeast`: Σ left ≥ Σ right). */
  const relate = (left: number[], right: number[], atLeast = false) => {
    const terms = [...left.map((v) => ({ v, c: 1 })), ...right.map((v) => ({ v, c: -1 }))];
    if (atLeast) terms.push({ v: variable(0, Infinity), c: -1 });
    equations.push(terms);
  };
  const vars = kinds.map((k) =>
    k.values.map((values) => {
      const s = values?.[stockKey];
      const stock = !values
        ? variable(0, SMALL_COUNT_MAX)
        : s?.kind === "band"
          ? variable(s.from, s.to)
          : s?.kind === "small"
            ? variable(0, SMALL_COUNT_MAX)
            : variable(0, Infinity);
      return { stock, arrivals: variable(0, Infinity), departures: variable(0, Infinity) };
    }),
  );
  kinds.forEach((k, a) => {
    for (let i = 1; i < k.periods.length; i++) {
      const [before, now] = [vars[a][i - 1], vars[a][i]];
      relate([now.stock, before.departures], [before.stock, now.arrivals]);
    }
    // Nesting: every period of another kind that holds periods of this one.
    kinds.forEach((outer, b) => {
      if (b === a) return;
      outer.periods.forEach((o, j) => {
        const inside = k.periods.map((p, i) => ({ p, i })).filter(({ p }) => p.from >= o.from && p.to <= o.to);
        if (inside.length < 1 || (inside.length === 1 && inside[0].p.from === o.from && inside[0].p.to === o.to)) return;
        const tiles = inside[0].p.from === o.from && inside[inside.length - 1].p.to === o.to;
        for (const flow of ["arrivals", "departures"] as const)
          relate(
            [vars[b][j][flow]],
            inside.map(({ i }) => vars[a][i][flow]),
            !tiles,
          );
        inside.forEach(({ p, i }, n) => {
          const later = inside.slice(n + 1).map(({ i: x }) => vars[a][x].arrivals);
          relate([vars[b][j].stock], [vars[a][i].stock, ...later], !(n === 0 && p.from === o.from));
        });
      });
    });
  });
  // Interval propagation to a fixed point. Each equation Σ c·x = 0 (c = ±1) bounds each of its terms by the
  // others' sum: the sum over all terms once, less the term's own share (infinite bounds counted apart).
  for (let round = 0, changed = true; changed && round < 200; round++) {
    changed = false;
    for (const eq of equations) {
      // Bounds of Σ (−c·x) over the equation's terms.
      let sumLo = 0;
      let sumHi = 0;
      let infLo = 0;
      let infHi = 0;
      for (const o of eq) {
        const l = o.c > 0 ? -hi[o.v] : lo[o.v];
        const h = o.c > 0 ? -lo[o.v] : hi[o.v];
        if (l === -Infinity) infLo++;
        else sumLo += l;
        if (h === Infinity) infHi++;
        else sumHi += h;
      }
      for (const t of eq) {
        const ownLo = t.c > 0 ? -hi[t.v] : lo[t.v];
        const ownHi = t.c > 0 ? -lo[t.v] : hi[t.v];
        const l = ownLo === -Infinity ? (infLo > 1 ? -Infinity : sumLo) : infLo > 0 ? -Infinity : sumLo - ownLo;
        const h = ownHi === Infinity ? (infHi > 1 ? Infinity : sumHi) : infHi > 0 ? Infinity : sumHi - ownHi;
        // c·x = −Σ others, c = ±1.
        const [nl, nh] = t.c > 0 ? [l, h] : [-h, -l];
        if (nl > lo[t.v] || nh < hi[t.v]) {
          // Keep the equation's sums in step with the narrowed term.
          const [oldLo, oldHi] = [ownLo, ownHi];
          if (nl > lo[t.v]) lo[t.v] = nl;
          if (nh < hi[t.v]) hi[t.v] = nh;
          // Bands that contradict each other (a correction between two reads): withhold rather than guess.
          if (lo[t.v] > hi[t.v]) return true;
          const newLo = t.c > 0 ? -hi[t.v] : lo[t.v];
          const newHi = t.c > 0 ? -lo[t.v] : hi[t.v];
          if (oldLo === -Infinity) infLo--;
          else sumLo -= oldLo;
          if (newLo === -Infinity) infLo++;
          else sumLo += newLo;
          if (oldHi === Infinity) infHi--;
          else sumHi -= oldHi;
          if (newHi === Infinity) infHi++;
          else sumHi += newHi;
          changed = true;
        }
      }
    }
  }
  return vars.some((k) => k.some((p) => lo[p.arrivals] > MAX_FORCED_FLOW || lo[p.departures] > MAX_FORCED_FLOW));
}

/**
 * What is withheld ("×") of a group whose household bands give its flows (`flowsGivenByStocks`), in one series:
 * its arrivals, departures and exits (`flowKeys`) in every period kind; and, in a kind whose periods hold
 * shorter ones (quarters, years: `holdsShorter`), its households present too. Those are the households of
 * the first month plus every arrival after it: beside the months' bands they are a published bound on the
 * arrivals, and a small group moving 5 → 4 → 5 → 4 across a year whose band says "5 à 9" has had exactly one
 * arrival each time (decision 011). What is left — bands of households by month, a group showing figures or
 * not — bounds no flow from above, so nothing of it can be pinned.
 */
export function withholdGivenByStocks(
  values: (Record<string, Shown> | null)[],
  flowKeys: readonly string[],
  stock: { key: string; holdsShorter: boolean },
): void {
  const keys = stock.holdsShorter ? [...flowKeys, stock.key] : flowKeys;
  for (const v of values) if (v) for (const k of keys) if (k in v) v[k] = { kind: "complementary" };
}

/** A total over groups (the programme's column): the band of the sum, as any count. */
export function protectTotal(values: readonly number[]): Shown {
  return protectCount(values.reduce((a, b) => a + b, 0));
}

/** Up, down or flat between two shown values; nothing when either is hidden (a trend must not hint at a hidden count). */
export function trendOf(current: Shown | undefined, previous: Shown | undefined): "up" | "down" | "same" | null {
  const a = shownNumber(current);
  const b = shownNumber(previous);
  if (a === null || b === null || current?.kind !== previous?.kind) return null;
  const eps = Math.max(Math.abs(a), Math.abs(b)) * 1e-9;
  if (Math.abs(a - b) <= eps) return "same";
  return a > b ? "up" : "down";
}
