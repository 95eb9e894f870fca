// Period reports (a frozen snapshot per revision, corrections keep both) and co-funders.
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { auditLog, households, reportRevisions } from "~db/schema";
import { deleteFunding, listFunding, saveFunding } from "~/modules/evaluation/funding.server";
import {
  createReport,
  getReport,
  getReportRevision,
  listReports,
  listSubmittedReports,
  saveReportDraft,
  submitReport,
} from "~/modules/evaluation/reports.server";
import { FundingSchema, NewReportSchema, ReportSchema } from "~/modules/evaluation/schemas";
import { ctxFor, makeGroup, makeHousehold, makeMember, thrownResponse } from "../fixtures";
import { scopeForJob } from "~/modules/access/scope.server";

const NOW = Date.parse("2026-04-10T10:00:00Z");
const group = makeGroup("Les Tilleuls");
const other = makeGroup("Villa Passerelle");
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const resident = makeMember({ groupId: group.id, householdId: makeHousehold(group.id).id });
const outsider = makeMember({ groupId: other.id, role: "facilitator" });
const asF = () => ctxFor(facilitator.id, group.id);
for (let i = 0; i < 5; i++) makeHousehold(group.id);

const narrative = (over: Record<string, string> = {}) =>
  ReportSchema.parse({ intent: "submit", highlights: "Un trimestre riche en repas partagés.", difficulties: "La salle commune a fui.", story: "", ...over });

describe("period reports", () => {
  const { id } = createReport({ ctx: asF(), input: NewReportSchema.parse({ periodKind: "quarter", periodKey: "2026-Q1" }) });

  it("a second report for the same period is the same report", () => {
    expect(createReport({ ctx: asF(), input: NewReportSchema.parse({ periodKind: "quarter", periodKey: "2026-Q1" }) })).toEqual({ id, existed: true });
    expect(listReports({ ctx: asF() })).toHaveLength(1);
    expect(listSubmittedReports({ scope: scopeForJob(group.id) })).toEqual([]);
  });

  it("a draft is saved without freezing anything", () => {
    saveReportDraft({ ctx: asF(), reportId: id, input: narrative({ intent: "save", highlights: "Brouillon" }) });
    expect(getReport({ ctx: asF(), reportId: id, now: NOW }).report.highlights).toBe("Brouillon");
    expect(db.select().from(reportRevisions).all()).toHaveLength(0);
  });

  it("submitting freezes the figures: later activity does not change the revision", () => {
    const r = submitReport({ ctx: asF(), reportId: id, input: narrative(), now: NOW });
    expect(r).toEqual({ ok: true, revision: 1 });
    const before = getReportRevision({ scope: scopeForJob(group.id), reportId: id });
    expect(before.revision.snapshot.indicators.values.households_present).toBe(6);
    expect(before.revision.snapshot.versions.households_present).toBe(1);
    // A household that arrived in February is recorded afterwards.
    db.insert(households).values({ groupId: group.id, name: "Foyer tardif", arrivalDate: "2026-02-01" }).run();
    expect(getReport({ ctx: asF(), reportId: id, now: NOW }).live.values.households_present).toBe(7);
    expect(getReportRevision({ scope: scopeForJob(group.id), reportId: id }).revision.snapshot.indicators.values.households_present).toBe(6);
    expect(submitReport({ ctx: asF(), reportId: id, input: narrative(), now: NOW })).toEqual({
      ok: false,
      problems: [{ code: "already_submitted", field: null, params: {} }],
    });
  });

  it("a correction is a new revision; both are kept, the latest is current", () => {
    const r = submitReport({
      ctx: asF(),
      reportId: id,
      input: narrative({ intent: "correct", correctionNote: "Un foyer oublié.", story: "Mme A. a appris à faire du vélo.", storyConsent: "on" }),
      now: NOW + 1000,
    });
    expect(r).toEqual({ ok: true, revision: 2 });
    const current = getReportRevision({ scope: scopeForJob(group.id), reportId: id });
    expect(current.revision.revision).toBe(2);
    expect(current.revision.snapshot.indicators.values.households_present).toBe(7);
    expect(current.revision.story).toContain("vélo");
    expect(current.revisions.map((x) => x.revision)).toEqual([2, 1]);
    expect(getReportRevision({ scope: scopeForJob(group.id), reportId: id, revision: 1 }).revision.snapshot.indicators.values.households_present).toBe(6);
    expect(listSubmittedReports({ scope: scopeForJob(group.id) })).toMatchObject([{ id, periodKey: "2026-Q1", currentRevision: 2 }]);
    // Officers get no names.
    expect(JSON.stringify(current)).not.toContain("Personne");
    const audit = db
      .select()
      .from(auditLog)
      .all()
      .filter((a) => a.entity === "report");
    expect(audit.map((a) => a.action)).toEqual(["create", "update", "submit", "correct"]);
  });

  it("refuses a story without consent, a submission without highlights, a correction without a note, a bad period", () => {
    expect(ReportSchema.safeParse({ intent: "save", story: "Une histoire" }).success).toBe(false);
    expect(ReportSchema.safeParse({ intent: "submit", highlights: "" }).success).toBe(false);
    expect(ReportSchema.safeParse({ intent: "correct", highlights: "x", correctionNote: "" }).success).toBe(false);
    expect(NewReportSchema.safeParse({ periodKind: "quarter", periodKey: "2026-03" }).success).toBe(false);
    expect(NewReportSchema.safeParse({ periodKind: "month", periodKey: "2026-13" }).success).toBe(false);
  });

  it("a resident gets 403; another group, or no such revision, gets 404", () => {
    expect(thrownResponse(() => listReports({ ctx: ctxFor(resident.id, group.id) })).status).toBe(403);
    expect(thrownResponse(() => getReport({ ctx: ctxFor(resident.id, group.id), reportId: id })).status).toBe(403);
    expect(thrownResponse(() => getReport({ ctx: ctxFor(outsider.id, other.id), reportId: id })).status).toBe(404);
    expect(thrownResponse(() => getReportRevision({ scope: scopeForJob(other.id), reportId: id })).status).toBe(404);
    expect(thrownResponse(() => getReportRevision({ scope: scopeForJob(group.id), reportId: id, revision: 3 })).status).toBe(404);
  });
});

describe("co-funders", () => {
  it("records planned and spent amounts in cents, one line per year, kind and name", () => {
    const input = FundingSchema.parse({
      intent: "save",
      year: "2026",
      kind: "local_authority",
      funderName: "Ville de Bourges",
      planned: "12 500",
      spent: "10000,50",
    });
    expect(input.planned).toBe(1_250_000);
    expect(input.spent).toBe(1_000_050);
    const r = saveFunding({ ctx: asF(), input });
    expect(r.ok).toBe(true);
    expect(saveFunding({ ctx: asF(), input }).ok).toBe(false);
    expect(listFunding({ ctx: asF() })).toHaveLength(1);
    if (r.ok) deleteFunding({ ctx: asF(), id: r.id });
    expect(listFunding({ ctx: asF() })).toHaveLength(0);
  });

  it("refuses bad amounts and years; a resident gets 403", () => {
    expect(FundingSchema.safeParse({ intent: "save", year: "2026", kind: "state", funderName: "X", planned: "-5", spent: "0" }).success).toBe(false);
    expect(FundingSchema.safeParse({ intent: "save", year: "1900", kind: "state", funderName: "X", planned: "5", spent: "0" }).success).toBe(false);
    expect(FundingSchema.safeParse({ intent: "save", year: "2026", kind: "bank", funderName: "X", planned: "5", spent: "0" }).success).toBe(false);
    expect(thrownResponse(() => listFunding({ ctx: ctxFor(resident.id, group.id) })).status).toBe(403);
  });
});
