// What the meetings files share: finding a meeting or an item of the group (else 404), the preamble and audit
// line of a change to a meeting, a meeting's summary and calendar date, who manages meetings.
import { and, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { eventOccurrences, eventSeries, meetingAgendaItems, meetings, spaces } from "~db/schema";
import { can, requirePermission, type MemberContext } from "~/modules/access/access.server";
import { NotFoundError } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { utcToZoned } from "~/modules/core/recurrence";
import type { MeetingSummary } from "./meetings.server";

export type Ctx = MemberContext;
export type Q = Pick<typeof db, "select">;
export type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

/** Who prepares and runs meetings (the per-meeting roles are persons, for the record). */
export const canManage = (ctx: Ctx) => can(ctx, "meeting:manage");

export const personName = (p: { firstName: string | null; lastName: string | null } | null | undefined) =>
  p?.firstName ? `${p.firstName}${p.lastName ? ` ${p.lastName}` : ""}` : "";

const meetingColumns = {
  id: meetings.id,
  occurrenceId: meetings.occurrenceId,
  title: eventSeries.title,
  description: eventSeries.description,
  startsAt: eventOccurrences.startsAt,
  endsAt: eventOccurrences.endsAt,
  occurrenceStatus: eventOccurrences.status,
  spaceName: spaces.name,
  placeText: eventOccurrences.placeText,
  runStatus: meetings.runStatus,
  runStartedAt: meetings.runStartedAt,
  closedAt: meetings.closedAt,
  currentItemId: meetings.currentItemId,
  currentStartedAt: meetings.currentStartedAt,
  facilitatorPersonId: meetings.facilitatorPersonId,
  noteTakerPersonId: meetings.noteTakerPersonId,
  timeKeeperPersonId: meetings.timeKeeperPersonId,
  minutesText: meetings.minutesText,
  minutesStatus: meetings.minutesStatus,
  minutesApprovedAt: meetings.minutesApprovedAt,
  minutesApprovedInId: meetings.minutesApprovedInId,
  minutesPublishedAt: meetings.minutesPublishedAt,
};

export const meetingQuery = (q: Q) =>
  q
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(eventOccurrences, eq(eventOccurrences.id, meetings.occurrenceId))
    .innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId))
    .leftJoin(spaces, eq(spaces.id, eventOccurrences.spaceId))
    .$dynamic();
export type MeetingRow = ReturnType<ReturnType<typeof meetingQuery>["all"]>[number];

export function findMeeting(q: Q, ctx: Ctx, meetingId: string): MeetingRow {
  const row = meetingQuery(q)
    .where(and(eq(meetings.id, meetingId), eq(meetings.groupId, ctx.groupId)))
    .get();
  if (!row) throw new NotFoundError();
  return row;
}

export function findItem(q: Q, ctx: Ctx, meetingId: string, itemId: string) {
  const item = q
    .select()
    .from(meetingAgendaItems)
    .where(and(eq(meetingAgendaItems.id, itemId), eq(meetingAgendaItems.meetingId, meetingId), eq(meetingAgendaItems.groupId, ctx.groupId)))
    .get();
  if (!item) throw new NotFoundError();
  return item;
}

/**
 * A change to one meeting of the group: the permission (meeting:manage unless said; else 403), the meeting (else
 * 404), then `change` in one immediate transaction with the meeting as read inside it.
 */
export function changeMeeting<T>(
  ctx: Ctx,
  meetingId: string,
  change: (tx: Tx, m: MeetingRow) => T,
  permission: "meeting:manage" | "meeting:propose" = "meeting:manage",
): T {
  requirePermission(ctx, permission);
  return db.transaction((tx) => change(tx, findMeeting(tx, ctx, meetingId)), { behavior: "immediate" });
}

/** The audit line of a change to a meeting, its agenda, minutes or actions, by the acting member (an update unless said). */
export function auditMeeting(
  tx: Tx,
  ctx: Ctx,
  entry: { entity: string; entityId: string; details: Record<string, unknown>; action?: "create" | "update" | "delete" },
): void {
  const { action = "update", ...rest } = entry;
  recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action, ...rest });
}

/** The meeting's calendar date in the group's zone. */
export const dateOf = (ctx: Pick<Ctx, "group">, startsAt: Date | number) =>
  utcToZoned(typeof startsAt === "number" ? startsAt : startsAt.getTime(), ctx.group.timeZone).date;

export function summaryOf(ctx: Ctx, r: MeetingRow): MeetingSummary {
  return {
    id: r.id,
    occurrenceId: r.occurrenceId,
    title: r.title,
    startsAt: r.startsAt.getTime(),
    endsAt: r.endsAt.getTime(),
    date: dateOf(ctx, r.startsAt),
    placeName: r.spaceName ?? r.placeText,
    cancelled: r.occurrenceStatus === "cancelled",
    runStatus: r.runStatus,
    minutesStatus: r.minutesStatus,
  };
}
