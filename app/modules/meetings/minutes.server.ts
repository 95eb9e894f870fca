// Closing a run and the minutes: drafted from the record when the run closes, edited while draft, approved
// at a later meeting, then published to every member.
import { eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { meetingAgendaItems, meetings } from "~db/schema";
import { requirePermission } from "~/modules/access/access.server";
import { formatDate } from "~/modules/core/dates";
import { getT } from "~/modules/i18n/i18n.server";
import type { Lang } from "~/modules/i18n/config";
import { refuse } from "~/modules/core/result";
import { actualMinutesOf, draftMinutes, problem, type MinutesRecord, type Result } from "./rules";
import { actionsOf, attendanceOf, decisionsOf, itemsOf, listGroupPersons, minutesOf, type MinutesView } from "./meetings.server";
import type { MeetingSummary } from "./meetings.server";
import { auditMeeting, changeMeeting, dateOf, findMeeting, summaryOf, type Ctx, type MeetingRow, type Q } from "./shared.server";

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
    decisions: decisions.map((d) => ({
      text: d.text,
      method: d.method,
      result: d.result,
      votes: d,
      itemTitle: items.find((i) => i.id === d.agendaItemId)?.title ?? null,
    })),
    actions: actionsOf(q, ctx, m.id).map((a) => ({ what: a.what, who: a.who, dueDate: a.dueDate })),
  };
}

function draftFor(q: Q, ctx: Ctx, m: MeetingRow, lang: Lang): string {
  const t = getT(lang) as unknown as (key: string, options?: Record<string, unknown>) => string;
  const record = minutesRecord(q, ctx, m);
  return draftMinutes(t, {
    ...record,
    date: formatDate(record.date, lang, ctx.group.timeZone, "long"),
    actions: record.actions.map((a) => ({ ...a, dueDate: a.dueDate ? formatDate(a.dueDate, lang, ctx.group.timeZone) : null })),
  });
}

/** Closes the run: the current item ends, the meeting counts as held, and the minutes are drafted from the record. */
export function closeRun({ ctx, meetingId, lang, now = Date.now() }: { ctx: Ctx; meetingId: string; lang: Lang; now?: number }): Result {
  return changeMeeting(ctx, meetingId, (tx, m) => {
    if (m.runStatus === "closed") return refuse(problem("meeting_closed"));
    if (m.currentItemId && m.currentStartedAt) {
      tx.update(meetingAgendaItems)
        .set({ endedAt: new Date(now), actualMinutes: actualMinutesOf(m.currentStartedAt.getTime(), now) })
        .where(eq(meetingAgendaItems.id, m.currentItemId))
        .run();
    }
    tx.update(meetings)
      .set({
        runStatus: "closed",
        runStartedAt: m.runStartedAt ?? new Date(now),
        closedAt: new Date(now),
        closedBy: ctx.userId,
        currentItemId: null,
        currentStartedAt: null,
      })
      .where(eq(meetings.id, m.id))
      .run();
    const fresh = findMeeting(tx, ctx, m.id);
    tx.update(meetings)
      .set({ minutesText: draftFor(tx, ctx, fresh, lang), minutesStatus: "draft" })
      .where(eq(meetings.id, m.id))
      .run();
    auditMeeting(tx, ctx, { entity: "meeting", entityId: m.id, details: { run: "closed", minutes: "draft" } });
    return { ok: true as const };
  });
}

export function saveMinutes({ ctx, meetingId, text }: { ctx: Ctx; meetingId: string; text: string }): Result {
  return changeMeeting(ctx, meetingId, (tx, m) => {
    if (m.minutesStatus !== "draft") return refuse(problem("minutes_not_draft"));
    tx.update(meetings).set({ minutesText: text }).where(eq(meetings.id, m.id)).run();
    auditMeeting(tx, ctx, { entity: "meeting_minutes", entityId: m.id, details: { length: text.length } });
    return { ok: true as const };
  });
}

/** Drafts the minutes again from the record (what was typed in the draft is replaced). */
export function redraftMinutes({ ctx, meetingId, lang }: { ctx: Ctx; meetingId: string; lang: Lang }): Result {
  return changeMeeting(ctx, meetingId, (tx, m) => {
    if (m.minutesStatus !== "draft") return refuse(problem("minutes_not_draft"));
    tx.update(meetings)
      .set({ minutesText: draftFor(tx, ctx, m, lang) })
      .where(eq(meetings.id, m.id))
      .run();
    auditMeeting(tx, ctx, { entity: "meeting_minutes", entityId: m.id, details: { redrafted: true } });
    return { ok: true as const };
  });
}

/** At a meeting, approves the draft minutes of an earlier meeting (recorded with this meeting). */
export function approveMinutes({ ctx, meetingId, previousId, now = Date.now() }: { ctx: Ctx; meetingId: string; previousId: string; now?: number }): Result {
  return changeMeeting(ctx, meetingId, (tx, m) => {
    const p = findMeeting(tx, ctx, previousId);
    if (p.minutesStatus !== "draft") return refuse(problem("minutes_not_draft"));
    if (p.id === m.id || p.startsAt.getTime() >= m.startsAt.getTime()) return refuse(problem("minutes_not_earlier"));
    tx.update(meetings)
      .set({ minutesStatus: "approved", minutesApprovedAt: new Date(now), minutesApprovedInId: m.id })
      .where(eq(meetings.id, p.id))
      .run();
    auditMeeting(tx, ctx, { entity: "meeting_minutes", entityId: p.id, details: { status: "approved", approvedIn: m.id } });
    return { ok: true as const };
  });
}

/** Publishes approved minutes to every member. */
export function publishMinutes({ ctx, meetingId, now = Date.now() }: { ctx: Ctx; meetingId: string; now?: number }): Result {
  return changeMeeting(ctx, meetingId, (tx, m) => {
    if (m.minutesStatus !== "approved") return refuse(problem("minutes_not_approved"));
    tx.update(meetings)
      .set({ minutesStatus: "published", minutesPublishedAt: new Date(now) })
      .where(eq(meetings.id, m.id))
      .run();
    auditMeeting(tx, ctx, { entity: "meeting_minutes", entityId: m.id, details: { status: "published" } });
    return { ok: true as const };
  });
}

/** The minutes page (print-friendly): the text when the viewer may see it, else null (residents: until published). */
export function getMinutes({ ctx, meetingId }: { ctx: Ctx; meetingId: string }): { meeting: MeetingSummary; minutes: MinutesView | null } {
  requirePermission(ctx, "meeting:read");
  const m = findMeeting(db, ctx, meetingId);
  return { meeting: summaryOf(ctx, m), minutes: minutesOf(db, ctx, m) };
}
