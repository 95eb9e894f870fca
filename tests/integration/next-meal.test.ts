// Home's « prochain repas » (events/next-meal.server.ts): the meal picked, the one-tap sign-up with the
// household's usual party, the cancel, and another group's meal as NotFound.
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { persons } from "~db/schema";
import { zonedToUtc } from "~/modules/core/recurrence";
import { getNextMeal, signUpWithDefaults } from "~/modules/events/next-meal.server";
import { createEvent } from "~/modules/events/series.server";
import { cancelSignup } from "~/modules/events/signups.server";
import { EventSchema } from "~/modules/events/schemas";
import { ctxFor, makeGroup, makeHousehold, makeMember, thrownResponse } from "../fixtures";

const TZ = "Europe/Paris";
const at = (local: string) => zonedToUtc(local, TZ);
/** Monday 1 March 2027, 09:00 in Paris. */
const NOW = at("2027-03-01T09:00");

const group = makeGroup("Les Platanes");
const other = makeGroup("Les Cèdres");
const family = makeHousehold(group.id, "Foyer Lambert");
const alone = makeHousehold(group.id, "Foyer Roux");
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const parent = makeMember({ groupId: group.id, householdId: family.id });
const single = makeMember({ groupId: group.id, householdId: alone.id });
const outsider = makeMember({ groupId: other.id, householdId: makeHousehold(other.id).id, role: "facilitator" });
// The Lambert household: the parent (no birth year: an adult), a child of 8, a baby of 1.
db.insert(persons)
  .values([
    { groupId: group.id, householdId: family.id, firstName: "Léo", birthYear: 2019 },
    { groupId: group.id, householdId: family.id, firstName: "Inès", birthYear: 2026 },
  ])
  .run();

async function meal(date: string, deadlineHours = 0, ctx = ctxFor(facilitator.id, group.id)) {
  const r = await createEvent({
    ctx,
    input: EventSchema.parse({
      kind: "shared_meal",
      title: `Repas du ${date}`,
      date,
      startTime: "19:00",
      endTime: "21:00",
      placeText: "Cour",
      signupDeadlineHours: deadlineHours,
    }),
    now: NOW,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.occurrenceIds[0];
}

describe("the next shared meal on Home", () => {
  it("is the next one still open, even two weeks away; signing up takes the household's usual party; cancelling frees it", async () => {
    const ctx = ctxFor(parent.id, group.id);
    expect(getNextMeal({ ctx, now: NOW })).toBeNull();
    await meal("2027-03-01", 12); // tonight, but its deadline (07:00) has passed
    const far = await meal("2027-03-15");
    await meal("2027-03-22");
    const next = getNextMeal({ ctx, now: NOW });
    expect(next?.id).toBe(far);
    expect(next?.party).toEqual({ adults: 1, children: 1, infants: 1, guests: 0 });
    expect(next?.mySignup).toBeNull();

    const r = signUpWithDefaults({ ctx, occurrenceId: far, now: NOW });
    expect(r).toMatchObject({ ok: true, status: "confirmed" });
    const after = getNextMeal({ ctx, now: NOW });
    expect(after?.id).toBe(far);
    expect(after?.mySignup).toMatchObject({ status: "confirmed", places: 3 });

    // A second tap (twice the same form) signs up once.
    expect(signUpWithDefaults({ ctx, occurrenceId: far, now: NOW })).toMatchObject({ ok: false, problems: [{ code: "already_signed_up" }] });

    expect(cancelSignup({ ctx, signupId: after!.mySignup!.id, now: NOW })).toMatchObject({ ok: true });
    expect(getNextMeal({ ctx, now: NOW })?.mySignup).toBeNull();
  });

  it("a household of one is one adult", () => {
    const ctx = ctxFor(single.id, group.id);
    expect(getNextMeal({ ctx, now: NOW })?.party).toEqual({ adults: 1, children: 0, infants: 0, guests: 0 });
  });

  it("a facilitator without a household sees the meal but has nothing to sign up", () => {
    const next = getNextMeal({ ctx: ctxFor(facilitator.id, group.id), now: NOW });
    expect(next).not.toBeNull();
    expect(next?.party).toBeNull();
    expect(signUpWithDefaults({ ctx: ctxFor(facilitator.id, group.id), occurrenceId: next!.id, now: NOW })).toMatchObject({ ok: false });
  });

  it("another group's meal is NotFound, and its meals never show", async () => {
    const theirs = await meal("2027-03-08", 0, ctxFor(outsider.id, other.id));
    expect(getNextMeal({ ctx: ctxFor(parent.id, group.id), now: NOW })?.id).not.toBe(theirs);
    expect(thrownResponse(() => signUpWithDefaults({ ctx: ctxFor(single.id, group.id), occurrenceId: theirs, now: NOW })).status).toBe(404);
  });
});
