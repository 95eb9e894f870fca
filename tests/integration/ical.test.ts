// The calendar feeds as a phone's calendar reads them: a name or a title cannot add a line of its own, TEXT is
// escaped as RFC 5545 says, lines are folded and end in CRLF, and a moved or approved item says it changed
// (SEQUENCE up, LAST-MODIFIED) so the phone does not keep the old time.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { eventSeries, households, spaces } from "~db/schema";
import { approveBooking } from "~/modules/bookings/approvals.server";
import { createBooking } from "~/modules/bookings/bookings.server";
import { createSpace } from "~/modules/bookings/spaces.server";
import { createEventFeed, createFeed, feedCalendar, renderEventIcs } from "~/modules/calendar/feeds.server";
import { renderCalendar } from "~/modules/core/ical";
import { BookingSchema, SpaceSchema } from "~/modules/bookings/schemas";
import { zonedToUtc } from "~/modules/core/recurrence";
import { changeOccurrence } from "~/modules/events/occurrences.server";
import { createEvent } from "~/modules/events/series.server";
import { EventSchema } from "~/modules/events/schemas";
import * as bookingsFeedRoute from "~/routes/ical.$token";
import { ctxFor, makeGroup, makeHousehold, makeMember } from "../fixtures";

const TZ = "Europe/Paris";
const NOW = zonedToUtc("2027-03-01T09:00", TZ);

// Names as someone could type them (or an import could bring them): line breaks, a property of their own, TEXT's
// special characters, control characters.
const INJECTED = "Foyer Dupont\r\nX-INJECTED:1\nATTENDEE:mailto:evil@example.com\rEND:VCALENDAR";
const SPECIAL = "Repas; fromage, vin \\ dessert\u0000\u000b";

const group = makeGroup("Les Tilleuls");
const household = makeHousehold(group.id, "Foyer Dupont");
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const resident = makeMember({ groupId: group.id, householdId: household.id });
db.update(households).set({ name: INJECTED }).where(eq(households.id, household.id)).run();
const asFacilitator = () => ctxFor(facilitator.id, group.id);
const asResident = () => ctxFor(resident.id, group.id);
const atelier = createSpace({ ctx: asFacilitator(), input: SpaceSchema.parse({ name: "Atelier", kind: "common_room", active: true, approvalRequired: true }) });
db.update(spaces).set({ name: SPECIAL }).where(eq(spaces.id, atelier.id)).run();

/** RFC 5545 § 3.1 and § 3.3.11, read strictly: content lines, each a known property, and TEXT values unescaped. */
const KNOWN = new Set([
  "BEGIN",
  "END",
  "VERSION",
  "PRODID",
  "NAME",
  "X-WR-CALNAME",
  "TIMEZONE-ID",
  "X-WR-TIMEZONE",
  "REFRESH-INTERVAL",
  "X-PUBLISHED-TTL",
  "UID",
  "SEQUENCE",
  "DTSTAMP",
  "DTSTART",
  "DTEND",
  "SUMMARY",
  "DESCRIPTION",
  "LOCATION",
  "URL",
  "STATUS",
  "LAST-MODIFIED",
]);
function parseIcs(text: string) {
  expect(text.endsWith("\r\n"), "the file ends with CRLF").toBe(true);
  expect(text.replace(/\r\n/g, ""), "no CR or LF outside CRLF").not.toMatch(/[\r\n]/);
  const physical = text.slice(0, -2).split("\r\n");
  for (const line of physical) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
  expect(text, "no control character but the line ends and a fold's tab").not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  const lines = text
    .slice(0, -2)
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n");
  return lines.map((line) => {
    const m = /^([A-Z-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    expect(m, line).not.toBeNull();
    expect(KNOWN.has(m![1]), `unexpected property line: ${line}`).toBe(true);
    return { name: m![1], value: m![3] };
  });
}
function unescapeText(value: string) {
  expect(value, "an unescaped ; or , in TEXT").not.toMatch(/(?<!\\)(?:\\\\)*[;,]/);
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === "n" || c === "N" ? "\n" : c));
}
const values = (props: { name: string; value: string }[], name: string) => props.filter((p) => p.name === name).map((p) => p.value);
/** What a name becomes once read back: its line breaks kept as line breaks, control characters gone. */
const asRead = (s: string) => s.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");

describe("iCal feeds of bookings", () => {
  it("a household's name with line breaks and a space's name with ; , \\ cannot inject a line; the file is folded and ends in CRLF", async () => {
    const booked = await createBooking({
      ctx: asResident(),
      input: BookingSchema.parse({
        spaceId: atelier.id,
        date: "2027-03-11",
        startTime: "09:00",
        endTime: "11:00",
        purpose: "Couture, tricot; \\ et thé\r\nX-INJECTED:2",
      }),
      now: NOW,
    });
    expect(booked.ok).toBe(true);
    const mine = createFeed({ ctx: asResident(), scope: "household" });
    const bySpace = createFeed({ ctx: asResident(), scope: "space", spaceId: atelier.id });
    if (!mine.ok || !bySpace.ok) throw new Error("expected feeds");

    const own = parseIcs(renderCalendar(feedCalendar(mine.token, "bookings", NOW)!));
    expect(values(own, "NAME").map(unescapeText)).toEqual([`${asRead(INJECTED)} — Les Tilleuls`]);
    expect(values(own, "X-WR-CALNAME").map(unescapeText)).toEqual([`${asRead(INJECTED)} — Les Tilleuls`]);
    expect(values(own, "SUMMARY").map(unescapeText)).toEqual([asRead(SPECIAL)]);
    expect(values(own, "DESCRIPTION").map(unescapeText)).toEqual([asRead("Couture, tricot; \\ et thé\r\nX-INJECTED:2")]);

    const space = parseIcs(renderCalendar(feedCalendar(bySpace.token, "bookings", NOW)!));
    expect(values(space, "NAME").map(unescapeText)).toEqual([`${asRead(SPECIAL)} — Les Tilleuls`]);
    expect(values(space, "SUMMARY").map(unescapeText)).toEqual([asRead(INJECTED)]);

    // The route sends the same text.
    const response = bookingsFeedRoute.loader({
      request: new Request("http://localhost/"),
      params: { token: `${mine.token}.ics` },
      context: {},
    } as never) as Response;
    parseIcs(await response.text());
  });

  it("approving a request raises its SEQUENCE and gives a LAST-MODIFIED", async () => {
    const booked = await createBooking({
      ctx: asResident(),
      input: BookingSchema.parse({ spaceId: atelier.id, date: "2027-03-18", startTime: "14:00", endTime: "16:00" }),
      now: NOW,
    });
    if (!booked.ok) throw new Error("expected a booking");
    const id = booked.bookings[0]!.id;
    const feed = createFeed({ ctx: asResident(), scope: "household" });
    if (!feed.ok) throw new Error("expected a feed");
    const vevent = () => {
      const props = parseIcs(renderCalendar(feedCalendar(feed.token, "bookings", NOW)!));
      const start = props.findIndex((p) => p.name === "UID" && p.value === `${id}@maisonnee`);
      const end = props.findIndex((p, i) => i > start && p.name === "END");
      return props.slice(start, end);
    };
    const before = vevent();
    expect(values(before, "SEQUENCE")).toEqual(["0"]);
    expect(values(before, "STATUS")).toEqual(["TENTATIVE"]);
    expect(values(before, "LAST-MODIFIED")).toHaveLength(1);
    const approvedAt = Math.floor(Date.now() / 1000) * 1000;
    expect(await approveBooking({ ctx: asFacilitator(), bookingId: id })).toEqual({ ok: true });
    const after = vevent();
    expect(values(after, "SEQUENCE")).toEqual(["1"]);
    expect(values(after, "STATUS")).toEqual(["CONFIRMED"]);
    expect(icsTime(values(after, "LAST-MODIFIED")[0]!)).toBeGreaterThanOrEqual(approvedAt);
  });
});

function icsTime(v: string) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  expect(m, v).not.toBeNull();
  return Date.UTC(+m![1], +m![2] - 1, +m![3], +m![4], +m![5], +m![6]);
}

describe("iCal feeds of events", () => {
  it("a title with line breaks, ; , \\ and control characters stays one escaped TEXT value, also as the one-event file's NAME", async () => {
    const created = await createEvent({
      ctx: asFacilitator(),
      input: EventSchema.parse({ kind: "shared_meal", title: "Repas du jeudi", date: "2027-03-04", startTime: "19:30", endTime: "22:00", placeText: "Cour" }),
      now: NOW,
    });
    if (!created.ok) throw new Error("expected an event");
    const title = `Repas; fromage, vin \\ dessert\r\nX-INJECTED:1\u0000\nEND:VEVENT`;
    db.update(eventSeries).set({ title }).where(eq(eventSeries.id, created.seriesId)).run();
    const one = parseIcs(renderEventIcs({ ctx: asResident(), occurrenceId: created.occurrenceIds[0]! }));
    expect(values(one, "NAME").map(unescapeText)).toEqual([asRead(title)]);
    expect(values(one, "X-WR-CALNAME").map(unescapeText)).toEqual([asRead(title)]);
    expect(values(one, "SUMMARY").map(unescapeText)).toEqual([asRead(title)]);
    expect(values(one, "END")).toEqual(["VEVENT", "VCALENDAR"]);

    const feed = createEventFeed({ ctx: asResident(), scope: "group" });
    if (!feed.ok) throw new Error("expected a feed");
    const all = parseIcs(renderCalendar(feedCalendar(feed.token, "events", NOW)!));
    expect(values(all, "NAME").map(unescapeText)).toEqual(["Les Tilleuls"]);
    expect(values(all, "SUMMARY").map(unescapeText)).toContain(asRead(title));
  });

  it("a moved occurrence raises its SEQUENCE and its LAST-MODIFIED; cancelling it raises it again", async () => {
    const created = await createEvent({
      ctx: asFacilitator(),
      input: EventSchema.parse({ kind: "workshop", title: "Atelier vélo", date: "2027-03-06", startTime: "10:00", endTime: "12:00", placeText: "Cour" }),
      now: NOW,
    });
    if (!created.ok) throw new Error("expected an event");
    const id = created.occurrenceIds[0]!;
    const feed = createEventFeed({ ctx: asResident(), scope: "group" });
    if (!feed.ok) throw new Error("expected a feed");
    const vevent = () => {
      const props = parseIcs(renderCalendar(feedCalendar(feed.token, "events", NOW)!));
      const start = props.findIndex((p) => p.name === "UID" && p.value === `${id}@maisonnee`);
      return props.slice(
        start,
        props.findIndex((p, i) => i > start && p.name === "END"),
      );
    };
    const before = vevent();
    expect(values(before, "SEQUENCE")).toEqual(["0"]);
    expect(values(before, "DTSTART")).toEqual(["20270306T090000Z"]);
    expect(values(before, "LAST-MODIFIED")).toHaveLength(1);

    const movedAt = Math.floor(Date.now() / 1000) * 1000;
    const moved = await changeOccurrence({
      ctx: asFacilitator(),
      occurrenceId: id,
      input: { intent: "move", date: "2027-03-07", startTime: "14:00", endTime: "16:00", placeText: "" },
      now: NOW,
    });
    expect(moved.ok).toBe(true);
    const after = vevent();
    expect(values(after, "DTSTART")).toEqual(["20270307T130000Z"]);
    expect(values(after, "SEQUENCE")).toEqual(["1"]);
    expect(icsTime(values(after, "LAST-MODIFIED")[0]!)).toBeGreaterThanOrEqual(movedAt);

    expect((await changeOccurrence({ ctx: asFacilitator(), occurrenceId: id, input: { intent: "cancel", reason: "" }, now: NOW })).ok).toBe(true);
    const cancelled = vevent();
    expect(values(cancelled, "STATUS")).toEqual(["CANCELLED"]);
    expect(values(cancelled, "SEQUENCE")).toEqual(["2"]);
  });
});
