// Decisions: taken at a meeting (votes checked against the voices of the room; a charter version adopted
// through the charter module), and the register of the group's decisions.
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { eventOccurrences, eventSeries, meetingAttendance, meetingDecisions, meetings } from "~db/schema";
import { can, requirePermission } from "~/modules/access/access.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { adoptCharterVersion, listProposedCharterVersions } from "~/modules/charter/versions.server";
import { refuse } from "~/modules/core/result";
import { checkVotes, fromCharterProblem, problem, searchable, voicesOf, type Result } from "./rules";
import type { DecisionFilter, DecisionInput } from "./schemas";
import { decisionColumns, type DecisionView } from "./meetings.server";
import { canManage, dateOf, findItem, findMeeting, type Ctx } from "./shared.server";

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
      if (m.runStatus === "closed") return refuse(problem("meeting_closed"));
      if (input.agendaItemId) findItem(tx, ctx, m.id, input.agendaItemId);
      const rows = tx
        .select({ status: meetingAttendance.status, proxyPersonId: meetingAttendance.proxyPersonId })
        .from(meetingAttendance)
        .where(eq(meetingAttendance.meetingId, m.id))
        .all();
      const votes =
        input.method === "majority"
          ? { votesFor: input.votesFor ?? null, votesAgainst: input.votesAgainst ?? null, votesAbstain: input.votesAbstain ?? null }
          : { votesFor: null, votesAgainst: null, votesAbstain: null };
      if (input.method === "majority" && !rows.length) return refuse(problem("no_attendance", "votesFor"));
      const problems = checkVotes(input.method, input.result, votes, voicesOf(rows).voices);
      if (problems.length) return refuse(...problems);
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
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "create",
        entity: "meeting_decision",
        entityId: decisionId,
        details: { meetingId: m.id, method: input.method, result: input.result, ...votes, charterVersionId: input.charterVersionId || null },
      });
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
export function recordDecision({
  ctx,
  meetingId,
  input,
  now = Date.now(),
}: {
  ctx: Ctx;
  meetingId: string;
  input: DecisionInput;
  now?: number;
}): Result<{ decisionId: string }> {
  requirePermission(ctx, "meeting:manage");
  if (input.charterVersionId && !charterChoices({ ctx }).some((v) => v.id === input.charterVersionId))
    return refuse(problem("charter_version_unknown", "charterVersionId"));
  const r = addDecision({ ctx, meetingId, input });
  if (!r.ok || !input.charterVersionId || input.result !== "adopted") return r;
  const adopted = adoptCharterVersion({ ctx, versionId: input.charterVersionId, adoptedOn: r.date, decisionId: r.decisionId, now });
  if (adopted.ok) return r;
  withdrawDecision({ ctx, decisionId: r.decisionId });
  return refuse(...adopted.problems.map(fromCharterProblem));
}

/** Removes a decision whose follow-up failed (the charter refused the adoption): compensation, audited. */
function withdrawDecision({ ctx, decisionId }: { ctx: Ctx; decisionId: string }): void {
  requirePermission(ctx, "meeting:manage");
  db.transaction(
    (tx) => {
      tx.delete(meetingDecisions)
        .where(and(eq(meetingDecisions.id, decisionId), eq(meetingDecisions.groupId, ctx.groupId)))
        .run();
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "delete",
        entity: "meeting_decision",
        entityId: decisionId,
        details: { reason: "charter_refused" },
      });
    },
    { behavior: "immediate" },
  );
}

// -------------------------------------------------------------------------------------------------
// The decisions register

type RegisterEntry = DecisionView & { meetingId: string; meetingTitle: string; decidedOn: string };

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
      ...decisionColumns,
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
