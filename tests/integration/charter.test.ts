// The charter module on a real database: who may change a version's state, one version in force per group,
// adoption by a meeting decision, comments, signatures (online, again after a new version, on paper), the
// figures the evaluation reads, bad input refused with nothing written, and other groups' ids answering 404.
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { auditLog, charterArticles, charterComments, charterSignatures, charterVersions, households, memberships, persons } from "~db/schema";
import { addComment } from "~/modules/charter/comments.server";
import {
  adoptCharterVersion,
  compareVersions,
  deleteDraft,
  getCharterHome,
  getCharterPage,
  getVersion,
  listProposedCharterVersions,
  listVersions,
  proposeVersion,
  withdrawVersion,
} from "~/modules/charter/versions.server";
import { charterFigures } from "~/modules/charter/figures.server";
import { createDraft, editDraft } from "~/modules/charter/drafts.server";
import { listSignatures, recordPaperSignature, signCharter } from "~/modules/charter/signatures.server";
import { todayIn } from "~/modules/core/dates";
import { ctxFor, makeGroup, makeHousehold, makeMember, thrownResponse } from "../fixtures";
import { scopeForJob } from "~/modules/access/scope.server";

const group = makeGroup("Les Tilleuls");
const other = makeGroup("Villa Passerelle");
const marchand = makeHousehold(group.id, "Foyer Marchand");
const benali = makeHousehold(group.id, "Foyer Benali");
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const admin = makeMember({ groupId: group.id, role: "group_admin" });
const supportWorker = makeMember({ groupId: group.id, role: "support_worker" });
const jeanne = makeMember({ groupId: group.id, householdId: marchand.id });
const karim = makeMember({ groupId: group.id, householdId: benali.id });
const outsider = makeMember({ groupId: other.id, role: "facilitator", householdId: makeHousehold(other.id).id });

const fac = () => ctxFor(facilitator.id, group.id);
const outsiderPerson = () => db.select({ id: memberships.personId }).from(memberships).where(eq(memberships.userId, outsider.id)).get()!.id!;
const res = (userId = jeanne.id) => ctxFor(userId, group.id);
const personOf = (userId: string) => db.select({ id: memberships.personId }).from(memberships).where(eq(memberships.userId, userId)).get()!.id!;
const today = todayIn("Europe/Paris");
const auditCount = () => db.select({ n: count() }).from(auditLog).where(eq(auditLog.groupId, group.id)).get()!.n;
const statusOf = (id: string) => db.select({ s: charterVersions.status }).from(charterVersions).where(eq(charterVersions.id, id)).get()!.s;

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

let v1 = "";
let v2 = "";

describe("versions and their states", () => {
  it("a facilitator writes a first draft, proposes it, withdraws it, proposes it again and adopts it", () => {
    expect(getCharterPage({ ctx: res() }).inForce).toBeNull();
    const { id } = ok(createDraft({ ctx: fac() }));
    v1 = id;
    // Nothing to copy: the first draft is empty, and cannot be proposed empty.
    expect(proposeVersion({ ctx: fac(), versionId: id })).toMatchObject({ ok: false, problems: [{ code: "no_articles" }] });
    ok(editDraft({ ctx: fac(), versionId: id, input: { intent: "add", title: "Vivre ensemble", body: "Nous nous saluons." } }));
    ok(editDraft({ ctx: fac(), versionId: id, input: { intent: "add", title: "Bruit", body: "Calme après 22 h." } }));
    ok(editDraft({ ctx: fac(), versionId: id, input: { intent: "add", title: "Animaux", body: "Chiens en laisse." } }));
    ok(editDraft({ ctx: fac(), versionId: id, input: { intent: "title", title: "Charte des Tilleuls" } }));
    ok(proposeVersion({ ctx: fac(), versionId: id }));
    // Proposed: no more edits.
    expect(editDraft({ ctx: fac(), versionId: id, input: { intent: "title", title: "Autre" } })).toMatchObject({
      ok: false,
      problems: [{ code: "not_allowed" }],
    });
    ok(withdrawVersion({ ctx: fac(), versionId: id }));
    expect(statusOf(id)).toBe("draft");
    ok(proposeVersion({ ctx: fac(), versionId: id }));
    expect(listProposedCharterVersions({ ctx: res() })).toEqual([{ id, number: 1, title: "Charte des Tilleuls" }]);
    ok(adoptCharterVersion({ ctx: fac(), versionId: id, adoptedOn: "2025-01-15" }));
    expect(statusOf(id)).toBe("adopted");
    expect(listProposedCharterVersions({ ctx: res() })).toEqual([]);
    const page = getCharterPage({ ctx: res() });
    expect(page.inForce).toMatchObject({ id, number: 1, adoptedOn: "2025-01-15" });
    expect(page.inForce!.articles.map((a) => a.title)).toEqual(["Vivre ensemble", "Bruit", "Animaux"]);
    // Adopted: no way back, nothing more to do.
    expect(withdrawVersion({ ctx: fac(), versionId: id })).toMatchObject({ ok: false, problems: [{ code: "not_allowed" }] });
    expect(getVersion({ ctx: fac(), versionId: id }).actions).toEqual([]);
  });

  it("residents and support workers may not manage the charter (403); a resident does not see drafts", () => {
    const draft = ok(createDraft({ ctx: fac() })).id;
    for (const ctx of [res(), ctxFor(supportWorker.id, group.id)]) {
      expect(thrownResponse(() => createDraft({ ctx })).status).toBe(403);
      expect(thrownResponse(() => editDraft({ ctx, versionId: draft, input: { intent: "title", title: "x" } })).status).toBe(403);
      expect(thrownResponse(() => proposeVersion({ ctx, versionId: draft })).status).toBe(403);
      expect(thrownResponse(() => deleteDraft({ ctx, versionId: draft })).status).toBe(403);
      expect(thrownResponse(() => adoptCharterVersion({ ctx, versionId: draft, adoptedOn: today })).status).toBe(403);
      expect(thrownResponse(() => getVersion({ ctx, versionId: draft })).status).toBe(403);
      expect(listVersions({ ctx }).map((v) => v.id)).not.toContain(draft);
    }
    expect(statusOf(draft)).toBe("draft");
    // A second draft while one is being prepared: refused.
    expect(createDraft({ ctx: fac() })).toMatchObject({ ok: false, problems: [{ code: "in_progress_exists" }] });
    ok(deleteDraft({ ctx: fac(), versionId: draft }));
    expect(db.select().from(charterVersions).where(eq(charterVersions.id, draft)).get()).toBeUndefined();
    expect(db.select().from(charterArticles).where(eq(charterArticles.versionId, draft)).all()).toEqual([]);
  });

  it("a new draft copies the version in force with the same article keys; edits, moves and removals stay in the draft", () => {
    const { id } = ok(createDraft({ ctx: fac() }));
    const copy = db.select().from(charterArticles).where(eq(charterArticles.versionId, id)).orderBy(charterArticles.position).all();
    const original = db.select().from(charterArticles).where(eq(charterArticles.versionId, v1)).orderBy(charterArticles.position).all();
    expect(copy.map((a) => [a.key, a.title, a.body])).toEqual(original.map((a) => [a.key, a.title, a.body]));
    const [living, noise, pets] = copy;
    ok(editDraft({ ctx: fac(), versionId: id, input: { intent: "save", articleId: noise.id, title: "Bruit et heures calmes", body: "Calme après 22 h 30." } }));
    ok(editDraft({ ctx: fac(), versionId: id, input: { intent: "remove", articleId: pets.id } }));
    ok(editDraft({ ctx: fac(), versionId: id, input: { intent: "add", title: "Conflits", body: "On se parle d'abord." } }));
    ok(editDraft({ ctx: fac(), versionId: id, input: { intent: "up", articleId: noise.id } }));
    const after = getVersion({ ctx: fac(), versionId: id }).articles;
    expect(after.map((a) => [a.number, a.title])).toEqual([
      [1, "Bruit et heures calmes"],
      [2, "Vivre ensemble"],
      [3, "Conflits"],
    ]);
    expect(after[1].key).toBe(living.key);
    // The version in force did not move.
    expect(getVersion({ ctx: res(), versionId: v1 }).articles.map((a) => a.title)).toEqual(["Vivre ensemble", "Bruit", "Animaux"]);
    // An article of another version is not this draft's.
    expect(editDraft({ ctx: fac(), versionId: id, input: { intent: "remove", articleId: original[0].id } })).toMatchObject({
      ok: false,
      problems: [{ code: "article_unknown" }],
    });
    ok(proposeVersion({ ctx: fac(), versionId: id }));
    v2 = id;

    const cmp = compareVersions({ ctx: res(), fromId: v1, toId: v2 });
    expect(cmp.counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    expect(cmp.articles.find((a) => a.change === "changed")!.body.some((p) => p.kind === "added" && p.value.includes("30"))).toBe(true);
  });
});

describe("comments", () => {
  it("residents comment on a proposed version, per article or overall; not on an unknown article", () => {
    const key = getVersion({ ctx: res(), versionId: v2 }).articles[0].key;
    ok(addComment({ ctx: res(), versionId: v2, articleKey: key, body: "22 h 30, c'est tard en semaine." }));
    ok(addComment({ ctx: res(karim.id), versionId: v2, articleKey: null, body: "Merci pour ce travail." }));
    expect(addComment({ ctx: res(), versionId: v2, articleKey: "nope", body: "?" })).toMatchObject({
      ok: false,
      problems: [{ code: "article_unknown", field: "articleKey" }],
    });
    const comments = getVersion({ ctx: fac(), versionId: v2 }).comments;
    expect(comments.map((c) => [c.articleKey, c.body])).toEqual([
      [key, "22 h 30, c'est tard en semaine."],
      [null, "Merci pour ce travail."],
    ]);
    expect(thrownResponse(() => addComment({ ctx: ctxFor(supportWorker.id, group.id), versionId: v2, articleKey: null, body: "x" })).status).toBe(403);
  });

  it("a facilitator notes a resident's words (said at a meeting); the resident stays the author; removing the person keeps the words", () => {
    const said = db
      .insert(persons)
      .values({ groupId: group.id, householdId: benali.id, firstName: "Fatima", lastName: "Benali", birthYear: 1950 })
      .returning()
      .get();
    ok(addComment({ ctx: fac(), versionId: v2, articleKey: null, body: "Je suis d'accord avec tout.", onBehalfOf: said.id }));
    expect(getVersion({ ctx: res(), versionId: v2 }).comments.at(-1)).toMatchObject({ authorName: "Fatima Benali", notedByName: facilitator.name });
    // Only facilitators note for someone else; a person of another group is not found.
    expect(thrownResponse(() => addComment({ ctx: res(karim.id), versionId: v2, articleKey: null, body: "x", onBehalfOf: said.id })).status).toBe(403);
    expect(thrownResponse(() => addComment({ ctx: fac(), versionId: v2, articleKey: null, body: "x", onBehalfOf: outsiderPerson() })).status).toBe(404);
    db.delete(persons).where(eq(persons.id, said.id)).run();
    const kept = db.select().from(charterComments).where(eq(charterComments.body, "Je suis d'accord avec tout.")).get()!;
    expect(kept.personId).toBeNull();
    db.delete(charterComments).where(eq(charterComments.id, kept.id)).run();
  });

  it("comments close once the version is adopted", () => {
    expect(addComment({ ctx: res(), versionId: v1, articleKey: null, body: "Trop tard ?" })).toMatchObject({
      ok: false,
      problems: [{ code: "comments_closed" }],
    });
  });
});

describe("signatures", () => {
  it("a resident signs the version in force once; Home stops asking; a double submit writes one row", () => {
    expect(getCharterHome({ ctx: res() }).toSign).toMatchObject({ id: v1, number: 1, firstVersion: true });
    expect(getCharterHome({ ctx: res() }).proposed).toMatchObject({ id: v2, number: 2 });
    const first = ok(signCharter({ ctx: res() }));
    const second = ok(signCharter({ ctx: res() }));
    expect([first.already, second.already]).toEqual([false, true]);
    expect(
      db
        .select()
        .from(charterSignatures)
        .where(eq(charterSignatures.personId, personOf(jeanne.id)))
        .all(),
    ).toHaveLength(1);
    expect(getCharterHome({ ctx: res() }).toSign).toBeNull();
    expect(getCharterPage({ ctx: res() }).sign).toMatchObject({ canSign: false, signature: { method: "online", signedOn: today } });
  });

  it("a member without a person (the facilitator) is not asked; a child is not asked", () => {
    expect(getCharterHome({ ctx: fac() }).toSign).toBeNull();
    expect(signCharter({ ctx: fac() })).toMatchObject({ ok: false, problems: [{ code: "no_person" }] });
    const young = makeMember({ groupId: group.id, householdId: marchand.id });
    db.update(persons)
      .set({ birthYear: Number(today.slice(0, 4)) - 12 })
      .where(eq(persons.id, personOf(young.id)))
      .run();
    expect(getCharterHome({ ctx: res(young.id) }).toSign).toBeNull();
    expect(signCharter({ ctx: res(young.id) })).toMatchObject({ ok: false, problems: [{ code: "not_adult" }] });
    db.delete(memberships).where(eq(memberships.userId, young.id)).run();
    db.delete(persons).where(eq(persons.userId, young.id)).run();
  });

  it("adopting a new version supersedes the old one, stores the decision, and asks everyone to sign again", () => {
    expect(adoptCharterVersion({ ctx: fac(), versionId: v2, adoptedOn: "2024-12-31" })).toMatchObject({
      ok: false,
      problems: [{ code: "adopted_before_current", field: "adoptedOn" }],
    });
    ok(adoptCharterVersion({ ctx: ctxFor(admin.id, group.id), versionId: v2, adoptedOn: today, decisionId: "decision-42" }));
    const rows = db.select().from(charterVersions).where(eq(charterVersions.groupId, group.id)).orderBy(charterVersions.number).all();
    expect(rows.map((r) => [r.number, r.status, r.adoptedOn, r.supersededOn, r.adoptedDecisionId])).toEqual([
      [1, "superseded", "2025-01-15", today, null],
      [2, "adopted", today, null, "decision-42"],
    ]);
    const audit = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.groupId, group.id), eq(auditLog.entity, "charter_version")))
      .all();
    expect(audit.filter((a) => a.action === "supersede" && a.entityId === v1)).toHaveLength(1);
    expect(audit.filter((a) => a.action === "adopt" && a.entityId === v2)[0].details).toMatchObject({ decisionId: "decision-42", replaces: 1 });

    expect(getCharterHome({ ctx: res() }).toSign).toMatchObject({ id: v2, number: 2, firstVersion: false });
    ok(signCharter({ ctx: res() }));
    expect(getCharterHome({ ctx: res() }).toSign).toBeNull();
    expect(
      db
        .select()
        .from(charterSignatures)
        .where(eq(charterSignatures.personId, personOf(jeanne.id)))
        .all()
        .map((s) => s.versionId)
        .sort(),
    ).toEqual([v1, v2].sort());
  });

  it("one version in force per group: the database refuses a second one even outside the module", () => {
    expect(() => db.insert(charterVersions).values({ groupId: group.id, number: 99, title: "Pirate", status: "adopted", adoptedOn: today }).run()).toThrow(
      /UNIQUE/,
    );
    expect(() =>
      db
        .insert(charterSignatures)
        .values({ groupId: group.id, versionId: v2, personId: personOf(jeanne.id), method: "paper", signedOn: today })
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it("a facilitator records a paper signature for an adult without an account, with who and when", () => {
    const grandpa = db.insert(persons).values({ groupId: group.id, householdId: benali.id, firstName: "Ahmed", birthYear: 1948 }).returning().get();
    const child = db
      .insert(persons)
      .values({ groupId: group.id, householdId: benali.id, firstName: "Lina", birthYear: Number(today.slice(0, 4)) - 9 })
      .returning()
      .get();
    const before = auditCount();
    expect(recordPaperSignature({ ctx: fac(), input: { personId: child.id, signedOn: today } })).toMatchObject({
      ok: false,
      problems: [{ code: "not_adult" }],
    });
    expect(recordPaperSignature({ ctx: fac(), input: { personId: grandpa.id, signedOn: "2020-01-01" } })).toMatchObject({
      ok: false,
      problems: [{ code: "signed_before_adoption", field: "signedOn" }],
    });
    expect(recordPaperSignature({ ctx: fac(), input: { personId: grandpa.id, signedOn: "2999-01-01" } })).toMatchObject({
      ok: false,
      problems: [{ code: "date_in_future" }],
    });
    expect(recordPaperSignature({ ctx: fac(), input: { personId: personOf(jeanne.id), signedOn: today } })).toMatchObject({
      ok: false,
      problems: [{ code: "already_signed" }],
    });
    expect(auditCount()).toBe(before);
    expect(thrownResponse(() => recordPaperSignature({ ctx: res(), input: { personId: grandpa.id, signedOn: today } })).status).toBe(403);
    ok(recordPaperSignature({ ctx: fac(), input: { personId: grandpa.id, signedOn: today } }));
    const sig = db.select().from(charterSignatures).where(eq(charterSignatures.personId, grandpa.id)).get()!;
    expect(sig).toMatchObject({ versionId: v2, method: "paper", signedOn: today, userId: facilitator.id });

    const list = listSignatures({ ctx: fac() });
    const benaliRow = list.households.find((h) => h.id === benali.id)!;
    expect(benaliRow.persons.map((p) => [p.firstName, p.signedOn !== null, p.method])).toEqual([
      ["Ahmed", true, "paper"],
      [expect.stringMatching(/^Personne/), false, null],
    ]);
    expect(benaliRow.persons[0].recordedByName).toBe(facilitator.name);
    expect(list.households.flatMap((h) => h.persons.map((p) => p.firstName))).not.toContain("Lina");
    expect(thrownResponse(() => listSignatures({ ctx: res() })).status).toBe(403);
  });
});

describe("another group", () => {
  it("answers 404 for a version, an adoption, a comparison, a paper signature of another group", () => {
    const ctx = ctxFor(outsider.id, other.id);
    expect(thrownResponse(() => getVersion({ ctx, versionId: v2 })).status).toBe(404);
    expect(thrownResponse(() => adoptCharterVersion({ ctx, versionId: v2, adoptedOn: today })).status).toBe(404);
    expect(thrownResponse(() => compareVersions({ ctx, fromId: v1, toId: v2 })).status).toBe(404);
    expect(thrownResponse(() => recordPaperSignature({ ctx, input: { personId: personOf(jeanne.id), signedOn: today } })).status).toBe(404);
    expect(thrownResponse(() => editDraft({ ctx, versionId: v2, input: { intent: "title", title: "x" } })).status).toBe(404);
    expect(listVersions({ ctx })).toEqual([]);
    expect(getCharterHome({ ctx })).toEqual({ toSign: null, proposed: null });
  });
});

describe("charterFigures", () => {
  it("counts adults and households present on the day, and who signed the version in force that day", () => {
    const g = makeGroup("Figures");
    const facil = makeMember({ groupId: g.id, role: "facilitator" });
    const ctx = ctxFor(facil.id, g.id);
    const house = (name: string, arrivalDate: string, departureDate: string | null = null) =>
      db.insert(households).values({ groupId: g.id, name, arrivalDate, departureDate }).returning().get();
    const person = (householdId: string, firstName: string, birthYear: number | null) =>
      db.insert(persons).values({ groupId: g.id, householdId, firstName, birthYear }).returning().get();
    const a = house("A", "2020-01-01");
    const b = house("B", "2020-01-01");
    const c = house("C", "2020-01-01", "2025-03-01"); // left before the day
    const d = house("D", "2025-06-01"); // arrives after the day
    const e = house("E", "2020-01-01"); // only a child
    const a1 = person(a.id, "A1", 1970);
    const a2 = person(a.id, "A2", 1972);
    person(a.id, "A3", 2015); // child
    const b1 = person(b.id, "B1", null); // unknown birth year: counted as adult
    const c1 = person(c.id, "C1", 1960);
    const d1 = person(d.id, "D1", 1980);
    person(e.id, "E1", 2016);

    expect(charterFigures({ scope: scopeForJob(g.id), at: "2025-04-01" })).toEqual({
      versionId: null,
      versionNumber: null,
      adoptedOn: null,
      adults: 3,
      adultsSigned: 0,
      households: 2,
      householdsSigned: 0,
    });

    const draft = ok(createDraft({ ctx })).id;
    ok(editDraft({ ctx, versionId: draft, input: { intent: "add", title: "Règle", body: "" } }));
    ok(proposeVersion({ ctx, versionId: draft }));
    ok(adoptCharterVersion({ ctx, versionId: draft, adoptedOn: "2025-02-01" }));
    const sign = (personId: string, signedOn: string) =>
      db.insert(charterSignatures).values({ groupId: g.id, versionId: draft, personId, method: "paper", signedOn }).run();
    sign(a1.id, "2025-02-10");
    sign(a2.id, "2025-02-11");
    sign(c1.id, "2025-02-12"); // left since: not counted on 2025-04-01
    sign(b1.id, "2025-05-01"); // after the day
    sign(d1.id, "2025-07-01");

    expect(charterFigures({ scope: scopeForJob(g.id), at: "2025-04-01" })).toEqual({
      versionId: draft,
      versionNumber: 1,
      adoptedOn: "2025-02-01",
      adults: 3,
      adultsSigned: 2,
      households: 2,
      householdsSigned: 1,
    });
    // Before the adoption: no version in force.
    expect(charterFigures({ scope: scopeForJob(g.id), at: "2025-01-31" })).toMatchObject({ versionId: null, adults: 4, households: 3, adultsSigned: 0 });
    // Later: D arrived and signed, B1 signed.
    expect(charterFigures({ scope: scopeForJob(g.id), at: "2025-08-01" })).toMatchObject({ adults: 4, adultsSigned: 4, households: 3, householdsSigned: 3 });
    expect(charterFigures({ scope: scopeForJob(g.id) })).toMatchObject({ versionId: draft, adults: 4, adultsSigned: 4 });
    expect(thrownResponse(() => charterFigures({ scope: scopeForJob("nope") })).status).toBe(404);
  });
});

// The discussion stays on record with the version once it is adopted.
it("comments stay with the version after adoption", () => {
  expect(db.select().from(charterComments).where(eq(charterComments.versionId, v2)).all()).toHaveLength(2);
});
