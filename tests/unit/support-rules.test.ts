import { describe, expect, it } from "vitest";
import { translateMessage, type Translate } from "~/modules/core/form-reply";
import { problemOf } from "~/modules/core/result";
import { getT } from "~/modules/i18n/i18n.server";
import {
  addMonths,
  canMoveReferral,
  checkDates,
  daysBetween,
  describeProblem,
  median,
  overlaps,
  parseEuros,
  PROBLEM_CODES,
  referralProblem,
} from "~/modules/support/rules";
import { ActionSchema } from "~/modules/support/schemas";

describe("support rules", () => {
  it("reads amounts typed in euros, the French way or not", () => {
    expect(parseEuros("150")).toBe(15000);
    expect(parseEuros("150,5")).toBe(15050);
    expect(parseEuros("1 234,56 €")).toBe(123456);
    expect(parseEuros("12.30")).toBe(1230);
    for (const bad of ["", "12x", "0", "-5", "1,234", "12,345", "200000"]) expect(parseEuros(bad), bad).toBeNull();
  });

  it("places the 6- and 12-month checks, clamped to the end of a shorter month", () => {
    expect(checkDates("2025-10-15")).toEqual({ 6: "2026-04-15", 12: "2026-10-15" });
    expect(addMonths("2025-08-31", 6)).toBe("2026-02-28");
    expect(addMonths("2023-08-31", 6)).toBe("2024-02-29");
    expect(addMonths("2025-12-01", 1)).toBe("2026-01-01");
  });

  it("measures support: days, median, overlap with a period", () => {
    expect(daysBetween("2024-01-10", "2024-07-08")).toBe(180);
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([180, 273])).toBe(226.5);
    expect(overlaps({ startDate: "2023-06-01", endDate: "2024-02-29" }, "2024-01-01", "2024-12-31")).toBe(true);
    expect(overlaps({ startDate: "2023-06-01", endDate: "2023-12-31" }, "2024-01-01", "2024-12-31")).toBe(false);
    expect(overlaps({ startDate: "2025-01-01", endDate: null }, "2024-01-01", "2024-12-31")).toBe(false);
    expect(overlaps({ startDate: "2020-01-01", endDate: null }, "2024-01-01", "2024-12-31")).toBe(true);
  });

  it("moves a referral forward only, and closes it with an outcome", () => {
    expect(canMoveReferral("sent", "taken_up")).toBe(true);
    expect(canMoveReferral("sent", "closed")).toBe(true);
    expect(canMoveReferral("taken_up", "closed")).toBe(true);
    expect(canMoveReferral("taken_up", "sent")).toBe(false);
    expect(canMoveReferral("closed", "taken_up")).toBe(false);
    expect(canMoveReferral("sent", "sent")).toBe(false);
    expect(referralProblem("taken_up", "closed", undefined)).toEqual({ code: "outcome_required", field: "outcomeKind", params: {} });
    expect(referralProblem("closed", "sent", undefined)).toEqual({ code: "referral_transition", field: "status", params: {} });
    expect(referralProblem("taken_up", "closed", "resolved")).toBeNull();
  });

  it("wants a source with an amount, and an amount with a source", () => {
    const base = { date: "2025-06-02", kind: "home_visit", topics: ["budget"], durationMinutes: 30 };
    expect(ActionSchema.safeParse({ ...base, aid: "80" }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["aidSource", "support:errors.aid_source_required"],
    ]);
    expect(ActionSchema.safeParse({ ...base, aidSource: "ccas" }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["aid", "support:errors.amount_required"],
    ]);
    expect(ActionSchema.parse({ ...base, aid: "80", aidSource: "ccas" })).toMatchObject({ aid: 8000, aidSource: "ccas" });
    expect(ActionSchema.parse(base)).toMatchObject({ aid: null, personIds: [], rights: [], note: "" });
  });

  it("puts every problem of the module into words in both languages", () => {
    for (const lang of ["fr", "en"] as const) {
      const t = getT(lang) as unknown as Translate;
      const texts = PROBLEM_CODES.map((code) => translateMessage(t, describeProblem(problemOf(code))));
      // A missing key would read as the generic "invalid" message, or as the key itself.
      for (const [i, text] of texts.entries()) {
        expect(text, `${lang} ${PROBLEM_CODES[i]}`).not.toBe(t("errors.invalid"));
        expect(text, `${lang} ${PROBLEM_CODES[i]}`).not.toMatch(/errors\./);
      }
      expect(new Set(texts).size).toBe(PROBLEM_CODES.length);
    }
  });
});
