// Home's « prochain repas »: which shared meal comes next (pickNextMeal, isOpenMeal in events/rules.ts).
import { describe, expect, it } from "vitest";
import { isOpenMeal, pickNextMeal } from "~/modules/events/rules";

const H = 3_600_000;
const NOW = Date.UTC(2026, 11, 3, 12);
const meal = (id: string, hoursFromNow: number, extra: Partial<{ kind: string; status: string; closed: boolean; deadlineHours: number }> = {}) => {
  const startsAt = NOW + hoursFromNow * H;
  return {
    id,
    kind: extra.kind ?? "shared_meal",
    status: extra.status ?? "scheduled",
    closed: extra.closed ?? false,
    startsAt,
    signupDeadline: startsAt - (extra.deadlineHours ?? 0) * H,
  };
};

describe("the next shared meal open for sign-up", () => {
  it("is the soonest scheduled meal still before its deadline, this week or later", () => {
    const later = meal("later", 24 * 12);
    const soon = meal("soon", 24 * 9);
    expect(pickNextMeal([later, soon], NOW)?.id).toBe("soon");
  });

  it("skips meals past their deadline, started, cancelled, closed, and other kinds", () => {
    const list = [
      meal("deadline", 10, { deadlineHours: 24 }),
      meal("started", -1),
      meal("cancelled", 20, { status: "cancelled" }),
      meal("closed", 30, { closed: true }),
      meal("workshop", 40, { kind: "workshop" }),
      meal("open", 24 * 20, { deadlineHours: 24 }),
    ];
    expect(pickNextMeal(list, NOW)?.id).toBe("open");
    expect(list.filter((o) => isOpenMeal(o, NOW)).map((o) => o.id)).toEqual(["open"]);
  });

  it("exactly at the deadline is too late (as ruleDeadline says); none open is null", () => {
    expect(isOpenMeal(meal("at", 24, { deadlineHours: 24 }), NOW)).toBe(false);
    expect(pickNextMeal([meal("at", 24, { deadlineHours: 24 })], NOW)).toBeNull();
    expect(pickNextMeal([], NOW)).toBeNull();
  });
});
