// The exchange pages' loaders and actions as a browser without JavaScript uses them: plain form posts,
// redirects with a toast, errors with status 400 and what was typed kept, other groups 404.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { exchangePosts, exchanges } from "~db/schema";
import { createSession, SESSION_COOKIE } from "~/modules/auth/session.server";
import * as exchangePage from "~/routes/g.$groupId.exchange.$exchangeId";
import * as indexPage from "~/routes/g.$groupId.exchange._index";
import * as balancesPage from "~/routes/g.$groupId.exchange.balances";
import * as newPage from "~/routes/g.$groupId.exchange.new";
import * as postPage from "~/routes/g.$groupId.exchange.posts.$postId";
import { makeGroup, makeHousehold, makeMember, requestAs, thrownResponseAsync } from "../fixtures";

const group = makeGroup("Les Tilleuls");
const other = makeGroup("Villa Passerelle");
const [h1, h2] = [makeHousehold(group.id, "Foyer Marchand"), makeHousehold(group.id, "Foyer Benali")];
const claire = makeMember({ groupId: group.id, householdId: h1.id });
const karim = makeMember({ groupId: group.id, householdId: h2.id });
const outsider = makeMember({ groupId: other.id, householdId: makeHousehold(other.id).id });

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

describe("exchange pages without JavaScript", () => {
  const u = (path: string) => `http://localhost/g/${group.id}/exchange${path}`;

  it("posts an offer, answers it, agrees, confirms the hours; the balances page shows it", async () => {
    // Bad input: 400, the typed title kept.
    const bad = await newPage.action(args(postAs(karim.id, u("/new"), { kind: "offer", title: "Vélos", category: "" }), { groupId: group.id }));
    expect(statusOf(bad)).toBe(400);
    expect(JSON.stringify(dataOf(bad))).toContain("Vélos");

    const created = await newPage.action(
      args(postAs(karim.id, u("/new"), { kind: "offer", title: "Je répare les vélos", category: "diy_repairs" }), { groupId: group.id }),
    );
    expect(statusOf(created)).toBe(302);
    const post = db.select().from(exchangePosts).where(eq(exchangePosts.title, "Je répare les vélos")).get()!;
    expect((created as Response).headers.get("Location")).toBe(`/g/${group.id}/exchange/posts/${post.id}?toast=exchange_post_created`);

    const list = indexPage.loader(args(requestAs(claire.id, u("?kind=offer&category=diy_repairs&q=v%C3%A9los")), { groupId: group.id }));
    expect(list.posts.map((p) => p.id)).toEqual([post.id]);
    expect(indexPage.loader(args(requestAs(claire.id, u("?kind=request")), { groupId: group.id })).posts).toEqual([]);

    // Own household: refused with a message, nothing written.
    const own = await postPage.action(args(postAs(karim.id, u(`/posts/${post.id}`), { intent: "open", message: "" }), { groupId: group.id, postId: post.id }));
    expect(statusOf(own)).toBe(400);
    expect(JSON.stringify(dataOf(own))).toContain("propre foyer");

    const opened = await postPage.action(
      args(postAs(claire.id, u(`/posts/${post.id}`), { intent: "open", message: "Ma roue" }), { groupId: group.id, postId: post.id }),
    );
    expect(statusOf(opened)).toBe(302);
    const ex = db.select().from(exchanges).where(eq(exchanges.postId, post.id)).get()!;

    const p = { groupId: group.id, exchangeId: ex.id };
    expect(statusOf(await exchangePage.action(args(postAs(karim.id, u(`/${ex.id}`), { intent: "agree", agreedDate: "2027-03-03" }), p)))).toBe(302);
    // The giver may not confirm: a message, 400.
    const wrong = await exchangePage.action(args(postAs(karim.id, u(`/${ex.id}`), { intent: "confirm", hours: "2" }), p));
    expect(statusOf(wrong)).toBe(400);
    // Hours over 24: the message next to the field, the typed value kept.
    const tooMuch = await exchangePage.action(args(postAs(claire.id, u(`/${ex.id}`), { intent: "confirm", hours: "30" }), p));
    expect(statusOf(tooMuch)).toBe(400);
    expect(dataOf<{ fieldErrors: Record<string, string[]>; fields: Record<string, string> }>(tooMuch)).toMatchObject({
      fieldErrors: { hours: [expect.stringContaining("24 h")] },
      fields: { hours: "30" },
    });
    expect(statusOf(await exchangePage.action(args(postAs(claire.id, u(`/${ex.id}`), { intent: "confirm", hours: "1,5", thanks: "Merci" }), p)))).toBe(302);
    expect(db.select().from(exchanges).where(eq(exchanges.id, ex.id)).get()).toMatchObject({ status: "done", minutes: 90 });

    const page = exchangePage.loader(args(requestAs(claire.id, u(`/${ex.id}`)), p));
    expect(page.exchange).toMatchObject({ status: "done", side: "receiver" });
    const balances = balancesPage.loader(args(requestAs(claire.id, u("/balances")), { groupId: group.id }));
    expect(balances.balances.map((b) => b.minutes).sort()).toEqual([-90, 90]);
    expect(balances.history?.lines).toHaveLength(1);
  });

  it("another group's member gets 404 from every loader and action", async () => {
    const post = db.select().from(exchangePosts).get()!;
    const ex = db.select().from(exchanges).get()!;
    const g = { groupId: group.id };
    const statuses = [
      await thrownResponseAsync(async () => indexPage.loader(args(requestAs(outsider.id, u("")), g))),
      await thrownResponseAsync(async () => newPage.loader(args(requestAs(outsider.id, u("/new")), g))),
      await thrownResponseAsync(async () => balancesPage.loader(args(requestAs(outsider.id, u("/balances")), g))),
      await thrownResponseAsync(async () => postPage.loader(args(requestAs(outsider.id, u(`/posts/${post.id}`)), { ...g, postId: post.id }))),
      await thrownResponseAsync(() => postPage.action(args(postAs(outsider.id, u(`/posts/${post.id}`), { intent: "probe" }), { ...g, postId: post.id }))),
      await thrownResponseAsync(() => exchangePage.action(args(postAs(outsider.id, u(`/${ex.id}`), { intent: "cancel" }), { ...g, exchangeId: ex.id }))),
      await thrownResponseAsync(() => newPage.action(args(postAs(outsider.id, u("/new"), { intent: "probe" }), g))),
    ].map((r) => r.status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 404]);
    // A member of the group who is not a party to the exchange: 403 (they know the group exists).
    const theirs = makeMember({ groupId: group.id, householdId: makeHousehold(group.id).id });
    expect((await thrownResponseAsync(async () => exchangePage.loader(args(requestAs(theirs.id, u(`/${ex.id}`)), { ...g, exchangeId: ex.id })))).status).toBe(
      403,
    );
  });
});
