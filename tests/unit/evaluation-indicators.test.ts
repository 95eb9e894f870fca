// The registry, the periods and the small maths of the indicators.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  INDICATORS,
  evaluationAgeBand,
  lastCompleteQuarter,
  median,
  parsePeriodKey,
  periodBounds,
  periodKey,
  periodsBetween,
  recentPeriods,
} from "~/modules/evaluation/indicators";

const locale = (lang: string) => JSON.parse(fs.readFileSync(`app/locales/${lang}/evaluation.json`, "utf8"));

describe("registry", () => {
  it("has unique keys, and every percent says what it is computed on", () => {
    expect(new Set(INDICATORS.map((i) => i.key)).size).toBe(INDICATORS.length);
    for (const i of INDICATORS) if (i.unit === "percent") expect("denominatorKey" in i, i.key).toBe(true);
  });
  it("has a name, a definition and a source in French and English for every indicator", () => {
    for (const lang of ["fr", "en"]) {
      const g = locale(lang).glossary;
      for (const i of INDICATORS) {
        expect(g[i.key]?.name, `${lang} ${i.key}`).toBeTruthy();
        expect(g[i.key]?.definition, `${lang} ${i.key}`).toBeTruthy();
        expect(g[i.key]?.source, `${lang} ${i.key}`).toBeTruthy();
      }
    }
  });
  it("marks counts of people and households, never hours or money", () => {
    const person = new Set(INDICATORS.filter((i) => i.personCount).map((i) => i.key));
    expect(person.has("households_present")).toBe(true);
    expect(person.has("persons_age_75_plus")).toBe(true);
    expect(person.has("exits_durable_social_housing")).toBe(true);
    expect(person.has("exchange_hours")).toBe(false);
    expect(person.has("cost_per_household_euros")).toBe(false);
  });
});

describe("periods", () => {
  it("gives the bounds of months, quarters and years", () => {
    expect(periodBounds("month", "2024-02-10")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(periodBounds("quarter", "2026-05-31")).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(periodBounds("year", "2026-05")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(periodKey("quarter", "2026-12-01")).toBe("2026-Q4");
  });
  it("lists the periods touching a range, whole", () => {
    expect(periodsBetween("quarter", "2025-11-15", "2026-02-01").map((p) => p.key)).toEqual(["2025-Q4", "2026-Q1"]);
    expect(periodsBetween("month", "2026-01-01", "2026-12-31")).toHaveLength(12);
    expect(periodsBetween("year", "2024-01-01", "2026-12-31").map((p) => p.to)).toEqual(["2024-12-31", "2025-12-31", "2026-12-31"]);
  });
  it("reads period keys and refuses others", () => {
    expect(parsePeriodKey("2026-Q2")).toEqual({ kind: "quarter", key: "2026-Q2", from: "2026-04-01", to: "2026-06-30" });
    expect(parsePeriodKey("2026-03")?.to).toBe("2026-03-31");
    expect(parsePeriodKey("2026")?.kind).toBe("year");
    for (const bad of ["2026-Q5", "2026-13", "26", "1999", "2026-3", "x"]) expect(parsePeriodKey(bad), bad).toBeNull();
  });
  it("offers recent periods and defaults to the last quarter that is over", () => {
    expect(lastCompleteQuarter("2026-01-15").key).toBe("2025-Q4");
    expect(lastCompleteQuarter("2026-11-23").key).toBe("2026-Q3");
    const r = recentPeriods("2026-11-23");
    expect(r.year.map((p) => p.key)).toEqual(["2026", "2025", "2024"]);
    expect(r.quarter[0].key).toBe("2026-Q4");
    expect(r.quarter).toHaveLength(8);
    expect(r.month).toHaveLength(12);
    expect(r.month.at(-1)?.key).toBe("2025-12");
  });
});

describe("maths", () => {
  it("age bands from the birth year", () => {
    expect([2010, 2008, 1997, 1996, 1967, 1966, 1952, 1951].map((y) => evaluationAgeBand(y, 2026))).toEqual([
      "0_17",
      "18_29",
      "18_29",
      "30_59",
      "30_59",
      "60_74",
      "60_74",
      "75_plus",
    ]);
    expect(evaluationAgeBand(null, 2026)).toBeNull();
  });
  it("median", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });
});
