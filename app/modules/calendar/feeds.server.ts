// The secret calendar URLs a phone subscribes to, in one table (calendar_feeds) of two kinds: bookings
// (/ical/<token>.ics: a space's, or the person's household's) and events (/ical/events/<token>.ics: the group's
// calendar, or what the household signed up for); and the one-event file of an occurrence. Only a token's SHA-256 is
// kept; revoking ends the URL, and so does its maker's membership ending. One lookup by token, one renderer
// (core/ical.ts). No translated words in a feed: it has no language.
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { bookings, calendarFeeds, eventOccurrences, eventSeries, groups, households, memberships, spaces } from "~db/schema";
import { ACTIVE_BOOKING_STATUSES, type EventFeedScope, type FeedKind, type FeedScope } from "~db/schema/enums";
import { can, isActiveMember, type MemberContext } from "~/modules/access/access.server";
import { ForbiddenError, NotFoundError } from "~/modules/access/errors";
import type { Permission } from "~/modules/access/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { generateToken, hashToken } from "~/modules/auth/session.server";
import { findSpace } from "~/modules/bookings/lookups.server";
import type { Problem as BookingProblem } from "~/modules/bookings/rules";
import { renderCalendar, type CalendarEvent } from "~/modules/core/ical";
import { appLink } from "~/modules/core/origin.server";
import { problemOf, refuse, type Result } from "~/modules/core/result";
import { findOccurrence } from "~/modules/events/lookups.server";
import { HORIZON_DAYS, problem, type Problem as EventProblem } from "~/modules/events/rules";

type Ctx = MemberContext;
type Feed = typeof calendarFeeds.$inferSelect;
/** What a calendar app reads: core/ical.ts's renderCalendar writes it. */
type FeedCalendar = { name: string; product: string; events: CalendarEvent[] };

const DAY = 86_400_000;

/** Per kind: its URL, its name in the audit trail, who may revoke anyone's feed, how far back and ahead it reaches. */
const KINDS = {
  bookings: { path: (token: string) => `/ical/${token}.ics`, entity: "calendar_feed", manager: "space:manage", pastDays: 60, futureDays: 400 },
  events: { path: (token: string) => `/ical/events/${token}.ics`, entity: "event_feed", manager: "event:manage", pastDays: 60, futureDays: HORIZON_DAYS + 30 },
} as const satisfies Record<FeedKind, { path: (token: string) => string; entity: string; manager: Permission; pastDays: number; futureDays: number }>;

// -------------------------------------------------------------------------------------------------
// A person's feeds: made (the token shown once), listed, revoked

function makeFeed(
  ctx: Ctx,
  kind: FeedKind,
  values: { scope: Feed["scope"]; spaceId: string | null; householdId: string | null },
  details: Record<string, unknown>,
): { ok: true; id: string; token: string; path: string } {
  const token = generateToken();
  const id = db.transaction(
    (tx) => {
      const row = tx
        .insert(calendarFeeds)
        .values({ groupId: ctx.groupId, tokenHash: hashToken(token), kind, ...values, createdBy: ctx.userId })
        .returning({ id: calendarFeeds.id })
        .get();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: KINDS[kind].entity, entityId: row.id, details });
      return row.id;
    },
    { behavior: "immediate" },
  );
  return { ok: true, id, token, path: KINDS[kind].path(token) };
}

/** A secret URL for the phone's calendar: the bookings of a space, or of the person's household. */
export function createFeed({
  ctx,
  scope,
  spaceId,
}: {
  ctx: Ctx;
  scope: FeedScope;
  spaceId?: string;
}): Result<{ id: string; token: string; path: string }, BookingProblem> {
  if (scope === "space") {
    if (!spaceId) return refuse(problemOf("required", "spaceId"));
    findSpace(ctx, spaceId);
    return makeFeed(ctx, "bookings", { scope, spaceId, householdId: null }, { scope, spaceId, householdId: null });
  }
  if (!ctx.householdId) return refuse(problemOf("no_household"));
  return makeFeed(ctx, "bookings", { scope, spaceId: null, householdId: ctx.householdId }, { scope, spaceId, householdId: ctx.householdId });
}

/** A secret URL for the phone's calendar: the group's calendar, or what the person's household signed up for. */
export function createEventFeed({ ctx, scope }: { ctx: Ctx; scope: EventFeedScope }): Result<{ id: string; token: string; path: string }, EventProblem> {
  if (scope === "household" && !ctx.householdId) return refuse(problem("no_household"));
  const householdId = scope === "household" ? ctx.householdId : null;
  return makeFeed(ctx, "events", { scope, spaceId: null, householdId }, { scope, householdId });
}

/** Revoked by the person who made it, or by whoever manages that kind (a feed of the other kind: 404). */
function revoke(ctx: Ctx, kind: FeedKind, feedId: string): { ok: true } {
  const feed = db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.groupId, ctx.groupId), eq(calendarFeeds.kind, kind)))
    .get();
  if (!feed) throw new NotFoundError();
  if (feed.createdBy !== ctx.userId && !can(ctx, KINDS[kind].manager)) throw new ForbiddenError();
  db.transaction(
    (tx) => {
      tx.update(calendarFeeds)
        .set({ revokedAt: new Date() })
        .where(and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.groupId, ctx.groupId), isNull(calendarFeeds.revokedAt)))
        .run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "revoke", entity: KINDS[kind].entity, entityId: feedId });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

export const revokeFeed = ({ ctx, feedId }: { ctx: Ctx; feedId: string }) => revoke(ctx, "bookings", feedId);
export const revokeEventFeed = ({ ctx, feedId }: { ctx: Ctx; feedId: string }) => revoke(ctx, "events", feedId);

/** The person's feeds of a kind in this group that still work, latest first (no token: it was shown once). */
function feedsOf(ctx: Ctx, kind: FeedKind) {
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
    .where(and(eq(calendarFeeds.groupId, ctx.groupId), eq(calendarFeeds.kind, kind), eq(calendarFeeds.createdBy, ctx.userId), isNull(calendarFeeds.revokedAt)))
    .orderBy(desc(calendarFeeds.createdAt))
    .all();
}

export function listFeeds({ ctx }: { ctx: Ctx }) {
  return feedsOf(ctx, "bookings").map((f) => ({ ...f, scope: f.scope as FeedScope }));
}

export function listEventFeeds({ ctx }: { ctx: Ctx }): { id: string; scope: EventFeedScope; householdId: string | null; createdAt: number }[] {
  return feedsOf(ctx, "events").map((f) => ({ id: f.id, scope: f.scope as EventFeedScope, householdId: f.householdId, createdAt: f.createdAt.getTime() }));
}

// -------------------------------------------------------------------------------------------------
// A feed by its token

/**
 * The calendar a feed's URL serves, or null: an unknown or revoked token, a token of the other kind, or its maker
 * no longer a member (a feed lives as long as its maker's membership: a household's departure ends it, issue 16).
 */
export function feedCalendar(token: string, kind: FeedKind, now = Date.now()): FeedCalendar | null {
  const found = db
    .select({ feed: calendarFeeds, groupName: groups.name })
    .from(calendarFeeds)
    .innerJoin(groups, eq(groups.id, calendarFeeds.groupId))
    .innerJoin(memberships, and(eq(memberships.groupId, calendarFeeds.groupId), eq(memberships.userId, calendarFeeds.createdBy)))
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), eq(calendarFeeds.kind, kind), isNull(calendarFeeds.revokedAt)))
    .get();
  if (!found || !isActiveMember(found.feed.createdBy, found.feed.groupId, now)) return null;
  const reach = { from: new Date(now - KINDS[kind].pastDays * DAY), to: new Date(now + KINDS[kind].futureDays * DAY) };
  return kind === "bookings" ? bookingsCalendar(found.feed, found.groupName, reach) : eventsCalendar(found.feed, found.groupName, reach);
}

type Reach = { from: Date; to: Date };

/**
 * Space feeds name the household (as the group's calendar does); household feeds name the space and carry the
 * purpose. A request waiting for approval is TENTATIVE.
 */
function bookingsCalendar(f: Feed, groupName: string, reach: Reach): FeedCalendar | null {
  const scoped =
    f.scope === "space" && f.spaceId
      ? eq(bookings.spaceId, f.spaceId)
      : f.scope === "household" && f.householdId
        ? eq(bookings.householdId, f.householdId)
        : undefined;
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
        inArray(bookings.status, [...ACTIVE_BOOKING_STATUSES]),
        gt(bookings.endsAt, reach.from),
        lt(bookings.startsAt, reach.to),
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .all();
  const title =
    f.scope === "space"
      ? db.select({ name: spaces.name }).from(spaces).where(eq(spaces.id, f.spaceId!)).get()?.name
      : db.select({ name: households.name }).from(households).where(eq(households.id, f.householdId!)).get()?.name;
  return {
    name: `${title ?? ""} — ${groupName}`,
    product: "bookings",
    events: rows.map((r) => ({
      id: r.id,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      summary: f.scope === "space" ? (r.householdName ?? groupName) : r.spaceName,
      description: f.scope === "household" ? r.purpose : "",
      status: r.status === "confirmed" ? "confirmed" : "tentative",
      sequence: r.sequence,
      lastModified: r.updatedAt,
    })),
  };
}

const occurrenceUrl = (groupId: string, occurrenceId: string) => appLink(`/g/${groupId}/events/${occurrenceId}`);
/** The title and description are the series': an occurrence changed when either last did. */
const laterOf = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/**
 * The group feed has every occurrence (cancelled ones as CANCELLED, so phones drop them); the household feed those
 * it signed up for (waitlisted: TENTATIVE) or holds a role in.
 */
function eventsCalendar(f: Feed, groupName: string, reach: Reach): FeedCalendar | null {
  if (f.scope === "household" && !f.householdId) return null;
  const hh = f.householdId ?? "";
  const signupStatus = sql<
    string | null
  >`(select s.status from event_signups s where s.occurrence_id = ${eventOccurrences.id} and s.household_id = ${hh} and s.status <> 'cancelled')`;
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
        gt(eventOccurrences.endsAt, reach.from),
        lt(eventOccurrences.startsAt, reach.to),
        f.scope === "household" ? or(sql`${signupStatus} is not null`, sql`${hasRole}`) : undefined,
      ),
    )
    .orderBy(asc(eventOccurrences.startsAt))
    .all();
  const householdName = f.householdId ? db.select({ name: households.name }).from(households).where(eq(households.id, f.householdId)).get()?.name : null;
  return {
    name: householdName ? `${householdName} — ${groupName}` : groupName,
    product: "events",
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
      lastModified: laterOf(r.occurrenceUpdatedAt, r.seriesUpdatedAt),
    })),
  };
}

// -------------------------------------------------------------------------------------------------
// One occurrence as a file

/** One occurrence as an .ics file (the "add to my calendar" download). */
export function renderEventIcs({ ctx, occurrenceId }: { ctx: Ctx; occurrenceId: string }): string {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  const spaceName = occ.spaceId ? (db.select({ name: spaces.name }).from(spaces).where(eq(spaces.id, occ.spaceId)).get()?.name ?? "") : "";
  return renderCalendar({
    name: series.title,
    product: "events",
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
        lastModified: laterOf(occ.updatedAt, series.updatedAt),
      },
    ],
  });
}
