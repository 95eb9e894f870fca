// The group's evaluation pages as a browser without JavaScript uses them: form posts, redirects with a
// toast, errors with status 400 and what was typed kept, residents 403 on facilitator pages, other groups 404.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { groupFunding, reportRevisions, reports, surveyAnswers, surveys } from "~db/schema";
import { createSession, SESSION_COOKIE } from "~/modules/auth/session.server";
import { todayIn } from "~/modules/core/dates";
import { addDays } from "~/modules/core/recurrence";
import * as homePage from "~/routes/g.$groupId._index";
import * as indexPage from "~/routes/g.$groupId.evaluation._index";
import * as fundingPage from "~/routes/g.$groupId.evaluation.funding";
import * as glossaryPage from "~/routes/g.$groupId.evaluation.glossary";
import * as reportPage from "~/routes/g.$groupId.evaluation.reports.$reportId";
import * as surveysPage from "~/routes/g.$groupId.evaluation.surveys";
import * as surveyPage from "~/routes/g.$groupId.survey";
import { makeGroup, makeHousehold, makeMember, requestAs, thrownResponse, thrownResponseAsync } from "../fixtures";

const group = makeGroup("Les Tilleuls");
const other = makeGroup("Villa Passerelle");
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const resident = makeMember({ groupId: group.id, householdId: makeHousehold(group.id).id });
const outsider = makeMember({ groupId: other.id, role: "facilitator" });

function postAs(userId: string, url: string, fields: Record<string, string>) {
  const { token } = createSession(userId);
  return new Request(url, {
    method: "POST",
    headers: { Cookie: `${SESSION_COOKIE}=${token}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}
const args = <P extends Record<string, string>>(request: Request, params: P) => ({ request, params, context: {} as never });
const statusOf = (r: unknown) => (r instanceof Response ? r.status : (r as { init?: { status?: number } }).init?.status);
const dataOf = <T>(r: unknown) => (r as { data: T }).data;
const u = (path: string, g = group.id) => `http://localhost/g/${g}${path}`;
const today = todayIn("Europe/Paris");

describe("facilitator pages", () => {
  it("a resident gets 403 on every facilitator page; the glossary is for every member", () => {
    const p = { groupId: group.id };
    expect(thrownResponse(() => indexPage.loader(args(requestAs(resident.id, u("/evaluation")), p))).status).toBe(403);
    expect(thrownResponse(() => surveysPage.loader(args(requestAs(resident.id, u("/evaluation/surveys")), p))).status).toBe(403);
    expect(thrownResponse(() => fundingPage.loader(args(requestAs(resident.id, u("/evaluation/funding")), p))).status).toBe(403);
    expect(glossaryPage.loader(args(requestAs(resident.id, u("/evaluation/glossary")), p)).canManage).toBe(false);
  });

  it("another group's member gets 404, even on a real report id", async () => {
    const report = db
      .insert(reports)
      .values({ groupId: group.id, periodKind: "quarter", periodKey: "2026-Q1", periodFrom: "2026-01-01", periodTo: "2026-03-31" })
      .returning()
      .get();
    expect(thrownResponse(() => indexPage.loader(args(requestAs(outsider.id, u("/evaluation")), { groupId: group.id }))).status).toBe(404);
    expect(
      thrownResponse(() =>
        reportPage.loader(args(requestAs(outsider.id, u(`/evaluation/reports/${report.id}`, other.id)), { groupId: other.id, reportId: report.id })),
      ).status,
    ).toBe(404);
    const r = await thrownResponseAsync(() =>
      reportPage.action(
        args(postAs(outsider.id, u(`/evaluation/reports/${report.id}`, other.id), { intent: "save" }), { groupId: other.id, reportId: report.id }),
      ),
    );
    expect(r.status).toBe(404);
    expect(thrownResponse(() => surveyPage.loader(args(requestAs(outsider.id, u("/survey")), { groupId: group.id }))).status).toBe(404);
    db.delete(reports).where(eq(reports.id, report.id)).run();
  });

  it("shows the indicators of the chosen period, and a bad period falls back to the last quarter", () => {
    const d = indexPage.loader(args(requestAs(facilitator.id, u("/evaluation?period=2026-03")), { groupId: group.id }));
    expect(d.period).toMatchObject({ kind: "month", from: "2026-03-01", to: "2026-03-31" });
    expect(d.indicators.values.households_present).toBe(1);
    const fallback = indexPage.loader(args(requestAs(facilitator.id, u("/evaluation?period=nope")), { groupId: group.id }));
    expect(fallback.period.kind).toBe("quarter");
  });

  it("starts a report, refuses a story without consent (400, text kept), submits, then corrects", async () => {
    const bad = await indexPage.action(args(postAs(facilitator.id, u("/evaluation"), { periodKind: "quarter", periodKey: "2026-05" }), { groupId: group.id }));
    expect(statusOf(bad)).toBe(400);
    const created = await indexPage.action(
      args(postAs(facilitator.id, u("/evaluation"), { periodKind: "quarter", periodKey: "2026-Q1" }), { groupId: group.id }),
    );
    expect(statusOf(created)).toBe(302);
    const report = db.select().from(reports).where(eq(reports.groupId, group.id)).get()!;
    expect((created as Response).headers.get("Location")).toBe(`/g/${group.id}/evaluation/reports/${report.id}`);
    const params = { groupId: group.id, reportId: report.id };
    const url = u(`/evaluation/reports/${report.id}`);
    const noConsent = await reportPage.action(
      args(postAs(facilitator.id, url, { intent: "submit", highlights: "Un beau trimestre", story: "Une voisine a appris le vélo." }), params),
    );
    expect(statusOf(noConsent)).toBe(400);
    expect(JSON.stringify(dataOf(noConsent))).toContain("Un beau trimestre");
    expect(db.select().from(reportRevisions).all()).toHaveLength(0);
    const sent = await reportPage.action(
      args(
        postAs(facilitator.id, url, { intent: "submit", highlights: "Un beau trimestre", story: "Une voisine a appris le vélo.", storyConsent: "on" }),
        params,
      ),
    );
    expect((sent as Response).headers.get("Location")).toContain("toast=evaluation_report_submitted");
    const again = await reportPage.action(args(postAs(facilitator.id, url, { intent: "submit", highlights: "Encore" }), params));
    expect(statusOf(again)).toBe(409);
    const corrected = await reportPage.action(
      args(postAs(facilitator.id, url, { intent: "correct", highlights: "Un très beau trimestre", correctionNote: "Précision" }), params),
    );
    expect((corrected as Response).headers.get("Location")).toContain("toast=evaluation_report_corrected");
    const view = reportPage.loader(args(requestAs(facilitator.id, url), params));
    expect(view.revisions.map((r) => r.revision)).toEqual([2, 1]);
    expect(view.shown?.highlights).toBe("Un très beau trimestre");
    expect(reportPage.loader(args(requestAs(facilitator.id, `${url}?revision=1`), params)).shown?.highlights).toBe("Un beau trimestre");
    expect(thrownResponse(() => reportPage.loader(args(requestAs(resident.id, url), params))).status).toBe(403);
  });

  it("records a co-funder; a bad amount is a 400 with the text kept", async () => {
    const bad = await fundingPage.action(
      args(
        postAs(facilitator.id, u("/evaluation/funding"), { intent: "save", year: "2026", kind: "state", funderName: "DDETS", planned: "douze", spent: "0" }),
        { groupId: group.id },
      ),
    );
    expect(statusOf(bad)).toBe(400);
    expect(JSON.stringify(dataOf(bad))).toContain("douze");
    const ok = await fundingPage.action(
      args(
        postAs(facilitator.id, u("/evaluation/funding"), {
          intent: "save",
          year: "2026",
          kind: "state",
          funderName: "DDETS",
          planned: "12 000",
          spent: "9 000,50",
        }),
        { groupId: group.id },
      ),
    );
    expect((ok as Response).headers.get("Location")).toContain("toast=evaluation_funding_saved");
    expect(db.select().from(groupFunding).get()).toMatchObject({ plannedCents: 1_200_000, spentCents: 900_050 });
  });
});

describe("survey pages", () => {
  it("a facilitator opens a survey; residents see it on Home, answer once, and it leaves Home", async () => {
    const bad = await surveysPage.action(
      args(postAs(facilitator.id, u("/evaluation/surveys"), { title: "Printemps", opensOn: today, closesOn: addDays(today, -3) }), { groupId: group.id }),
    );
    expect(statusOf(bad)).toBe(400);
    const created = await surveysPage.action(
      args(postAs(facilitator.id, u("/evaluation/surveys"), { title: "Printemps", opensOn: today, closesOn: addDays(today, 10) }), { groupId: group.id }),
    );
    expect((created as Response).headers.get("Location")).toContain("toast=evaluation_survey_created");
    expect(homePage.loader(args(requestAs(resident.id, u("")), { groupId: group.id })).survey?.title).toBe("Printemps");

    const missing = await surveyPage.action(args(postAs(resident.id, u("/survey"), { satisfaction: "4", comment: "Bien" }), { groupId: group.id }));
    expect(statusOf(missing)).toBe(400);
    expect(JSON.stringify(dataOf(missing))).toContain("Bien");
    expect(db.select().from(surveyAnswers).all()).toHaveLength(0);

    const answer = {
      satisfaction: "4",
      belonging: "5",
      lonelyCompanionship: "1",
      lonelyLeftOut: "1",
      lonelyIsolated: "2",
      helpGiven: "3",
      helpReceived: "4",
      comment: "Bien",
    };
    const ok = await surveyPage.action(args(postAs(resident.id, u("/survey"), answer), { groupId: group.id }));
    expect((ok as Response).headers.get("Location")).toBe(`/g/${group.id}?toast=evaluation_survey_answered`);
    const twice = await surveyPage.action(args(postAs(resident.id, u("/survey"), answer), { groupId: group.id }));
    expect(statusOf(twice)).toBe(409);
    expect(db.select().from(surveyAnswers).all()).toHaveLength(1);
    expect(homePage.loader(args(requestAs(resident.id, u("")), { groupId: group.id })).survey).toBeNull();
    expect(surveyPage.loader(args(requestAs(resident.id, u("/survey")), { groupId: group.id })).survey?.answered).toBe(true);

    // Results stay hidden (open, 1 answer); closing works.
    const s = db.select().from(surveys).get()!;
    const hidden = surveysPage.loader(args(requestAs(facilitator.id, u(`/evaluation/surveys?survey=${s.id}`)), { groupId: group.id }));
    expect(hidden.results?.items).toBeNull();
    const closed = await surveysPage.action(args(postAs(facilitator.id, u("/evaluation/surveys"), { intent: "close", surveyId: s.id }), { groupId: group.id }));
    expect((closed as Response).headers.get("Location")).toContain("toast=evaluation_survey_closed");
    expect(surveysPage.loader(args(requestAs(facilitator.id, u(`/evaluation/surveys?survey=${s.id}`)), { groupId: group.id })).results?.hiddenReason).toBe(
      "too_few",
    );
  });
});
