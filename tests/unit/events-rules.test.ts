import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utcToZoned, zonedToUtc } from "~/modules/core/recurrence";
import {
  admission,
  applyExceptions,
  balancesOf,
  defaultParty,
  describeProblem,
  durationOf,
  fromBookingProblem,
  halfPortionsOf,
  mealLedgerLines,
  nthWeekdayOf,
  placesOf,
  planOccurrences,
  promotions,
  repeatOf,
  ruleDeadline,
  ruleGrow,
  rruleFor,
  signupDeadline,
  splitCost,
  splitRule,
  type SeriesRule,
} from "~/modules/events/rules";
import { CostSchema, EventSchema, OccurrenceChangeSchema, SignupSchema, normaliseSkills } from "~/modules/events/schemas";

const TZ = "Europe/Paris";
const iso = (ms: number) => new Date(ms).toISOString();
const local = (ms: number) => {
  const z = utcToZoned(ms, TZ);
  return `${z.date} ${z.time}`;
};
const rule = (r: Partial<SeriesRule> & Pick<SeriesRule, "startDate">): SeriesRule => ({
  rrule: "FREQ=WEEKLY",
  startTime: "19:30",
  durationMinutes: 150,
  timeZone: TZ,
  untilDate: null,
  count: null,
  ...r,
});

describe("repetition", () => {
  it("turns the form's choice into an RRULE and back", () => {
    expect(rruleFor("none", "2026-03-14")).toBeNull();
    expect(rruleFor("weekly", "2026-03-14")).toBe("FREQ=WEEKLY");
    expect(rruleFor("biweekly", "2026-03-14")).toBe("FREQ=WEEKLY;INTERVAL=2");
    expect(rruleFor("monthly_day", "2026-03-14")).toBe("FREQ=MONTHLY");
    // 14 March 2026 is the 2nd Saturday of March; 31 March 2026 the 5th Tuesday, so "the last".
    expect(rruleFor("monthly_weekday", "2026-03-14")).toBe("FREQ=MONTHLY;BYDAY=2SA");
    expect(nthWeekdayOf("2026-03-31")).toEqual({ nth: -1, weekday: "TU" });
    for (const r of ["none", "weekly", "biweekly", "monthly_day", "monthly_weekday"] as const) expect(repeatOf(rruleFor(r, "2026-03-14"))).toBe(r);
    expect(repeatOf("FREQ=DAILY")).toBeNull();
    expect(repeatOf("FREQ=WEEKLY;BYDAY=MO,TH")).toBeNull();
  });

  it("weekly on Thursdays at 19:30 stays at 19:30 across both clock changes of 2026", () => {
    const spring = planOccurrences(rule({ startDate: "2026-03-19" }), { toDate: "2026-04-02" });
    expect(spring.map((o) => iso(o.startsAt))).toEqual(["2026-03-19T18:30:00.000Z", "2026-03-26T18:30:00.000Z", "2026-04-02T17:30:00.000Z"]);
    expect(spring.map((o) => local(o.startsAt))).toEqual(["2026-03-19 19:30", "2026-03-26 19:30", "2026-04-02 19:30"]);
    expect(spring.map((o) => local(o.endsAt))).toEqual(["2026-03-19 22:00", "2026-03-26 22:00", "2026-04-02 22:00"]);
    const autumn = planOccurrences(rule({ startDate: "2026-10-15" }), { toDate: "2026-10-29" });
    expect(autumn.map((o) => iso(o.startsAt))).toEqual(["2026-10-15T17:30:00.000Z", "2026-10-22T17:30:00.000Z", "2026-10-29T18:30:00.000Z"]);
    expect(autumn.every((o) => utcToZoned(o.startsAt, TZ).time === "19:30")).toBe(true);
  });

  it("an event on the night of the change keeps its wall-clock end (one hour less or more in real time)", () => {
    // Saturday 28 March 2026, 22:00 → Sunday 04:00: the clocks jump at 02:00, so 5 real hours.
    const [night] = planOccurrences(rule({ rrule: null, startDate: "2026-03-28", startTime: "22:00", durationMinutes: 360 }), { toDate: "2026-03-29" });
    expect(local(night.endsAt)).toBe("2026-03-29 04:00");
    expect((night.endsAt - night.startsAt) / 3_600_000).toBe(5);
    // A start in the skipped hour (02:30 on 29 March) moves forward to 03:30.
    const [skipped] = planOccurrences(rule({ rrule: null, startDate: "2026-03-29", startTime: "02:30", durationMinutes: 60 }), { toDate: "2026-03-29" });
    expect(local(skipped.startsAt)).toBe("2026-03-29 03:30");
    expect(skipped.endsAt).toBeGreaterThan(skipped.startsAt);
  });

  it("every other week, with a count", () => {
    const occ = planOccurrences(rule({ rrule: "FREQ=WEEKLY;INTERVAL=2", startDate: "2026-03-05", count: 4 }), { toDate: "2027-01-01" });
    expect(occ.map((o) => o.date)).toEqual(["2026-03-05", "2026-03-19", "2026-04-02", "2026-04-16"]);
  });

  it("monthly on the 2nd Saturday, until a date (inclusive); a window keeps counting from the first", () => {
    const r = rule({ rrule: rruleFor("monthly_weekday", "2026-03-14"), startDate: "2026-03-14", startTime: "14:00", untilDate: "2026-06-13" });
    expect(planOccurrences(r, { toDate: "2027-01-01" }).map((o) => o.date)).toEqual(["2026-03-14", "2026-04-11", "2026-05-09", "2026-06-13"]);
    const counted = rule({ rrule: "FREQ=MONTHLY;BYDAY=2SA", startDate: "2026-03-14", count: 3 });
    expect(planOccurrences(counted, { fromDate: "2026-04-01", toDate: "2027-01-01" }).map((o) => o.date)).toEqual(["2026-04-11", "2026-05-09"]);
    // The last Friday of the month.
    const last = rule({ rrule: "FREQ=MONTHLY;BYDAY=-1FR", startDate: "2026-01-30", count: 3 });
    expect(planOccurrences(last, { toDate: "2027-01-01" }).map((o) => o.date)).toEqual(["2026-01-30", "2026-02-27", "2026-03-27"]);
  });

  it("applies exceptions: a cancelled date stays, marked; a moved one takes its new slot (across the clock change)", () => {
    const planned = planOccurrences(rule({ startDate: "2026-03-19" }), { toDate: "2026-04-09" });
    const moved = { startsAt: zonedToUtc("2026-04-01T19:00", TZ), endsAt: zonedToUtc("2026-04-01T21:30", TZ) };
    const calendar = applyExceptions(
      planned,
      [
        { originalStartsAt: planned[1].originalStartsAt, status: "cancelled", startsAt: planned[1].startsAt, endsAt: planned[1].endsAt, moved: false },
        { originalStartsAt: planned[2].originalStartsAt, status: "scheduled", ...moved, moved: true },
      ],
      TZ,
    );
    expect(calendar.map((o) => [local(o.startsAt), o.status, o.moved])).toEqual([
      ["2026-03-19 19:30", "scheduled", false],
      ["2026-03-26 19:30", "cancelled", false],
      ["2026-04-01 19:00", "scheduled", true],
      ["2026-04-09 19:30", "scheduled", false],
    ]);
  });

  it("splits a series for 'this and the following'", () => {
    const r = rule({ startDate: "2026-03-05", count: 10 });
    const occ = planOccurrences(r, { toDate: "2027-01-01" });
    expect(splitRule(r, occ[3].originalStartsAt)).toEqual({ untilDate: "2026-03-25", count: 3, before: 3 });
    expect(splitRule(r, occ[0].originalStartsAt).before).toBe(0);
    expect(splitRule({ ...r, count: null }, occ[3].originalStartsAt).count).toBeNull();
  });

  it("computes durations on the wall clock, past midnight too", () => {
    expect(durationOf("2026-03-19", "19:30", "22:00")).toBe(150);
    expect(durationOf("2026-03-19", "20:00", "00:00")).toBe(240);
    expect(durationOf("2026-03-28", "22:00", "04:00", "2026-03-29")).toBe(360);
    expect(durationOf("2026-03-19", "20:00", "19:00")).toBeLessThan(0);
  });
});

describe("deadlines", () => {
  const start = zonedToUtc("2026-03-19T19:30", TZ);
  it("closes sign-ups the given hours before the start (exactly at the deadline is too late)", () => {
    expect(signupDeadline(start, 24)).toBe(start - 24 * 3_600_000);
    expect(ruleDeadline(start - 25 * 3_600_000, start, 24)).toEqual([]);
    expect(ruleDeadline(start - 24 * 3_600_000, start, 24)).toEqual([
      { ns: "events", code: "deadline_passed", field: null, params: { deadline: start - 24 * 3_600_000 } },
    ]);
    expect(ruleDeadline(start - 60_000, start, null)).toEqual([]);
    expect(ruleDeadline(start, start, null)[0].code).toBe("already_started");
  });
  it("describes a problem in words, in the group's zone", () => {
    const t = (key: string, o?: Record<string, unknown>) => `${key}|${JSON.stringify(o)}`;
    expect(describeProblem(t, ruleDeadline(start - 3_600_000, start, 24)[0], "fr", TZ)).toContain("mercredi 18 mars à 19:30");
    const booking = fromBookingProblem(
      { code: "overlap", field: "startTime", params: { startsAt: start, endsAt: start + 3_600_000, bufferMinutes: 0 } },
      "2026-03-19",
    );
    expect(booking).toMatchObject({ ns: "bookings", field: "startTime", params: { occurrenceDate: "2026-03-19" } });
    expect(describeProblem(t, booking, "fr", TZ)).toMatch(/^events:errors\.on_date\|.*jeudi 19 mars 2026.*bookings:errors\.overlap/);
  });
});

describe("places, portions and the waiting list", () => {
  it("counts places (everyone) and half-portions (adult and guest 2, child 1, infant 0)", () => {
    const p = { adults: 2, children: 1, infants: 1, guests: 1 };
    expect(placesOf(p)).toBe(5);
    expect(halfPortionsOf(p)).toBe(7);
  });
  it("prefills a party from the household's birth years and the group's age limit", () => {
    const persons = [{ birthYear: 1980 }, { birthYear: null }, { birthYear: 2015 }, { birthYear: 2014 }, { birthYear: 2025 }];
    expect(defaultParty(persons, 12, "2026-06-01")).toEqual({ adults: 3, children: 1, infants: 1, guests: 0 });
    expect(defaultParty(persons, 14, "2026-06-01")).toEqual({ adults: 2, children: 2, infants: 1, guests: 0 });
  });
  it("admits while it fits and nobody waits", () => {
    expect(admission({ capacity: null, taken: 500, waiting: 3, places: 4 })).toBe("confirmed");
    expect(admission({ capacity: 10, taken: 6, waiting: 0, places: 4 })).toBe("confirmed");
    expect(admission({ capacity: 10, taken: 6, waiting: 0, places: 5 })).toBe("waitlisted");
    expect(admission({ capacity: 10, taken: 6, waiting: 1, places: 1 })).toBe("waitlisted");
  });
  it("promotes in order, while the first in line fits (nobody overtakes)", () => {
    const w = (id: string, position: number, adults: number) => ({ id, position, adults, children: 0, infants: 0, guests: 0 });
    expect(promotions({ capacity: 10, taken: 6, waitlist: [w("c", 3, 1), w("a", 1, 2), w("b", 2, 1)] })).toEqual(["a", "b", "c"]);
    expect(promotions({ capacity: 10, taken: 7, waitlist: [w("a", 1, 4), w("b", 2, 1)] })).toEqual([]);
    expect(promotions({ capacity: 10, taken: 7, waitlist: [w("a", 1, 3), w("b", 2, 1)] })).toEqual(["a"]);
  });
  it("lets a confirmed party grow only into free places", () => {
    expect(ruleGrow({ capacity: 10, taken: 9, before: 2, after: 3 })).toEqual([]);
    expect(ruleGrow({ capacity: 10, taken: 10, before: 2, after: 3 })).toEqual([
      { ns: "events", code: "not_enough_places", field: "adults", params: { left: 0, capacity: 10 } },
    ]);
    expect(ruleGrow({ capacity: 10, taken: 12, before: 4, after: 2 })).toEqual([]);
  });
});

describe("the cost split", () => {
  it("splits by largest remainder, ties to the smaller household id", () => {
    // 10.00 € between three equal households: 3.34 + 3.33 + 3.33, the extra cent to "a".
    expect(
      splitCost(1000, [
        { key: "c", weight: 2 },
        { key: "a", weight: 2 },
        { key: "b", weight: 2 },
      ]),
    ).toEqual([
      { key: "c", cents: 333 },
      { key: "a", cents: 334 },
      { key: "b", cents: 333 },
    ]);
    // 25.00 € for 2 adults + 1 child (5 half-portions) and 1 adult (2): 17.857… and 7.142… → 17.86 and 7.14.
    expect(
      splitCost(2500, [
        { key: "x", weight: 5 },
        { key: "y", weight: 2 },
      ]),
    ).toEqual([
      { key: "x", cents: 1786 },
      { key: "y", cents: 714 },
    ]);
    expect(splitCost(0, [])).toEqual([]);
    expect(
      splitCost(500, [
        { key: "a", weight: 0 },
        { key: "b", weight: 3 },
      ]),
    ).toEqual([
      { key: "a", cents: 0 },
      { key: "b", cents: 500 },
    ]);
    expect(() => splitCost(500, [{ key: "a", weight: 0 }])).toThrow(RangeError);
  });

  const household = fc.constantFrom("h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8");
  const party = fc.record({ adults: fc.nat(6), children: fc.nat(5), infants: fc.nat(2), guests: fc.nat(4) });

  it("property: for random portions and costs, shares sum exactly to the cost, each within a cent of its exact share, whatever the order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.uniqueArray(fc.record({ key: household, weight: fc.integer({ min: 0, max: 40 }) }), { selector: (w) => w.key, minLength: 1, maxLength: 8 }),
        (total, weights) => {
          const sum = weights.reduce((s, w) => s + w.weight, 0);
          fc.pre(sum > 0);
          const shares = splitCost(total, weights);
          expect(shares.reduce((s, x) => s + x.cents, 0)).toBe(total);
          for (const s of shares) {
            const exact = (total * weights.find((w) => w.key === s.key)!.weight) / sum;
            expect(Math.abs(s.cents - exact)).toBeLessThan(1);
            expect(s.cents).toBeGreaterThanOrEqual(0);
          }
          const reversed = splitCost(total, [...weights].reverse());
          for (const s of shares) expect(reversed.find((r) => r.key === s.key)!.cents).toBe(s.cents);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("property: over many closed meals, each meal's ledger sums to zero and so do the group's balances", () => {
    const meal = fc.record({
      costs: fc.array(fc.record({ paidByHouseholdId: household, amountCents: fc.integer({ min: 1, max: 50_000 }) }), { maxLength: 3 }),
      eaters: fc.uniqueArray(fc.record({ householdId: household, party }), { selector: (e) => e.householdId, minLength: 1, maxLength: 8 }),
    });
    fc.assert(
      fc.property(fc.array(meal, { minLength: 1, maxLength: 12 }), (meals) => {
        const all: { householdId: string; kind: "paid" | "eaten"; amountCents: number; occurrenceId: string }[] = [];
        meals.forEach((m, i) => {
          const eaters = m.eaters.map((e) => ({ householdId: e.householdId, halfPortions: halfPortionsOf(e.party) }));
          const cost = m.costs.reduce((s, c) => s + c.amountCents, 0);
          fc.pre(cost === 0 || eaters.some((e) => e.halfPortions > 0));
          const lines = mealLedgerLines({ costs: m.costs, eaters });
          expect(lines.reduce((s, l) => s + l.amountCents, 0)).toBe(0);
          expect(lines.filter((l) => l.kind === "eaten").reduce((s, l) => s - l.amountCents, 0)).toBe(cost);
          all.push(...lines.map((l) => ({ ...l, occurrenceId: `m${i}` })));
        });
        const balances = balancesOf(all);
        expect(balances.reduce((s, b) => s + b.balanceCents, 0)).toBe(0);
        for (const b of balances) expect(b.balanceCents).toBe(b.paidCents - b.eatenCents);
      }),
      { numRuns: 300 },
    );
  });

  it("a known meal: 36.50 € paid by the head cook's household, eaten by three households", () => {
    const lines = mealLedgerLines({
      costs: [
        { paidByHouseholdId: "cook", amountCents: 2900 },
        { paidByHouseholdId: "cook", amountCents: 750 },
      ],
      eaters: [
        { householdId: "single", halfPortions: halfPortionsOf({ adults: 1, children: 0, infants: 0, guests: 1 }) },
        { householdId: "family", halfPortions: halfPortionsOf({ adults: 2, children: 1, infants: 1, guests: 0 }) },
        { householdId: "cook", halfPortions: halfPortionsOf({ adults: 2, children: 0, infants: 0, guests: 0 }) },
      ],
    });
    // 13 half-portions: 3650 × 4/13 = 1123.08, × 5/13 = 1403.85: floors 1123 + 1403 + 1123 = 3649, the cent left
    // goes to the largest remainder (the family's).
    expect(lines).toEqual([
      { householdId: "cook", kind: "paid", amountCents: 3650, halfPortions: 0 },
      { householdId: "cook", kind: "eaten", amountCents: -1123, halfPortions: 4 },
      { householdId: "family", kind: "eaten", amountCents: -1404, halfPortions: 5 },
      { householdId: "single", kind: "eaten", amountCents: -1123, halfPortions: 4 },
    ]);
    expect(balancesOf(lines).find((b) => b.householdId === "cook")).toMatchObject({ paidCents: 3650, eatenCents: 1123, balanceCents: 2527, meals: 1 });
  });
});

describe("form schemas", () => {
  const event = { kind: "shared_meal", title: "Repas du jeudi", placeText: "Cour", date: "2026-03-19", startTime: "19:30", endTime: "22:00" };
  it("reads an event with its repetition", () => {
    expect(EventSchema.parse({ ...event, repeat: "weekly", count: 10, skills: "Couture, réparation  vélo; couture" })).toMatchObject({
      repeat: "weekly",
      count: 10,
      skills: ["couture", "réparation vélo"],
    });
    expect(normaliseSkills(["  Cuisine ", "cuisine"])).toEqual(["cuisine"]);
  });
  it("refuses what it can see is wrong, with i18n keys", () => {
    const issues = (input: unknown) => EventSchema.safeParse(input).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ ...event, placeText: "" })).toEqual([["placeText", "events:errors.place_required"]]);
    expect(issues({ ...event, endTime: "19:00" })).toEqual([["endTime", "events:errors.end_before_start"]]);
    expect(issues({ ...event, repeat: "weekly", until: "2026-06-01", count: 3 })).toEqual([["count", "events:errors.until_or_count"]]);
    expect(issues({ ...event, repeat: "weekly", until: "2026-03-01" })).toEqual([["until", "events:errors.until_before_start"]]);
    expect(issues({ ...event, startTime: "25:00" })).toEqual([["startTime", "events:errors.time_invalid"]]);
    expect(EventSchema.safeParse({ ...event, endTime: "00:00" }).success).toBe(true);
  });
  it("sign-ups: counts of zero or more, at least one person", () => {
    expect(SignupSchema.parse({ adults: 2, diets: ["vegetarian"] })).toEqual({
      adults: 2,
      children: 0,
      infants: 0,
      guests: 0,
      diets: ["vegetarian"],
      allergies: "",
    });
    expect(SignupSchema.safeParse({ adults: -1, children: 1 }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["adults", "events:errors.number_invalid"],
    ]);
    expect(SignupSchema.safeParse({}).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["adults", "events:errors.nobody"]]);
    expect(SignupSchema.safeParse({ adults: 1, diets: ["paleo"] }).success).toBe(false);
  });
  it("costs typed in euros become cents", () => {
    expect(CostSchema.parse({ amount: "12,50" }).amount).toBe(1250);
    expect(CostSchema.parse({ amount: "7.5" }).amount).toBe(750);
    expect(CostSchema.safeParse({ amount: "0" }).error?.issues[0].message).toBe("events:errors.amount_invalid");
    expect(CostSchema.safeParse({ amount: "-3" }).error?.issues[0].message).toBe("events:errors.amount_invalid");
  });
  it("occurrence changes carry an intent", () => {
    expect(OccurrenceChangeSchema.parse({ intent: "cancel" })).toEqual({ intent: "cancel", reason: "" });
    expect(OccurrenceChangeSchema.safeParse({ intent: "move", date: "2026-03-20", startTime: "20:00", endTime: "19:00" }).success).toBe(false);
    expect(OccurrenceChangeSchema.parse({ intent: "following", ...event, repeat: "biweekly" })).toMatchObject({ intent: "following", repeat: "biweekly" });
  });
});
