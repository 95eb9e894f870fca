// A household's departure ends its members' membership of the group (issue 16, item 4): from the departure
// day they get the group's pages as 404, like a non-member, their calendar feeds answer 404, and their
// sessions end when no other group or role is left. Their records stay; undoing the departure gives access back.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "~db/client.server";
import { bookings, households, memberships, sessions, spaces } from "~db/schema";
import { listMyGroups, requireMember } from "~/modules/access/access.server";
import { createEventFeed, createFeed, feedCalendar } from "~/modules/calendar/feeds.server";
import { pageVersion } from "~/modules/core/page-cache.server";
import { todayIn } from "~/modules/core/dates";
import { cancelDeparture, endSessionsAfterDepartures, getHousehold, listDirectory, recordDeparture } from "~/modules/households/households.server";
import * as directoryPage from "~/routes/g.$groupId.households._index";
import * as householdPage from "~/routes/g.$groupId.households.$householdId._index";
import * as surveyPage from "~/routes/g.$groupId.survey";
import * as bookingsFeed from "~/routes/ical.$token";
import * as eventsFeed from "~/routes/ical.events.$token";
import { ctxFor, makeGroup, makeHousehold, makeMember, requestAs, thrownResponse, thrownResponseAsync } from "../fixtures";

const args = <P extends Record<string, string>>(request: Request, params: P) => ({ request, params, context: {} as never });
const today = () => todayIn("Europe/Paris");
const dayAfter = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const sessionCount = (userId: string) => db.select().from(sessions).where(eq(sessions.userId, userId)).all().length;

function setting() {
  const group = makeGroup("Les Tilleuls");
  const other = makeGroup("Villa Passerelle");
  const leaving = makeHousehold(group.id, "Foyer Leroy");
  const staying = makeHousehold(group.id, "Foyer Benali");
  const camille = makeMember({ groupId: group.id, householdId: leaving.id });
  const karim = makeMember({ groupId: group.id, householdId: staying.id });
  const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
  return { group, other, leaving, staying, camille, karim, facilitator };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("after a recorded departure", () => {
  it("the departed member gets the group's pages as 404, like a non-member, and no longer sees the group in their list", async () => {
    const { group, leaving, staying, camille, facilitator } = setting();
    const groupUrl = `http://localhost/g/${group.id}`;
    expect(
      householdPage.loader(args(requestAs(camille.id, `${groupUrl}/households/${staying.id}`), { groupId: group.id, householdId: staying.id })).household.id,
    ).toBe(staying.id);

    expect(
      recordDeparture({ ctx: ctxFor(facilitator.id, group.id), householdId: leaving.id, input: { departureDate: today(), destination: "private_housing" } }),
    ).toMatchObject({ ok: true });

    expect(thrownResponse(() => requireMember(requestAs(camille.id), { groupId: group.id })).status).toBe(404);
    expect(thrownResponse(() => directoryPage.loader(args(requestAs(camille.id, `${groupUrl}/households`), { groupId: group.id }))).status).toBe(404);
    expect(
      thrownResponse(() =>
        householdPage.loader(args(requestAs(camille.id, `${groupUrl}/households/${staying.id}`), { groupId: group.id, householdId: staying.id })),
      ).status,
    ).toBe(404);
    const answer = new Request(`${groupUrl}/survey`, {
      method: "POST",
      headers: requestAs(camille.id).headers,
      body: new URLSearchParams({ satisfaction: "5" }),
    });
    expect((await thrownResponseAsync(() => surveyPage.action(args(answer, { groupId: group.id })))).status).toBe(404);
    expect(listMyGroups(camille.id)).toEqual([]);
  });

  it("their calendar feeds (bookings and events) answer 404", async () => {
    const { group, leaving, camille, facilitator } = setting();
    const ctx = ctxFor(camille.id, group.id);
    const bookingFeed = createFeed({ ctx, scope: "household" });
    const eventsOfHousehold = createEventFeed({ ctx, scope: "household" });
    const groupCalendar = createEventFeed({ ctx, scope: "group" });
    if (!bookingFeed.ok || !eventsOfHousehold.ok || !groupCalendar.ok) throw new Error("feeds not made");
    expect(feedCalendar(bookingFeed.token, "bookings")).not.toBeNull();
    expect(feedCalendar(groupCalendar.token, "events")).not.toBeNull();

    recordDeparture({ ctx: ctxFor(facilitator.id, group.id), householdId: leaving.id, input: { departureDate: today(), destination: "family" } });

    expect(feedCalendar(bookingFeed.token, "bookings")).toBeNull();
    expect(feedCalendar(eventsOfHousehold.token, "events")).toBeNull();
    expect(feedCalendar(groupCalendar.token, "events")).toBeNull();
    const feedRes = (await bookingsFeed.loader(args(new Request(`http://localhost${bookingFeed.path}`), { token: `${bookingFeed.token}.ics` }))) as Response;
    expect(feedRes.status).toBe(404);
    const eventsRes = (await eventsFeed.loader(
      args(new Request(`http://localhost${groupCalendar.path}`), { token: `${groupCalendar.token}.ics` }),
    )) as Response;
    expect(eventsRes.status).toBe(404);
  });

  it("ends the sessions of a person left with no group; one who belongs to another group keeps that one only", () => {
    const { group, other, leaving, camille, facilitator } = setting();
    // Camille's partner also helps run Villa Passerelle: a member there too, with no household.
    const partner = makeMember({ groupId: group.id, householdId: leaving.id });
    db.insert(memberships).values({ userId: partner.id, groupId: other.id, role: "facilitator" }).run();
    requestAs(camille.id);
    requestAs(partner.id);
    expect(sessionCount(camille.id)).toBeGreaterThan(0);

    recordDeparture({ ctx: ctxFor(facilitator.id, group.id), householdId: leaving.id, input: { departureDate: today(), destination: "other_group" } });

    expect(sessionCount(camille.id)).toBe(0);
    expect(sessionCount(partner.id)).toBeGreaterThan(0);
    expect(requireMember(requestAs(partner.id), { groupId: other.id }).groupId).toBe(other.id);
    expect(thrownResponse(() => requireMember(requestAs(partner.id), { groupId: group.id })).status).toBe(404);
    expect(listMyGroups(partner.id).map((g) => g.id)).toEqual([other.id]);
  });

  it("keeps the household's history: the facilitator still lists it with its departure, its bookings stay", () => {
    const { group, leaving, camille, facilitator } = setting();
    const space = db.insert(spaces).values({ groupId: group.id, name: "Salle commune", kind: "common_room" }).returning().get();
    db.insert(bookings)
      .values({
        groupId: group.id,
        spaceId: space.id,
        householdId: leaving.id,
        createdBy: camille.id,
        startsAt: new Date("2025-05-01T10:00:00Z"),
        endsAt: new Date("2025-05-01T12:00:00Z"),
        blockStart: new Date("2025-05-01T10:00:00Z"),
        blockEnd: new Date("2025-05-01T12:00:00Z"),
        status: "confirmed",
      })
      .run();
    const ctx = ctxFor(facilitator.id, group.id);
    recordDeparture({ ctx, householdId: leaving.id, input: { departureDate: today(), destination: "durable_social_housing" } });

    expect(listDirectory({ ctx, includeDeparted: true }).find((h) => h.id === leaving.id)).toMatchObject({ departureDate: today() });
    expect(getHousehold({ ctx, householdId: leaving.id }).household.departureDate).toBe(today());
    expect(db.select().from(bookings).where(eq(bookings.householdId, leaving.id)).all()).toHaveLength(1);
  });

  it("a page kept for the member before the departure is for another version after it", () => {
    const { group, leaving, camille, facilitator } = setting();
    const before = pageVersion(`/g/${group.id}/households`, camille.id);
    recordDeparture({ ctx: ctxFor(facilitator.id, group.id), householdId: leaving.id, input: { departureDate: today(), destination: "family" } });
    expect(pageVersion(`/g/${group.id}/households`, camille.id)).not.toBe(before);
    expect(thrownResponse(() => requireMember(requestAs(camille.id), { groupId: group.id })).status).toBe(404);
  });
});

describe("a departure in the future", () => {
  it("takes effect on its day: access until the day before, then 404 and the sessions end", () => {
    const { group, leaving, camille, facilitator } = setting();
    const leavesOn = dayAfter(today(), 3);
    recordDeparture({ ctx: ctxFor(facilitator.id, group.id), householdId: leaving.id, input: { departureDate: leavesOn, destination: "private_housing" } });
    expect(requireMember(requestAs(camille.id), { groupId: group.id }).householdId).toBe(leaving.id);
    expect(sessionCount(camille.id)).toBeGreaterThan(0);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(`${dayAfter(leavesOn, -1)}T20:00:00Z`)); // 22:00 in Paris, the day before
    expect(requireMember(requestAs(camille.id), { groupId: group.id }).groupId).toBe(group.id);
    endSessionsAfterDepartures();
    expect(sessionCount(camille.id)).toBeGreaterThan(0);

    vi.setSystemTime(new Date(`${leavesOn}T06:00:00Z`));
    expect(thrownResponse(() => requireMember(requestAs(camille.id), { groupId: group.id })).status).toBe(404);
    endSessionsAfterDepartures();
    expect(sessionCount(camille.id)).toBe(0);
  });
});

describe("undoing a departure", () => {
  it("gives the access back (a wrong date corrected)", () => {
    const { group, leaving, camille, facilitator } = setting();
    const ctx = ctxFor(facilitator.id, group.id);
    recordDeparture({ ctx, householdId: leaving.id, input: { departureDate: today(), destination: "unknown" } });
    expect(thrownResponse(() => requireMember(requestAs(camille.id), { groupId: group.id })).status).toBe(404);

    cancelDeparture({ ctx, householdId: leaving.id });
    expect(requireMember(requestAs(camille.id), { groupId: group.id }).householdId).toBe(leaving.id);
    expect(db.select().from(households).where(eq(households.id, leaving.id)).get()!.departureDate).toBeNull();
    expect(listMyGroups(camille.id).map((g) => g.id)).toEqual([group.id]);
  });
});
