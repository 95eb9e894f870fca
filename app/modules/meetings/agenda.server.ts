// The agenda of a meeting: items proposed by members, accepted or declined and ordered by facilitators,
// and the meeting's roles (who facilitates, takes notes, keeps time).
import { and, asc, eq, max } from "drizzle-orm";
import { meetingAgendaItems, meetings } from "~db/schema";
import { refuse } from "~/modules/core/result";
import { lookupPerson } from "~/modules/access/lookups.server";
import { problem, type AgendaItemStatus, type Problem, type Result } from "./rules";
import type { AgendaItemInput, RolesInput } from "./schemas";
import { auditMeeting, changeMeeting, canManage, findItem, type Ctx, type Q } from "./shared.server";

/**
 * Proposes an item (any member with meeting:propose). A facilitator's own item goes straight onto the
 * agenda, at the end; a resident's waits for a facilitator to accept it.
 */
export function proposeItem({
  ctx,
  meetingId,
  input,
}: {
  ctx: Ctx;
  meetingId: string;
  input: AgendaItemInput;
}): Result<{ itemId: string; status: AgendaItemStatus }> {
  return changeMeeting(
    ctx,
    meetingId,
    (tx, m) => {
      if (m.runStatus === "closed") return refuse(problem("meeting_closed"));
      if (input.presenterPersonId && !lookupPerson(ctx, input.presenterPersonId, tx)) return refuse(problem("person_unknown", "presenterPersonId"));
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
      auditMeeting(tx, ctx, { entity: "meeting_agenda_item", entityId: itemId, details: { meetingId: m.id, title: input.title, status }, action: "create" });
      return { ok: true as const, itemId, status };
    },
    "meeting:propose",
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
  return changeMeeting(ctx, meetingId, (tx, m) => {
    const item = findItem(tx, ctx, m.id, itemId);
    if (m.runStatus === "closed") return refuse(problem("meeting_closed"));
    if (item.status !== "proposed") return refuse(problem("not_proposed"));
    const status = decision === "accept" ? "accepted" : "declined";
    tx.update(meetingAgendaItems)
      .set({ status, position: status === "accepted" ? nextPosition(tx, m.id) : null })
      .where(eq(meetingAgendaItems.id, item.id))
      .run();
    auditMeeting(tx, ctx, { entity: "meeting_agenda_item", entityId: item.id, details: { status: { before: item.status, after: status } } });
    return { ok: true as const };
  });
}

/** Moves an accepted item one place up or down (swaps positions with its neighbour; the ends stay put). */
export function moveItem({ ctx, meetingId, itemId, direction }: { ctx: Ctx; meetingId: string; itemId: string; direction: "up" | "down" }): Result {
  return changeMeeting(ctx, meetingId, (tx, m) => {
    const item = findItem(tx, ctx, m.id, itemId);
    if (item.status !== "accepted" || item.position == null) return refuse(problem("not_accepted"));
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
      if (a.position !== k + 1)
        tx.update(meetingAgendaItems)
          .set({ position: k + 1 })
          .where(eq(meetingAgendaItems.id, a.id))
          .run();
    });
    auditMeeting(tx, ctx, { entity: "meeting_agenda_item", entityId: item.id, details: { move: direction } });
    return { ok: true as const };
  });
}

/** Who facilitates, takes notes and keeps time (persons of the group, each optional). */
export function setRoles({ ctx, meetingId, input }: { ctx: Ctx; meetingId: string; input: RolesInput }): Result {
  return changeMeeting(ctx, meetingId, (tx, m) => {
    const problems: Problem[] = [];
    for (const field of ["facilitatorPersonId", "noteTakerPersonId", "timeKeeperPersonId"] as const) {
      const id = input[field];
      if (id && !lookupPerson(ctx, id, tx)) problems.push(problem("person_unknown", field));
    }
    if (problems.length) return refuse(...problems);
    const values = {
      facilitatorPersonId: input.facilitatorPersonId || null,
      noteTakerPersonId: input.noteTakerPersonId || null,
      timeKeeperPersonId: input.timeKeeperPersonId || null,
    };
    tx.update(meetings).set(values).where(eq(meetings.id, m.id)).run();
    auditMeeting(tx, ctx, { entity: "meeting", entityId: m.id, details: { roles: values } });
    return { ok: true as const };
  });
}
