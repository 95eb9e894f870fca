// supportFigures on a known dataset: the counts funders get for a period, computed by hand below.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { households, persons, supportActions, supportEpisodes, supportExitChecks, supportPartners, supportReferrals } from "~db/schema";
import { supportFigures } from "~/modules/support/figures.server";
import { makeGroup, makeHousehold, thrownResponse } from "../fixtures";
import { scopeForJob } from "~/modules/access/scope.server";

const group = makeGroup("Villa Passerelle");
const other = makeGroup("Les Tilleuls");
const [A, B, C, D] = ["A", "B", "C", "D"].map((name) => makeHousehold(group.id, `Foyer ${name}`));
const people = { [A.id]: 3, [B.id]: 2, [C.id]: 1, [D.id]: 1 };
for (const [householdId, k] of Object.entries(people)) {
  for (let i = 0; i < k; i++)
    db.insert(persons)
      .values({ groupId: group.id, householdId, firstName: `P${i}` })
      .run();
}
const episode = (householdId: string, startDate: string, endDate: string | null) =>
  db
    .insert(supportEpisodes)
    .values({ groupId: group.id, householdId, startDate, endDate, outcome: endDate ? "goals_met" : null, goals: ["housing"], entrySituation: "slum_squat" })
    .run();
episode(A.id, "2024-01-10", "2024-07-08"); // 180 days, ends in 2024
episode(B.id, "2024-03-01", null);
episode(C.id, "2023-06-01", "2024-02-29"); // 273 days, ends in 2024
type ActionRow = typeof supportActions.$inferInsert;
const action = (householdId: string, date: string, kind: ActionRow["kind"], topics: ActionRow["topics"], extra: Partial<ActionRow> = {}) =>
  db
    .insert(supportActions)
    .values({ groupId: group.id, householdId, date, kind, topics, durationMinutes: 45, note: "note interne", ...extra })
    .run();
action(A.id, "2024-02-01", "individual_interview", ["housing", "budget"], { aidCents: 15000, aidSource: "fsl", rightsOpened: ["housing_benefit"] });
action(A.id, "2024-03-01", "home_visit", ["health"]);
action(B.id, "2024-04-01", "individual_interview", ["health"], { aidCents: 5050, aidSource: "caf", rightsOpened: ["health_cover", "postal_address"] });
action(B.id, "2024-05-01", "referral", ["work_training"]);
action(C.id, "2023-12-15", "individual_interview", ["housing"]); // before the period
action(B.id, "2025-01-02", "office_hours", ["budget"]); // after it
const jobs = db.insert(supportPartners).values({ groupId: group.id, name: "Mission locale", field: "employment" }).returning().get();
const care = db.insert(supportPartners).values({ groupId: group.id, name: "PASS", field: "health" }).returning().get();
const referral = (
  householdId: string,
  partnerId: string,
  date: string,
  status: "sent" | "taken_up" | "closed",
  outcomeKind: "resolved" | "not_taken_up" | null = null,
) => db.insert(supportReferrals).values({ groupId: group.id, householdId, partnerId, date, status, outcomeKind }).run();
referral(B.id, jobs.id, "2024-05-01", "closed", "resolved");
referral(A.id, care.id, "2024-02-15", "taken_up");
referral(A.id, care.id, "2024-06-01", "sent");
referral(C.id, jobs.id, "2023-11-01", "closed", "not_taken_up"); // before the period
// Exits: A and C were followed; D left without ever being followed (not counted).
const depart = (id: string, departureDate: string, destination: "durable_social_housing" | "private_housing" | null) =>
  db.update(households).set({ departureDate, destination }).where(eq(households.id, id)).run();
depart(A.id, "2024-07-08", "durable_social_housing");
depart(C.id, "2024-02-29", null);
depart(D.id, "2024-05-01", "private_housing");
db.insert(supportExitChecks).values({ groupId: group.id, householdId: C.id, milestone: 6, stillHoused: "yes", checkedOn: "2024-09-02" }).run();
db.insert(supportExitChecks).values({ groupId: group.id, householdId: C.id, milestone: 12, stillHoused: "no", checkedOn: "2025-03-01" }).run();

const zero = { yes: 0, no: 0, unknown: 0 };

describe("supportFigures", () => {
  it("counts a year of support: households, persons, actions, aid, rights, referrals, exits, checks", () => {
    expect(supportFigures({ scope: scopeForJob(group.id), from: "2024-01-01", to: "2024-12-31" })).toEqual({
      householdsFollowed: 3,
      personsFollowed: 6,
      actionsByKind: { individual_interview: 2, home_visit: 1, office_hours: 0, collective_workshop: 0, accompaniment: 0, referral: 1 },
      actionsByTopic: { housing: 1, work_training: 1, health: 2, schooling: 0, rights_papers: 0, budget: 1, language: 0, social_ties: 0 },
      interviews: 2,
      medianSupportDays: 226.5,
      referralsByField: { addiction: 0, mediation: 0, parenting: 0, health: 2, employment: 1, housing: 0, legal: 0, other: 0 },
      referralsByOutcome: { sent: 1, taken_up: 1, closed: 1, resolved: 1, ongoing_with_partner: 0, not_taken_up: 0, refused: 0, redirected: 0 },
      aidCents: 20050,
      aidBySource: { caf: 5050, fsl: 15000, ccas: 0, departement: 0, association: 0, other: 0 },
      rightsOpened: { health_cover: 1, housing_benefit: 1, postal_address: 1, identity_document: 0 },
      exitsByDestination: { durable_social_housing: 1, private_housing: 0, other_group: 0, temporary_accommodation: 0, family: 0, unknown: 1 },
      stillHoused6: { yes: 1, no: 0, unknown: 0 },
      stillHoused12: zero,
    });
  });

  it("counts a check not recorded once its date has passed as unknown, and only then", () => {
    const f = supportFigures({ scope: scopeForJob(group.id), from: "2025-01-01", to: "2025-12-31", now: Date.parse("2026-01-15T12:00:00Z") });
    // A: +6 on 2025-01-08 and +12 on 2025-07-08, never recorded; C: +12 on 2025-02-28, "no".
    expect(f.stillHoused6).toEqual({ yes: 0, no: 0, unknown: 1 });
    expect(f.stillHoused12).toEqual({ yes: 0, no: 1, unknown: 1 });
    expect(f.householdsFollowed).toBe(1); // B, still open
    expect(f.medianSupportDays).toBeNull();
    const before = supportFigures({ scope: scopeForJob(group.id), from: "2025-01-01", to: "2025-12-31", now: Date.parse("2025-03-01T12:00:00Z") });
    expect(before.stillHoused12).toEqual({ yes: 0, no: 1, unknown: 0 });
  });

  it("gives zeroes for a group with nothing, and 404 for a group that does not exist", () => {
    const f = supportFigures({ scope: scopeForJob(other.id), from: "2024-01-01", to: "2024-12-31" });
    expect(f.householdsFollowed).toBe(0);
    expect(f.aidCents).toBe(0);
    expect(f.medianSupportDays).toBeNull();
    expect(Object.values(f.actionsByKind).every((v) => v === 0)).toBe(true);
    expect(thrownResponse(() => supportFigures({ scope: scopeForJob("nexistepas"), from: "2024-01-01", to: "2024-12-31" })).status).toBe(404);
  });

  it("holds counts only: no free text, no names, no ids", () => {
    const text = JSON.stringify(supportFigures({ scope: scopeForJob(group.id), from: "2000-01-01", to: "2099-12-31" }));
    expect(text).not.toContain("note interne");
    expect(text).not.toContain("Foyer");
    expect(text).not.toContain(A.id);
    expect(text).not.toMatch(/"[a-z_]+":"/);
  });
});
