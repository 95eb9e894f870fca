// Meetings: a meeting is an event occurrence of kind "meeting" (made through the events module, its
// place booked through bookings) with, here, its agenda, roles, run (attendance, timer, notes,
// decisions, action items), minutes (draft → approved at a later meeting → published), the decisions
// register, Home's section and the figures the evaluation module reads. Every query is scoped by
// ctx.groupId (or the groupId the figures are asked for); the pure rules are in rules.ts.
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, max, ne, or, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { eventOccurrences, eventSeries, groups, households, meetingActions, meetingAgendaItems, meetingAttendance, meetingDecisions, meetings, persons, spaces } from "~db/schema";
import type { MemberContext } from "~/modules/access/access.server";
import type { GroupScoped } from "~/modules/access/scope.server";
import { can, requirePermission } from "~/modules/access/access.server";
import { forbidden, notFound } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { adoptCharterVersion, listProposedCharterVersions } from "~/modules/charter/charter.server";
import type { Problem as CharterProblem } from "~/modules/charter/rules";
import { formatDate, todayIn } from "~/modules/core/dates";
import { utcToZoned } from "~/modules/core/recurrence";
import { createEvent } from "~/modules/events/series.server";
import type { Problem as EventProblem } from "~/modules/events/rules";
import { EventSchema } from "~/modules/events/schemas";
import { getT } from "~/modules/i18n/i18n.server";
import type { Lang } from "~/modules/i18n/config";
import {
  ATTENDANCE_STATUSES,
  actionFigures,
  actualMinutesOf,
  attendanceRate,
  checkAttendance,
  checkVotes,
  draftMinutes,
  isExpectedAdult,
  problem,
  searchable,
  voicesOf,
  type AgendaItemStatus,
  type AttendanceEntry,
  type AttendanceStatus,
  type DecisionMethod,
  type DecisionResult,
  type MeetingRole,
  type MinutesRecord,
  type MinutesStatus,
  type Problem,
  type RunStatus,
} from "./rules";
import type { ActionItemInput, AgendaItemInput, DecisionFilter, DecisionInput, DoneInput, MeetingInput, RolesInput } from "./schemas";

type Ctx = MemberContext;
type Q = Pick<typeof db, "select">;
export type { Problem } from "./rules";
export type Result<T extends object = object> = ({ ok: true } & T) | { ok: false; problems: Problem[] };
const fail = (...problems: Problem[]) => ({ ok: false as const, problems });

/** Who prepares and runs meetings (the per-meeting roles are persons, for the record). */
const canManage = (ctx: Ctx) => can(ctx, "meeting:manage");

// -------------------------------------------------------------------------------------------------
// Finding things

const personName = (p: { firstName: string | null; lastName: string | null } | null | undefined) => (p?.firstName ? `${p.firstName}${p.lastName ? ` ${p.lastName}` : ""}` : "");

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
const meetingQuery = (q: Q) =>
  q
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(eventOccurrences, eq(eventOccurrences.id, meetings.occurrenceId))
    .innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId))
    .leftJoin(spaces, eq(spaces.id, eventOccurrences.spaceId))
    .$dynamic();
type MeetingRow = ReturnType<ReturnType<typeof meetingQuery>["all"]>[number];

function findMeeting(q: Q, ctx: Ctx, meetingId: string): MeetingRow {
  const row = meetingQuery(q)
    .where(and(eq(meetings.id, meetingId), eq(meetings.groupId, ctx.groupId)))
    .get();
  if (!row) throw notFound();
  return row;
}

function findPerson(q: Q, groupId: string, personId: string) {
  return q
    .select({ id: persons.id, firstName: persons.firstName, lastName: persons.lastName })
    .from(persons)
    .where(and(eq(persons.id, personId), eq(persons.groupId, groupId)))
    .get();
}

function findItem(q: Q, ctx: Ctx, meetingId: string, itemId: string) {
  const item = q
    .select()
    .from(meetingAgendaItems)
    .where(and(eq(meetingAgendaItems.id, itemId), eq(meetingAgendaItems.meetingId, meetingId), eq(meetingAgendaItems.groupId, ctx.groupId)))
    .get();
  if (!item) throw notFound();
  return item;
}

/** The meeting's calendar date in the group's zone. */
const dateOf = (ctx: Pick<Ctx, "group">, startsAt: Date | number) => utcToZoned(typeof startsAt === "number" ? startsAt : startsAt.getTime(), ctx.group.timeZone).date;

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

function summaryOf(ctx: Ctx, r: MeetingRow): MeetingSummary {
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

/** Persons of the group still living there (for the presenter, roles and action items). */
export function listGroupPersons({ ctx, on }: { ctx: Ctx; on?: string }): { id: string; name: string }[] {
  const day = on ?? todayIn(ctx.group.timeZone);
  return db
    .select({ id: persons.id, firstName: persons.firstName, lastName: persons.lastName, arrivalDate: households.arrivalDate, departureDate: households.departureDate })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(persons.groupId, ctx.groupId))
    .all()
    .filter((p) => !p.departureDate || p.departureDate > day)
    .map((p) => ({ id: p.id, name: personName(p) }))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

/** The adults a meeting on `date` expects (rules.isExpectedAdult). */
function expectedAdults(q: Q, groupId: string, date: string): { id: string; name: string }[] {
  return q
    .select({ id: persons.id, firstName: persons.firstName, lastName: persons.lastName, birthYear: persons.birthYear, arrivalDate: households.arrivalDate, departureDate: households.departureDate })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(persons.groupId, groupId))
    .all()
    .filter((p) => isExpectedAdult(p, date))
    .map((p) => ({ id: p.id, name: personName(p) }))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

// -------------------------------------------------------------------------------------------------
// Creating meetings

/**
 * A new meeting: a one-off event of kind "meeting" made by the events module (which books the common
 * room when one is chosen, under the bookings rules) and its meeting row, in one transaction. The event's
 * own problems (a taken room, a closure) come back as events problems for the form, nothing written.
 */
export function createMeeting({ ctx, input, now = Date.now() }: { ctx: Ctx; input: MeetingInput; now?: number }): { ok: true; meetingId: string } | { ok: false; eventProblems: EventProblem[] } {
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
      if (!r.ok) return { ok: false as const, eventProblems: r.problems };
      const id = tx.insert(meetings).values({ groupId: ctx.groupId, occurrenceId: r.occurrenceIds[0], createdBy: ctx.userId }).returning({ id: meetings.id }).get().id;
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "meeting", entityId: id, details: { occurrenceId: r.occurrenceIds[0], title: input.title, date: input.date } });
      return { ok: true as const, meetingId: id };
    },
    { behavior: "immediate" },
  );
}

/** The meeting of a calendar occurrence of kind "meeting", if it has one. */
export function meetingIdForOccurrence({ ctx, occurrenceId }: { ctx: Ctx; occurrenceId: string }): string | null {
  requirePermission(ctx, "meeting:read");
  return db.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.occurrenceId, occurrenceId), eq(meetings.groupId, ctx.groupId))).get()?.id ?? null;
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
      if (!occ || occ.kind !== "meeting") throw notFound();
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

export type MeetingsList = {
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

function itemsOf(q: Q, ctx: Ctx, meetingId: string): AgendaItemView[] {
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

function decisionsOf(q: Q, ctx: Ctx, meetingId: string): DecisionView[] {
  return q
    .select({
      id: meetingDecisions.id,
      text: meetingDecisions.text,
      method: meetingDecisions.method,
      result: meetingDecisions.result,
      votesFor: meetingDecisions.votesFor,
      votesAgainst: meetingDecisions.votesAgainst,
      votesAbstain: meetingDecisions.votesAbstain,
      agendaItemId: meetingDecisions.agendaItemId,
      charterVersionId: meetingDecisions.charterVersionId,
    })
    .from(meetingDecisions)
    .where(and(eq(meetingDecisions.meetingId, meetingId), eq(meetingDecisions.groupId, ctx.groupId)))
    .orderBy(asc(meetingDecisions.createdAt))
    .all();
}

function actionsOf(q: Q, ctx: Ctx, meetingId: string): ActionView[] {
  return q
    .select({ a: meetingActions, firstName: persons.firstName, lastName: persons.lastName })
    .from(meetingActions)
    .innerJoin(persons, eq(persons.id, meetingActions.personId))
    .where(and(eq(meetingActions.meetingId, meetingId), eq(meetingActions.groupId, ctx.groupId)))
    .orderBy(asc(meetingActions.createdAt))
    .all()
    .map(({ a, firstName, lastName }) => ({ id: a.id, what: a.what, personId: a.personId, who: personName({ firstName, lastName }), dueDate: a.dueDate, doneOn: a.doneOn, createdOn: a.createdOn }));
}

/** The attendance sheet: every expected adult, plus anyone recorded who is no longer expected. */
function attendanceOf(q: Q, ctx: Ctx, meetingId: string, date: string): AttendanceRow[] {
  const recorded = q
    .select({ personId: meetingAttendance.personId, status: meetingAttendance.status, proxyPersonId: meetingAttendance.proxyPersonId, firstName: persons.firstName, lastName: persons.lastName })
    .from(meetingAttendance)
    .innerJoin(persons, eq(persons.id, meetingAttendance.personId))
    .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.groupId, ctx.groupId)))
    .all();
  const byPerson = new Map(recorded.map((r) => [r.personId, r]));
  const rows: AttendanceRow[] = expectedAdults(q, ctx.groupId, date).map((p) => {
    const r = byPerson.get(p.id);
    return { personId: p.id, name: p.name, status: r?.status ?? null, proxyPersonId: r?.proxyPersonId ?? null };
  });
  for (const r of recorded) if (!rows.some((x) => x.personId === r.personId)) rows.push({ personId: r.personId, name: personName(r), status: r.status, proxyPersonId: r.proxyPersonId });
  return rows;
}

export type MinutesView = { status: MinutesStatus; text: string; approvedAt: number | null; approvedIn: { id: string; title: string; date: string } | null; publishedAt: number | null };

function minutesOf(q: Q, ctx: Ctx, m: MeetingRow): MinutesView | null {
  if (!m.minutesStatus || m.minutesText == null) return null;
  // Residents only ever see published minutes.
  if (!canManage(ctx) && m.minutesStatus !== "published") return null;
  const approvedIn = m.minutesApprovedInId ? meetingQuery(q).where(and(eq(meetings.id, m.minutesApprovedInId), eq(meetings.groupId, ctx.groupId))).get() : null;
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
    const p = findPerson(db, ctx.groupId, personId);
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
// The agenda

function refuseClosed(m: { runStatus: RunStatus }): Problem[] {
  return m.runStatus === "closed" ? [problem("meeting_closed")] : [];
}

/**
 * Proposes an item (any member with meeting:propose). A facilitator's own item goes straight onto the
 * agenda, at the end; a resident's waits for a facilitator to accept it.
 */
export function proposeItem({ ctx, meetingId, input }: { ctx: Ctx; meetingId: string; input: AgendaItemInput }): Result<{ itemId: string; status: AgendaItemStatus }> {
  requirePermission(ctx, "meeting:propose");
  return db.transaction(
    (tx) => {
      const m = findMeeting(tx, ctx, meetingId);
      const closed = refuseClosed(m);
      if (closed.length) return fail(...closed);
      if (input.presenterPersonId && !findPerson(tx, ctx.groupId, input.presenterPersonId)) return fail(problem("person_unknown", "presenterPersonId"));
      const status: AgendaItemStatus = canManage(ctx) ? "accepted" : "proposed";
      const position = status === "accepted" ? nextPosition(tx, m.id) : null;
      const itemId = tx
        .insert(meetingAgendaItems)
        .values({
          groupId: ctx.groupId,
          meetingId: m.id,
          title: input.title,
          description: input.description,
          presenterPersonId: input.presenterPersonId || null,
          presenterText: input.presenterPersonId ? "" : input.presenterText,
          plannedMinutes: input.plannedMinutes ?? null,
          status,
          position,
          proposedBy: ctx.userId,
        })
        .returning({ id: meetingAgendaItems.id })
        .get().id;
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "meeting_agenda_item", entityId: itemId, details: { meetingId: m.id, title: input.title, status } });
      return { ok: true as const, itemId, status };
    },
    { behavior: "immediate" },
  );
}

function nextPosition(q: Q, meetingId: string): number {
  const row = q
    .select({ max: max(meetingAgendaItems.position) })
    .from(meetingAgendaItems)
    .where(and(eq(meetingAgendaItems.meetingId, meetingId), eq(meetingAgendaItems.status, "accepted")))
    .get();
  return (row?.max ?? 0) + 1;
}

/** Accepts (at the end of the agenda) or declines a proposed item. */
export function reviewItem({ ctx, meetingId, itemId, decision }: { ctx: Ctx; meetingId: string; itemId: string; decision: "accept" | "decline" }): Result {
  requirePermission(ctx, "meeting:manage");
  return db.transaction(
    (tx) => {
      const m = findMeeting(tx, ctx, meetingId);
      const item = findItem(tx, ctx, m.id, itemId);
      const closed = refuseClosed(m);
      if (closed.length) return fail(...closed);
      if (item.status !== "proposed") return fail(problem("not_proposed"));
      const status = decision === "accept" ? "accepted" : "declined";
      tx.update(meetingAgendaItems)
        .set({ status, position: status === "accepted" ? nextPosition(tx, m.id) : null })
        .where(eq(meetingAgendaItems.id, item.id))
        .run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "meeting_agenda_item", entityId: item.id, details: { status: { before: item.status, after: status } } });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/** Moves an accepted item one place up or down (swaps positions with its neighbour; the ends stay put). */
export function moveItem({ ctx, meetingId, itemId, direction }: { ctx: Ctx; meetingId: string; itemId: string; direction: "up" | "down" }): Result {
  requirePermission(ctx, "meeting:manage");
  return db.transaction(
    (tx) => {
      const m = findMeeting(tx, ctx, meetingId);
      const item = findItem(tx, ctx, m.id, itemId);
      if (item.status !== "accepted" || item.position == null) return fail(problem("not_accepted"));
      const accepted = tx
        .select({ id: meetingAgendaItems.id, position: meetingAgendaItems.position })
        .from(meetingAgendaItems)
        .where(and(eq(meetingAgendaItems.meetingId, m.id), eq(meetingAgendaItems.status, "accepted")))
        .orderBy(asc(meetingAgendaItems.position), asc(meetingAgendaItems.createdAt))
        .all();
      const i = accepted.findIndex((a) => a.id === item.id);
      const j = direction === "up" ? i - 1 : i + 1;
      if (j < 0 || j >= accepted.length) return { ok: true as const };
      [accepted[i], accepted[j]] = [accepted[j], accepted[i]];
      // Renumber 1..n: positions stay dense whatever happened before.
      accepted.forEach((a, k) => {
        if (a.position !== k + 1) tx.update(meetingAgendaItems).set({ position: k + 1 }).where(eq(meetingAgendaItems.id, a.id)).run();
      });
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "meeting_agenda_item", entityId: item.id, details: { move: direction } });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/** Who facilitates, takes notes and keeps time (persons of the group, each optional). */
export function setRoles({ ctx, meetingId, input }: { ctx: Ctx; meetingId: string; input: RolesInput }): Result {
  requirePermission(ctx, "meeting:manage");
  return db.transaction(
    (tx) => {
      const m = findMeeting(tx, ctx, meetingId);
      const problems: Problem[] = [];
      for (const field of ["facilitatorPersonId", "noteTakerPersonId", "timeKeeperPersonId"] as const) {
        const id = input[field];
        if (id && !findPerson(tx, ctx.groupId, id)) problems.push(problem("person_unknown", field));
      }
      if (problems.length) return fail(...problems);
      const values = {
        facilitatorPersonId: input.facilitatorPersonId || null,
        noteTakerPersonId: input.noteTakerPersonId || null,
        timeKeeperPersonId: input.timeKeeperPersonId || null,
      };
      tx.update(meetings).set(values).where(eq(meetings.id, m.id)).run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "meeting", entityId: m.id, details: { roles: values } });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

// -------------------------------------------------------------------------------------------------
// Run mode

export type RunView = {
  meeting: MeetingSummary & { runStartedAt: number | null; roles: MeetingDetail["roles"] };
  items: AgendaItemView[];
  current: (AgendaItemView & { startedAt: number }) | null;
  nextItem: AgendaItemView | null;
  attendance: AttendanceRow[];
  counts: { present: number; excused: number; absent: number; proxies: number; voices: number; expected: number };
  decisions: DecisionView[];
  actions: ActionView[];
  persons: { id: string; name: string }[];
  serverNow: number;
};

/** Everything run mode shows (facilitators). */
export function getRun({ ctx, meetingId, now = Date.now() }: { ctx: Ctx; meetingId: string; now?: number }): RunView {
  const m = findMeeting(db, ctx, meetingId);
  requirePermission(ctx, "meeting:manage");
  const detail = getMeeting({ ctx, meetingId });
  const items = itemsOf(db, ctx, m.id).filter((i) => i.status === "accepted");
  const current = m.currentItemId ? items.find((i) => i.id === m.currentItemId) : undefined;
  const attendance = attendanceOf(db, ctx, m.id, detail.date);
  const recorded = attendance.filter((a): a is AttendanceRow & { status: AttendanceStatus } => a.status != null);
  const v = voicesOf(recorded);
  return {
    meeting: { ...summaryOf(ctx, m), runStartedAt: m.runStartedAt?.getTime() ?? null, roles: detail.roles },
    items,
    current: current && m.currentStartedAt ? { ...current, startedAt: m.currentStartedAt.getTime() } : null,
    nextItem: items.find((i) => i.endedAt == null && i.id !== m.currentItemId) ?? null,
    attendance,
    counts: {
      present: v.present,
      excused: recorded.filter((a) => a.status === "excused").length,
      absent: recorded.filter((a) => a.status === "absent").length,
      proxies: v.proxies,
      voices: v.voices,
      expected: attendance.length,
    },
    decisions: decisionsOf(db, ctx, m.id),
    actions: actionsOf(db, ctx, m.id),
    persons: listGroupPersons({ ctx }),
    serverNow: now,
  };
}

/** Starts the run and the first accepted item's timer. */
export function startRun({ ctx, meetingId, now = Date.now() }: { ctx: Ctx; meetingId: string; now?: number }): Result {
  requirePermission(ctx, "meeting:manage");
  return db.transaction(
    (tx) => {
      const m = findMeeting(tx, ctx, meetingId);
      if (m.runStatus !== "planned") return m.runStatus === "closed" ? fail(problem("meeting_closed")) : { ok: true as const };
      tx.update(meetings).set({ runStatus: "running", runStartedAt: new Date(now) }).where(eq(meetings.id, m.id)).run();
      advance(tx, ctx, m.id, null, null, now);
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "meeting", entityId: m.id, details: { run: "started" } });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

/** Ends the current item (its actual minutes recorded) and starts the next accepted one not yet discussed. */
function advance(tx: Tx, ctx: Ctx, meetingId: string, currentItemId: string | null, currentStartedAt: Date | null, now: number): string | null {
  if (currentItemId && currentStartedAt) {
    tx.update(meetingAgendaItems)
      .set({ endedAt: new Date(now), actualMinutes: actualMinutesOf(currentStartedAt.getTime(), now) })
      .where(and(eq(meetingAgendaItems.id, currentItemId), eq(meetingAgendaItems.groupId, ctx.groupId)))
      .run();
  }
  const next = tx
    .select({ id: meetingAgendaItems.id })
    .from(meetingAgendaItems)
    .where(and(eq(meetingAgendaItems.meetingId, meetingId), eq(meetingAgendaItems.status, "accepted"), isNull(meetingAgendaItems.endedAt), currentItemId ? ne(meetingAgendaItems.id, currentItemId) : undefined))
    .orderBy(asc(meetingAgendaItems.position))
    .get();
  if (next) tx.update(meetingAgendaItems).set({ startedAt: new Date(now) }).where(eq(meetingAgendaItems.id, next.id)).run();
  tx.update(meetings)
    .set({ currentItemId: next?.id ?? null, currentStartedAt: next ? new Date(now) : null })
    .where(eq(meetings.id, meetingId))
    .run();
  return next?.id ?? null;
}

/** "Next item": records the current item's actual minutes and moves on (none left: no current item). */
export function nextItem({ ctx, meetingId, now = Date.now() }: { ctx: Ctx; meetingId: string; now?: number }): Result<{ currentItemId: string | null }> {
  requirePermission(ctx, "meeting:manage");
  return db.transaction(
    (tx) => {
      const m = findMeeting(tx, ctx, meetingId);
      if (m.runStatus !== "running") return fail(problem(m.runStatus === "closed" ? "meeting_closed" : "meeting_not_running"));
      const currentItemId = advance(tx, ctx, m.id, m.currentItemId, m.currentStartedAt, now);
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "meeting", entityId: m.id, details: { endedItem: m.currentItemId, currentItemId } });
      return { ok: true as const, currentItemId };
    },
    { behavior: "immediate" },
  );
}

export function saveNotes({ ctx, meetingId, itemId, notes }: { ctx: Ctx; meetingId: string; itemId: string; notes: string }): Result {
  requirePermission(ctx, "meeting:manage");
  return db.transaction(
    (tx) => {
      const m = findMeeting(tx, ctx, meetingId);
      const item = findItem(tx, ctx, m.id, itemId);
      const closed = refuseClosed(m);
      if (closed.length) return fail(...closed);
      if (item.status !== "accepted") return fail(problem("not_accepted"));
      tx.update(meetingAgendaItems).set({ notes }).where(eq(meetingAgendaItems.id, item.id)).run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "meeting_agenda_item", entityId: item.id, details: { notes: notes.length } });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/**
 * The attendance sheet from the form's fields status_<personId> (present / excused / absent, or empty:
 * not recorded) and proxy_<personId>. Persons must be of the group; proxies go to someone present.
 * The sheet replaces the previous one as a whole.
 */
export function attendanceFromForm(fields: Record<string, unknown>): AttendanceEntry[] | null {
  const entries: AttendanceEntry[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const match = /^status_(.{1,40})$/.exec(key);
    if (!match || typeof value !== "string" || value === "") continue;
    if (!(ATTENDANCE_STATUSES as readonly string[]).includes(value)) return null;
    const proxy = fields[`proxy_${match[1]}`];
    entries.push({ personId: match[1], status: value as AttendanceStatus, proxyPersonId: typeof proxy === "string" && proxy ? proxy : null });
  }
  return entries;
}

export function setAttendance({ ctx, meetingId, entries }: { ctx: Ctx; meetingId: string; entries: AttendanceEntry[] }): Result {
  requirePermission(ctx, "meeting:manage");
  return db.transaction(
    (tx) => {
      const m = findMeeting(tx, ctx, meetingId);
      const closed = refuseClosed(m);
      if (closed.length) return fail(...closed);
      const ids = [...new Set(entries.flatMap((e) => [e.personId, ...(e.proxyPersonId ? [e.proxyPersonId] : [])]))];
      const known = new Set(
        ids.length
          ? tx
              .select({ id: persons.id })
              .from(persons)
              .where(and(eq(persons.groupId, ctx.groupId), inArray(persons.id, ids)))
              .all()
              .map((p) => p.id)
          : [],
      );
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length) return fail(problem("person_unknown"));
      const problems = checkAttendance(entries);
      if (problems.length) return fail(...problems);
      tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, m.id)).run();
      if (entries.length) tx.insert(meetingAttendance).values(entries.map((e) => ({ groupId: ctx.groupId, meetingId: m.id, personId: e.personId, status: e.status, proxyPersonId: e.proxyPersonId }))).run();
      const v = voicesOf(entries);
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "meeting_attendance", entityId: m.id, details: { recorded: entries.length, present: v.present, proxies: v.proxies } });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/**
 * A decision of the meeting. A majority vote carries its counts (checked against the voices of the
 * room: present + proxies); consent and consensus carry none. When a decision adopts a proposed charter
 * version, the charter module records the adoption (see recordDecision's caller in the run route).
 */
export function addDecision({ ctx, meetingId, input }: { ctx: Ctx; meetingId: string; input: DecisionInput }): Result<{ decisionId: string; date: string }> {
  requirePermission(ctx, "meeting:manage");
  return db.transaction(
    (tx) => {
      const m = findMeeting(tx, ctx, meetingId);
      const closed = refuseClosed(m);
      if (closed.length) return fail(...closed);
      if (input.agendaItemId) findItem(tx, ctx, m.id, input.agendaItemId);
      const rows = tx.select({ status: meetingAttendance.status, proxyPersonId: meetingAttendance.proxyPersonId }).from(meetingAttendance).where(eq(meetingAttendance.meetingId, m.id)).all();
      const votes = input.method === "majority" ? { votesFor: input.votesFor ?? null, votesAgainst: input.votesAgainst ?? null, votesAbstain: input.votesAbstain ?? null } : { votesFor: null, votesAgainst: null, votesAbstain: null };
      if (input.method === "majority" && !rows.length) return fail(problem("no_attendance", "votesFor"));
      const problems = checkVotes(input.method, input.result, votes, voicesOf(rows).voices);
      if (problems.length) return fail(...problems);
      const date = dateOf(ctx, m.startsAt);
      const decisionId = tx
        .insert(meetingDecisions)
        .values({
          groupId: ctx.groupId,
          meetingId: m.id,
          agendaItemId: input.agendaItemId || null,
          text: input.text,
          method: input.method,
          result: input.result,
          ...votes,
          charterVersionId: input.charterVersionId || null,
          decidedOn: date,
          searchText: searchable(input.text),
          createdBy: ctx.userId,
        })
        .returning({ id: meetingDecisions.id })
        .get().id;
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "meeting_decision", entityId: decisionId, details: { meetingId: m.id, method: input.method, result: input.result, ...votes, charterVersionId: input.charterVersionId || null } });
      return { ok: true as const, decisionId, date };
    },
    { behavior: "immediate" },
  );
}

/** Proposed charter versions a decision may adopt (the charter module's list). */
export function charterChoices({ ctx }: { ctx: Ctx }): { id: string; number: number; title: string }[] {
  return can(ctx, "charter:read") ? listProposedCharterVersions({ ctx }) : [];
}

/**
 * A decision, and when it adopts a proposed charter version, the adoption recorded by the charter
 * module (its own transaction, dated the meeting's day, naming this decision). The charter refusing
 * it takes the decision back (compensation), so nothing half-written stays.
 */
export function recordDecision({ ctx, meetingId, input, now = Date.now() }: { ctx: Ctx; meetingId: string; input: DecisionInput; now?: number }): Result<{ decisionId: string }> | { ok: false; problems: []; charterProblems: CharterProblem[] } {
  requirePermission(ctx, "meeting:manage");
  if (input.charterVersionId && !charterChoices({ ctx }).some((v) => v.id === input.charterVersionId)) return fail(problem("charter_version_unknown", "charterVersionId"));
  const r = addDecision({ ctx, meetingId, input });
  if (!r.ok || !input.charterVersionId || input.result !== "adopted") return r;
  const adopted = adoptCharterVersion({ ctx, versionId: input.charterVersionId, adoptedOn: r.date, decisionId: r.decisionId, now });
  if (adopted.ok) return r;
  withdrawDecision({ ctx, decisionId: r.decisionId });
  return { ok: false, problems: [], charterProblems: adopted.problems };
}

/** Removes a decision whose follow-up failed (the charter refused the adoption): compensation, audited. */
export function withdrawDecision({ ctx, decisionId }: { ctx: Ctx; decisionId: string }): void {
  requirePermission(ctx, "meeting:manage");
  db.transaction(
    (tx) => {
      tx.delete(meetingDecisions)
        .where(and(eq(meetingDecisions.id, decisionId), eq(meetingDecisions.groupId, ctx.groupId)))
        .run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "delete", entity: "meeting_decision", entityId: decisionId, details: { reason: "charter_refused" } });
    },
    { behavior: "immediate" },
  );
}

/** An action item: what, who (a person of the group), by when (on or after the meeting's date). */
export function addActionItem({ ctx, meetingId, input }: { ctx: Ctx; meetingId: string; input: ActionItemInput }): Result<{ actionId: string }> {
  requirePermission(ctx, "meeting:manage");
  return db.transaction(
    (tx) => {
      const m = findMeeting(tx, ctx, meetingId);
      const closed = refuseClosed(m);
      if (closed.length) return fail(...closed);
      if (input.agendaItemId) findItem(tx, ctx, m.id, input.agendaItemId);
      if (!findPerson(tx, ctx.groupId, input.personId)) return fail(problem("person_unknown", "personId"));
      const date = dateOf(ctx, m.startsAt);
      if (input.dueDate && input.dueDate < date) return fail(problem("due_before_meeting", "dueDate"));
      const actionId = tx
        .insert(meetingActions)
        .values({ groupId: ctx.groupId, meetingId: m.id, agendaItemId: input.agendaItemId || null, what: input.what, personId: input.personId, dueDate: input.dueDate ?? null, createdOn: date, createdBy: ctx.userId })
        .returning({ id: meetingActions.id })
        .get().id;
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "meeting_action", entityId: actionId, details: { meetingId: m.id, what: input.what, personId: input.personId, dueDate: input.dueDate ?? null } });
      return { ok: true as const, actionId };
    },
    { behavior: "immediate" },
  );
}

/** Marks an action item done on a date: by the person it is for, or a facilitator. Not before it was decided, not in the future. */
export function markActionDone({ ctx, input, now = Date.now() }: { ctx: Ctx; input: DoneInput; now?: number }): Result {
  return db.transaction(
    (tx) => {
      const a = tx
        .select()
        .from(meetingActions)
        .where(and(eq(meetingActions.id, input.actionId), eq(meetingActions.groupId, ctx.groupId)))
        .get();
      if (!a) throw notFound();
      if (!canManage(ctx) && (!ctx.personId || ctx.personId !== a.personId)) throw forbidden();
      if (a.doneOn) return fail(problem("already_done"));
      if (input.doneOn < a.createdOn) return fail(problem("done_before_created", "doneOn"));
      if (input.doneOn > todayIn(ctx.group.timeZone, now)) return fail(problem("done_in_future", "doneOn"));
      tx.update(meetingActions).set({ doneOn: input.doneOn, doneBy: ctx.userId }).where(eq(meetingActions.id, a.id)).run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "meeting_action", entityId: a.id, details: { doneOn: input.doneOn } });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

// -------------------------------------------------------------------------------------------------
// Closing and the minutes

function minutesRecord(q: Q, ctx: Ctx, m: MeetingRow): MinutesRecord {
  const date = dateOf(ctx, m.startsAt);
  const attendance = attendanceOf(q, ctx, m.id, date).filter((a) => a.status != null);
  const names = new Map(listGroupPersons({ ctx, on: "0000-01-01" }).map((p) => [p.id, p.name]));
  const items = itemsOf(q, ctx, m.id).filter((i) => i.status === "accepted");
  const decisions = decisionsOf(q, ctx, m.id);
  const roles: MinutesRecord["roles"] = [];
  for (const [role, id] of [
    ["facilitator", m.facilitatorPersonId],
    ["noteTaker", m.noteTakerPersonId],
    ["timeKeeper", m.timeKeeperPersonId],
  ] as const)
    if (id && names.get(id)) roles.push({ role, name: names.get(id)! });
  return {
    title: m.title,
    date,
    place: m.spaceName ?? m.placeText,
    roles,
    attendance: attendance.map((a) => ({ name: a.name, status: a.status!, proxyName: a.proxyPersonId ? (names.get(a.proxyPersonId) ?? null) : null })),
    items: items.map((i) => ({ title: i.title, presenter: i.presenter, plannedMinutes: i.plannedMinutes, actualMinutes: i.actualMinutes, notes: i.notes })),
    decisions: decisions.map((d) => ({ text: d.text, method: d.method, result: d.result, votes: d, itemTitle: items.find((i) => i.id === d.agendaItemId)?.title ?? null })),
    actions: actionsOf(q, ctx, m.id).map((a) => ({ what: a.what, who: a.who, dueDate: a.dueDate })),
  };
}

function draftFor(q: Q, ctx: Ctx, m: MeetingRow, lang: Lang): string {
  const t = getT(lang) as unknown as (key: string, options?: Record<string, unknown>) => string;
  const record = minutesRecord(q, ctx, m);
  return draftMinutes(t, { ...record, date: formatDate(record.date, lang, ctx.group.timeZone, "long"), actions: record.actions.map((a) => ({ ...a, dueDate: a.dueDate ? formatDate(a.dueDate, lang, ctx.group.timeZone) : null })) });
}

/** Closes the run: the current item ends, the meeting counts as held, and the minutes are drafted from the record. */
export function closeRun({ ctx, meetingId, lang, now = Date.now() }: { ctx: Ctx; meetingId: string; lang: Lang; now?: number }): Result {
  requirePermission(ctx, "meeting:manage");
  return db.transaction(
    (tx) => {
      const m = findMeeting(tx, ctx, meetingId);
      if (m.runStatus === "closed") return fail(problem("meeting_closed"));
      if (m.currentItemId && m.currentStartedAt) {
        tx.update(meetingAgendaItems)
          .set({ endedAt: new Date(now), actualMinutes: actualMinutesOf(m.currentStartedAt.getTime(), now) })
          .where(eq(meetingAgendaItems.id, m.currentItemId))
          .run();
      }
      tx.update(meetings)
        .set({ runStatus: "closed", runStartedAt: m.runStartedAt ?? new Date(now), closedAt: new Date(now), closedBy: ctx.userId, currentItemId: null, currentStartedAt: null })
        .where(eq(meetings.id, m.id))
        .run();
      const fresh = findMeeting(tx, ctx, m.id);
      tx.update(meetings)
        .set({ minutesText: draftFor(tx, ctx, fresh, lang), minutesStatus: "draft" })
        .where(eq(meetings.id, m.id))
        .run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "meeting", entityId: m.id, details: { run: "closed", minutes: "draft" } });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

export function saveMinutes({ ctx, meetingId, text }: { ctx: Ctx; meetingId: string; text: string }): Result {
  requirePermission(ctx, "meeting:manage");
  return db.transaction(
    (tx) => {
      const m = findMeeting(tx, ctx, meetingId);
      if (m.minutesStatus !== "draft") return fail(problem("minutes_not_draft"));
      tx.update(meetings).set({ minutesText: text }).where(eq(meetings.id, m.id)).run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "meeting_minutes", entityId: m.id, details: { length: text.length } });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/** Drafts the minutes again from the record (what was typed in the draft is replaced). */
export function redraftMinutes({ ctx, meetingId, lang }: { ctx: Ctx; meetingId: string; lang: Lang }): Result {
  requirePermission(ctx, "meeting:manage");
  return db.transaction(
    (tx) => {
      const m = findMeeting(tx, ctx, meetingId);
      if (m.minutesStatus !== "draft") return fail(problem("minutes_not_draft"));
      tx.update(meetings).set({ minutesText: draftFor(tx, ctx, m, lang) }).where(eq(meetings.id, m.id)).run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "meeting_minutes", entityId: m.id, details: { redrafted: true } });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/** At a meeting, approves the draft minutes of an earlier meeting (recorded with this meeting). */
export function approveMinutes({ ctx, meetingId, previousId, now = Date.now() }: { ctx: Ctx; meetingId: string; previousId: string; now?: number }): Result {
  requirePermission(ctx, "meeting:manage");
  return db.transaction(
    (tx) => {
      const m = findMeeting(tx, ctx, meetingId);
      const p = findMeeting(tx, ctx, previousId);
      if (p.minutesStatus !== "draft") return fail(problem("minutes_not_draft"));
      if (p.id === m.id || p.startsAt.getTime() >= m.startsAt.getTime()) return fail(problem("minutes_not_earlier"));
      tx.update(meetings).set({ minutesStatus: "approved", minutesApprovedAt: new Date(now), minutesApprovedInId: m.id }).where(eq(meetings.id, p.id)).run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "meeting_minutes", entityId: p.id, details: { status: "approved", approvedIn: m.id } });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/** Publishes approved minutes to every member. */
export function publishMinutes({ ctx, meetingId, now = Date.now() }: { ctx: Ctx; meetingId: string; now?: number }): Result {
  requirePermission(ctx, "meeting:manage");
  return db.transaction(
    (tx) => {
      const m = findMeeting(tx, ctx, meetingId);
      if (m.minutesStatus !== "approved") return fail(problem("minutes_not_approved"));
      tx.update(meetings).set({ minutesStatus: "published", minutesPublishedAt: new Date(now) }).where(eq(meetings.id, m.id)).run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "meeting_minutes", entityId: m.id, details: { status: "published" } });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/** The minutes page (print-friendly): the text when the viewer may see it, else null (residents: until published). */
export function getMinutes({ ctx, meetingId }: { ctx: Ctx; meetingId: string }): { meeting: MeetingSummary; minutes: MinutesView | null } {
  requirePermission(ctx, "meeting:read");
  const m = findMeeting(db, ctx, meetingId);
  return { meeting: summaryOf(ctx, m), minutes: minutesOf(db, ctx, m) };
}

// -------------------------------------------------------------------------------------------------
// The decisions register

export type RegisterEntry = DecisionView & { meetingId: string; meetingTitle: string; decidedOn: string };

/**
 * Decisions across the group's meetings, latest first, filtered by words (all of them, accents and case
 * ignored), result and method. Residents see the decisions of meetings whose minutes are published.
 *
 * Search: a LIKE on a normalised copy of the text (search_text), within the group's decisions (index
 * on group_id, decided_on). A group takes a few hundred decisions in ten years: scanning them is a
 * fraction of a millisecond, and this needs no FTS5 shadow tables nor triggers to keep in step. FTS5
 * would pay off for thousands of long texts with ranking, which the register does not need.
 */
export function listDecisions({ ctx, filter, limit = 200 }: { ctx: Ctx; filter: DecisionFilter; limit?: number }): RegisterEntry[] {
  requirePermission(ctx, "meeting:read");
  const words = searchable(filter.q ?? "")
    .split(" ")
    .filter(Boolean)
    .slice(0, 6);
  const escape = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({
      id: meetingDecisions.id,
      text: meetingDecisions.text,
      method: meetingDecisions.method,
      result: meetingDecisions.result,
      votesFor: meetingDecisions.votesFor,
      votesAgainst: meetingDecisions.votesAgainst,
      votesAbstain: meetingDecisions.votesAbstain,
      agendaItemId: meetingDecisions.agendaItemId,
      charterVersionId: meetingDecisions.charterVersionId,
      meetingId: meetingDecisions.meetingId,
      meetingTitle: eventSeries.title,
      decidedOn: meetingDecisions.decidedOn,
    })
    .from(meetingDecisions)
    .innerJoin(meetings, eq(meetings.id, meetingDecisions.meetingId))
    .innerJoin(eventOccurrences, eq(eventOccurrences.id, meetings.occurrenceId))
    .innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId))
    .where(
      and(
        eq(meetingDecisions.groupId, ctx.groupId),
        canManage(ctx) ? undefined : eq(meetings.minutesStatus, "published"),
        filter.result ? eq(meetingDecisions.result, filter.result) : undefined,
        filter.method ? eq(meetingDecisions.method, filter.method) : undefined,
        ...words.map((w) => sql`${meetingDecisions.searchText} like ${escape(w)} escape '\\'`),
      ),
    )
    .orderBy(desc(meetingDecisions.decidedOn), desc(meetingDecisions.createdAt))
    .limit(limit)
    .all();
}

// -------------------------------------------------------------------------------------------------
// Action items: mine, and the group's open ones

export type MyAction = { id: string; what: string; dueDate: string | null; meetingId: string; meetingTitle: string; overdue: boolean; who: string; mine: boolean };

function openActions(ctx: Ctx, personId: string | null, today: string, limit: number): MyAction[] {
  return db
    .select({ a: meetingActions, meetingTitle: eventSeries.title, firstName: persons.firstName, lastName: persons.lastName })
    .from(meetingActions)
    .innerJoin(meetings, eq(meetings.id, meetingActions.meetingId))
    .innerJoin(eventOccurrences, eq(eventOccurrences.id, meetings.occurrenceId))
    .innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId))
    .innerJoin(persons, eq(persons.id, meetingActions.personId))
    .where(and(personId ? eq(meetingActions.personId, personId) : undefined, eq(meetingActions.groupId, ctx.groupId), isNull(meetingActions.doneOn)))
    .orderBy(sql`${meetingActions.dueDate} is null`, asc(meetingActions.dueDate))
    .limit(limit)
    .all()
    .map(({ a, meetingTitle, firstName, lastName }) => ({
      id: a.id,
      what: a.what,
      dueDate: a.dueDate,
      meetingId: a.meetingId,
      meetingTitle,
      overdue: a.dueDate != null && a.dueDate < today,
      who: personName({ firstName, lastName }),
      mine: a.personId === ctx.personId,
    }));
}

/** My open action items; for facilitators, also every open action item of the group. */
export function listActions({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): { mine: MyAction[]; all: MyAction[] | null; today: string } {
  requirePermission(ctx, "meeting:read");
  const today = todayIn(ctx.group.timeZone, now);
  return { mine: ctx.personId ? openActions(ctx, ctx.personId, today, 100) : [], all: canManage(ctx) ? openActions(ctx, null, today, 300) : null, today };
}

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
    .where(and(eq(eventOccurrences.groupId, ctx.groupId), gt(eventOccurrences.endsAt, new Date(now)), eq(eventOccurrences.status, "scheduled"), ne(meetings.runStatus, "closed")))
    .orderBy(asc(eventOccurrences.startsAt))
    .get();
  return {
    next: next ? { id: next.id, title: next.title, startsAt: next.startsAt.getTime(), placeName: next.spaceName ?? next.placeText } : null,
    myActions: ctx.personId ? openActions(ctx, ctx.personId, today, 5) : [],
    today,
  };
}

// -------------------------------------------------------------------------------------------------
// Figures for evaluation

export type MeetingFigures = {
  meetingsHeld: number;
  attendanceRate: number | null;
  attendees: number;
  expected: number;
  decisions: { adopted: number; rejected: number; postponed: number };
  actionItems: { due: number; doneOnTime: number; doneLate: number; open: number };
};

/**
 * The group's meeting figures for [from, to] (calendar dates, inclusive, in the group's zone).
 *
 * A meeting is HELD when its run was closed, or when its date has passed and attendance was recorded
 * (a facilitator who took attendance but forgot to close); a cancelled occurrence never is.
 * Attendance rate: over held meetings, (present + persons who gave a proxy) ÷ expected adults (adults
 * of households present on the meeting's date, rules.isExpectedAdult, plus anyone else recorded).
 * Decisions: taken at meetings dated in the period, by result. Action items: those due in the period
 * (without a due date: decided in it), done on time / late (by the end of the period) or still open.
 */
export function meetingFigures({ scope: { groupId }, from, to, now = Date.now() }: { scope: GroupScoped; from: string; to: string; now?: number }): MeetingFigures {
  const group = db.select({ timeZone: groups.timeZone }).from(groups).where(eq(groups.id, groupId)).get();
  if (!group) throw notFound();
  const today = todayIn(group.timeZone, now);
  // A day's margin on each side in UTC, then the exact calendar date in the group's zone.
  const rows = db
    .select({ id: meetings.id, startsAt: eventOccurrences.startsAt, status: eventOccurrences.status, runStatus: meetings.runStatus })
    .from(meetings)
    .innerJoin(eventOccurrences, eq(eventOccurrences.id, meetings.occurrenceId))
    .where(and(eq(meetings.groupId, groupId), gte(eventOccurrences.startsAt, new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000)), lte(eventOccurrences.startsAt, new Date(Date.parse(`${to}T23:59:59Z`) + 86_400_000))))
    .all()
    .map((r) => ({ ...r, date: utcToZoned(r.startsAt.getTime(), group.timeZone).date }))
    .filter((r) => r.date >= from && r.date <= to && r.status !== "cancelled");
  const attendance = rows.length
    ? db
        .select({ meetingId: meetingAttendance.meetingId, personId: meetingAttendance.personId, status: meetingAttendance.status, proxyPersonId: meetingAttendance.proxyPersonId })
        .from(meetingAttendance)
        .where(
          and(
            eq(meetingAttendance.groupId, groupId),
            inArray(
              meetingAttendance.meetingId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .all()
    : [];
  const held = rows.filter((r) => r.runStatus === "closed" || (r.date < today && attendance.some((a) => a.meetingId === r.id)));
  const people = db
    .select({ id: persons.id, birthYear: persons.birthYear, arrivalDate: households.arrivalDate, departureDate: households.departureDate })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(persons.groupId, groupId))
    .all();
  const perMeeting = held.map((m) => {
    const sheet = attendance.filter((a) => a.meetingId === m.id);
    const expected = new Set([...people.filter((p) => isExpectedAdult(p, m.date)).map((p) => p.id), ...sheet.map((a) => a.personId)]);
    return { attendees: voicesOf(sheet).voices, expected: expected.size };
  });
  const rate = attendanceRate(perMeeting);
  const decisions = db
    .select({ result: meetingDecisions.result, n: sql<number>`count(*)` })
    .from(meetingDecisions)
    .where(and(eq(meetingDecisions.groupId, groupId), gte(meetingDecisions.decidedOn, from), lte(meetingDecisions.decidedOn, to)))
    .groupBy(meetingDecisions.result)
    .all();
  const byResult = (r: DecisionResult) => Number(decisions.find((d) => d.result === r)?.n ?? 0);
  const items = db
    .select({ dueDate: meetingActions.dueDate, doneOn: meetingActions.doneOn })
    .from(meetingActions)
    .where(
      and(
        eq(meetingActions.groupId, groupId),
        or(and(gte(meetingActions.dueDate, from), lte(meetingActions.dueDate, to)), and(isNull(meetingActions.dueDate), gte(meetingActions.createdOn, from), lte(meetingActions.createdOn, to))),
      ),
    )
    .all();
  return {
    meetingsHeld: held.length,
    attendanceRate: rate.rate,
    attendees: rate.attendees,
    expected: rate.expected,
    decisions: { adopted: byResult("adopted"), rejected: byResult("rejected"), postponed: byResult("postponed") },
    actionItems: actionFigures(items, to),
  };
}
