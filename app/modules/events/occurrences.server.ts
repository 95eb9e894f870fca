// One occurrence changed on its own: cancelled (its place given back, its households told), moved (time and place,
// re-booked in the same transaction; households told), its capacity or note edited (a larger capacity promotes
// from the waiting list) — or, from it on, the whole series (series.server.ts applyFrom).
import { and, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { eventOccurrences } from "~db/schema";
import { requirePermission } from "~/modules/access/access.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { getSpace } from "~/modules/bookings/spaces.server";
import { zonedToUtc } from "~/modules/core/recurrence";
import { refuse } from "~/modules/core/result";
import { transact } from "~/modules/core/transaction.server";
import { findOccurrence, type Ctx, type Result } from "./lookups.server";
import { notifyCancelled, notifyMoved, notifyPromoted } from "./mail.server";
import { bookPlaces, releasePlace, slotOf } from "./places.server";
import { durationOf, endDateOf, problem } from "./rules";
import type { OccurrenceChangeInput } from "./schemas";
import { applyFrom } from "./series.server";
import { confirmedPlaces, promoteIn } from "./signups.server";

/**
 * One occurrence: cancel it (its booking is cancelled, its households told), move it (time and place,
 * re-booked in the same transaction; households told), edit its capacity or note (a larger capacity promotes
 * from the waiting list), or change it and the following ones.
 */
export function changeOccurrence({
  ctx,
  occurrenceId,
  input,
  now = Date.now(),
}: {
  ctx: Ctx;
  occurrenceId: string;
  input: OccurrenceChangeInput;
  now?: number;
}): Result<{ occurrenceId: string; seriesId: string }> {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  requirePermission(ctx, "event:manage");
  if (occ.closedAt) return refuse(problem("meal_closed"));
  const done = { ok: true as const, occurrenceId: occ.id, seriesId: series.id };

  if (input.intent === "following") {
    const r = applyFrom(ctx, series, occ, input, now);
    return r.ok ? { ok: true, occurrenceId: occ.id, seriesId: r.seriesId } : r;
  }

  if (input.intent === "cancel") {
    if (occ.status === "cancelled") return refuse(problem("not_scheduled"));
    return transact(undefined, (tx): Result<{ occurrenceId: string; seriesId: string }> => {
      // Read again inside the write lock: it may have been cancelled, closed or moved meanwhile.
      const fresh = tx.select().from(eventOccurrences).where(eq(eventOccurrences.id, occ.id)).get();
      if (!fresh || fresh.status !== "scheduled" || fresh.closedAt) return refuse(problem("not_scheduled"));
      if (fresh.bookingId) releasePlace(tx, ctx, fresh.bookingId, now);
      tx.update(eventOccurrences)
        .set({ status: "cancelled", cancelReason: input.reason || null, cancelledAt: new Date(now), cancelledBy: ctx.userId, bookingId: null })
        .where(and(eq(eventOccurrences.id, occ.id), eq(eventOccurrences.groupId, ctx.groupId)))
        .run();
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "cancel",
        entity: "event_occurrence",
        entityId: occ.id,
        details: { reason: input.reason || undefined },
      });
      notifyCancelled(tx, ctx, [occ.id], input.reason || null);
      return done;
    });
  }

  if (input.intent === "edit") {
    const capacity = input.capacity ?? null;
    return transact(undefined, (tx): Result<{ occurrenceId: string; seriesId: string }> => {
      const taken = confirmedPlaces(tx, occ.id);
      if (capacity != null && capacity < taken) return refuse(problem("capacity_below_taken", "capacity", { taken }));
      tx.update(eventOccurrences)
        .set({ capacity, note: input.note ?? "" })
        .where(eq(eventOccurrences.id, occ.id))
        .run();
      const promoted = occ.status === "scheduled" ? promoteIn(tx, ctx, occ.id, now) : [];
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "update",
        entity: "event_occurrence",
        entityId: occ.id,
        details: { capacity: { before: occ.capacity, after: capacity }, note: input.note },
      });
      notifyPromoted(tx, ctx, promoted);
      return done;
    });
  }

  // Move one occurrence.
  if (occ.status === "cancelled") return refuse(problem("not_scheduled"));
  const duration = durationOf(input.date, input.startTime, input.endTime, input.endDate);
  if (duration <= 0) return refuse(problem("end_before_start", "endTime"));
  const slot = {
    startsAt: zonedToUtc(`${input.date}T${input.startTime}`, series.timeZone),
    endsAt: zonedToUtc(`${endDateOf(input.date, input.endTime, input.endDate)}T${input.endTime}`, series.timeZone),
  };
  if (slot.endsAt <= slot.startsAt) slot.endsAt = slot.startsAt + duration * 60_000;
  if (slot.startsAt < now) return refuse(problem("in_past", "date"));
  const keepPlace = !input.spaceId && !input.placeText;
  const spaceId = keepPlace ? occ.spaceId : input.spaceId || null;
  const placeText = keepPlace ? occ.placeText : spaceId ? "" : (input.placeText ?? "");
  if (spaceId && spaceId !== occ.spaceId) getSpace({ ctx, spaceId });
  const sameSlot = slot.startsAt === occ.startsAt.getTime() && slot.endsAt === occ.endsAt.getTime();
  return transact(undefined, (tx): Result<{ occurrenceId: string; seriesId: string }> => {
    let bookingId = occ.bookingId;
    if (!(sameSlot && spaceId === occ.spaceId)) {
      // The old slot is freed first (the new one may overlap it); a refused new slot rolls the move back.
      if (occ.bookingId && occ.spaceId) releasePlace(tx, ctx, occ.bookingId, now);
      bookingId = spaceId ? bookPlaces(tx, ctx, spaceId, [slot], series.title, occ.capacity, now)[0] : null;
    }
    tx.update(eventOccurrences)
      .set({ startsAt: new Date(slot.startsAt), endsAt: new Date(slot.endsAt), spaceId, placeText, moved: true, bookingId, bookingProblem: null })
      .where(and(eq(eventOccurrences.id, occ.id), eq(eventOccurrences.groupId, ctx.groupId)))
      .run();
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "move",
      entity: "event_occurrence",
      entityId: occ.id,
      details: { from: slotOf(occ), to: slot, spaceId: { before: occ.spaceId, after: spaceId }, placeText },
    });
    notifyMoved(tx, ctx, occ, slot);
    return done;
  });
}
