// The secret calendar URLs a phone subscribes to (/ical/<token>.ics for bookings, /ical/events/<token>.ics for the
// calendar), and the one-event file of an occurrence. Only a token's SHA-256 is kept; revoking ends the URL, and so
// does its maker's membership ending. The text is written by the one iCal renderer (core/ical.ts).
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { bookings, calendarFeeds, eventFeeds, eventOccurrences, eventSeries, groups, households, memberships, spaces } from "~db/schema";
import { ACTIVE_BOOKING_STATUSES, type EventFeedScope, type FeedScope } from "~db/schema/enums";
import { can, isActiveMember, type MemberContext } from "~/modules/access/access.server";
import { forbidden, notFound } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { generateToken, hashToken } from "~/modules/auth/session.server";
import { findSpace } from "~/modules/bookings/lookups.server";
import type { Problem as BookingProblem } from "~/modules/bookings/rules";
import { renderCalendar } from "~/modules/core/ical";
import { appLink } from "~/modules/core/origin.server";
import { refuse, type Result } from "~/modules/core/result";
import { findOccurrence } from "~/modules/events/lookups.server";
import { HORIZON_DAYS, problem, type Problem as EventProblem } from "~/modules/events/rules";

type Ctx = MemberContext;
const DAY = 86_400_000;
const isActive = inArray(bookings.status, [...ACTIVE_BOOKING_STATUSES]);

// -------------------------------------------------------------------------------------------------
// Bookings

export type FeedEvent = { id: string; startsAt: Date; endsAt: Date; summary: string; description: string; status: "requested" | "confirmed"; sequence: number; updatedAt: Date };
export type FeedData = { name: string; timeZone: string; events: FeedEvent[] };

/** A secret URL for the phone's calendar: of a space, or of the person's household. The token is shown once; only its hash is kept. */
export function createFeed({
  ctx,
  scope,
  spaceId,
}: {
  ctx: Ctx;
  scope: FeedScope;
  spaceId?: string;
}): { ok: true; id: string; token: string; path: string } | { ok: false; problems: BookingProblem[] } {
  let householdId: string | null = null;
  if (scope === "space") {
    if (!spaceId) return { ok: false, problems: [{ code: "required", field: "spaceId", params: {} }] };
    findSpace(ctx, spaceId);
  } else {
    if (!ctx.householdId) return { ok: false, problems: [{ code: "no_household", field: null, params: {} }] };
    householdId = ctx.householdId;
  }
  const token = generateToken();
  const id = db.transaction((tx) => {
    const row = tx
      .insert(calendarFeeds)
      .values({ groupId: ctx.groupId, tokenHash: hashToken(token), scope, spaceId: scope === "space" ? spaceId! : null, householdId, createdBy: ctx.userId })
      .returning({ id: calendarFeeds.id })
      .get();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "calendar_feed", entityId: row.id, details: { scope, spaceId, householdId } });
    return row.id;
  });
  return { ok: true, id, token, path: `/ical/${token}.ics` };
}

/** Revoked by the person who made it, or by a facilitator. */
export function revokeFeed({ ctx, feedId }: { ctx: Ctx; feedId: string }): { ok: true } {
  const feed = db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.groupId, ctx.groupId)))
    .get();
  if (!feed) throw notFound();
  if (feed.createdBy !== ctx.userId && !can(ctx, "space:manage")) throw forbidden();
  db.transaction((tx) => {
    tx.update(calendarFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.groupId, ctx.groupId), isNull(calendarFeeds.revokedAt)))
      .run();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "revoke", entity: "calendar_feed", entityId: feedId });
  });
  return { ok: true };
}

/** The person's feeds in this group that still work. */
export function listFeeds({ ctx }: { ctx: Ctx }) {
  return db
    .select({
      id: calendarFeeds.id,
      scope: calendarFeeds.scope,
      spaceId: calendarFeeds.spaceId,
      spaceName: spaces.name,
      householdId: calendarFeeds.householdId,
      householdName: households.name,
      createdAt: calendarFeeds.createdAt,
    })
    .from(calendarFeeds)
    .leftJoin(spaces, eq(spaces.id, calendarFeeds.spaceId))
    .leftJoin(households, eq(households.id, calendarFeeds.householdId))
    .where(and(eq(calendarFeeds.groupId, ctx.groupId), eq(calendarFeeds.createdBy, ctx.userId), isNull(calendarFeeds.revokedAt)))
    .orderBy(desc(calendarFeeds.createdAt))
    .all();
}

/** How far back and ahead a feed reaches. */
const BOOKINGS_PAST_DAYS = 60;
const BOOKINGS_FUTURE_DAYS = 400;

/**
 * The events of a feed by its token, or null (unknown, revoked, or its maker no longer a member, as after their household left).
 * Space feeds name the household (as the group's calendar does); household feeds name the space and
 * carry the purpose. No translated words: a feed has no language, and iCal's STATUS says tentative.
 */
export function feedEvents(token: string, now = Date.now()): FeedData | null {
  const feed = db
    .select({ feed: calendarFeeds, groupName: groups.name, timeZone: groups.timeZone })
    .from(calendarFeeds)
    .innerJoin(groups, eq(groups.id, calendarFeeds.groupId))
    .innerJoin(memberships, and(eq(memberships.groupId, calendarFeeds.groupId), eq(memberships.userId, calendarFeeds.createdBy)))
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt)))
    .get();
  if (!feed) return null;
  const f = feed.feed;
  // A feed lives as long as its maker's membership: a household's departure ends it (issue 16).
  if (!f.createdBy || !isActiveMember(f.createdBy, f.groupId, now)) return null;
  const scoped =
    f.scope === "space" && f.spaceId ? eq(bookings.spaceId, f.spaceId) : f.scope === "household" && f.householdId ? eq(bookings.householdId, f.householdId) : undefined;
  if (!scoped) return null;
  const rows = db
    .select({
      id: bookings.id,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      status: bookings.status,
      purpose: bookings.purpose,
      sequence: bookings.sequence,
      updatedAt: bookings.updatedAt,
      spaceName: spaces.name,
      householdName: households.name,
    })
    .from(bookings)
    .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
    .leftJoin(households, eq(households.id, bookings.householdId))
    .where(
      and(
        eq(bookings.groupId, f.groupId),
        scoped,
        isActive,
        gt(bookings.endsAt, new Date(now - BOOKINGS_PAST_DAYS * 86_400_000)),
        lt(bookings.startsAt, new Date(now + BOOKINGS_FUTURE_DAYS * 86_400_000)),
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .all();
  const title =
    f.scope === "space"
      ? db.select({ name: spaces.name }).from(spaces).where(eq(spaces.id, f.spaceId!)).get()?.name
      : db.select({ name: households.name }).from(households).where(eq(households.id, f.householdId!)).get()?.name;
  return {
    name: `${title ?? ""} — ${feed.groupName}`,
    timeZone: feed.timeZone,
    events: rows.map((r) => ({
      id: r.id,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      status: r.status as "requested" | "confirmed",
      summary: f.scope === "space" ? (r.householdName ?? feed.groupName) : r.spaceName,
      description: f.scope === "household" ? r.purpose : "",
      sequence: r.sequence,
      updatedAt: r.updatedAt,
    })),
  };
}

/** The .ics text of a feed (times in UTC, which every calendar shows in its own zone). */
export function renderIcs(feed: FeedData): string {
  return renderCalendar({
    name: feed.name,
    product: "bookings",
    events: feed.events.map((e) => ({
      id: e.id,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      summary: e.summary,
      description: e.description,
      status: e.status === "confirmed" ? "confirmed" : "tentative",
      sequence: e.sequence,
      lastModified: e.updatedAt,
    })),
  });
}

// -------------------------------------------------------------------------------------------------
// Events

export type EventFeedEvent = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  location: string;
  status: "confirmed" | "tentative" | "cancelled";
  url: string | null;
  /** Raised by a trigger each time the occurrence's time or status changes (migration 0021). */
  sequence: number;
  /** The later of the occurrence's and its series' last change: the title and description are the series'. */
  updatedAt: Date;
};
export type EventFeedData = { name: string; timeZone: string; events: EventFeedEvent[] };

function occurrenceUrl(groupId: string, occurrenceId: string): string | null {
  return appLink(`/g/${groupId}/events/${occurrenceId}`);
}

/** A secret URL for the phone's calendar: the group's calendar, or what the household signed up for. The token is shown once; only its hash is kept. */
export function createEventFeed({ ctx, scope }: { ctx: Ctx; scope: EventFeedScope }): Result<{ id: string; token: string; path: string }, EventProblem> {
  if (scope === "household" && !ctx.householdId) return refuse(problem("no_household"));
  const token = generateToken();
  const householdId = scope === "household" ? ctx.householdId : null;
  const id = db.transaction((tx) => {
    const row = tx.insert(eventFeeds).values({ groupId: ctx.groupId, tokenHash: hashToken(token), scope, householdId, createdBy: ctx.userId }).returning({ id: eventFeeds.id }).get();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "event_feed", entityId: row.id, details: { scope, householdId } });
    return row.id;
  }, { behavior: "immediate" });
  return { ok: true, id, token, path: `/ical/events/${token}.ics` };
}

/** Revoked by the person who made it, or by a facilitator. */
export function revokeEventFeed({ ctx, feedId }: { ctx: Ctx; feedId: string }): { ok: true } {
  const feed = db
    .select()
    .from(eventFeeds)
    .where(and(eq(eventFeeds.id, feedId), eq(eventFeeds.groupId, ctx.groupId)))
    .get();
  if (!feed) throw notFound();
  if (feed.createdBy !== ctx.userId && !can(ctx, "event:manage")) throw forbidden();
  db.transaction((tx) => {
    tx.update(eventFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(eventFeeds.id, feedId), eq(eventFeeds.groupId, ctx.groupId), isNull(eventFeeds.revokedAt)))
      .run();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "revoke", entity: "event_feed", entityId: feedId });
  }, { behavior: "immediate" });
  return { ok: true };
}

/** The person's event feeds in this group that still work (no token: it was shown once). */
export function listEventFeeds({ ctx }: { ctx: Ctx }): { id: string; scope: EventFeedScope; householdId: string | null; createdAt: number }[] {
  return db
    .select({ id: eventFeeds.id, scope: eventFeeds.scope, householdId: eventFeeds.householdId, createdAt: eventFeeds.createdAt })
    .from(eventFeeds)
    .where(and(eq(eventFeeds.groupId, ctx.groupId), eq(eventFeeds.createdBy, ctx.userId), isNull(eventFeeds.revokedAt)))
    .orderBy(desc(eventFeeds.createdAt))
    .all()
    .map((f) => ({ ...f, createdAt: f.createdAt.getTime() }));
}

const EVENTS_PAST_DAYS = 60;
const EVENTS_FUTURE_DAYS = HORIZON_DAYS + 30;

/**
 * The events of a feed by its token, or null (unknown, revoked, or its maker no longer a member). The
 * group feed has every occurrence (cancelled ones as CANCELLED, so phones drop them); the household feed
 * those it signed up for (waitlisted: TENTATIVE) or holds a role in. No translated words: a feed has no language.
 */
export function eventFeed(token: string, now = Date.now()): EventFeedData | null {
  const found = db
    .select({ feed: eventFeeds, groupName: groups.name, timeZone: groups.timeZone })
    .from(eventFeeds)
    .innerJoin(groups, eq(groups.id, eventFeeds.groupId))
    .innerJoin(memberships, and(eq(memberships.groupId, eventFeeds.groupId), eq(memberships.userId, eventFeeds.createdBy)))
    .where(and(eq(eventFeeds.tokenHash, hashToken(token)), isNull(eventFeeds.revokedAt)))
    .get();
  if (!found) return null;
  const f = found.feed;
  // A feed lives as long as its maker's membership: a household's departure ends it (issue 16).
  if (!f.createdBy || !isActiveMember(f.createdBy, f.groupId, now)) return null;
  if (f.scope === "household" && !f.householdId) return null;
  const hh = f.householdId ?? "";
  const signupStatus = sql<string | null>`(select s.status from event_signups s where s.occurrence_id = ${eventOccurrences.id} and s.household_id = ${hh} and s.status <> 'cancelled')`;
  const hasRole = sql<number>`exists (select 1 from meal_assignments a where a.occurrence_id = ${eventOccurrences.id} and a.household_id = ${hh})`;
  const rows = db
    .select({
      id: eventOccurrences.id,
      startsAt: eventOccurrences.startsAt,
      endsAt: eventOccurrences.endsAt,
      status: eventOccurrences.status,
      title: eventSeries.title,
      description: eventSeries.description,
      note: eventOccurrences.note,
      spaceName: spaces.name,
      placeText: eventOccurrences.placeText,
      sequence: eventOccurrences.sequence,
      occurrenceUpdatedAt: eventOccurrences.updatedAt,
      seriesUpdatedAt: eventSeries.updatedAt,
      signupStatus,
      hasRole,
    })
    .from(eventOccurrences)
    .innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId))
    .leftJoin(spaces, eq(spaces.id, eventOccurrences.spaceId))
    .where(
      and(
        eq(eventOccurrences.groupId, f.groupId),
        gt(eventOccurrences.endsAt, new Date(now - EVENTS_PAST_DAYS * DAY)),
        lt(eventOccurrences.startsAt, new Date(now + EVENTS_FUTURE_DAYS * DAY)),
        f.scope === "household" ? or(sql`${signupStatus} is not null`, sql`${hasRole}`) : undefined,
      ),
    )
    .orderBy(asc(eventOccurrences.startsAt))
    .all();
  const householdName = f.householdId ? db.select({ name: households.name }).from(households).where(eq(households.id, f.householdId)).get()?.name : null;
  return {
    name: householdName ? `${householdName} — ${found.groupName}` : found.groupName,
    timeZone: found.timeZone,
    events: rows.map((r) => ({
      id: r.id,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      summary: r.title,
      description: [r.note, r.description].filter(Boolean).join("\n\n"),
      location: r.spaceName ?? r.placeText,
      status: r.status === "cancelled" ? "cancelled" : f.scope === "household" && r.signupStatus === "waitlisted" ? "tentative" : "confirmed",
      url: occurrenceUrl(f.groupId, r.id),
      sequence: r.sequence,
      updatedAt: laterOf(r.occurrenceUpdatedAt, r.seriesUpdatedAt),
    })),
  };
}

/** The .ics text of a feed (times in UTC, which every calendar shows in its own zone). */
export function renderEventsIcs(feed: EventFeedData): string {
  return renderCalendar({
    name: feed.name,
    product: "events",
    events: feed.events.map((e) => ({ ...e, lastModified: e.updatedAt })),
  });
}

const laterOf = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/** One occurrence as an .ics file (the "add to my calendar" download). */
export function renderEventIcs({ ctx, occurrenceId }: { ctx: Ctx; occurrenceId: string }): string {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  const spaceName = occ.spaceId ? (db.select({ name: spaces.name }).from(spaces).where(eq(spaces.id, occ.spaceId)).get()?.name ?? "") : "";
  return renderEventsIcs({
    name: series.title,
    timeZone: series.timeZone,
    events: [
      {
        id: occ.id,
        startsAt: occ.startsAt,
        endsAt: occ.endsAt,
        summary: series.title,
        description: [occ.note, series.description].filter(Boolean).join("\n\n"),
        location: spaceName || occ.placeText,
        status: occ.status === "cancelled" ? "cancelled" : "confirmed",
        url: occurrenceUrl(ctx.groupId, occ.id),
        sequence: occ.sequence,
        updatedAt: laterOf(occ.updatedAt, series.updatedAt),
      },
    ],
  });
}
