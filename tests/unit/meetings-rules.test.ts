import { describe, expect, it } from "vitest";
import {
  actionFigures,
  actionState,
  actualMinutesOf,
  attendanceRate,
  checkAttendance,
  checkVotes,
  draftMinutes,
  elapsedSeconds,
  escapeMarkdownInline,
  formatElapsed,
  isExpectedAdult,
  isOverrun,
  searchable,
  voicesOf,
} from "~/modules/meetings/rules";
import { DecisionSchema, RunActionSchema } from "~/modules/meetings/schemas";

const t = (key: string, options?: Record<string, unknown>) => (options ? `${key}${JSON.stringify(options)}` : key);

describe("votes", () => {
  it("consent and consensus carry no counts, whatever is typed", () => {
    expect(checkVotes("consent", "adopted", { votesFor: null, votesAgainst: null, votesAbstain: null }, 0)).toEqual([]);
    expect(checkVotes("consensus", "rejected", { votesFor: 99, votesAgainst: 0, votesAbstain: 0 }, 3)).toEqual([]);
  });

  it("a majority vote needs its three counts", () => {
    const problems = checkVotes("majority", "adopted", { votesFor: 5, votesAgainst: null, votesAbstain: null }, 10);
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ["votes_required", "votesAgainst"],
      ["votes_required", "votesAbstain"],
    ]);
  });

  it("for + against + abstain may reach the voices (present + proxies) but not pass them", () => {
    expect(checkVotes("majority", "adopted", { votesFor: 6, votesAgainst: 3, votesAbstain: 1 }, 10)).toEqual([]);
    const over = checkVotes("majority", "adopted", { votesFor: 6, votesAgainst: 4, votesAbstain: 1 }, 10);
    expect(over).toEqual([{ ns: "meetings", code: "votes_too_many", field: "votesFor", params: { total: 11, voices: 10 } }]);
  });

  it("the result must follow the counts: adopted needs more for than against", () => {
    expect(checkVotes("majority", "adopted", { votesFor: 4, votesAgainst: 4, votesAbstain: 0 }, 10)[0]?.code).toBe("votes_not_majority");
    expect(checkVotes("majority", "rejected", { votesFor: 5, votesAgainst: 4, votesAbstain: 0 }, 10)[0]?.code).toBe("votes_not_majority");
    expect(checkVotes("majority", "rejected", { votesFor: 4, votesAgainst: 4, votesAbstain: 0 }, 10)).toEqual([]);
    expect(checkVotes("majority", "postponed", { votesFor: 1, votesAgainst: 8, votesAbstain: 0 }, 10)).toEqual([]);
  });

  it("the form refuses negative, fractional and non-numeric counts", () => {
    const parse = (v: unknown) => DecisionSchema.safeParse({ text: "x", method: "majority", result: "adopted", votesFor: v });
    expect(parse(3).success).toBe(true);
    expect(parse(0).success).toBe(true);
    for (const bad of [-1, 2.5, "trois"]) {
      const r = parse(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0].message).toBe("meetings:errors.count_invalid");
    }
  });

  it("the run form accepts the attendance sheet's extra fields", () => {
    const r = RunActionSchema.safeParse({ intent: "attendance", status_abc: "present", proxy_def: "abc" });
    expect(r.success).toBe(true);
  });
});

describe("attendance and proxies", () => {
  const sheet = [
    { personId: "a", status: "present" as const, proxyPersonId: null },
    { personId: "b", status: "excused" as const, proxyPersonId: "a" },
    { personId: "c", status: "absent" as const, proxyPersonId: null },
  ];

  it("counts the voices: present plus proxies", () => {
    expect(voicesOf(sheet)).toEqual({ present: 1, proxies: 1, voices: 2 });
  });

  it("a proxy goes to someone present, not to oneself, and never from someone present", () => {
    expect(checkAttendance(sheet)).toEqual([]);
    expect(checkAttendance([...sheet, { personId: "d", status: "absent", proxyPersonId: "c" }])[0]).toMatchObject({
      code: "proxy_not_present",
      field: "proxy_d",
    });
    expect(checkAttendance([{ personId: "d", status: "absent", proxyPersonId: "d" }])[0].code).toBe("proxy_self");
    expect(
      checkAttendance([
        { personId: "a", status: "present", proxyPersonId: "b" },
        { personId: "b", status: "present", proxyPersonId: null },
      ])[0].code,
    ).toBe("proxy_when_present");
  });

  it("expects adults living there on the day; unknown birth years count as adults", () => {
    const p = { arrivalDate: "2024-01-01", departureDate: null as string | null };
    expect(isExpectedAdult({ ...p, birthYear: 2008 }, "2026-05-05")).toBe(true); // 18 that year
    expect(isExpectedAdult({ ...p, birthYear: 2009 }, "2026-05-05")).toBe(false);
    expect(isExpectedAdult({ ...p, birthYear: null }, "2026-05-05")).toBe(true);
    expect(isExpectedAdult({ ...p, birthYear: 1960, arrivalDate: "2026-05-06" }, "2026-05-05")).toBe(false);
    expect(isExpectedAdult({ ...p, birthYear: 1960, departureDate: "2026-05-05" }, "2026-05-05")).toBe(false);
    expect(isExpectedAdult({ ...p, birthYear: 1960, departureDate: "2026-05-06" }, "2026-05-05")).toBe(true);
  });
});

describe("the timer", () => {
  it("shows mm:ss, minutes past an hour included", () => {
    expect(formatElapsed(0)).toBe("00:00");
    expect(formatElapsed(65)).toBe("01:05");
    expect(formatElapsed(75 * 60 + 9)).toBe("75:09");
    expect(elapsedSeconds(10_000, 9_000)).toBe(0); // a client clock behind the server's never goes negative
    expect(elapsedSeconds(0, 61_999)).toBe(61);
  });

  it("warns only once elapsed passes the planned minutes", () => {
    expect(isOverrun(600, 10)).toBe(false);
    expect(isOverrun(601, 10)).toBe(true);
    expect(isOverrun(10_000, null)).toBe(false);
  });

  it("records actual minutes rounded to the nearest minute", () => {
    expect(actualMinutesOf(0, 29_000)).toBe(0);
    expect(actualMinutesOf(0, 90_000)).toBe(2);
    expect(actualMinutesOf(0, 14 * 60_000 + 20_000)).toBe(14);
  });
});

describe("figures", () => {
  it("attendance rate sums over meetings before dividing; null when nobody was expected", () => {
    expect(
      attendanceRate([
        { attendees: 8, expected: 10 },
        { attendees: 2, expected: 10 },
      ]),
    ).toEqual({ attendees: 10, expected: 20, rate: 0.5 });
    expect(
      attendanceRate([
        { attendees: 9, expected: 10 },
        { attendees: 1, expected: 2 },
      ]).rate,
    ).toBeCloseTo(10 / 12);
    expect(attendanceRate([]).rate).toBeNull();
  });

  it("action items are done on time, late, or open (done after the period counts as open)", () => {
    expect(actionState({ dueDate: "2026-03-10", doneOn: "2026-03-10" })).toBe("done_on_time");
    expect(actionState({ dueDate: "2026-03-10", doneOn: "2026-03-11" })).toBe("done_late");
    expect(actionState({ dueDate: null, doneOn: "2026-03-11" })).toBe("done_on_time");
    expect(actionState({ dueDate: "2026-03-10", doneOn: null })).toBe("open");
    const items = [
      { dueDate: "2026-03-10", doneOn: "2026-03-01" },
      { dueDate: "2026-03-10", doneOn: "2026-03-20" },
      { dueDate: "2026-03-10", doneOn: "2026-04-20" },
      { dueDate: "2026-03-10", doneOn: null },
    ];
    expect(actionFigures(items, "2026-03-31")).toEqual({ due: 4, doneOnTime: 1, doneLate: 1, open: 2 });
  });
});

describe("minutes and search", () => {
  it("drafts the minutes from the record, escaping names and titles", () => {
    const text = draftMinutes(t, {
      title: "Assemblée",
      date: "3 mars 2026",
      place: "Salle commune",
      roles: [{ role: "facilitator", name: "Céline" }],
      attendance: [
        { name: "Céline", status: "present", proxyName: null },
        { name: "Paul", status: "excused", proxyName: "Céline" },
      ],
      items: [{ title: "Budget *2026*", presenter: "", plannedMinutes: 10, actualMinutes: 12, notes: "Dépenses **stables**." }],
      decisions: [
        {
          text: "Acheter une perceuse",
          method: "majority",
          result: "adopted",
          votes: { votesFor: 5, votesAgainst: 1, votesAbstain: 0 },
          itemTitle: "Budget *2026*",
        },
      ],
      actions: [{ what: "Commander", who: "Paul", dueDate: "20 mars 2026" }],
    });
    expect(text).toContain("### 1. Budget \\*2026\\*");
    expect(text).toContain("Dépenses **stables**.");
    expect(text).toContain("Acheter une perceuse");
    expect(text).toContain('meetings:decision.votes_text{"for":5,"against":1,"abstain":0}');
    expect(text).toContain('Paul (meetings:minutes_draft.proxy_to{"name":"Céline"})');
    expect(text).toContain("- Commander — Paul");
    expect(escapeMarkdownInline("<script>alert(1)</script>")).toBe("\\<script\\>alert(1)\\</script\\>");
  });

  it("searches without accents or case", () => {
    expect(searchable("  Éclairage du HALL  ")).toBe("eclairage du hall");
  });
});
