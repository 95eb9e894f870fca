// Issue 16 § 3 as a property (decision 011): for any programme — groups that fill up, empty, turn over — an officer
// who downloads every group's counts by month, quarter and year and the programme's totals, and who knows how they
// relate, cannot work out any count of persons or households from 1 to 4. The solver is tests/support/differencing.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AGE_BANDS, INDICATORS } from "~/modules/evaluation/indicators";
import { FLOW_KEYS, flowsGivenByStocks, protectGroupValues, protectTotal, withholdGivenByStocks, type Shown } from "~/modules/evaluation/privacy";
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

/** What the officer pages show of one group: every period kind, flows withheld across all of them at once. */
function publish(households: Household[], all: Record<string, Span[]>): Record<string, (Record<string, Shown> | null)[]> {
  const out = Object.fromEntries(
    Object.entries(all).map(([kind, list]) => [
      kind,
      list.map((span) => protectGroupValues(INDICATORS, { values: counts(households, span), denominators: {} }, "households_present")),
    ]),
  );
  const day = (n: number) => String(n).padStart(3, "0");
  const kinds = Object.entries(all).map(([kind, list]) => ({ periods: list.map((x) => ({ from: day(x.from), to: day(x.to) })), values: out[kind] }));
  if (flowsGivenByStocks(kinds, "households_present"))
    for (const [kind, values] of Object.entries(out))
      withholdGivenByStocks(values, [...FLOW_KEYS, ...EXITS], { key: "households_present", holdsShorter: kind !== "month" });
  return out;
}

/** Publishes the programme as the officer pages do, and gives the solver what the officer knows. */
function attack(p: Programme): DifferencingSolver {
  const s = new DifferencingSolver();
  const all = spans(p.months);
  const name = (g: number, kind: string, span: string, key: string) => `g${g}|${kind}|${span}|${key}`;
  const publishedByGroup = p.groups.map((households) => publish(households, all));
  for (const [kind, list] of Object.entries(all)) {
    const shownByGroup: (Record<string, Shown> | null)[][] = [];
    p.groups.forEach((households, g) => {
      const shown = publishedByGroup[g][kind];
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
      for (const key of ["households_present", "persons_present"]) {
        // A group whose count is withheld ("×") is left out of the total, as one with fewer than 5 households.
        const members = p.groups.map((_, g) => g).filter((g) => shownByGroup[g][i] !== null && shownByGroup[g][i]![key]?.kind !== "complementary");
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
      // A fixed seed in npm test (a run must not pass or fail by luck); `FC_SEED=random` (and `RUNS=300`)
      // explores. Random seeds -1750043106 and 299435489 found small groups crossing 5 households back and
      // forth whose departures and hidden households could be pinned; decision 011 now withholds their flows
      // and their households over quarters and years, and both are kept as a test below.
      { numRuns: Number(process.env.RUNS ?? 120), ...(process.env.FC_SEED === "random" ? {} : { seed: Number(process.env.FC_SEED ?? 20261203) }) },
    );
  }, 90_000);

  it("the random seeds' counterexamples: a small group crossing 5 households back and forth gives no count away", () => {
    // FC_SEED=-1750043106 (3 December 2026): months « 5 à 9 », none, « 5 à 9 »… and a quarter above its first
    // month pinned the year's 4 arrivals and 4 departures at one a month, and the hidden months at 4 households.
    const first: Programme = {
      months: 24,
      groups: [
        [
          [-1, null],
          [5, 9],
          [-1, 0],
          [-1, 3],
          [-1, 2],
          [-1, null],
          [2, 12],
          [9, 12],
          [11, null],
        ].map(([arrival, departure]) => ({ arrival: arrival!, departure, destination: 0, ages: [0] })),
        [
          [-1, null],
          [-1, 0],
          [-1, null],
        ].map(([arrival, departure]) => ({ arrival: arrival!, departure, destination: 0, ages: [0] })),
      ],
    };
    // FC_SEED=299435489: 5 → 4 → 5 → 4 every month; with the flows hidden, the year's « 5 à 9 » households
    // (its first month's 5 plus its arrivals) still bounded the 4 arrivals the crossings force.
    const second: Programme = {
      months: 24,
      groups: [
        [
          [6, null],
          [4, 6],
          [-1, 4],
          [-1, 2],
          [0, 0],
          [-1, null],
          [2, null],
          [0, 8],
          [12, null],
          [8, 8],
        ].map(([arrival, departure]) => ({ arrival: arrival!, departure, destination: 0, ages: [0] })),
      ],
    };
    for (const p of [first, second]) expect(attack(p).pinnedSmall()).toEqual([]);
    // What is withheld: the flows everywhere, the households of quarters and years; the months' bands stay.
    const shown = publish(second.groups[0], spans(24));
    expect(shown.month[0]!.households_present).toEqual({ kind: "band", from: 5, to: 9 });
    expect(shown.month[0]!.departures).toEqual({ kind: "complementary" });
    expect(shown.year[0]!.households_present).toEqual({ kind: "complementary" });
    expect(shown.year[0]!.persons_present).toEqual({ kind: "band", from: 5, to: 9 });
  });

  it("a group of normal size turning over a household or two a month keeps its flows and its households", () => {
    // 22 households, one leaving and one arriving every month: the band never moves.
    const group: Household[] = [
      ...Array.from({ length: 10 }, () => ({ arrival: -1, departure: null, destination: 0, ages: [2, 2] })),
      ...Array.from({ length: 12 }, (_, m) => ({ arrival: -1, departure: m, destination: m % 6, ages: [1] })),
      ...Array.from({ length: 12 }, (_, m) => ({ arrival: m + 1, departure: null, destination: 0, ages: [3] })),
    ];
    const shown = publish(group, spans(12));
    expect(shown.month[5]!.departures).toEqual({ kind: "small" });
    expect(shown.quarter[1]!.arrivals).toEqual({ kind: "small" });
    expect(shown.year[0]!.departures).toEqual({ kind: "band", from: 10, to: 14 });
    expect(shown.year[0]!.households_present).toEqual({ kind: "band", from: 30, to: 34 });
    expect(attack({ months: 12, groups: [group] }).pinnedSmall()).toEqual([]);
  });

  it("a group filling by exactly 4 households a month across four band limits (14 → 30) gives no arrival away", () => {
    const h = (arrival: number): Household => ({ arrival, departure: null, destination: 0, ages: [2] });
    const group = [...Array.from({ length: 14 }, () => h(-1)), ...[1, 2, 3, 4].flatMap((m) => Array.from({ length: 4 }, () => h(m)))];
    expect(attack({ months: 12, groups: [group] }).pinnedSmall()).toEqual([]);
    // Its households present are still there, by bands.
    const shown = publish(group, spans(12)).month;
    expect(shown[4]!.households_present).toEqual({ kind: "band", from: 30, to: 34 });
  });

  it("the lines of parts have 6 entries: with bands of 5, a line of 1 + 5k parts never pins a part (decision 011)", () => {
    expect(AGES.length % 5).toBe(1);
    expect(EXITS.length % 5).toBe(1);
  });
});
