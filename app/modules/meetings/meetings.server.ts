// Meetings: a meeting is an event occurrence of kind "meeting" (made through the events module, its
// place booked through bookings). This file makes meetings, lists them, reads one (agenda, roles, the
// record of its run, what the viewer sees of its minutes) and gives Home its section. The agenda, the run,
// decisions, action items, minutes and figures each have their file; the pure rules are in rules.ts.
import { and, asc, eq, gt, isNull, lt, ne } from "drizzle-orm";
import { db } from "~db/client.server";
import {
  eventOccurrences,
  eventSeries,
  households,
  meetingActions,
  meetingAgendaItems,
  meetingAttendance,
  meetingDecisions,
  meetings,
  persons,
} from "~db/schema";
import { can, requirePermission } from "~/modules/access/access.server";
import { NotFoundError } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { todayIn } from "~/modules/core/dates";
import { createEvent } from "~/modules/events/series.server";
import type { Problem as EventProblem } from "~/modules/events/rules";
import type { Result as CoreResult } from "~/modules/core/result";
import { EventSchema } from "~/modules/events/schemas";
import { lookupPerson } from "~/modules/access/lookups.server";
import {
  isExpectedAdult,
  type AgendaItemStatus,
  type AttendanceStatus,
  type DecisionMethod,
  type DecisionResult,
  type MeetingRole,
  type MinutesStatus,
  type RunStatus,
} from "./rules";
import type { MeetingInput } from "./schemas";
import { openActions, type MyAction } from "./actions.server";
import { canManage, dateOf, findMeeting, meetingQuery, personName, summaryOf, type Ctx, type MeetingRow, type Q } from "./shared.server";

export type MeetingSummary = {
  id: string;
  occurrenceId: string;
  title: string;
  startsAt: number;
  endsAt: number;
  date: string;
  placeName: string;
  cancelled: boolean;
  runStatus: RunStatus;
  minutesStatus: MinutesStatus | null;
};

/** Persons of the group still living there (for the presenter, roles and action items). */
export function listGroupPersons({ ctx, on }: { ctx: Ctx; on?: string }): { id: string; name: string }[] {
  const day = on ?? todayIn(ctx.group.timeZone);
  return db
    .select({
      id: persons.id,
      firstName: persons.firstName,
      lastName: persons.lastName,
      arrivalDate: households.arrivalDate,
      departureDate: households.departureDate,
    })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(persons.groupId, ctx.groupId))
    .all()
    .filter((p) => !p.departureDate || p.departureDate > day)
    .map((p) => ({ id: p.id, name: personName(p) }))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

/** The adults a meeting on `date` expects (rules.isExpectedAdult). */
function expectedAdults(q: Q, ctx: Ctx, date: string): { id: string; name: string }[] {
  return q
    .select({
      id: persons.id,
      firstName: persons.firstName,
      lastName: persons.lastName,
      birthYear: persons.birthYear,
      arrivalDate: households.arrivalDate,
      departureDate: households.departureDate,
    })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(persons.groupId, ctx.groupId))
    .all()
    .filter((p) => isExpectedAdult(p, date))
    .map((p) => ({ id: p.id, name: personName(p) }))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

// -------------------------------------------------------------------------------------------------
// Creating meetings

/**
 * A new meeting: a one-off event of kind "meeting" made by the events module (which books the common
 * room when one is chosen, under the bookings rules) and its meeting row, in one transaction. Its problems
 * are the event's (a taken room, a closure: events problems, worded by the events module), nothing written.
 */
export function createMeeting({
  ctx,
  input,
  now = Date.now(),
}: {
  ctx: Ctx;
  input: MeetingInput;
  now?: number;
}): CoreResult<{ meetingId: string }, EventProblem> {
  requirePermission(ctx, "meeting:manage");
  const eventInput = EventSchema.parse({
    kind: "meeting",
    title: input.title,
    description: input.description,
    spaceId: input.spaceId || undefined,
    placeText: input.spaceId ? "" : input.placeText,
    date: input.date,
    startTime: input.startTime,
    endTime: input.endTime,
    repeat: "none",
  });
  return db.transaction(
    (tx) => {
      const r = createEvent({ ctx, input: eventInput, now, tx });
      if (!r.ok) return r;
      const id = tx
        .insert(meetings)
        .values({ groupId: ctx.groupId, occurrenceId: r.occurrenceIds[0], createdBy: ctx.userId })
        .returning({ id: meetings.id })
        .get().id;
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "create",
        entity: "meeting",
        entityId: id,
        details: { occurrenceId: r.occurrenceIds[0], title: input.title, date: input.date },
      });
      return { ok: true as const, meetingId: id };
    },
    { behavior: "immediate" },
  );
}

/** The meeting of a calendar occurrence of kind "meeting", if it has one. */
export function meetingIdForOccurrence({ ctx, occurrenceId }: { ctx: Ctx; occurrenceId: string }): string | null {
  requirePermission(ctx, "meeting:read");
  return (
    db
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(eq(meetings.occurrenceId, occurrenceId), eq(meetings.groupId, ctx.groupId)))
      .get()?.id ?? null
  );
}

/** A meeting for an occurrence of kind "meeting" made in the calendar (a monthly series): its row, made once. */
export function prepareMeeting({ ctx, occurrenceId }: { ctx: Ctx; occurrenceId: string }): { ok: true; meetingId: string } {
  requirePermission(ctx, "meeting:manage");
  return db.transaction(
    (tx) => {
      const occ = tx
        .select({ id: eventOccurrences.id, kind: eventSeries.kind })
        .from(eventOccurrences)
        .innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId))
        .where(and(eq(eventOccurrences.id, occurrenceId), eq(eventOccurrences.groupId, ctx.groupId)))
        .get();
      if (!occ || occ.kind !== "meeting") throw new NotFoundError();
      const existing = tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.occurrenceId, occurrenceId)).get();
      if (existing) return { ok: true as const, meetingId: existing.id };
      const id = tx.insert(meetings).values({ groupId: ctx.groupId, occurrenceId, createdBy: ctx.userId }).returning({ id: meetings.id }).get().id;
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "meeting", entityId: id, details: { occurrenceId } });
      return { ok: true as const, meetingId: id };
    },
    { behavior: "immediate" },
  );
}

// -------------------------------------------------------------------------------------------------
// Lists

type MeetingsList = {
  upcoming: MeetingSummary[];
  past: MeetingSummary[];
  /** Calendar occurrences of kind "meeting" without a meeting row yet (facilitators prepare them). */
  unprepared: { occurrenceId: string; title: string; startsAt: number }[];
};

/** Upcoming meetings (soonest first) and past ones (latest first); a closed run is past even on its day. */
export function listMeetings({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): MeetingsList {
  requirePermission(ctx, "meeting:read");
  const rows = meetingQuery(db).where(eq(meetings.groupId, ctx.groupId)).orderBy(asc(eventOccurrences.startsAt)).all();
  const all = rows.map((r) => summaryOf(ctx, r));
  const isUpcoming = (m: MeetingSummary) => m.endsAt > now && m.runStatus !== "closed";
  const unprepared = canManage(ctx)
    ? db
        .select({ occurrenceId: eventOccurrences.id, title: eventSeries.title, startsAt: eventOccurrences.startsAt })
        .from(eventOccurrences)
        .innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId))
        .leftJoin(meetings, eq(meetings.occurrenceId, eventOccurrences.id))
        .where(
          and(
            eq(eventOccurrences.groupId, ctx.groupId),
            eq(eventSeries.kind, "meeting"),
            isNull(meetings.id),
            eq(eventOccurrences.status, "scheduled"),
            gt(eventOccurrences.endsAt, new Date(now)),
          ),
        )
        .orderBy(asc(eventOccurrences.startsAt))
        .limit(6)
        .all()
        .map((r) => ({ ...r, startsAt: r.startsAt.getTime() }))
    : [];
  return { upcoming: all.filter(isUpcoming), past: all.filter((m) => !isUpcoming(m)).reverse(), unprepared };
}

// -------------------------------------------------------------------------------------------------
// One meeting

export type AgendaItemView = {
  id: string;
  title: string;
  description: string;
  presenter: string;
  presenterPersonId: string | null;
  plannedMinutes: number | null;
  status: AgendaItemStatus;
  position: number | null;
  mine: boolean;
  startedAt: number | null;
  endedAt: number | null;
  actualMinutes: number | null;
  notes: string;
};
export type DecisionView = {
  id: string;
  text: string;
  method: DecisionMethod;
  result: DecisionResult;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  agendaItemId: string | null;
  charterVersionId: string | null;
};
export type ActionView = { id: string; what: string; personId: string; who: string; dueDate: string | null; doneOn: string | null; createdOn: string };
export type AttendanceRow = { personId: string; name: string; status: AttendanceStatus | null; proxyPersonId: string | null };

export function itemsOf(q: Q, ctx: Ctx, meetingId: string): AgendaItemView[] {
  const rows = q
    .select({ item: meetingAgendaItems, firstName: persons.firstName, lastName: persons.lastName })
    .from(meetingAgendaItems)
    .leftJoin(persons, eq(persons.id, meetingAgendaItems.presenterPersonId))
    .where(and(eq(meetingAgendaItems.meetingId, meetingId), eq(meetingAgendaItems.groupId, ctx.groupId)))
    .orderBy(asc(meetingAgendaItems.position), asc(meetingAgendaItems.createdAt))
    .all();
  const order = { accepted: 0, proposed: 1, declined: 2 } as const;
  return rows
    .map(({ item: i, firstName, lastName }) => ({
      id: i.id,
      title: i.title,
      description: i.description,
      presenter: personName({ firstName, lastName }) || i.presenterText,
      presenterPersonId: i.presenterPersonId,
      plannedMinutes: i.plannedMinutes,
      status: i.status,
      position: i.position,
      mine: i.proposedBy === ctx.userId,
      startedAt: i.startedAt?.getTime() ?? null,
      endedAt: i.endedAt?.getTime() ?? null,
      actualMinutes: i.actualMinutes,
      notes: i.notes,
    }))
    .sort((a, b) => order[a.status] - order[b.status] || (a.position ?? 0) - (b.position ?? 0));
}

/** A decision as the meeting page, run mode and the register show it. */
export const decisionColumns = {
  id: meetingDecisions.id,
  text: meetingDecisions.text,
  method: meetingDecisions.method,
  result: meetingDecisions.result,
  votesFor: meetingDecisions.votesFor,
  votesAgainst: meetingDecisions.votesAgainst,
  votesAbstain: meetingDecisions.votesAbstain,
  agendaItemId: meetingDecisions.agendaItemId,
  charterVersionId: meetingDecisions.charterVersionId,
};

export function decisionsOf(q: Q, ctx: Ctx, meetingId: string): DecisionView[] {
  return q
    .select(decisionColumns)
    .from(meetingDecisions)
    .where(and(eq(meetingDecisions.meetingId, meetingId), eq(meetingDecisions.groupId, ctx.groupId)))
    .orderBy(asc(meetingDecisions.createdAt))
    .all();
}

export function actionsOf(q: Q, ctx: Ctx, meetingId: string): ActionView[] {
  return q
    .select({ a: meetingActions, firstName: persons.firstName, lastName: persons.lastName })
    .from(meetingActions)
    .innerJoin(persons, eq(persons.id, meetingActions.personId))
    .where(and(eq(meetingActions.meetingId, meetingId), eq(meetingActions.groupId, ctx.groupId)))
    .orderBy(asc(meetingActions.createdAt))
    .all()
    .map(({ a, firstName, lastName }) => ({
      id: a.id,
      what: a.what,
      personId: a.personId,
      who: personName({ firstName, lastName }),
      dueDate: a.dueDate,
      doneOn: a.doneOn,
      createdOn: a.createdOn,
    }));
}

/** The attendance sheet: every expected adult, plus anyone recorded who is no longer expected. */
export function attendanceOf(q: Q, ctx: Ctx, meetingId: string, date: string): AttendanceRow[] {
  const recorded = q
    .select({
      personId: meetingAttendance.personId,
      status: meetingAttendance.status,
      proxyPersonId: meetingAttendance.proxyPersonId,
      firstName: persons.firstName,
      lastName: persons.lastName,
    })
    .from(meetingAttendance)
    .innerJoin(persons, eq(persons.id, meetingAttendance.personId))
    .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.groupId, ctx.groupId)))
    .all();
  const byPerson = new Map(recorded.map((r) => [r.personId, r]));
  const rows: AttendanceRow[] = expectedAdults(q, ctx, date).map((p) => {
    const r = byPerson.get(p.id);
    return { personId: p.id, name: p.name, status: r?.status ?? null, proxyPersonId: r?.proxyPersonId ?? null };
  });
  for (const r of recorded)
    if (!rows.some((x) => x.personId === r.personId))
      rows.push({ personId: r.personId, name: personName(r), status: r.status, proxyPersonId: r.proxyPersonId });
  return rows;
}

export type MinutesView = {
  status: MinutesStatus;
  text: string;
  approvedAt: number | null;
  approvedIn: { id: string; title: string; date: string } | null;
  publishedAt: number | null;
};

export function minutesOf(q: Q, ctx: Ctx, m: MeetingRow): MinutesView | null {
  if (!m.minutesStatus || m.minutesText == null) return null;
  // Residents only ever see published minutes.
  if (!canManage(ctx) && m.minutesStatus !== "published") return null;
  const approvedIn = m.minutesApprovedInId
    ? meetingQuery(q)
        .where(and(eq(meetings.id, m.minutesApprovedInId), eq(meetings.groupId, ctx.groupId)))
        .get()
    : null;
  return {
    status: m.minutesStatus,
    text: m.minutesText,
    approvedAt: m.minutesApprovedAt?.getTime() ?? null,
    approvedIn: approvedIn ? { id: approvedIn.id, title: approvedIn.title, date: dateOf(ctx, approvedIn.startsAt) } : null,
    publishedAt: m.minutesPublishedAt?.getTime() ?? null,
  };
}

export type MeetingDetail = MeetingSummary & {
  description: string;
  roles: Record<MeetingRole, { personId: string; name: string } | null>;
  canManage: boolean;
  canPropose: boolean;
  items: AgendaItemView[];
  plannedTotal: number;
  minutes: MinutesView | null;
  /** Earlier meetings whose draft minutes this meeting may approve (facilitators). */
  toApprove: { id: string; title: string; date: string; text: string }[];
  /** Minutes this meeting approved. */
  approvedHere: { id: string; title: string; date: string }[];
};

/**
 * A meeting's page. Residents see the accepted agenda, their own proposals and, once published, the
 * minutes; facilitators see everything, and the earlier meetings' draft minutes to approve here.
 */
export function getMeeting({ ctx, meetingId }: { ctx: Ctx; meetingId: string }): MeetingDetail {
  requirePermission(ctx, "meeting:read");
  const m = findMeeting(db, ctx, meetingId);
  const manage = canManage(ctx);
  const role = (personId: string | null) => {
    if (!personId) return null;
    const p = lookupPerson(ctx, personId);
    return p ? { personId: p.id, name: personName(p) } : null;
  };
  const items = itemsOf(db, ctx, m.id).filter((i) => manage || i.status === "accepted" || i.mine);
  const toApprove = manage
    ? meetingQuery(db)
        .where(and(eq(meetings.groupId, ctx.groupId), eq(meetings.minutesStatus, "draft"), lt(eventOccurrences.startsAt, m.startsAt), ne(meetings.id, m.id)))
        .orderBy(asc(eventOccurrences.startsAt))
        .all()
        .map((p) => ({ id: p.id, title: p.title, date: dateOf(ctx, p.startsAt), text: p.minutesText ?? "" }))
    : [];
  const approvedHere = meetingQuery(db)
    .where(and(eq(meetings.groupId, ctx.groupId), eq(meetings.minutesApprovedInId, m.id)))
    .all()
    .filter((p) => manage || p.minutesStatus === "published")
    .map((p) => ({ id: p.id, title: p.title, date: dateOf(ctx, p.startsAt) }));
  return {
    ...summaryOf(ctx, m),
    description: m.description,
    roles: { facilitator: role(m.facilitatorPersonId), noteTaker: role(m.noteTakerPersonId), timeKeeper: role(m.timeKeeperPersonId) },
    canManage: manage,
    canPropose: can(ctx, "meeting:propose") && m.runStatus !== "closed",
    items,
    plannedTotal: items.filter((i) => i.status === "accepted").reduce((s, i) => s + (i.plannedMinutes ?? 0), 0),
    minutes: minutesOf(db, ctx, m),
    toApprove,
    approvedHere,
  };
}

// -------------------------------------------------------------------------------------------------
// Home

export type MeetingsHome = {
  next: { id: string; title: string; startsAt: number; placeName: string } | null;
  myActions: MyAction[];
  today: string;
};

/** Home: the next meeting, and my open action items (two indexed queries). */
export function getMeetingsHome({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): MeetingsHome {
  if (!can(ctx, "meeting:read")) return { next: null, myActions: [], today: todayIn(ctx.group.timeZone, now) };
  const today = todayIn(ctx.group.timeZone, now);
  const next = meetingQuery(db)
    .where(
      and(
        eq(eventOccurrences.groupId, ctx.groupId),
        gt(eventOccurrences.endsAt, new Date(now)),
        eq(eventOccurrences.status, "scheduled"),
        ne(meetings.runStatus, "closed"),
      ),
    )
    .orderBy(asc(eventOccurrences.startsAt))
    .get();
  return {
    next: next ? { id: next.id, title: next.title, startsAt: next.startsAt.getTime(), placeName: next.spaceName ?? next.placeText } : null,
    myActions: ctx.personId ? openActions(ctx, ctx.personId, today, 5) : [],
    today,
  };
}
