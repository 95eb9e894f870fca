import { describe, expect, it } from "vitest";
import { roleCan } from "~/modules/access/permissions";
import { personAsSeen } from "~/modules/households/rules";

const camille = { birthYear: 1961, tags: ["senior", "disability"] as const, birthYearVisibility: "hidden" as const, sensitiveTagsVisible: false };
const person = (over: Partial<{ birthYearVisibility: "hidden" | "age_band" | "year"; sensitiveTagsVisible: boolean }> = {}) => ({
  ...camille,
  tags: [...camille.tags],
  ...over,
});

describe("what a member sees of a person", () => {
  it("the household and the staff roles see everything", () => {
    expect(personAsSeen(person(), { full: true, year: 2026 })).toEqual({ birthYear: 1961, ageBand: null, tags: ["senior", "disability"] });
  });
  it("other residents see no birth year and no special-category tag by default", () => {
    expect(personAsSeen(person(), { full: false, year: 2026 })).toEqual({ birthYear: null, ageBand: null, tags: ["senior"] });
  });
  it("then what the person chose: an age band, the year, the sensitive tags", () => {
    expect(personAsSeen(person({ birthYearVisibility: "age_band" }), { full: false, year: 2026 })).toMatchObject({ birthYear: null, ageBand: "60_74" });
    expect(personAsSeen(person({ birthYearVisibility: "year", sensitiveTagsVisible: true }), { full: false, year: 2026 })).toEqual({
      birthYear: 1961,
      ageBand: null,
      tags: ["senior", "disability"],
    });
  });
  it("gives special-category data and every balance by name to the staff roles, not to residents", () => {
    expect(["resident", "facilitator", "group_admin", "support_worker"].map((r) => roleCan(r as never, "household:read:sensitive"))).toEqual([
      false,
      true,
      true,
      true,
    ]);
    expect(["resident", "facilitator", "group_admin", "support_worker"].map((r) => roleCan(r as never, "meal_balance:read:any"))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});
