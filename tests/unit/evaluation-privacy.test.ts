// What a programme officer may see: small counts, complementary suppression, percentages, small groups.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  groupShowsFigures,
  protectBreakdown,
  protectCount,
  protectGroupValues,
  protectIndicator,
  protectPercent,
  protectTable,
  shownCsv,
  shownText,
  trendOf,
  type Shown,
} from "~/modules/evaluation/privacy";

const text = (s: Shown) => shownText(s, String);
const isHidden = (s: Shown) => s.kind === "small" || s.kind === "complementary";

describe("counts of persons and households", () => {
  it("shows 1 to 4 as « < 5 », 0 as 0, 5 and more as themselves", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 42].map((n) => text(protectCount(n)))).toEqual(["0", "< 5", "< 5", "< 5", "< 5", "5", "6", "42"]);
  });
  it("no data is « — », never 0", () => {
    expect(text(protectCount(null))).toBe("—");
    expect(protectCount(undefined).kind).toBe("none");
  });
  it("a suppressed count carries no number, so it cannot leak into a loader's data or a CSV", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), (n) => {
        const s = protectCount(n);
        expect(JSON.stringify(s)).not.toMatch(/\d/);
        expect(shownCsv(s)).toBe("< 5");
      }),
    );
  });
});

describe("percentages", () => {
  it("only when the denominator is at least 10", () => {
    expect(protectPercent(50, 9).kind).toBe("small_denominator");
    expect(text(protectPercent(50, 9))).toBe("—");
    expect(protectPercent(50, 10)).toEqual({ kind: "value", value: 50 });
    expect(protectPercent(33.3, null).kind).toBe("small_denominator");
    expect(protectPercent(null, 40).kind).toBe("none");
  });
  it("a share of fewer than 10 never shows its value", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 9 }), (v, d) => {
        expect(JSON.stringify(protectPercent(v, d))).not.toContain(String(v));
      }),
    );
  });
});

describe("a group with fewer than 5 households shows its narrative only", () => {
  it("figures from 5 households present", () => {
    expect([0, 1, 4, 5, 12].map(groupShowsFigures)).toEqual([false, false, false, true, true]);
    expect(groupShowsFigures(null)).toBe(false);
  });
});

describe("tables with totals", () => {
  it("hides the small cell, then the next-smallest of each line left with one hidden entry, until stable", () => {
    // rows: groups, columns: age bands; the 3 would be 20 − 9 − 8 from the row total otherwise. Hiding the 8
    // (next-smallest of the row) leaves its column with one hidden entry, and so on until every line has 0 or 2+.
    const t = protectTable({
      cells: [
        [3, 9, 8],
        [12, 15, 20],
        [10, 11, 30],
      ],
    });
    expect(t.cells.map((r) => r.map(text))).toEqual([
      ["< 5", "×", "×"],
      ["×", "15", "×"],
      ["×", "×", "30"],
    ]);
    // Every row and column now has 0 or at least 2 hidden entries.
    expect(t.rowTotals.map(text)).toEqual(["20", "47", "51"]);
    expect(t.colTotals.map(text)).toEqual(["25", "35", "58"]);
    expect(text(t.total)).toBe("118");
  });

  it("a small total is « < 5 » and its line needs no complement when it is all hidden", () => {
    const t = protectTable({ cells: [[1, 2, 0], [6, 7, 8]] });
    expect(t.rowTotals.map(text)[0]).toBe("< 5");
    expect(t.cells[0].map(text)).toEqual(["< 5", "< 5", "0"]);
  });

  it("a breakdown with one small part hides a second part", () => {
    const b = protectBreakdown([2, 10, 7, 0]);
    expect(b.parts.map(text)).toEqual(["< 5", "10", "×", "0"]);
    expect(text(b.total)).toBe("19");
  });

  it("a breakdown with nothing small shows everything", () => {
    const b = protectBreakdown([0, 12, 7]);
    expect(b.parts.map(text)).toEqual(["0", "12", "7"]);
  });

  const tables = fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
    .chain(([r, c]) =>
      fc.record({
        cells: fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), { minLength: c, maxLength: c }), {
          minLength: r,
          maxLength: r,
        }),
        rowTotals: fc.boolean(),
        colTotals: fc.boolean(),
      }),
    );

  it("property: every 1–4 is « < 5 », every shown number is the true one, no line with a shown total has a lone hidden entry", () => {
    fc.assert(
      fc.property(tables, (table) => {
        const t = protectTable(table);
        const rows = table.cells.length;
        const cols = table.cells[0].length;
        const rowSum = (r: number) => table.cells[r].reduce((a, b) => a + b, 0);
        const colSum = (c: number) => table.cells.reduce((a, row) => a + row[c], 0);
        const check = (s: Shown, raw: number) => {
          if (raw >= 1 && raw <= 4) expect(s.kind).toBe("small");
          if (s.kind === "value") expect(s.value).toBe(raw);
        };
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) check(t.cells[r][c], table.cells[r][c]);
        t.rowTotals.forEach((s, r) => check(s, rowSum(r)));
        t.colTotals.forEach((s, c) => check(s, colSum(c)));
        // Lines "cells… = total": a lone hidden entry could be recovered by subtraction.
        if (table.rowTotals) {
          for (let r = 0; r < rows; r++) {
            const hidden = [...t.cells[r], t.rowTotals[r]].filter(isHidden).length;
            expect(hidden).not.toBe(1);
          }
          if (table.colTotals) expect([...t.colTotals, t.total].filter(isHidden).length).not.toBe(1);
        }
        if (table.colTotals) {
          for (let c = 0; c < cols; c++) {
            const hidden = [...t.cells.map((row) => row[c]), t.colTotals[c]].filter(isHidden).length;
            expect(hidden).not.toBe(1);
          }
          if (table.rowTotals) expect([...t.rowTotals, t.total].filter(isHidden).length).not.toBe(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("property: a hidden cell cannot be solved from one line (its value is not total − shown others)", () => {
    fc.assert(
      fc.property(tables, (table) => {
        const t = protectTable({ ...table, rowTotals: true, colTotals: true });
        for (let r = 0; r < table.cells.length; r++) {
          const shownTotal = t.rowTotals[r];
          if (shownTotal.kind !== "value") continue;
          const visible = t.cells[r].reduce((a, s) => a + (s.kind === "value" ? s.value : 0), 0);
          const hiddenCells = t.cells[r].filter(isHidden).length;
          // With two or more hidden cells the remainder is a sum, not one person's count.
          if (hiddenCells === 1) throw new Error(`row ${r}: one hidden cell = ${shownTotal.value - visible}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("the JSON of a protected table never holds the raw small counts", () => {
    const t = protectTable({ cells: [[3, 40], [50, 60]] });
    const json = JSON.stringify(t);
    expect(json).not.toMatch(/"value":3\b/);
    expect(json).not.toMatch(/"value":40\b/); // 43 − 40 would give the 3 away
  });
});

describe("indicator values", () => {
  const households = { key: "households_present", unit: "count", personCount: true };
  const share = { key: "participation_share", unit: "percent", personCount: false, denominatorKey: "households_present" };
  const stay = { key: "median_stay_days", unit: "days", personCount: false, denominatorKey: "departures" };
  const hours = { key: "exchange_hours", unit: "hours", personCount: false };
  const defs = [households, share, stay, hours];

  it("applies the count, percent and small-denominator rules by indicator", () => {
    const v = protectGroupValues(defs, { values: { households_present: 8, participation_share: 0.5, median_stay_days: 300, exchange_hours: 3 }, denominators: { households_present: 8, departures: 2 } }, "households_present");
    expect(v).not.toBeNull();
    expect(v!.households_present).toEqual({ kind: "value", value: 8 });
    expect(v!.participation_share.kind).toBe("small_denominator"); // 8 households < 10
    expect(v!.median_stay_days.kind).toBe("small_denominator"); // a median of 2 departures
    expect(v!.exchange_hours).toEqual({ kind: "value", value: 3 }); // hours are not people
  });

  it("a group with fewer than 5 households present gets no figures at all", () => {
    expect(protectGroupValues(defs, { values: { households_present: 4, exchange_hours: 30 }, denominators: {} }, "households_present")).toBeNull();
    expect(protectGroupValues(defs, { values: { households_present: null }, denominators: {} }, "households_present")).toBeNull();
  });

  it("a person count of 1–4 among the values is « < 5 »", () => {
    const v = protectIndicator({ key: "arrivals", unit: "count", personCount: true }, 2, {});
    expect(text(v)).toBe("< 5");
  });

  it("trends only between two shown values", () => {
    expect(trendOf({ kind: "value", value: 12 }, { kind: "value", value: 10 })).toBe("up");
    expect(trendOf({ kind: "value", value: 9 }, { kind: "value", value: 10 })).toBe("down");
    expect(trendOf({ kind: "value", value: 10 }, { kind: "value", value: 10 })).toBe("same");
    expect(trendOf({ kind: "value", value: 10 }, { kind: "small" })).toBeNull();
  });

  it("a withheld cell counts as hidden: the column total needs a second hidden cell", () => {
    const t = protectTable({ cells: [[30], [12], [40]], rowTotals: false, colTotals: true, withheld: [[false], [true], [false]] });
    expect(t.cells.map((r) => text(r[0]))).toEqual(["×", "×", "40"]);
    expect(text(t.colTotals[0])).toBe("82");
  });

  it("parts that add up to a published total are protected together (age bands of the persons present)", () => {
    const ages = { key: "a", unit: "count", personCount: true };
    const defs2 = [households, { key: "persons_present", unit: "count", personCount: true }, { ...ages, key: "young" }, { ...ages, key: "adult" }, { ...ages, key: "old" }];
    const v = protectGroupValues(
      defs2,
      { values: { households_present: 9, persons_present: 20, young: 2, adult: 12, old: 6 }, denominators: {} },
      "households_present",
      [{ total: "persons_present", parts: ["young", "adult", "old"] }],
    )!;
    expect(text(v.young)).toBe("< 5");
    expect(text(v.old)).toBe("×"); // 20 − 12 − 6 would be the 2
    expect(text(v.adult)).toBe("12");
    expect(text(v.persons_present)).toBe("20");
  });
});
