// Special-category data (disability, insertion support) and birth years belong to the household itself and to
// the roles that need them (issue 16, item 5): a neighbour sees them only where the person chose to show them.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { auditLog, households, persons } from "~db/schema";
import { createSession, SESSION_COOKIE } from "~/modules/auth/session.server";
import { can } from "~/modules/access/access.server";
import { todayIn } from "~/modules/core/dates";
import { getHousehold, listDirectory, recordDeparture, updatePersonPrivacy } from "~/modules/households/households.server";
import { PersonPrivacySchema } from "~/modules/households/schemas";
import * as householdPage from "~/routes/g.$groupId.households.$householdId._index";
import * as privacyPage from "~/routes/g.$groupId.households.$householdId.persons.$personId_.privacy";
import { ctxFor, makeGroup, makeHousehold, makeMember, requestAs, thrownResponse, thrownResponseAsync } from "../fixtures";

const group = makeGroup("Les Tilleuls");
const other = makeGroup("Villa Passerelle");
const leroy = makeHousehold(group.id, "Foyer Leroy");
const benali = makeHousehold(group.id, "Foyer Benali");
const camille = makeMember({ groupId: group.id, householdId: leroy.id });
const karim = makeMember({ groupId: group.id, householdId: benali.id });
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const admin = makeMember({ groupId: group.id, role: "group_admin" });
const supportWorker = makeMember({ groupId: group.id, role: "support_worker" });
const outsider = makeMember({ groupId: other.id, householdId: makeHousehold(other.id).id });
// Camille's own person row (made by makeMember), with a birth year and a disability; and her son.
const camillePerson = db.select().from(persons).where(eq(persons.userId, camille.id)).get()!;
db.update(persons)
  .set({ firstName: "Camille", birthYear: 1961, tags: ["senior", "disability"] })
  .where(eq(persons.id, camillePerson.id))
  .run();
db.insert(persons)
  .values({ groupId: group.id, householdId: leroy.id, firstName: "Théo", birthYear: 2004, tags: ["young_adult_insertion", "student"] })
  .returning()
  .get();

const membersSeenBy = (userId: string) => getHousehold({ ctx: ctxFor(userId, group.id), householdId: leroy.id }).members;
const u = (path: string) => `http://localhost/g/${group.id}/households/${leroy.id}${path}`;
const args = <P extends Record<string, string>>(request: Request, params: P) => ({ request, params, context: {} as never });
function postAs(userId: string, url: string, fields: Record<string, string>) {
  const { token } = createSession(userId);
  return new Request(url, {
    method: "POST",
    headers: { Cookie: `${SESSION_COOKIE}=${token}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}
const privacyParams = { groupId: group.id, householdId: leroy.id, personId: camillePerson.id };

describe("another household's page", () => {
  it("a plain resident sees names and the tags that are not special-category, no birth year, no disability, no insertion support", () => {
    const seen = membersSeenBy(karim.id);
    expect(seen.map((p) => p.firstName).sort()).toEqual(["Camille", "Théo"]);
    for (const p of seen) {
      expect(p.birthYear).toBeNull();
      expect(p.ageBand).toBeNull();
    }
    expect(seen.find((p) => p.firstName === "Camille")!.tags).toEqual(["senior"]);
    expect(seen.find((p) => p.firstName === "Théo")!.tags).toEqual(["student"]);
    // What the page sends to the browser, not only what it shows.
    const page = householdPage.loader(args(requestAs(karim.id, u("")), { groupId: group.id, householdId: leroy.id }));
    const sent = JSON.stringify(page);
    expect(sent).not.toContain("disability");
    expect(sent).not.toContain("young_adult_insertion");
    expect(sent).not.toContain("1961");
  });

  it("the household itself, facilitators, group admins and support workers see everything", () => {
    for (const who of [camille, facilitator, admin, supportWorker]) {
      const seen = membersSeenBy(who.id);
      expect(seen.find((p) => p.firstName === "Camille")).toMatchObject({ birthYear: 1961, tags: ["senior", "disability"] });
      expect(seen.find((p) => p.firstName === "Théo")).toMatchObject({ birthYear: 2004, tags: ["young_adult_insertion", "student"] });
    }
    expect(can(ctxFor(karim.id, group.id), "household:read:sensitive")).toBe(false);
  });

  it("the directory gives a resident no birth year and no profile tags", () => {
    const directory = listDirectory({ ctx: ctxFor(karim.id, group.id) });
    const sent = JSON.stringify(directory.find((h) => h.id === leroy.id));
    expect(sent).toContain("Camille");
    expect(sent).not.toContain("1961");
    expect(sent).not.toContain("disability");
  });

  it("another group's member and a departed member get 404", () => {
    expect(thrownResponse(() => householdPage.loader(args(requestAs(outsider.id, u("")), { groupId: group.id, householdId: leroy.id }))).status).toBe(404);
    const gone = makeHousehold(group.id, "Foyer Parti");
    const former = makeMember({ groupId: group.id, householdId: gone.id });
    recordDeparture({ ctx: ctxFor(facilitator.id, group.id), householdId: gone.id, input: { departureDate: todayIn("Europe/Paris"), destination: "family" } });
    expect(thrownResponse(() => householdPage.loader(args(requestAs(former.id, u("")), { groupId: group.id, householdId: leroy.id }))).status).toBe(404);
  });
});

describe("what the group may see: a setting per person", () => {
  it("shows an age band, or the birth year, and the special-category tags only once the person chose to", () => {
    const ctx = ctxFor(camille.id, group.id);
    updatePersonPrivacy({ ctx, householdId: leroy.id, personId: camillePerson.id, input: { birthYear: "age_band", sensitiveTags: false } });
    expect(membersSeenBy(karim.id).find((p) => p.firstName === "Camille")).toMatchObject({ birthYear: null, ageBand: "60_74", tags: ["senior"] });

    updatePersonPrivacy({ ctx, householdId: leroy.id, personId: camillePerson.id, input: { birthYear: "year", sensitiveTags: true } });
    expect(membersSeenBy(karim.id).find((p) => p.firstName === "Camille")).toMatchObject({ birthYear: 1961, tags: ["senior", "disability"] });
    // Théo's own choice is still the default: nothing of his shown.
    expect(membersSeenBy(karim.id).find((p) => p.firstName === "Théo")).toMatchObject({ birthYear: null, ageBand: null, tags: ["student"] });
    expect(db.select().from(auditLog).where(eq(auditLog.entityId, camillePerson.id)).all().at(-1)).toMatchObject({ action: "privacy", userId: camille.id });

    updatePersonPrivacy({ ctx, householdId: leroy.id, personId: camillePerson.id, input: { birthYear: "hidden", sensitiveTags: false } });
  });

  it("is the household's to set: a neighbour and a facilitator get 403, another group 404", () => {
    const input = { birthYear: "year" as const, sensitiveTags: true };
    expect(
      thrownResponse(() => updatePersonPrivacy({ ctx: ctxFor(karim.id, group.id), householdId: leroy.id, personId: camillePerson.id, input })).status,
    ).toBe(403);
    expect(
      thrownResponse(() => updatePersonPrivacy({ ctx: ctxFor(facilitator.id, group.id), householdId: leroy.id, personId: camillePerson.id, input })).status,
    ).toBe(403);
    expect(
      thrownResponse(() => updatePersonPrivacy({ ctx: ctxFor(outsider.id, other.id), householdId: leroy.id, personId: camillePerson.id, input })).status,
    ).toBe(404);
    expect(db.select().from(persons).where(eq(persons.id, camillePerson.id)).get()).toMatchObject({
      birthYearVisibility: "hidden",
      sensitiveTagsVisible: false,
    });
  });

  it("works as a plain form: a bad value is answered by its field with status 400, a good one saved with a toast", async () => {
    expect(privacyPage.loader(args(requestAs(camille.id, u(`/persons/${camillePerson.id}/privacy`)), privacyParams)).person).toMatchObject({
      firstName: "Camille",
      birthYearVisibility: "hidden",
      sensitiveTagsVisible: false,
    });
    const bad = (await privacyPage.action(args(postAs(camille.id, u(`/persons/${camillePerson.id}/privacy`), { birthYear: "everyone" }), privacyParams))) as {
      data: { error?: Record<string, string[] | null> };
      init: { status: number };
    };
    expect(bad.init.status).toBe(400);
    expect(bad.data.error?.birthYear).toEqual(["errors.invalid"]);

    const saved = (await privacyPage.action(
      args(postAs(camille.id, u(`/persons/${camillePerson.id}/privacy`), { birthYear: "age_band" }), privacyParams),
    )) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toContain(`/g/${group.id}/households/${leroy.id}`);
    expect(db.select().from(persons).where(eq(persons.id, camillePerson.id)).get()).toMatchObject({
      birthYearVisibility: "age_band",
      sensitiveTagsVisible: false,
    });

    expect(
      (await thrownResponseAsync(async () => privacyPage.loader(args(requestAs(karim.id, u(`/persons/${camillePerson.id}/privacy`)), privacyParams)))).status,
    ).toBe(403);
    expect(
      (await thrownResponseAsync(async () => privacyPage.loader(args(requestAs(outsider.id, u(`/persons/${camillePerson.id}/privacy`)), privacyParams))))
        .status,
    ).toBe(404);
  });

  it("keeps special-category data private by default for a new person", () => {
    const row = db
      .insert(persons)
      .values({ groupId: group.id, householdId: benali.id, firstName: "Nour", birthYear: 1990, tags: ["disability"] })
      .returning()
      .get();
    expect(row).toMatchObject({ birthYearVisibility: "hidden", sensitiveTagsVisible: false });
    expect(PersonPrivacySchema.safeParse({ birthYear: "hidden" }).data).toEqual({ birthYear: "hidden", sensitiveTags: false });
    expect(db.select().from(households).where(eq(households.id, benali.id)).get()).toBeTruthy();
  });
});
