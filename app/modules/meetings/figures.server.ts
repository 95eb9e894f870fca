// The meeting figures the evaluation module reads: meetings held, attendance, decisions, action items.
import { and, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { eventOccurrences, households, meetingActions, meetingAttendance, meetingDecisions, meetings, persons } from "~db/schema";
import type { GroupScoped } from "~/modules/access/scope.server";
import { todayIn } from "~/modules/core/dates";
import { utcToZoned } from "~/modules/core/recurrence";
import { findGroup } from "~/modules/access/lookups.server";
import { actionFigures, attendanceRate, isExpectedAdult, voicesOf, type DecisionResult } from "./rules";

type MeetingFigures = {
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
export function meetingFigures({ scope, from, to, now = Date.now() }: { scope: GroupScoped; from: string; to: string; now?: number }): MeetingFigures {
  const group = findGroup(scope);
  const groupId = group.id;
  const today = todayIn(group.timeZone, now);
  // A day's margin on each side in UTC, then the exact calendar date in the group's zone.
  const rows = db
    .select({ id: meetings.id, startsAt: eventOccurrences.startsAt, status: eventOccurrences.status, runStatus: meetings.runStatus })
    .from(meetings)
    .innerJoin(eventOccurrences, eq(eventOccurrences.id, meetings.occurrenceId))
    .where(
      and(
        eq(meetings.groupId, groupId),
        gte(eventOccurrences.startsAt, new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000)),
        lte(eventOccurrences.startsAt, new Date(Date.parse(`${to}T23:59:59Z`) + 86_400_000)),
      ),
    )
    .all()
    .map((r) => ({ ...r, date: utcToZoned(r.startsAt.getTime(), group.timeZone).date }))
    .filter((r) => r.date >= from && r.date <= to && r.status !== "cancelled");
  const attendance = rows.length
    ? db
        .select({
          meetingId: meetingAttendance.meetingId,
          personId: meetingAttendance.personId,
          status: meetingAttendance.status,
          proxyPersonId: meetingAttendance.proxyPersonId,
        })
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
        or(
          and(gte(meetingActions.dueDate, from), lte(meetingActions.dueDate, to)),
          and(isNull(meetingActions.dueDate), gte(meetingActions.createdOn, from), lte(meetingActions.createdOn, to)),
        ),
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
