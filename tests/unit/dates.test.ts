import { describe, expect, it } from "vitest";
import { formatDate, isCalendarDate, todayIn } from "~/modules/core/dates";

describe("dates", () => {
  it("shows a calendar date as that day whatever the time zone", () => {
    expect(formatDate("2025-03-01", "fr", "Pacific/Auckland")).toBe("1er mars 2025");
    expect(formatDate("2025-03-21", "fr", "America/New_York")).toBe("21 mars 2025");
    expect(formatDate("2025-03-01", "en", "Europe/Paris")).toBe("1 March 2025");
  });
  it("shows an instant in the group's time zone", () => {
    // 23:30 UTC on 31 Dec is already 1 January in Paris.
    expect(formatDate(Date.UTC(2025, 11, 31, 23, 30), "fr", "Europe/Paris", "long")).toBe("jeudi 1er janvier 2026");
    expect(todayIn("Europe/Paris", Date.UTC(2025, 11, 31, 23, 30))).toBe("2026-01-01");
    expect(todayIn("UTC", Date.UTC(2025, 11, 31, 23, 30))).toBe("2025-12-31");
  });
  it("recognises real calendar dates only", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("29/02/2024")).toBe(false);
  });
});
