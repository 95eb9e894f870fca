// Resident surveys: anonymity by construction, one answer per person, results hidden under 5 answers.
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { auditLog, surveyAnswers } from "~db/schema";
import { SurveyAnswerSchema, SurveySchema } from "~/modules/evaluation/schemas";
import { answerSurvey, closeSurvey, createSurvey, getOpenSurvey, getSurveyHome, getSurveyResults, listSurveys } from "~/modules/evaluation/surveys.server";
import { ctxFor, makeGroup, makeHousehold, makeMember, thrownResponse } from "../fixtures";

const NOW = Date.parse("2026-05-10T10:00:00Z");
const LATER = Date.parse("2026-06-10T10:00:00Z");
const group = makeGroup("Les Tilleuls");
const other = makeGroup("Villa Passerelle");
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const residents = Array.from({ length: 6 }, () => makeMember({ groupId: group.id, householdId: makeHousehold(group.id).id }));
const outsider = makeMember({ groupId: other.id, role: "facilitator" });
const asF = () => ctxFor(facilitator.id, group.id);
const as = (i: number) => ctxFor(residents[i].id, group.id);

const answer = (over: Partial<Record<string, string>> = {}) =>
  SurveyAnswerSchema.parse({
    satisfaction: "4",
    belonging: "3",
    lonelyCompanionship: "1",
    lonelyLeftOut: "2",
    lonelyIsolated: "1",
    helpGiven: "3",
    helpReceived: "2",
    comment: "",
    ...over,
  });

function mustOk<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
}

const survey = mustOk(
  createSurvey({ ctx: asF(), input: SurveySchema.parse({ title: "Printemps 2026", opensOn: "2026-05-01", closesOn: "2026-05-31" }), now: NOW }),
);

describe("anonymity", () => {
  it("no table links an answer to a person, a membership, a household, a user or a time", () => {
    const cols = (db.$client.prepare("pragma table_info(survey_answers)").all() as { name: string }[]).map((c) => c.name);
    expect(cols.sort()).toEqual(
      [
        "id",
        "survey_id",
        "group_id",
        "satisfaction",
        "belonging",
        "lonely_companionship",
        "lonely_left_out",
        "lonely_isolated",
        "help_given",
        "help_received",
        "comment",
      ].sort(),
    );
    const fks = (db.$client.prepare("pragma foreign_key_list(survey_answers)").all() as { table: string }[]).map((f) => f.table);
    expect(fks.sort()).toEqual(["groups", "surveys"]);
    // No other table points at an answer.
    const tables = (db.$client.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of tables) {
      const refs = (db.$client.prepare(`pragma foreign_key_list("${t}")`).all() as { table: string }[]).map((f) => f.table);
      expect(refs, t).not.toContain("survey_answers");
    }
    // Stored in random-id order, not in the order of answering (no rowid).
    const sqlText = (db.$client.prepare("select sql from sqlite_master where name = 'survey_answers'").get() as { sql: string }).sql;
    expect(sqlText).toMatch(/WITHOUT ROWID/i);
    expect(() => db.$client.prepare("select rowid from survey_answers").all()).toThrow();
  });

  it("records that a person answered, never what: the audit entry has no details", () => {
    mustOk(answerSurvey({ ctx: as(0), surveyId: survey.id, input: answer({ comment: "Très bien ici" }), now: NOW }));
    const audit = db
      .select()
      .from(auditLog)
      .all()
      .filter((a) => a.entity === "survey" && a.action === "answer");
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toBeNull();
    expect(JSON.stringify(audit)).not.toContain("Très bien");
  });

  it("one answer per person", () => {
    const again = answerSurvey({ ctx: as(0), surveyId: survey.id, input: answer(), now: NOW });
    expect(again).toEqual({ ok: false, problems: [{ code: "already_answered", field: null }] });
    expect(db.select().from(surveyAnswers).all()).toHaveLength(1);
    expect(getOpenSurvey({ ctx: as(0), now: NOW })?.answered).toBe(true);
    expect(getSurveyHome({ ctx: as(0), now: NOW })).toBeNull();
    expect(getSurveyHome({ ctx: as(1), now: NOW })?.id).toBe(survey.id);
  });
});

describe("results", () => {
  it("are hidden while open, and under 5 answers once closed", () => {
    for (const i of [1, 2, 3])
      mustOk(answerSurvey({ ctx: as(i), surveyId: survey.id, input: answer({ satisfaction: String(i + 1), comment: `Commentaire ${i}` }), now: NOW }));
    const open = getSurveyResults({ ctx: asF(), surveyId: survey.id, now: NOW });
    expect(open.hiddenReason).toBe("not_closed");
    expect(open.items).toBeNull();
    expect(open.comments).toBeNull();
    const closed4 = getSurveyResults({ ctx: asF(), surveyId: survey.id, now: LATER });
    expect(closed4.survey.answers).toBe(4);
    expect(closed4.hiddenReason).toBe("too_few");
    expect(closed4.comments).toBeNull();
  });

  it("are shown with 5 answers once closed: means, counts, comments without dates", () => {
    mustOk(answerSurvey({ ctx: as(4), surveyId: survey.id, input: answer({ satisfaction: "5" }), now: NOW }));
    const r = getSurveyResults({ ctx: asF(), surveyId: survey.id, now: LATER });
    expect(r.hiddenReason).toBeNull();
    const sat = r.items!.find((i) => i.item === "satisfaction")!;
    expect(sat.counts).toEqual([0, 1, 1, 2, 1]); // 4, 2, 3, 4, 5
    expect(sat.mean).toBe(3.6);
    expect(r.comments!.sort()).toEqual(["Commentaire 1", "Commentaire 2", "Commentaire 3", "Très bien ici"]);
    expect(listSurveys({ ctx: asF(), now: LATER })[0]).toMatchObject({ answers: 5, status: "closed", resultsShown: true });
  });

  it("a closed survey takes no more answers", () => {
    expect(answerSurvey({ ctx: as(5), surveyId: survey.id, input: answer(), now: LATER })).toEqual({
      ok: false,
      problems: [{ code: "survey_not_open", field: null }],
    });
  });
});

describe("rules and access", () => {
  it("two surveys may not overlap; closing early frees the dates", () => {
    const s2 = mustOk(createSurvey({ ctx: asF(), input: SurveySchema.parse({ title: "Été", opensOn: "2026-07-01", closesOn: "2026-07-31" }), now: NOW }));
    const clash = createSurvey({ ctx: asF(), input: SurveySchema.parse({ title: "Autre", opensOn: "2026-07-15", closesOn: "2026-08-15" }), now: NOW });
    expect(clash.ok).toBe(false);
    mustOk(closeSurvey({ ctx: asF(), surveyId: s2.id, now: Date.parse("2026-07-10T10:00:00Z") }));
    expect(createSurvey({ ctx: asF(), input: SurveySchema.parse({ title: "Autre", opensOn: "2026-07-15", closesOn: "2026-08-15" }), now: NOW }).ok).toBe(true);
    // A survey already over could never be answered.
    expect(createSurvey({ ctx: asF(), input: SurveySchema.parse({ title: "Hiver", opensOn: "2026-01-01", closesOn: "2026-01-31" }), now: NOW })).toEqual({
      ok: false,
      problems: [{ code: "survey_in_past", field: "closesOn" }],
    });
  });

  it("refuses bad input", () => {
    expect(SurveySchema.safeParse({ title: "X", opensOn: "2026-05-10", closesOn: "2026-05-01" }).success).toBe(false);
    expect(
      SurveyAnswerSchema.safeParse({
        satisfaction: "6",
        belonging: "3",
        lonelyCompanionship: "1",
        lonelyLeftOut: "1",
        lonelyIsolated: "4",
        helpGiven: "1",
        helpReceived: "1",
      }).success,
    ).toBe(false);
    expect(SurveyAnswerSchema.safeParse({ belonging: "3" }).success).toBe(false);
  });

  it("a resident cannot manage or read results (403); another group's facilitator gets 404", () => {
    expect(thrownResponse(() => listSurveys({ ctx: as(0) })).status).toBe(403);
    expect(thrownResponse(() => getSurveyResults({ ctx: as(0), surveyId: survey.id })).status).toBe(403);
    expect(thrownResponse(() => getSurveyResults({ ctx: ctxFor(outsider.id, other.id), surveyId: survey.id })).status).toBe(404);
    expect(thrownResponse(() => answerSurvey({ ctx: ctxFor(outsider.id, other.id), surveyId: survey.id, input: answer(), now: NOW })).status).toBe(404);
  });
});
