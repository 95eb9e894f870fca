// Decision 017, the refusals converted last: a module's problem reaches the form through the route's action
// as a person reads it — the sentence next to its field (or above the form), what was typed kept (passwords
// never sent back), nothing written. Households, invitations, accounts, period reports and meetings.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { households, invitations, meetingDecisions, meetings, passwordResets, reportRevisions, users } from "~db/schema";
import { createSession, hashToken, SESSION_COOKIE } from "~/modules/auth/session.server";
import { createDraft, editDraft } from "~/modules/charter/drafts.server";
import { proposeVersion } from "~/modules/charter/versions.server";
import { createReport } from "~/modules/evaluation/reports.server";
import { NewReportSchema } from "~/modules/evaluation/schemas";
import { createInvitation } from "~/modules/groups/invitations.server";
import { createMeeting } from "~/modules/meetings/meetings.server";
import * as accountPage from "~/routes/account";
import * as adminGroupPage from "~/routes/admin.groups.$groupId";
import * as departurePage from "~/routes/g.$groupId.households.$householdId.departure";
import * as editHouseholdPage from "~/routes/g.$groupId.households.$householdId.edit";
import * as invitationsPage from "~/routes/g.$groupId.invitations";
import * as reportPage from "~/routes/g.$groupId.evaluation.reports.$reportId";
import * as newMeetingPage from "~/routes/g.$groupId.meetings.new";
import * as runPage from "~/routes/g.$groupId.meetings.$meetingId.run";
import * as invitePage from "~/routes/invite.$token";
import * as resetPage from "~/routes/reset-password.$token";
import { ctxFor, makeGroup, makeHousehold, makeMember } from "../fixtures";

const group = makeGroup("Les Tilleuls");
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const household = makeHousehold(group.id, "Foyer Marchand");
const resident = makeMember({ groupId: group.id, householdId: household.id, email: "jeanne.marchand@exemple.fr" });

function post(userId: string | null, url: string, fields: Record<string, string>) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (userId) headers.Cookie = `${SESSION_COOKIE}=${createSession(userId).token}`;
  return new Request(url, { method: "POST", headers, body: new URLSearchParams(fields) });
}
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} as never });
const statusOf = (r: unknown) => (r instanceof Response ? r.status : (r as { init?: { status?: number } }).init?.status);
const dataOf = <T>(r: unknown) => (r as { data: T }).data;
type Reply = { status: string; error: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe("households", () => {
  it("a departure before the arrival: the sentence under the date, the date kept, nothing recorded", async () => {
    const url = `http://localhost/g/${group.id}/households/${household.id}/departure`;
    const r = await departurePage.action(
      args(post(facilitator.id, url, { departureDate: "2024-01-15", destination: "family" }), { groupId: group.id, householdId: household.id }),
    );
    expect(statusOf(r)).toBe(400);
    const reply = dataOf<Reply>(r);
    expect(reply.error.departureDate).toEqual(["La date de départ ne peut pas précéder la date d'arrivée."]);
    expect(reply.initialValue).toMatchObject({ departureDate: "2024-01-15", destination: "family" });
    expect(db.select().from(households).where(eq(households.id, household.id)).get()).toMatchObject({ departureDate: null, destination: null });
  });

  it("an arrival after the recorded departure: the sentence under the arrival date, nothing changed", async () => {
    const leaving = makeHousehold(group.id, "Foyer Benali");
    db.update(households).set({ departureDate: "2030-06-30" }).where(eq(households.id, leaving.id)).run();
    const url = `http://localhost/g/${group.id}/households/${leaving.id}/edit`;
    const r = await editHouseholdPage.action(
      args(post(facilitator.id, url, { name: "Foyer Benali-Roux", dwelling: "B 12", arrivalDate: "2031-01-01" }), {
        groupId: group.id,
        householdId: leaving.id,
      }),
    );
    expect(statusOf(r)).toBe(400);
    const reply = dataOf<Reply>(r);
    expect(reply.error.arrivalDate).toEqual(["La date de départ ne peut pas précéder la date d'arrivée."]);
    expect(reply.initialValue).toMatchObject({ name: "Foyer Benali-Roux", arrivalDate: "2031-01-01" });
    expect(db.select().from(households).where(eq(households.id, leaving.id)).get()).toMatchObject({ name: "Foyer Benali", arrivalDate: "2024-03-01" });
  });
});

describe("invitations", () => {
  it("inviting a member of the group: the sentence under the email, the email kept, no invitation", async () => {
    const r = await invitationsPage.action(
      args(post(facilitator.id, `http://localhost/g/${group.id}/invitations`, { intent: "invite", email: resident.email, role: "resident" }), {
        groupId: group.id,
      }),
    );
    expect(statusOf(r)).toBe(400);
    const { result } = dataOf<{ result: Reply }>(r);
    expect(result.error.email).toEqual(["Cette personne fait déjà partie du collectif."]);
    expect(result.initialValue).toMatchObject({ email: resident.email });
    expect(db.select().from(invitations).where(eq(invitations.email, resident.email)).all()).toHaveLength(0);
  });

  it("an operator inviting a member as first facilitator: the same sentence under the email", async () => {
    const operator = makeMember({ groupId: makeGroup().id });
    db.update(users).set({ isOperator: true }).where(eq(users.id, operator.id)).run();
    const r = await adminGroupPage.action(
      args(post(operator.id, `http://localhost/admin/groups/${group.id}`, { email: resident.email }), { groupId: group.id }),
    );
    expect(statusOf(r)).toBe(400);
    expect(dataOf<Reply>(r).error.email).toEqual(["Cette personne fait déjà partie du collectif."]);
    expect(db.select().from(invitations).where(eq(invitations.email, resident.email)).all()).toHaveLength(0);
  });

  it("accepting for an address that has an account meanwhile: the sentence above the form, nothing made; joining with another address neither", async () => {
    const invited = await createInvitation({
      ctx: ctxFor(facilitator.id, group.id),
      input: { email: "amina.diallo@exemple.fr", role: "resident" },
      lang: "fr",
    });
    if (!invited.ok) throw new Error("expected an invitation");
    makeMember({ groupId: makeGroup().id, email: "amina.diallo@exemple.fr" });
    const url = `http://localhost/invite/${invited.token}`;
    const password = "le jardin fleurit en mai";
    const r = await invitePage.action(args(post(null, url, { name: "Amina Diallo", password, confirm: password }), { token: invited.token }));
    expect(statusOf(r)).toBe(400);
    const { result } = dataOf<{ result: Reply }>(r);
    const gone = "Cette invitation n'est plus valable. Demandez à l'animateur·rice de vous en envoyer une nouvelle.";
    expect(result.error[""]).toEqual([gone]);
    expect(result.initialValue).toMatchObject({ name: "Amina Diallo" });
    expect(result.initialValue).not.toHaveProperty("password");
    expect(db.select().from(invitations).where(eq(invitations.id, invited.invitationId)).get()!.acceptedAt).toBeNull();

    // Someone logged in with another address cannot join with it.
    const joined = await invitePage.action(args(post(resident.id, url, { intent: "join" }), { token: invited.token }));
    expect(statusOf(joined)).toBe(400);
    expect(dataOf<{ joinErrors: string[] }>(joined).joinErrors).toEqual([gone]);
    expect(db.select().from(invitations).where(eq(invitations.id, invited.invitationId)).get()!.acceptedAt).toBeNull();
  });
});

describe("accounts", () => {
  it("changing the password with a wrong current one: the sentence under it, no password sent back, nothing changed", async () => {
    const before = db.select({ h: users.passwordHash }).from(users).where(eq(users.id, resident.id)).get()!.h;
    const fresh = "un tout nouveau mot de passe";
    const r = await accountPage.action(
      args(post(resident.id, "http://localhost/account", { intent: "password", current: "pas le bon", password: fresh, confirm: fresh })),
    );
    expect(statusOf(r)).toBe(400);
    const { result } = dataOf<{ result: Reply }>(r);
    expect(result.error.current).toEqual(["Le mot de passe actuel n'est pas le bon."]);
    expect(result.initialValue).not.toHaveProperty("current");
    expect(result.initialValue).not.toHaveProperty("password");
    expect(db.select({ h: users.passwordHash }).from(users).where(eq(users.id, resident.id)).get()!.h).toBe(before);
  });

  it("a reset refused by the module: the sentence above the form, as before, and the link still unused", async () => {
    const token = "jeton-de-test-reset";
    db.insert(passwordResets)
      .values({ tokenHash: hashToken(token), userId: resident.id, expiresAt: new Date(Date.now() + 3_600_000) })
      .run();
    const url = `http://localhost/reset-password/${token}`;
    const r = await resetPage.action(args(post(null, url, { password: resident.email, confirm: resident.email }), { token }));
    expect(statusOf(r)).toBe(400);
    expect(dataOf<Reply>(r).error[""]).toEqual(["Le mot de passe ne peut pas être votre adresse e-mail."]);
    expect(
      db
        .select()
        .from(passwordResets)
        .where(eq(passwordResets.tokenHash, hashToken(token)))
        .get()!.usedAt,
    ).toBeNull();

    const gone = await resetPage.action(
      args(post(null, "http://localhost/reset-password/inconnu", { password: "le jardin fleurit", confirm: "le jardin fleurit" }), { token: "inconnu" }),
    );
    expect(statusOf(gone)).toBe(400);
    expect(dataOf<Reply>(gone).error[""]).toEqual(["Ce lien n'est plus valable (il sert une seule fois, pendant une heure). Demandez-en un nouveau."]);
  });
});

describe("period reports", () => {
  it("a report sent twice: 409, the sentence above the form, one revision only", async () => {
    const { id } = createReport({ ctx: ctxFor(facilitator.id, group.id), input: NewReportSchema.parse({ periodKind: "quarter", periodKey: "2026-Q1" }) });
    const url = `http://localhost/g/${group.id}/evaluation/reports/${id}`;
    const fields = { intent: "submit", highlights: "Un trimestre de repas partagés.", difficulties: "", story: "" };
    expect(statusOf(await reportPage.action(args(post(facilitator.id, url, fields), { groupId: group.id, reportId: id })))).toBe(302);
    const again = await reportPage.action(args(post(facilitator.id, url, { ...fields, highlights: "Encore" }), { groupId: group.id, reportId: id }));
    expect(statusOf(again)).toBe(409);
    const reply = dataOf<Reply>(again);
    expect(reply.error[""]).toEqual(["Ce rapport a déjà été envoyé : envoyez une correction."]);
    expect(reply.initialValue).toMatchObject({ highlights: "Encore" });
    expect(db.select().from(reportRevisions).where(eq(reportRevisions.reportId, id)).all()).toHaveLength(1);
  });
});

describe("meetings", () => {
  it("a meeting on a past date: the events module's sentence under the date, the title kept, nothing written", async () => {
    const r = await newMeetingPage.action(
      args(
        post(facilitator.id, `http://localhost/g/${group.id}/meetings/new`, {
          intent: "create",
          title: "Assemblée d'hier",
          date: inDays(-2),
          startTime: "18:30",
          endTime: "20:00",
          placeText: "Salle",
        }),
        { groupId: group.id },
      ),
    );
    expect(statusOf(r)).toBe(400);
    const reply = dataOf<{ fieldErrors: Record<string, string[]>; fields: Record<string, string> }>(r);
    expect(reply.fieldErrors.date).toEqual(["Cette date est déjà passée : choisissez une date à venir."]);
    expect(reply.fields.title).toBe("Assemblée d'hier");
    expect(db.select().from(meetings).all()).toHaveLength(0);
  });

  it("a decision adopting a charter version the charter refuses: the charter's sentence for the form, no decision", async () => {
    const ctx = ctxFor(facilitator.id, group.id);
    const draft = createDraft({ ctx });
    if (!draft.ok) throw new Error("expected a draft");
    editDraft({ ctx, versionId: draft.id, input: { intent: "add", title: "La salle commune", body: "Ouverte à tous jusqu'à 22 h." } });
    proposeVersion({ ctx, versionId: draft.id });
    const created = createMeeting({
      ctx,
      input: { title: "AG", description: "", date: inDays(20), startTime: "18:30", endTime: "20:00", placeText: "Salle" },
    });
    if (!created.ok) throw new Error("expected a meeting");
    const url = `http://localhost/g/${group.id}/meetings/${created.meetingId}/run`;
    // The meeting's day is ahead: the charter refuses an adoption dated in the future.
    const r = await runPage.action(
      args(
        post(facilitator.id, url, {
          intent: "decision",
          text: "La charte version 1 est adoptée",
          method: "consensus",
          result: "adopted",
          charterVersionId: draft.id,
        }),
        { groupId: group.id, meetingId: created.meetingId },
      ),
    );
    expect(statusOf(r)).toBe(400);
    const reply = dataOf<{ formErrors: string[]; fieldErrors: Record<string, string[]>; fields: Record<string, string> }>(r);
    expect(reply.formErrors).toEqual(["Cette date est dans le futur."]);
    expect(reply.fieldErrors).toEqual({});
    expect(reply.fields.text).toBe("La charte version 1 est adoptée");
    expect(db.select().from(meetingDecisions).where(eq(meetingDecisions.meetingId, created.meetingId)).all()).toHaveLength(0);
  });
});
