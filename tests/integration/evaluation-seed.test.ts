// The demo's evaluation: grants and co-funders for the three groups, Les Tilleuls' surveys and reports.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import * as schema from "~db/schema";
import { seedDemo } from "~db/seed";
import { getReportRevision, listSubmittedReports } from "~/modules/evaluation/reports.server";
import { computeProgrammeIndicators } from "~/modules/evaluation/indicators.server";
import { programmeScopeForJob, scopeForJob } from "~/modules/access/scope.server";

describe("seedEvaluationDemo", () => {
  it("fills the programme, surveys and reports of the demo", async () => {
    await seedDemo(db);
    const tilleuls = db.select().from(schema.groups).where(eq(schema.groups.name, "Les Tilleuls")).get()!;
    const surveys = db.select().from(schema.surveys).where(eq(schema.surveys.groupId, tilleuls.id)).all();
    expect(surveys).toHaveLength(3);
    const counts = surveys.map((s) => db.select().from(schema.surveyAnswers).where(eq(schema.surveyAnswers.surveyId, s.id)).all().length);
    expect(counts.filter((n) => n >= 5)).toHaveLength(2);
    const reports = listSubmittedReports({ scope: scopeForJob(tilleuls.id) });
    expect(reports).toHaveLength(2);
    expect(reports.map((r) => r.currentRevision).sort()).toEqual([1, 2]);
    const r = getReportRevision({ scope: scopeForJob(tilleuls.id), reportId: reports[0].id });
    expect(r.revision.snapshot.indicators.values.households_present).toBeGreaterThan(5);
    expect(db.select().from(schema.groupFunding).all().length).toBeGreaterThanOrEqual(9);
    const programme = db.select().from(schema.programmes).get()!;
    expect(programme.budgetCents).toBeGreaterThan(0);
    const t0 = performance.now();
    const p = computeProgrammeIndicators({ scope: programmeScopeForJob(programme.id), from: "2024-01-01", to: "2026-12-31", periodKind: "month" });
    const ms = performance.now() - t0;
    console.log(`programme 3 groups x ${p.periods.length} months: ${ms.toFixed(1)} ms`);
    expect(p.rows.length).toBe(3 * p.periods.length);
    const q = p.rows.filter((x) => x.groupId === tilleuls.id && x.values.survey_satisfaction != null);
    expect(q.length).toBeGreaterThan(0);
  });
});
