// French as people read it (issue 17): the group's name after « à » / « de », periods, date ranges and moments.
import { describe, expect, it } from "vitest";
import { formatDayRange, formatMoment, formatPeriod } from "~/modules/core/dates";
import { withPreposition } from "~/modules/i18n/group-name";

describe("the group's name after à and de", () => {
  it.each([
    ["Les Tilleuls", "aux Tilleuls", "des Tilleuls"],
    ["Le Clos", "au Clos", "du Clos"],
    ["La Ferme", "à la Ferme", "de la Ferme"],
    ["L'Olivier", "à l'Olivier", "de l'Olivier"],
    ["Villa Passerelle", "à Villa Passerelle", "de Villa Passerelle"],
    ["Ivry Solidaire", "à Ivry Solidaire", "d'Ivry Solidaire"],
    ["Lebrun", "à Lebrun", "de Lebrun"],
  ])("%s → %s, %s", (name, to, of) => {
    expect(withPreposition("à", name)).toBe(to);
    expect(withPreposition("de", name)).toBe(of);
  });
});

describe("periods and dates", () => {
  it("reads a period's key", () => {
    expect(formatPeriod("2026-Q3", "fr")).toBe("3e trimestre 2026");
    expect(formatPeriod("2026-Q1", "fr")).toBe("1er trimestre 2026");
    expect(formatPeriod("2026-Q1", "fr", "short")).toBe("T1 2026");
    expect(formatPeriod("2026-Q3", "en")).toBe("Q3 2026");
    expect(formatPeriod("2026-03", "fr")).toBe("mars 2026");
    expect(formatPeriod("2026", "fr")).toBe("2026");
  });

  it("says the year once in a range of the same year", () => {
    expect(formatDayRange("2026-07-01", "2026-09-30", "fr")).toEqual({ from: "1er juillet", to: "30 septembre 2026" });
    expect(formatDayRange("2024-01-01", "2027-12-31", "fr")).toEqual({ from: "1er janvier 2024", to: "31 décembre 2027" });
  });

  it("writes a moment out, in the group's time zone", () => {
    expect(formatMoment(Date.UTC(2026, 11, 3, 13, 5), "fr", "Europe/Paris")).toBe("3 décembre 2026 à 14 h 05");
    expect(formatMoment(Date.UTC(2026, 11, 3, 13, 5), "en", "Europe/Paris")).toBe("3 December 2026 at 14:05");
  });
});
