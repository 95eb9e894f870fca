// What a programme officer may see: small counts, complementary suppression, percentages, small groups.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  groupShowsFigures,
  protectCount,
  protectGroupValues,
  protectIndicator,
  protectPercent,
  protectTotal,
  shownText,
  trendOf,
  type Shown,
} from "~/modules/evaluation/privacy";

const text = (s: Shown) => shownText(s, String, (a, b) => `${a} à ${b}`);

describe("counts of persons and households", () => {
  it("shows 0 to 4 as « < 5 » (a zero too: 0 then « < 5 » would say someone came), 5 and more by bands of 5", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 9, 10, 42].map((n) => text(protectCount(n)))).toEqual([
      "< 5",
      "< 5",
      "< 5",
      "< 5",
      "< 5",
      "5 à 9",
      "5 à 9",
      "5 à 9",
      "10 à 14",
      "40 à 44",
    ]);
  });
  it("no data is « — », never 0", () => {
    expect(text(protectCount(null))).toBe("—");
    expect(protectCount(undefined).kind).toBe("none");
  });
  it("a count never travels as itself: « < 5 » carries no number, a band only its bounds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), (n) => {
        const s = protectCount(n);
        if (n < 5) expect(JSON.stringify(s)).not.toMatch(/\d/);
        else {
          expect(s).toEqual({ kind: "band", from: n - (n % 5), to: n - (n % 5) + 4 });
          if (n % 5 !== 0 && n % 5 !== 4) expect(JSON.stringify(s)).not.toContain(String(n));
        }
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

describe("totals over groups", () => {
  it("the band of the sum, as any count", () => {
    expect(protectTotal([12, 7, 9])).toEqual({ kind: "band", from: 25, to: 29 });
    expect(protectTotal([])).toEqual({ kind: "small" });
  });
});

describe("indicator values", () => {
  const households = { key: "households_present", unit: "count", personCount: true };
  const share = { key: "participation_share", unit: "percent", personCount: false, denominatorKey: "households_present" };
  const stay = { key: "median_stay_days", unit: "days", personCount: false, denominatorKey: "departures" };
  const hours = { key: "exchange_hours", unit: "hours", personCount: false };
  const defs = [households, share, stay, hours];

  it("applies the count, percent and small-denominator rules by indicator", () => {
    const v = protectGroupValues(
      defs,
      {
        values: { households_present: 8, participation_share: 0.5, median_stay_days: 300, exchange_hours: 3 },
        denominators: { households_present: 8, departures: 2 },
      },
      "households_present",
    );
    expect(v).not.toBeNull();
    expect(v!.households_present).toEqual({ kind: "band", from: 5, to: 9 });
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
    expect(trendOf({ kind: "band", from: 10, to: 14 }, { kind: "band", from: 5, to: 9 })).toBe("up");
    expect(trendOf({ kind: "band", from: 5, to: 9 }, { kind: "small" })).toBeNull();
  });

  it("parts and their total each by bands: no part is hidden to protect another any more (decision 011)", () => {
    const ages = { key: "a", unit: "count", personCount: true };
    const defs2 = [
      households,
      { key: "persons_present", unit: "count", personCount: true },
      { ...ages, key: "young" },
      { ...ages, key: "adult" },
      { ...ages, key: "old" },
    ];
    const v = protectGroupValues(
      defs2,
      { values: { households_present: 9, persons_present: 20, young: 2, adult: 12, old: 6 }, denominators: {} },
      "households_present",
    )!;
    expect([v.young, v.adult, v.old, v.persons_present].map(text)).toEqual(["< 5", "10 à 14", "5 à 9", "20 à 24"]);
  });

  it("aid obtained about fewer than 5 households is « — »; a cost per household does not give the household count back", () => {
    const defs3 = [
      households,
      { key: "support_households_followed", unit: "count", personCount: true },
      { key: "support_aid_euros", unit: "euros", personCount: false },
      { key: "cost_per_household_euros", unit: "euros", personCount: false, denominatorKey: "households_present" },
    ];
    const few = protectGroupValues(
      defs3,
      { values: { households_present: 11, support_households_followed: 3, support_aid_euros: 45, cost_per_household_euros: 909.09 }, denominators: {} },
      "households_present",
    )!;
    expect(few.support_aid_euros.kind).toBe("small_denominator");
    // 10 000 € ÷ 11 households; over the band 10–14 the cost is 10 000 ÷ 12.
    expect(few.cost_per_household_euros).toEqual({ kind: "value", value: 833 });
    const many = protectGroupValues(
      defs3,
      { values: { households_present: 11, support_households_followed: 6, support_aid_euros: 450 }, denominators: {} },
      "households_present",
    )!;
    expect(many.support_aid_euros).toEqual({ kind: "value", value: 450 });
  });

  it("a share of households goes by steps of 5 points: 4 of 11 must not read as 36,36 %", () => {
    const share = { key: "participation_share", unit: "percent", personCount: false, denominatorKey: "households_present" };
    expect(protectIndicator(share, 4 / 11, { households_present: 11 })).toEqual({ kind: "value", value: 0.35 });
  });
});
