// The charter pages' loaders and actions as a browser without JavaScript uses them: plain form posts,
// redirects with a toast, bad input answered 400 with a message and what was typed kept (nothing written),
// 403 for a resident on the facilitators' actions, 404 for another group.
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { auditLog, charterArticles, charterSignatures, charterVersions, persons } from "~db/schema";
import { createSession, SESSION_COOKIE } from "~/modules/auth/session.server";
import * as comparePage from "~/routes/g.$groupId.charter.compare";
import * as indexPage from "~/routes/g.$groupId.charter._index";
import * as editPage from "~/routes/g.$groupId.charter.$versionId.edit";
import * as signaturesPage from "~/routes/g.$groupId.charter.signatures";
import * as versionPage from "~/routes/g.$groupId.charter.$versionId._index";
import * as homePage from "~/routes/g.$groupId._index";
import { todayIn } from "~/modules/core/dates";
import { makeGroup, makeHousehold, makeMember, requestAs, thrownResponseAsync } from "../fixtures";

const group = makeGroup("Les Tilleuls");
const other = makeGroup("Villa Passerelle");
const h1 = makeHousehold(group.id, "Foyer Marchand");
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const jeanne = makeMember({ groupId: group.id, householdId: h1.id });
const outsider = makeMember({ groupId: other.id, householdId: makeHousehold(other.id).id });
const today = todayIn("Europe/Paris");

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
const location = (r: unknown) => (r as Response).headers.get("Location");
const u = (path = "") => `http://localhost/g/${group.id}/charter${path}`;
const auditCount = () => db.select({ n: count() }).from(auditLog).where(eq(auditLog.groupId, group.id)).get()!.n;

describe("charter pages without JavaScript", () => {
  let versionId = "";

  it("a facilitator starts a draft, adds articles (a bad one refused with its text kept), proposes and adopts it", async () => {
    const created = await indexPage.action(args(postAs(facilitator.id, u(), { intent: "new_draft" }), { groupId: group.id }));
    expect(statusOf(created)).toBe(302);
    versionId = db.select().from(charterVersions).where(eq(charterVersions.groupId, group.id)).get()!.id;
    expect(location(created)).toBe(`/g/${group.id}/charter/${versionId}/edit?toast=charter_draft_created`);

    const p = { groupId: group.id, versionId };
    const before = auditCount();
    const bad = await editPage.action(
      args(postAs(facilitator.id, u(`/${versionId}/edit`), { intent: "add", title: "  ", body: "Le texte que j'avais écrit" }), p),
    );
    expect(statusOf(bad)).toBe(400);
    const reply = dataOf<{ intent: string; fields: Record<string, string>; fieldErrors: Record<string, string[]> }>(bad);
    expect(reply.fieldErrors.title).toEqual(["Ce champ est obligatoire."]);
    expect(reply.fields.body).toBe("Le texte que j'avais écrit");
    expect(db.select().from(charterArticles).where(eq(charterArticles.versionId, versionId)).all()).toEqual([]);
    expect(auditCount()).toBe(before);

    for (const title of ["Vivre ensemble", "Bruit"]) {
      const added = await editPage.action(args(postAs(facilitator.id, u(`/${versionId}/edit`), { intent: "add", title, body: `Texte **${title}**` }), p));
      // Back to the article just added (without JavaScript the page reloads at its anchor).
      const newId = db.select().from(charterArticles).where(eq(charterArticles.title, title)).get()!.id;
      expect(location(added)).toBe(`/g/${group.id}/charter/${versionId}/edit?toast=charter_saved#edit-${newId}`);
    }
    const draft = editPage.loader(args(requestAs(facilitator.id, u(`/${versionId}/edit`)), p));
    expect(draft.editable).toBe(true);
    expect(draft.articles.map((a) => a.html)).toEqual(["<p>Texte <strong>Vivre ensemble</strong></p>\n", "<p>Texte <strong>Bruit</strong></p>\n"]);

    const proposed = await versionPage.action(args(postAs(facilitator.id, u(`/${versionId}`), { intent: "propose" }), p));
    expect(location(proposed)).toBe(`/g/${group.id}/charter/${versionId}?toast=charter_proposed`);

    // A resident comments; an empty comment is refused.
    const empty = await versionPage.action(args(postAs(jeanne.id, u(`/${versionId}`), { intent: "comment", articleKey: "", body: "" }), p));
    expect(statusOf(empty)).toBe(400);
    const commented = await versionPage.action(args(postAs(jeanne.id, u(`/${versionId}`), { intent: "comment", articleKey: "", body: "D'accord." }), p));
    expect(statusOf(commented)).toBe(302);

    // Adoption: a missing date, then a future date, are refused and nothing changes.
    const noDate = await versionPage.action(args(postAs(facilitator.id, u(`/${versionId}`), { intent: "adopt", adoptedOn: "" }), p));
    expect(statusOf(noDate)).toBe(400);
    expect(dataOf<{ fieldErrors: Record<string, string[]> }>(noDate).fieldErrors.adoptedOn).toEqual(["Ce champ est obligatoire."]);
    const future = await versionPage.action(args(postAs(facilitator.id, u(`/${versionId}`), { intent: "adopt", adoptedOn: "2999-01-01" }), p));
    expect(statusOf(future)).toBe(400);
    expect(dataOf<{ fieldErrors: Record<string, string[]>; fields: Record<string, string> }>(future)).toMatchObject({
      fieldErrors: { adoptedOn: ["Cette date est dans le futur."] },
      fields: { adoptedOn: "2999-01-01" },
    });
    expect(db.select().from(charterVersions).where(eq(charterVersions.id, versionId)).get()!.status).toBe("proposed");

    const adopted = await versionPage.action(args(postAs(facilitator.id, u(`/${versionId}`), { intent: "adopt", adoptedOn: today }), p));
    expect(location(adopted)).toBe(`/g/${group.id}/charter/${versionId}?toast=charter_adopted`);
  });

  it("a resident may not manage: 403 on every facilitator action and page", async () => {
    const p = { groupId: group.id, versionId };
    expect((await thrownResponseAsync(async () => indexPage.action(args(postAs(jeanne.id, u(), { intent: "new_draft" }), { groupId: group.id })))).status).toBe(
      403,
    );
    expect((await thrownResponseAsync(async () => versionPage.action(args(postAs(jeanne.id, u(`/${versionId}`), { intent: "withdraw" }), p)))).status).toBe(
      403,
    );
    expect((await thrownResponseAsync(async () => editPage.loader(args(requestAs(jeanne.id, u(`/${versionId}/edit`)), p)))).status).toBe(403);
    expect((await thrownResponseAsync(async () => signaturesPage.loader(args(requestAs(jeanne.id, u("/signatures")), { groupId: group.id })))).status).toBe(
      403,
    );
    expect(
      (
        await thrownResponseAsync(async () =>
          signaturesPage.action(args(postAs(jeanne.id, u("/signatures"), { personId: "x", signedOn: today }), { groupId: group.id })),
        )
      ).status,
    ).toBe(403);
  });

  it("Home asks the resident to sign; she signs from the charter page (twice: one signature); Home stops asking", async () => {
    const home = homePage.loader(args(requestAs(jeanne.id, `http://localhost/g/${group.id}`), { groupId: group.id }));
    expect(home.charter.toSign).toMatchObject({ id: versionId, number: 1 });
    const page = indexPage.loader(args(requestAs(jeanne.id, u()), { groupId: group.id }));
    expect(page.sign.canSign).toBe(true);
    expect(page.inForce!.articles).toHaveLength(2);
    for (let i = 0; i < 2; i++) {
      const signed = await indexPage.action(args(postAs(jeanne.id, u(), { intent: "sign" }), { groupId: group.id }));
      expect(location(signed)).toBe(`/g/${group.id}/charter?toast=charter_signed`);
    }
    expect(db.select().from(charterSignatures).where(eq(charterSignatures.versionId, versionId)).all()).toHaveLength(1);
    expect(homePage.loader(args(requestAs(jeanne.id, `http://localhost/g/${group.id}`), { groupId: group.id })).charter.toSign).toBeNull();
    expect(indexPage.loader(args(requestAs(jeanne.id, u()), { groupId: group.id })).sign.signature).toMatchObject({ signedOn: today, method: "online" });
  });

  it("the facilitator records a paper signature; a bad date comes back next to the field", async () => {
    const ahmed = db.insert(persons).values({ groupId: group.id, householdId: h1.id, firstName: "Ahmed", birthYear: 1950 }).returning().get();
    const bad = await signaturesPage.action(
      args(postAs(facilitator.id, u("/signatures"), { personId: ahmed.id, signedOn: "31/02/2026" }), { groupId: group.id }),
    );
    expect(statusOf(bad)).toBe(400);
    expect(dataOf<{ intent: string; fieldErrors: Record<string, string[]> }>(bad)).toMatchObject({
      intent: `paper-${ahmed.id}`,
      fieldErrors: { signedOn: ["Saisissez une date valable."] },
    });
    const ok = await signaturesPage.action(args(postAs(facilitator.id, u("/signatures"), { personId: ahmed.id, signedOn: today }), { groupId: group.id }));
    expect(location(ok)).toBe(`/g/${group.id}/charter/signatures?toast=charter_paper_recorded`);
    const again = await signaturesPage.action(args(postAs(facilitator.id, u("/signatures"), { personId: ahmed.id, signedOn: today }), { groupId: group.id }));
    expect(statusOf(again)).toBe(400);
    expect(dataOf<{ formErrors: string[] }>(again).formErrors).toEqual(["Cette personne a déjà signé cette version."]);
    const list = signaturesPage.loader(args(requestAs(facilitator.id, u("/signatures")), { groupId: group.id }));
    expect(list.figures).toMatchObject({ adults: 2, adultsSigned: 2, households: 1, householdsSigned: 1 });
  });

  it("the comparison page works with two GET parameters, and picks sensible defaults", async () => {
    const second = await indexPage.action(args(postAs(facilitator.id, u(), { intent: "new_draft" }), { groupId: group.id }));
    const draftId = location(second)!.split("/")[4];
    const article = db.select().from(charterArticles).where(eq(charterArticles.versionId, draftId)).orderBy(charterArticles.position).get()!;
    await editPage.action(
      args(postAs(facilitator.id, u(`/${draftId}/edit`), { intent: "save", articleId: article.id, title: article.title, body: "Texte **modifié**" }), {
        groupId: group.id,
        versionId: draftId,
      }),
    );
    const page = comparePage.loader(args(requestAs(facilitator.id, u(`/compare?from=${versionId}&to=${draftId}`)), { groupId: group.id }));
    expect(page.result!.counts).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 1 });
    // A resident does not see the draft: the defaults compare nothing rather than leak it.
    const resident = comparePage.loader(args(requestAs(jeanne.id, u(`/compare?from=${versionId}&to=${draftId}`)), { groupId: group.id }));
    expect(resident.versions.map((v) => v.id)).toEqual([versionId]);
    expect(resident.result).toBeNull();
  });

  it("another group's member gets 404 on every page and action", async () => {
    const p = { groupId: group.id, versionId };
    const loaders = [
      () => indexPage.loader(args(requestAs(outsider.id, u()), { groupId: group.id })),
      () => versionPage.loader(args(requestAs(outsider.id, u(`/${versionId}`)), p)),
      () => editPage.loader(args(requestAs(outsider.id, u(`/${versionId}/edit`)), p)),
      () => comparePage.loader(args(requestAs(outsider.id, u("/compare")), { groupId: group.id })),
      () => signaturesPage.loader(args(requestAs(outsider.id, u("/signatures")), { groupId: group.id })),
      () => versionPage.action(args(postAs(outsider.id, u(`/${versionId}`), { intent: "comment", body: "x" }), p)),
      () => indexPage.action(args(postAs(outsider.id, u(), { intent: "sign" }), { groupId: group.id })),
    ];
    for (const load of loaders) expect((await thrownResponseAsync(async () => load())).status).toBe(404);
  });
});
