// The meal page's money as a browser uses it (issue 17): the cost form carries a one-time token, so the same
// form sent twice records one cost and moves the balances once; closing the meal asks first (a plain post
// without the confirmation's answer only asks, which works without JavaScript).
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { eventOccurrences, mealCosts } from "~db/schema";
import { createSession, SESSION_COOKIE } from "~/modules/auth/session.server";
import { mealBalances } from "~/modules/events/costs.server";
import { createEvent } from "~/modules/events/series.server";
import { signUp } from "~/modules/events/signups.server";
import { EventSchema, SignupSchema } from "~/modules/events/schemas";
import type { Result } from "~/modules/events/lookups.server";
import * as mealPage from "~/routes/g.$groupId.events.$occurrenceId._index";
import { ctxFor, makeGroup, makeHousehold, makeMember, requestAs } from "../fixtures";

const group = makeGroup("Les Tilleuls");
const marchand = makeHousehold(group.id, "Foyer Marchand");
const benali = makeHousehold(group.id, "Foyer Benali");
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const claire = makeMember({ groupId: group.id, householdId: marchand.id });
const karim = makeMember({ groupId: group.id, householdId: benali.id });

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
const locationOf = (r: unknown) => (r as Response).headers.get("Location");
function ok<T extends object>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.problems)}`);
  return r;
}

// A meal that took place yesterday (made three days ago), Claire's and Karim's households signed up.
const DAY = 86_400_000;
const made = Date.now() - 3 * DAY;
const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);

async function pastMeal() {
  const input = EventSchema.parse({ kind: "shared_meal", title: "Repas du jeudi", date: yesterday, startTime: "12:00", endTime: "14:00", placeText: "Cour" });
  const id = ok(await createEvent({ ctx: ctxFor(facilitator.id, group.id), input, now: made })).occurrenceIds[0];
  ok(signUp({ ctx: ctxFor(claire.id, group.id), occurrenceId: id, input: SignupSchema.parse({ adults: 2 }), now: made }));
  ok(signUp({ ctx: ctxFor(karim.id, group.id), occurrenceId: id, input: SignupSchema.parse({ adults: 2 }), now: made }));
  return id;
}

describe("the meal page's money", () => {
  it("the same cost form sent twice records one cost and moves the balances once; a new form records again", async () => {
    const id = await pastMeal();
    const url = `http://localhost/g/${group.id}/events/${id}`;
    const params = { groupId: group.id, occurrenceId: id };
    const first = mealPage.loader(args(requestAs(facilitator.id, url), params));
    const second = mealPage.loader(args(requestAs(facilitator.id, url), params));
    expect(first.costToken).toBeTruthy();
    expect(second.costToken).not.toBe(first.costToken); // a new token on each page load
    // Residents who are not the head cook have no cost form, hence no token.
    expect(mealPage.loader(args(requestAs(claire.id, url), params)).costToken).toBeNull();

    const form = { intent: "cost", amount: "12,50", paidByHouseholdId: marchand.id, note: "Marché", submissionId: first.costToken! };
    const tap1 = await mealPage.action(args(postAs(facilitator.id, url, form), params));
    const tap2 = await mealPage.action(args(postAs(facilitator.id, url, form), params));
    // Both answer as a success (the person sees « Dépense enregistrée. » and an empty form), one row is written.
    for (const r of [tap1, tap2]) {
      expect(statusOf(r)).toBe(302);
      expect(locationOf(r)).toBe(`/g/${group.id}/events/${id}?toast=cost_recorded`);
    }
    const costs = () => db.select().from(mealCosts).where(eq(mealCosts.occurrenceId, id)).all();
    expect(costs().map((c) => c.amountCents)).toEqual([1250]);

    // The next page's form has a new token: a second, real cost is recorded.
    const again = await mealPage.action(args(postAs(facilitator.id, url, { ...form, amount: "3", note: "Pain", submissionId: second.costToken! }), params));
    expect(statusOf(again)).toBe(302);
    expect(
      costs()
        .map((c) => c.amountCents)
        .sort((a, b) => a - b),
    ).toEqual([300, 1250]);

    const confirm = { intent: "close", confirmed: "yes" };
    expect(statusOf(await mealPage.action(args(postAs(facilitator.id, url, confirm), params)))).toBe(302);
    const balances = mealBalances({ ctx: ctxFor(facilitator.id, group.id) });
    expect(balances.households.map((b) => [b.householdName, b.paidCents, b.eatenCents])).toEqual([
      ["Foyer Benali", 0, 775],
      ["Foyer Marchand", 1550, 775],
    ]);
    expect(balances.totalCents).toBe(0);
  });

  it("« Clôturer le repas » first asks « Clôturer ce repas ? »: a post without the answer closes nothing", async () => {
    const id = await pastMeal();
    const url = `http://localhost/g/${group.id}/events/${id}`;
    const params = { groupId: group.id, occurrenceId: id };
    const closedAt = () => db.select({ at: eventOccurrences.closedAt }).from(eventOccurrences).where(eq(eventOccurrences.id, id)).get()?.at;

    expect(mealPage.loader(args(requestAs(facilitator.id, url), params)).confirmClose).toBe(false);
    const asked = await mealPage.action(args(postAs(facilitator.id, url, { intent: "close" }), params));
    expect(locationOf(asked)).toBe(`/g/${group.id}/events/${id}?confirm=close#close`);
    expect(closedAt()).toBeNull();
    // The confirmation step (what the button's GET shows, with or without JavaScript).
    expect(mealPage.loader(args(requestAs(facilitator.id, `${url}?confirm=close`), params)).confirmClose).toBe(true);
    // A resident who may not close the meal is never asked.
    expect(mealPage.loader(args(requestAs(claire.id, `${url}?confirm=close`), params)).confirmClose).toBe(false);

    const closed = await mealPage.action(args(postAs(facilitator.id, url, { intent: "close", confirmed: "yes" }), params));
    expect(locationOf(closed)).toBe(`/g/${group.id}/events/${id}?toast=meal_closed`);
    expect(closedAt()).not.toBeNull();
  });
});
