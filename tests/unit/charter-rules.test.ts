// The charter's pure rules: the state machine and who may move a version, the adoption date, who is an
// adult asked to sign, and the article-by-article comparison.
import { describe, expect, it } from "vitest";
import {
  allowedActions,
  canDo,
  checkAdoptionDate,
  compareArticles,
  diffText,
  isAdult,
  isPresent,
  nextStatus,
  percent,
  summarise,
} from "~/modules/charter/rules";

describe("state changes of a version", () => {
  it("a facilitator edits, proposes and deletes a draft; withdraws or adopts a proposed version", () => {
    expect(allowedActions("draft", true, true)).toEqual(["edit", "propose", "delete"]);
    expect(allowedActions("proposed", true, true)).toEqual(["withdraw", "adopt", "comment"]);
    expect(allowedActions("adopted", true, true)).toEqual([]);
    expect(allowedActions("superseded", true, true)).toEqual([]);
  });

  it("a resident only comments, and only on a proposed version", () => {
    expect(allowedActions("draft", false, true)).toEqual([]);
    expect(allowedActions("proposed", false, true)).toEqual(["comment"]);
    expect(allowedActions("adopted", false, true)).toEqual([]);
    expect(canDo({ status: "proposed", action: "adopt", canManage: false, canComment: true })).toBe(false);
    // A role without charter:comment (a support worker) cannot comment either.
    expect(canDo({ status: "proposed", action: "comment", canManage: false, canComment: false })).toBe(false);
  });

  it("leads draft → proposed → adopted, and back to draft on withdrawal", () => {
    expect(nextStatus("propose", "draft")).toBe("proposed");
    expect(nextStatus("withdraw", "proposed")).toBe("draft");
    expect(nextStatus("adopt", "proposed")).toBe("adopted");
    expect(nextStatus("edit", "draft")).toBe("draft");
  });

  it("refuses an adoption date in the future or before the version in force", () => {
    expect(checkAdoptionDate({ adoptedOn: "2026-05-01", today: "2026-05-01", currentAdoptedOn: "2025-01-01" })).toEqual([]);
    expect(checkAdoptionDate({ adoptedOn: "2026-05-02", today: "2026-05-01", currentAdoptedOn: null })[0].code).toBe("date_in_future");
    expect(checkAdoptionDate({ adoptedOn: "2024-12-31", today: "2026-05-01", currentAdoptedOn: "2025-01-01" })[0]).toMatchObject({
      code: "adopted_before_current",
      field: "adoptedOn",
    });
  });
});

describe("who signs", () => {
  it("adults are 18 or more in the year of the day; an unknown birth year is asked too", () => {
    expect(isAdult(2008, "2026-01-01")).toBe(true);
    expect(isAdult(2009, "2026-12-31")).toBe(false);
    expect(isAdult(null, "2026-06-01")).toBe(true);
  });

  it("a household is present from its arrival to the day before its departure", () => {
    const h = { arrivalDate: "2024-03-01", departureDate: "2025-06-30" };
    expect(isPresent(h, "2024-02-29")).toBe(false);
    expect(isPresent(h, "2024-03-01")).toBe(true);
    expect(isPresent(h, "2025-06-29")).toBe(true);
    expect(isPresent(h, "2025-06-30")).toBe(false);
    expect(isPresent({ arrivalDate: "2024-03-01", departureDate: null }, "2030-01-01")).toBe(true);
  });

  it("shares are whole percentages, none without anybody", () => {
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBeNull();
  });
});

describe("comparison by article", () => {
  const v1 = [
    { key: "a", title: "Vivre ensemble", body: "Nous nous saluons." },
    { key: "pets", title: "Animaux", body: "Chiens en laisse." },
    { key: "b", title: "Bruit", body: "Calme après 22 h." },
  ];
  const v2 = [
    { key: "a", title: "Vivre ensemble", body: "Nous nous saluons." },
    { key: "b", title: "Bruit et heures calmes", body: "Calme après 22 h 30." },
    { key: "c", title: "Conflits", body: "On se parle." },
  ];

  it("matches articles by key: unchanged, changed, added, and removed in their old place", () => {
    const diff = compareArticles(v1, v2);
    expect(diff.map((d) => [d.key, d.change])).toEqual([
      ["a", "unchanged"],
      ["pets", "removed"],
      ["b", "changed"],
      ["c", "added"],
    ]);
    expect(summarise(diff)).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
  });

  it("marks the words added and removed", () => {
    const b = compareArticles(v1, v2).find((d) => d.key === "b")!;
    expect(b.title.filter((p) => p.kind === "added").map((p) => p.value.trim())).toEqual(["et heures calmes"]);
    const body = b.body;
    expect(
      body
        .map((p) => p.value)
        .join("")
        .replace(/\s+/g, " "),
    ).toContain("22 h");
    expect(body.some((p) => p.kind === "added" && p.value.includes("30"))).toBe(true);
    expect(body.filter((p) => p.kind === "removed")).toEqual([]);
    const removed = compareArticles(v1, v2).find((d) => d.key === "pets")!;
    expect(removed.body).toEqual([{ value: "Chiens en laisse.", kind: "removed" }]);
  });

  it("a text compared with itself is one unchanged part; an empty one has none", () => {
    expect(diffText("Même texte", "Même texte")).toEqual([{ value: "Même texte", kind: "same" }]);
    expect(diffText("", "")).toEqual([]);
    const parts = diffText("le chat dort", "le chien dort");
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.value)).toEqual(["chat"]);
    expect(parts.filter((p) => p.kind === "added").map((p) => p.value)).toEqual(["chien"]);
  });
});
