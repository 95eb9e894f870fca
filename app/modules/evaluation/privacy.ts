// What a programme officer may see of a group's figures (issue 8 § 6), as pure functions applied on the
// server before anything reaches a loader's return value or a CSV: small counts, totals, percentages, small groups.
//
// A displayed value is a `Shown`: either a number that may be shown, or a reason it is not. The raw number of a
// suppressed cell never travels further than these functions.

/** Person and household counts from 1 to this value show as "< 5" (0 stays 0: nobody is nobody). */
export const SMALL_COUNT_MAX = 4;
/** The smallest count shown as itself. */
export const SMALL_COUNT_THRESHOLD = SMALL_COUNT_MAX + 1;
/** A percentage is shown only when what it is a share of counts at least this many. */
export const MIN_PERCENT_DENOMINATOR = 10;
/** A group with fewer households present than this shows its narrative only, no figures at all. */
export const MIN_HOUSEHOLDS_FOR_FIGURES = 5;

export type Shown =
  | { kind: "value"; value: number }
  /** A count from 1 to 4: "< 5". */
  | { kind: "small" }
  /** Hidden because a total and the other cells would give a small cell away. */
  | { kind: "complementary" }
  /** A percentage of fewer than 10: "—". */
  | { kind: "small_denominator" }
  /** No data recorded for it. */
  | { kind: "none" };

export const SHOWN_NONE: Shown = { kind: "none" };

export function isSmallCount(n: number): boolean {
  return n >= 1 && n <= SMALL_COUNT_MAX;
}

/** A count of persons or households: 1–4 becomes "< 5". */
export function protectCount(n: number | null | undefined): Shown {
  if (n === null || n === undefined || Number.isNaN(n)) return SHOWN_NONE;
  if (isSmallCount(n)) return { kind: "small" };
  return { kind: "value", value: n };
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
export function passThrough(value: number | null | undefined): Shown {
  if (value === null || value === undefined || Number.isNaN(value)) return SHOWN_NONE;
  return { kind: "value", value };
}

export function groupShowsFigures(householdsPresent: number | null | undefined): boolean {
  return householdsPresent !== null && householdsPresent !== undefined && householdsPresent >= MIN_HOUSEHOLDS_FOR_FIGURES;
}

// ---------------------------------------------------------------------------------------------------
// Tables of counts with totals: primary and complementary suppression.

export type CountTable = {
  /** cells[r][c]: a count of persons or households (never negative). */
  cells: number[][];
  /** Whether each row's total is shown (default true). */
  rowTotals?: boolean;
  /** Whether each column's total is shown (default true). The grand total is shown when both are. */
  colTotals?: boolean;
  /** Cells hidden whatever their value (a group that shows no figures): treated as suppressed from the start. */
  withheld?: boolean[][];
};

export type ProtectedTable = {
  cells: Shown[][];
  /** Empty when the table shows no row totals. */
  rowTotals: Shown[];
  /** Empty when the table shows no column totals. */
  colTotals: Shown[];
  /** SHOWN_NONE unless both kinds of totals are shown. */
  total: Shown;
};

/**
 * Suppresses the small counts (1–4) of a table, totals included, then makes sure no suppressed entry can be
 * worked out again by subtraction. Every row and every column whose total is shown is a line "cells… = total";
 * a line with exactly one hidden entry gives it away, so the next-smallest visible entry of that line is
 * hidden too (a non-zero one first: a hidden zero protects less). Each new suppression can leave another line
 * with a lone hidden entry, so this runs again until nothing changes. Hidden entries only grow, so it ends.
 */
export function protectTable(table: CountTable): ProtectedTable {
  const withRowTotals = table.rowTotals ?? true;
  const withColTotals = table.colTotals ?? true;
  const rows = table.cells.length;
  const cols = rows ? Math.max(0, ...table.cells.map((r) => r.length)) : 0;
  const cell = (r: number, c: number) => Math.max(0, table.cells[r]?.[c] ?? 0);

  // The extended matrix: cells, then a totals column and a totals row when shown.
  const R = rows + (withColTotals ? 1 : 0);
  const C = cols + (withRowTotals ? 1 : 0);
  const value: number[][] = Array.from({ length: R }, (_, r) =>
    Array.from({ length: C }, (_, c) => {
      const rr = r < rows ? [r] : Array.from({ length: rows }, (_, i) => i);
      const cc = c < cols ? [c] : Array.from({ length: cols }, (_, i) => i);
      let sum = 0;
      for (const i of rr) for (const j of cc) sum += cell(i, j);
      return sum;
    }),
  );
  const primary = value.map((row) => row.map(isSmallCount));
  const hidden = primary.map((row, r) => row.map((small, c) => small || (r < rows && c < cols && table.withheld?.[r]?.[c] === true)));

  type Pos = [number, number];
  const lines: Pos[][] = [];
  if (withRowTotals) for (let r = 0; r < R; r++) lines.push(Array.from({ length: C }, (_, c): Pos => [r, c]));
  if (withColTotals) for (let c = 0; c < C; c++) lines.push(Array.from({ length: R }, (_, r): Pos => [r, c]));

  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([r, c]) => hidden[r][c]).length !== 1) continue;
      const open = line.filter(([r, c]) => !hidden[r][c]);
      const nonZero = open.filter(([r, c]) => value[r][c] > 0);
      const pool = nonZero.length ? nonZero : open;
      if (!pool.length) continue; // a line of one entry: nothing to subtract it from
      // The smallest; ties go to the first in the line, so the result is deterministic.
      const [pr, pc] = pool.reduce((best, x) => (value[x[0]][x[1]] < value[best[0]][best[1]] ? x : best));
      hidden[pr][pc] = true;
      changed = true;
    }
  }

  const shown = (r: number, c: number): Shown =>
    primary[r][c] ? { kind: "small" } : hidden[r][c] ? { kind: "complementary" } : { kind: "value", value: value[r][c] };
  return {
    cells: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => shown(r, c))),
    rowTotals: withRowTotals ? Array.from({ length: rows }, (_, r) => shown(r, cols)) : [],
    colTotals: withColTotals ? Array.from({ length: cols }, (_, c) => shown(rows, c)) : [],
    total: withRowTotals && withColTotals ? shown(rows, cols) : SHOWN_NONE,
  };
}

/** One line of counts with its total (a breakdown: age bands, destinations): the same rule on a 1-row table. */
export function protectBreakdown(counts: number[]): { parts: Shown[]; total: Shown } {
  const t = protectTable({ cells: [counts], rowTotals: true, colTotals: false });
  return { parts: t.cells[0] ?? [], total: t.rowTotals[0] ?? SHOWN_NONE };
}

// ---------------------------------------------------------------------------------------------------
// Formatting (client-safe: the components use it)

/** The text of a shown value; `format` formats a number (locale, unit). */
export function shownText(shown: Shown, format: (n: number) => string): string {
  switch (shown.kind) {
    case "value":
      return format(shown.value);
    case "small":
      return "< 5";
    case "complementary":
      return "×";
    case "small_denominator":
    case "none":
      return "—";
  }
}

/** The value to write in a CSV cell: the number, or the same marks as on screen. */
export function shownCsv(shown: Shown): string | number {
  return shown.kind === "value" ? shown.value : shownText(shown, String);
}

// ---------------------------------------------------------------------------------------------------
// A group's indicator values, as the officer may see them

/** A mean, median or score computed over fewer than this many people or rows says too much about each. */
export const MIN_ROWS_FOR_AVERAGES = SMALL_COUNT_THRESHOLD;

type IndicatorLike = { key: string; unit: string; personCount: boolean; denominatorKey?: string };

/**
 * One indicator value through the rules: person counts 1–4 → "< 5"; percentages (ratios 0–1) only over a
 * denominator of 10 or more; a median, mean or score over fewer than 5 rows → "—" (a median of one departure
 * is that household's length of stay); other figures (events held, hours, euros) as they are.
 */
export function protectIndicator(def: IndicatorLike, value: number | null | undefined, denominators: Record<string, number | null | undefined>): Shown {
  if (value === null || value === undefined || Number.isNaN(value)) return SHOWN_NONE;
  if (def.personCount) return protectCount(value);
  const denominator = def.denominatorKey ? denominators[def.denominatorKey] : undefined;
  if (def.unit === "percent") return protectPercent(value, def.denominatorKey ? denominator : MIN_PERCENT_DENOMINATOR);
  if ((def.unit === "days" || def.unit === "score") && def.denominatorKey) {
    if (denominator === null || denominator === undefined || denominator < MIN_ROWS_FOR_AVERAGES) return { kind: "small_denominator" };
  }
  return passThrough(value);
}

/**
 * A group's values for one period, or null when the group had fewer than 5 households present: then the
 * officer sees its narrative only, not one figure.
 */
/** Person counts that add up: the parts (age bands, exit destinations) and the indicator that is their total. */
export type AdditiveLine = { total: string; parts: readonly string[] };

export function protectGroupValues(
  defs: readonly IndicatorLike[],
  raw: { values: { readonly [key: string]: number | null | undefined }; denominators: Record<string, number | null | undefined> },
  householdsKey: string,
  lines: readonly AdditiveLine[] = [],
): Record<string, Shown> | null {
  if (!groupShowsFigures(raw.values[householdsKey] ?? null)) return null;
  const out: Record<string, Shown> = {};
  for (const def of defs) out[def.key] = protectIndicator(def, raw.values[def.key] ?? null, raw.denominators);
  // Wherever the parts and their total are all published (a page, a CSV row, a report), one "< 5" part would
  // be the total minus the others: the same complementary suppression as a table, on the values themselves, so
  // every page and file shows the same cells hidden. What the parts do not cover (remainder) counts as hidden.
  for (const line of lines) {
    const total = raw.values[line.total];
    if (typeof total !== "number") continue;
    const parts = line.parts.map((k) => (typeof raw.values[k] === "number" ? (raw.values[k] as number) : 0));
    const remainder = Math.max(0, total - parts.reduce((a, b) => a + b, 0));
    const t = protectTable({
      cells: [[...parts, remainder]],
      rowTotals: true,
      colTotals: false,
      withheld: [[...parts.map(() => false), remainder > 0]],
    });
    line.parts.forEach((k, i) => {
      const shown = t.cells[0][i];
      if (shown.kind !== "value" && out[k]?.kind === "value") out[k] = shown;
    });
    if (t.rowTotals[0].kind !== "value" && out[line.total]?.kind === "value") out[line.total] = t.rowTotals[0];
  }
  return out;
}

/** Up, down or flat between two shown values; nothing when either is hidden (a trend must not hint at a hidden count). */
export function trendOf(current: Shown | undefined, previous: Shown | undefined): "up" | "down" | "same" | null {
  if (current?.kind !== "value" || previous?.kind !== "value") return null;
  const a = current.value;
  const b = previous.value;
  const eps = Math.max(Math.abs(a), Math.abs(b)) * 1e-9;
  if (Math.abs(a - b) <= eps) return "same";
  return a > b ? "up" : "down";
}
