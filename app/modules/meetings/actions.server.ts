// Action items: decided at a meeting for a person of the group, marked done by that person or a
// facilitator; my open ones and, for facilitators, the group's.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { eventOccurrences, eventSeries, meetingActions, meetings, persons } from "~db/schema";
import { requirePermission } from "~/modules/access/access.server";
import { ForbiddenError, NotFoundError } from "~/modules/access/errors";
import { todayIn } from "~/modules/core/dates";
import { refuse } from "~/modules/core/result";
import { lookupPerson } from "~/modules/access/lookups.server";
import { problem, type Result } from "./rules";
import type { ActionItemInput, DoneInput } from "./schemas";
import { auditMeeting, changeMeeting, canManage, dateOf, findItem, personName, type Ctx } from "./shared.server";

/** An action item: what, who (a person of the group), by when (on or after the meeting's date). */
export function addActionItem({ ctx, meetingId, input }: { ctx: Ctx; meetingId: string; input: ActionItemInput }): Result<{ actionId: string }> {
  return changeMeeting(ctx, meetingId, (tx, m) => {
    if (m.runStatus === "closed") return refuse(problem("meeting_closed"));
    if (input.agendaItemId) findItem(tx, ctx, m.id, input.agendaItemId);
    if (!lookupPerson(ctx, input.personId, tx)) return refuse(problem("person_unknown", "personId"));
    const date = dateOf(ctx, m.startsAt);
    if (input.dueDate && input.dueDate < date) return refuse(problem("due_before_meeting", "dueDate"));
    const actionId = tx
      .insert(meetingActions)
      .values({
        groupId: ctx.groupId,
        meetingId: m.id,
        agendaItemId: input.agendaItemId || null,
        what: input.what,
        personId: input.personId,
        dueDate: input.dueDate ?? null,
        createdOn: date,
        createdBy: ctx.userId,
      })
      .returning({ id: meetingActions.id })
      .get().id;
    auditMeeting(tx, ctx, {
      entity: "meeting_action",
      entityId: actionId,
      details: { meetingId: m.id, what: input.what, personId: input.personId, dueDate: input.dueDate ?? null },
      action: "create",
    });
    return { ok: true as const, actionId };
  });
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
      if (!a) throw new NotFoundError();
      if (!canManage(ctx) && (!ctx.personId || ctx.personId !== a.personId)) throw new ForbiddenError();
      if (a.doneOn) return refuse(problem("already_done"));
      if (input.doneOn < a.createdOn) return refuse(problem("done_before_created", "doneOn"));
      if (input.doneOn > todayIn(ctx.group.timeZone, now)) return refuse(problem("done_in_future", "doneOn"));
      tx.update(meetingActions).set({ doneOn: input.doneOn, doneBy: ctx.userId }).where(eq(meetingActions.id, a.id)).run();
      auditMeeting(tx, ctx, { entity: "meeting_action", entityId: a.id, details: { doneOn: input.doneOn } });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

// -------------------------------------------------------------------------------------------------
// Action items: mine, and the group's open ones

export type MyAction = {
  id: string;
  what: string;
  dueDate: string | null;
  meetingId: string;
  meetingTitle: string;
  overdue: boolean;
  who: string;
  mine: boolean;
};

export function openActions(ctx: Ctx, personId: string | null, today: string, limit: number): MyAction[] {
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
