import { describe, expect, it } from "vitest";
import { EXCHANGE_STATUSES } from "~db/schema/enums";
import {
  MAX_EXCHANGE_MINUTES,
  ageBand,
  allowedActions,
  canDo,
  checkCareGiver,
  checkMinutes,
  formatMinutes,
  isBelowMinimum,
  movementsFor,
  nextStatus,
  openRoles,
  parseHours,
  sideOf,
  type ExchangeAction,
  type Side,
} from "~/modules/exchange/rules";
import { hoursField } from "~/modules/exchange/schemas";

const ex = { giverHouseholdId: "g", receiverHouseholdId: "r" };

describe("sides", () => {
  it("tells the giver, the receiver and everyone else apart", () => {
    expect(sideOf(ex, "g")).toBe("giver");
    expect(sideOf(ex, "r")).toBe("receiver");
    expect(sideOf(ex, "x")).toBeNull();
    expect(sideOf(ex, null)).toBeNull();
  });
});

describe("state changes", () => {
  const may = (status: (typeof EXCHANGE_STATUSES)[number], side: Side, action: ExchangeAction, canSettle = false) => canDo({ status, side, action, canSettle });

  it("either side agrees on a date while proposed; no outsider", () => {
    expect(may("proposed", "giver", "agree")).toBe(true);
    expect(may("proposed", "receiver", "agree")).toBe(true);
    expect(may("proposed", null, "agree")).toBe(false);
    expect(may("proposed", null, "agree", true)).toBe(false);
    expect(may("done", "giver", "agree")).toBe(false);
  });
  it("only the receiving side confirms the hours, and only once agreed", () => {
    expect(may("agreed", "receiver", "confirm")).toBe(true);
    expect(may("agreed", "giver", "confirm")).toBe(false);
    expect(may("agreed", null, "confirm", true)).toBe(false);
    expect(may("proposed", "receiver", "confirm")).toBe(false);
    expect(may("done", "receiver", "confirm")).toBe(false);
    expect(nextStatus("confirm", "agreed")).toBe("done");
  });
  it("either side cancels before done, never after", () => {
    for (const side of ["giver", "receiver"] as const) {
      expect(may("proposed", side, "cancel")).toBe(true);
      expect(may("agreed", side, "cancel")).toBe(true);
      expect(may("done", side, "cancel")).toBe(false);
      expect(may("cancelled", side, "cancel")).toBe(false);
    }
    expect(may("agreed", null, "cancel")).toBe(false);
  });
  it("a dispute is settled by a facilitator only", () => {
    expect(may("agreed", "giver", "dispute")).toBe(true);
    expect(may("proposed", "giver", "dispute")).toBe(false);
    expect(may("disputed", "receiver", "settle_done")).toBe(false);
    expect(may("disputed", "receiver", "confirm")).toBe(false);
    expect(may("disputed", null, "settle_done", true)).toBe(true);
    expect(may("disputed", null, "settle_cancel", true)).toBe(true);
    expect(may("agreed", null, "settle_done", true)).toBe(false);
    expect(nextStatus("settle_done", "disputed")).toBe("done");
    expect(nextStatus("settle_cancel", "disputed")).toBe("cancelled");
  });
  it("the receiver thanks once done", () => {
    expect(may("done", "receiver", "thank")).toBe(true);
    expect(may("done", "giver", "thank")).toBe(false);
    expect(nextStatus("thank", "done")).toBe("done");
  });
  it("nothing moves a done or cancelled exchange but a thank-you", () => {
    for (const side of ["giver", "receiver", null] as const) {
      expect(allowedActions("cancelled", side, true)).toEqual([]);
      expect(allowedActions("done", side, true).filter((a) => a !== "thank")).toEqual([]);
    }
  });
});

describe("opening an exchange", () => {
  it("an offer's household gives; a request's household receives", () => {
    expect(openRoles({ postKind: "offer", postHouseholdId: "a", postPersonId: "pa", myHouseholdId: "b", myPersonId: "pb" })).toEqual({
      ok: true,
      giverHouseholdId: "a",
      giverPersonId: "pa",
      receiverHouseholdId: "b",
      receiverPersonId: "pb",
    });
    expect(openRoles({ postKind: "request", postHouseholdId: "a", postPersonId: "pa", myHouseholdId: "b", myPersonId: "pb" })).toMatchObject({
      giverHouseholdId: "b",
      receiverHouseholdId: "a",
    });
  });
  it("refuses one's own household, and a member without a household", () => {
    expect(openRoles({ postKind: "offer", postHouseholdId: "a", postPersonId: null, myHouseholdId: "a", myPersonId: null })).toEqual({
      ok: false,
      problems: [{ code: "own_household", field: null, params: {} }],
    });
    expect(openRoles({ postKind: "offer", postHouseholdId: "a", postPersonId: null, myHouseholdId: null, myPersonId: null })).toMatchObject({
      ok: false,
      problems: [{ code: "no_household" }],
    });
  });
});

describe("hours", () => {
  it("accepts more than 0 and at most 24 h", () => {
    expect(checkMinutes(1)).toEqual([]);
    expect(checkMinutes(MAX_EXCHANGE_MINUTES)).toEqual([]);
    for (const bad of [0, -30, MAX_EXCHANGE_MINUTES + 1, 1.5, Number.NaN]) expect(checkMinutes(bad)[0]?.code).toBe("minutes_invalid");
  });
  it("reads hours as people type them", () => {
    expect(parseHours("2")).toBe(120);
    expect(parseHours("1,5")).toBe(90);
    expect(parseHours("1.25")).toBe(75);
    expect(parseHours("1h30")).toBe(90);
    expect(parseHours("1:45")).toBe(105);
    expect(parseHours("45min")).toBe(45);
    expect(parseHours("2 h")).toBe(120);
    expect(parseHours("abc")).toBeNull();
    expect(parseHours("1h75")).toBeNull();
  });
  it("the form field refuses 0, over 24 h and nonsense", () => {
    expect(hoursField.safeParse("1,5").data).toBe(90);
    expect(hoursField.safeParse("0").error?.issues[0].message).toBe("exchange:errors.minutes_invalid");
    expect(hoursField.safeParse("25").error?.issues[0].message).toBe("exchange:errors.minutes_invalid");
    expect(hoursField.safeParse("beaucoup").error?.issues[0].message).toBe("exchange:errors.hours_unreadable");
  });
  it("formats minutes", () => {
    expect(formatMinutes(90)).toBe("1 h 30");
    expect(formatMinutes(60)).toBe("1 h");
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(-120)).toBe("−2 h");
  });
});

describe("care safeguards", () => {
  const base = { approved: false, careRestricted: false, year: 2027 };
  it("care needs an adult giver with a known birth year", () => {
    expect(checkCareGiver({ ...base, category: "childcare", giverBirthYear: 1990 })).toEqual([]);
    expect(checkCareGiver({ ...base, category: "childcare", giverBirthYear: 2009 })).toEqual([]);
    expect(checkCareGiver({ ...base, category: "childcare", giverBirthYear: 2010 })[0]?.code).toBe("care_adult_only");
    expect(checkCareGiver({ ...base, category: "company_visits", giverBirthYear: 2012 })[0]?.code).toBe("care_adult_only");
    expect(checkCareGiver({ ...base, category: "company_visits", giverBirthYear: null })[0]?.code).toBe("care_age_unknown");
  });
  it("a restricted group needs an approved carer", () => {
    expect(checkCareGiver({ ...base, careRestricted: true, category: "childcare", giverBirthYear: 1980 })[0]?.code).toBe("care_not_approved");
    expect(checkCareGiver({ ...base, careRestricted: true, approved: true, category: "childcare", giverBirthYear: 1980 })).toEqual([]);
  });
  it("other categories need nothing, whatever the age", () => {
    expect(checkCareGiver({ ...base, careRestricted: true, category: "homework_help", giverBirthYear: 2014 })).toEqual([]);
    expect(checkCareGiver({ ...base, category: "digital_help", giverBirthYear: null })).toEqual([]);
  });
});

describe("age bands and the time bank", () => {
  it("bands from birth years", () => {
    expect(ageBand(2003, 2027)).toBe("under_25");
    expect(ageBand(2002, 2027)).toBe("25_64");
    expect(ageBand(1963, 2027)).toBe("25_64");
    expect(ageBand(1962, 2027)).toBe("65_plus");
    expect(ageBand(null, 2027)).toBe("unknown");
  });
  it("a done exchange writes two movements summing to zero", () => {
    const m = movementsFor(ex, 90);
    expect(m).toEqual([
      { householdId: "g", minutes: 90 },
      { householdId: "r", minutes: -90 },
    ]);
    expect(m[0].minutes + m[1].minutes).toBe(0);
  });
  it("flags a balance below the minimum", () => {
    expect(isBelowMinimum(-601, -600)).toBe(true);
    expect(isBelowMinimum(-600, -600)).toBe(false);
  });
});
