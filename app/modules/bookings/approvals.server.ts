// The approval flow: a request for a space that asks for approval waits for a facilitator, who confirms or declines
// it (the booker is told by mail); the list of requests waiting.
import { and, asc, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { bookings, households, spaces, users } from "~db/schema";
import type { SpaceKind } from "~db/schema/enums";
import { requirePermission } from "~/modules/access/access.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { findBooking, isOverlapError, type Booking, type Ctx, type Result } from "./lookups.server";
import { notifyBooker } from "./mail.server";

function decide(ctx: Ctx, bookingId: string, to: "confirmed" | "declined", reason: string | undefined): { result: Result; booking: Booking } {
  const booking = findBooking(ctx, bookingId);
  requirePermission(ctx, "booking:approve");
  if (booking.status !== "requested") return { result: { ok: false, problems: [{ code: "not_pending", field: null, params: {} }] }, booking };
  const decidedAt = new Date();
  const result = db.transaction(
    (tx): Result => {
      // Conditional on the status, so two facilitators deciding at once cannot both win.
      try {
        const changed = tx
          .update(bookings)
          .set({ status: to, decidedBy: ctx.userId, decidedAt, decisionReason: reason?.trim() || null })
          .where(and(eq(bookings.id, bookingId), eq(bookings.groupId, ctx.groupId), eq(bookings.status, "requested")))
          .run().changes;
        if (!changed) return { ok: false, problems: [{ code: "not_pending", field: null, params: {} }] };
      } catch (e) {
        if (!isOverlapError(e)) throw e;
        return { ok: false, problems: [{ code: "overlap", field: null, params: {} }] };
      }
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: to === "confirmed" ? "approve" : "decline",
        entity: "booking",
        entityId: bookingId,
        details: reason ? { reason } : undefined,
      });
      notifyBooker(tx, ctx, booking, to === "confirmed" ? "approved" : "declined", reason);
      return { ok: true };
    },
    { behavior: "immediate" },
  );
  return { result, booking };
}

export function approveBooking({ ctx, bookingId, reason }: { ctx: Ctx; bookingId: string; reason?: string }): Result {
  return decide(ctx, bookingId, "confirmed", reason).result;
}

export function declineBooking({ ctx, bookingId, reason }: { ctx: Ctx; bookingId: string; reason?: string }): Result {
  return decide(ctx, bookingId, "declined", reason).result;
}

type PendingApproval = {
  id: string;
  spaceId: string;
  spaceName: string;
  spaceKind: SpaceKind;
  householdName: string | null;
  createdByName: string | null;
  startsAt: Date;
  endsAt: Date;
  purpose: string;
  guests: number;
  feeCents: number;
  nights: number;
  seriesId: string | null;
  createdAt: Date;
};

/** Requests waiting for a facilitator, soonest first (past ones included: they still need an answer). */
export function listPendingApprovals({ ctx }: { ctx: Ctx }): PendingApproval[] {
  requirePermission(ctx, "booking:approve");
  return db
    .select({
      id: bookings.id,
      spaceId: bookings.spaceId,
      spaceName: spaces.name,
      spaceKind: spaces.kind,
      householdName: households.name,
      createdByName: users.name,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      purpose: bookings.purpose,
      guests: bookings.guests,
      feeCents: bookings.feeCents,
      nights: bookings.nights,
      seriesId: bookings.seriesId,
      createdAt: bookings.createdAt,
    })
    .from(bookings)
    .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
    .leftJoin(households, eq(households.id, bookings.householdId))
    .leftJoin(users, eq(users.id, bookings.createdBy))
    .where(and(eq(bookings.groupId, ctx.groupId), eq(bookings.status, "requested")))
    .orderBy(asc(bookings.startsAt))
    .all();
}
