// Run mode (facilitators): the run started and closed around the agenda, the item timer kept on the server,
// notes per item and the attendance sheet with proxies. Decisions and action items taken during the run
// are in decisions.server.ts and actions.server.ts; closing the run drafts the minutes (minutes.server.ts).
import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import { db } from "~db/client.server";
import { meetingAgendaItems, meetingAttendance, meetings, persons } from "~db/schema";
import { requirePermission } from "~/modules/access/access.server";
import { refuse } from "~/modules/core/result";
import { ATTENDANCE_STATUSES, actualMinutesOf, checkAttendance, problem, voicesOf, type AttendanceEntry, type AttendanceStatus, type Result } from "./rules";
import {
  actionsOf,
  attendanceOf,
  decisionsOf,
  getMeeting,
  itemsOf,
  listGroupPersons,
  type ActionView,
  type AgendaItemView,
  type AttendanceRow,
  type DecisionView,
  type MeetingDetail,
} from "./meetings.server";
import type { MeetingSummary } from "./meetings.server";
import { auditMeeting, changeMeeting, findItem, findMeeting, summaryOf, type Ctx, type Tx } from "./shared.server";

type RunView = {
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
  return changeMeeting(ctx, meetingId, (tx, m) => {
    if (m.runStatus !== "planned") return m.runStatus === "closed" ? refuse(problem("meeting_closed")) : { ok: true as const };
    tx.update(meetings)
      .set({ runStatus: "running", runStartedAt: new Date(now) })
      .where(eq(meetings.id, m.id))
      .run();
    advance(tx, ctx, m.id, null, null, now);
    auditMeeting(tx, ctx, { entity: "meeting", entityId: m.id, details: { run: "started" } });
    return { ok: true as const };
  });
}

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
    .where(
      and(
        eq(meetingAgendaItems.meetingId, meetingId),
        eq(meetingAgendaItems.status, "accepted"),
        isNull(meetingAgendaItems.endedAt),
        currentItemId ? ne(meetingAgendaItems.id, currentItemId) : undefined,
      ),
    )
    .orderBy(asc(meetingAgendaItems.position))
    .get();
  if (next)
    tx.update(meetingAgendaItems)
      .set({ startedAt: new Date(now) })
      .where(eq(meetingAgendaItems.id, next.id))
      .run();
  tx.update(meetings)
    .set({ currentItemId: next?.id ?? null, currentStartedAt: next ? new Date(now) : null })
    .where(eq(meetings.id, meetingId))
    .run();
  return next?.id ?? null;
}

/** "Next item": records the current item's actual minutes and moves on (none left: no current item). */
export function nextItem({ ctx, meetingId, now = Date.now() }: { ctx: Ctx; meetingId: string; now?: number }): Result<{ currentItemId: string | null }> {
  return changeMeeting(ctx, meetingId, (tx, m) => {
    if (m.runStatus !== "running") return refuse(problem(m.runStatus === "closed" ? "meeting_closed" : "meeting_not_running"));
    const currentItemId = advance(tx, ctx, m.id, m.currentItemId, m.currentStartedAt, now);
    auditMeeting(tx, ctx, { entity: "meeting", entityId: m.id, details: { endedItem: m.currentItemId, currentItemId } });
    return { ok: true as const, currentItemId };
  });
}

export function saveNotes({ ctx, meetingId, itemId, notes }: { ctx: Ctx; meetingId: string; itemId: string; notes: string }): Result {
  return changeMeeting(ctx, meetingId, (tx, m) => {
    const item = findItem(tx, ctx, m.id, itemId);
    if (m.runStatus === "closed") return refuse(problem("meeting_closed"));
    if (item.status !== "accepted") return refuse(problem("not_accepted"));
    tx.update(meetingAgendaItems).set({ notes }).where(eq(meetingAgendaItems.id, item.id)).run();
    auditMeeting(tx, ctx, { entity: "meeting_agenda_item", entityId: item.id, details: { notes: notes.length } });
    return { ok: true as const };
  });
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
  return changeMeeting(ctx, meetingId, (tx, m) => {
    if (m.runStatus === "closed") return refuse(problem("meeting_closed"));
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
    if (unknown.length) return refuse(problem("person_unknown"));
    const problems = checkAttendance(entries);
    if (problems.length) return refuse(...problems);
    tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, m.id)).run();
    if (entries.length)
      tx.insert(meetingAttendance)
        .values(entries.map((e) => ({ groupId: ctx.groupId, meetingId: m.id, personId: e.personId, status: e.status, proxyPersonId: e.proxyPersonId })))
        .run();
    const v = voicesOf(entries);
    auditMeeting(tx, ctx, { entity: "meeting_attendance", entityId: m.id, details: { recorded: entries.length, present: v.present, proxies: v.proxies } });
    return { ok: true as const };
  });
}
