import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { flushMail } from "~/modules/mail/outbox.server";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { households, invitations, memberships, persons, users } from "~db/schema";
import { hashToken } from "~/modules/auth/session.server";
import {
  acceptInvitationAsUser,
  acceptInvitationWithNewAccount,
  createInvitation,
  findInvitation,
  revokeInvitation,
} from "~/modules/groups/invitations.server";
import { ctxFor, makeGroup, makeHousehold, makeMember, thrownResponseAsync } from "../fixtures";

const group = makeGroup("Les Tilleuls");
const other = makeGroup("Villa Passerelle");
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const resident = makeMember({ groupId: group.id, householdId: makeHousehold(group.id).id });

async function tokenFromMail(to: string) {
  await flushMail();
  const dir = process.env.OUTBOX_DIR!;
  const file = fs
    .readdirSync(dir)
    .filter((f) => f.includes(to))
    .sort()
    .at(-1);
  if (!file) throw new Error(`no mail to ${to}`);
  return /invite\/([a-z0-9]+)/.exec(fs.readFileSync(path.join(dir, file), "utf8").replace(/=\r?\n/g, ""))![1];
}

const invite = (email: string, extra: Partial<{ role: "resident" | "facilitator" | "group_admin"; householdId: string }> = {}) =>
  createInvitation({ ctx: ctxFor(facilitator.id, group.id), input: { email, role: "resident", ...extra }, lang: "fr" });

describe("invitations", () => {
  it("invite → mail → new account joins a new household and lands in the group", async () => {
    const r = await invite("amina.diallo@exemple.fr");
    expect(r.ok).toBe(true);
    const token = await tokenFromMail("amina.diallo@exemple.fr");
    expect(
      db
        .select()
        .from(invitations)
        .where(eq(invitations.tokenHash, hashToken(token)))
        .get(),
    ).toBeTruthy();
    expect(db.select().from(invitations).where(eq(invitations.tokenHash, token)).get()).toBeUndefined();

    const accepted = await acceptInvitationWithNewAccount({ token, name: "Amina Diallo", password: "mon jardin en fleurs", locale: "fr" });
    expect(accepted).toMatchObject({ ok: true, groupId: group.id });
    const user = db.select().from(users).where(eq(users.email, "amina.diallo@exemple.fr")).get()!;
    const membership = db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, user.id), eq(memberships.groupId, group.id)))
      .get()!;
    expect(membership.role).toBe("resident");
    expect(db.select().from(households).where(eq(households.id, membership.householdId!)).get()!.name).toBe("Foyer Diallo");
    expect(db.select().from(persons).where(eq(persons.userId, user.id)).get()).toMatchObject({ firstName: "Amina", lastName: "Diallo" });

    // Single use.
    expect(findInvitation(token)).toBeNull();
    expect((await acceptInvitationWithNewAccount({ token, name: "Autre", password: "mon jardin en fleurs", locale: "fr" })).ok).toBe(false);
  });

  it("joins an existing household when one is chosen", async () => {
    const household = makeHousehold(group.id, "Foyer Benali");
    await invite("karim.benali@exemple.fr", { householdId: household.id });
    const res = await acceptInvitationWithNewAccount({
      token: await tokenFromMail("karim.benali@exemple.fr"),
      name: "Karim Benali",
      password: "une phrase de passe",
      locale: "en",
    });
    expect(res.ok).toBe(true);
    const user = db.select().from(users).where(eq(users.email, "karim.benali@exemple.fr")).get()!;
    expect(user.locale).toBe("en");
    expect(db.select().from(memberships).where(eq(memberships.userId, user.id)).get()!.householdId).toBe(household.id);
  });

  it("refuses a weak password and writes nothing", async () => {
    await invite("faible@exemple.fr");
    const token = await tokenFromMail("faible@exemple.fr");
    expect(await acceptInvitationWithNewAccount({ token, name: "F", password: "faible@exemple.fr", locale: "fr" })).toMatchObject({
      ok: false,
      problems: [{ code: "password_is_email", field: "password" }],
    });
    expect(db.select().from(users).where(eq(users.email, "faible@exemple.fr")).get()).toBeUndefined();
    expect(findInvitation(token)).not.toBeNull();
  });

  it("accepts only one of two simultaneous submissions", async () => {
    await invite("double@exemple.fr");
    const token = await tokenFromMail("double@exemple.fr");
    const results = await Promise.all([
      acceptInvitationWithNewAccount({ token, name: "Double Un", password: "une phrase de passe", locale: "fr" }),
      acceptInvitationWithNewAccount({ token, name: "Double Deux", password: "une phrase de passe", locale: "fr" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(db.select().from(users).where(eq(users.email, "double@exemple.fr")).all()).toHaveLength(1);
  });

  it("expires after 14 days and can be revoked", async () => {
    await invite("tard@exemple.fr");
    const token = await tokenFromMail("tard@exemple.fr");
    db.update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(invitations.tokenHash, hashToken(token)))
      .run();
    expect(findInvitation(token)).toBeNull();
    const r = await invite("annule@exemple.fr");
    if (!r.ok) throw new Error("invite failed");
    revokeInvitation({ ctx: ctxFor(facilitator.id, group.id), invitationId: r.invitationId });
    expect(findInvitation(await tokenFromMail("annule@exemple.fr"))).toBeNull();
  });

  it("lets an existing account join a second group with the invited email only", async () => {
    const otherFacilitator = makeMember({ groupId: other.id, role: "facilitator" });
    await createInvitation({ ctx: ctxFor(otherFacilitator.id, other.id), input: { email: resident.email, role: "resident" }, lang: "fr" });
    const token = await tokenFromMail(resident.email);
    expect(acceptInvitationAsUser({ token, user: { id: facilitator.id, email: facilitator.email, name: "x" } }).ok).toBe(false);
    expect(acceptInvitationAsUser({ token, user: { id: resident.id, email: resident.email, name: resident.name } })).toMatchObject({
      ok: true,
      groupId: other.id,
    });
  });

  it("refuses what the inviter may not do", async () => {
    expect(await invite(resident.email)).toMatchObject({ ok: false, problems: [{ code: "already_member", field: "email" }] });
    expect(await invite("chef@exemple.fr", { role: "group_admin" })).toMatchObject({ ok: false, problems: [{ code: "role_not_allowed", field: "role" }] });
    const foreign = makeHousehold(other.id);
    expect(await invite("x@exemple.fr", { householdId: foreign.id })).toMatchObject({
      ok: false,
      problems: [{ code: "household_not_found", field: "householdId" }],
    });
    const res = await thrownResponseAsync(() =>
      createInvitation({ ctx: ctxFor(resident.id, group.id), input: { email: "y@exemple.fr", role: "resident" }, lang: "fr" }),
    );
    expect(res.status).toBe(403);
  });
});
