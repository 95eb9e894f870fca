// Closures of a space (maintenance): no booking may start in one; bookings already inside it stay, and are listed
// for the facilitator to cancel.
import { and, asc, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { spaceClosures } from "~db/schema";
import { requirePermission } from "~/modules/access/access.server";
import { NotFoundError } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { addDays, zonedToUtc } from "~/modules/core/recurrence";
import { findSpace, type Closure, type Ctx } from "./lookups.server";
import { listBookings, type BookingListItem } from "./reading.server";
import type { Problem } from "./rules";
import type { ClosureInput } from "./schemas";

export function listClosures({ ctx, spaceId }: { ctx: Ctx; spaceId: string }): Closure[] {
  findSpace(ctx, spaceId);
  return db
    .select()
    .from(spaceClosures)
    .where(and(eq(spaceClosures.spaceId, spaceId), eq(spaceClosures.groupId, ctx.groupId)))
    .orderBy(asc(spaceClosures.startsAt))
    .all();
}

/** A closure (maintenance). Bookings already inside it stay: they are returned so the facilitator can cancel them. */
export function addClosure({
  ctx,
  spaceId,
  input,
}: {
  ctx: Ctx;
  spaceId: string;
  input: ClosureInput;
}): { ok: true; id: string; overlapping: BookingListItem[] } | { ok: false; problems: Problem[] } {
  const space = findSpace(ctx, spaceId);
  requirePermission(ctx, "space:manage");
  const tz = ctx.group.timeZone;
  const startsAt = zonedToUtc(`${input.startDate}T${input.startTime || "00:00"}`, tz);
  const endsAt = input.endTime ? zonedToUtc(`${input.endDate}T${input.endTime}`, tz) : zonedToUtc(`${addDays(input.endDate, 1)}T00:00`, tz);
  if (endsAt <= startsAt) return { ok: false, problems: [{ code: "end_before_start", field: input.endTime ? "endTime" : "endDate", params: {} }] };
  const id = db.transaction((tx) => {
    const row = tx
      .insert(spaceClosures)
      .values({ groupId: ctx.groupId, spaceId: space.id, startsAt: new Date(startsAt), endsAt: new Date(endsAt), reason: input.reason, createdBy: ctx.userId })
      .returning({ id: spaceClosures.id })
      .get();
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "create",
      entity: "space_closure",
      entityId: row.id,
      details: { spaceId, startsAt, endsAt, reason: input.reason },
    });
    return row.id;
  });
  const overlapping = listBookings({ ctx, from: startsAt, to: endsAt, spaceId });
  return { ok: true, id, overlapping };
}

export function removeClosure({ ctx, closureId }: { ctx: Ctx; closureId: string }): { ok: true } {
  const closure = db
    .select()
    .from(spaceClosures)
    .where(and(eq(spaceClosures.id, closureId), eq(spaceClosures.groupId, ctx.groupId)))
    .get();
  if (!closure) throw new NotFoundError();
  requirePermission(ctx, "space:manage");
  db.transaction((tx) => {
    tx.delete(spaceClosures)
      .where(and(eq(spaceClosures.id, closureId), eq(spaceClosures.groupId, ctx.groupId)))
      .run();
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "delete",
      entity: "space_closure",
      entityId: closureId,
      details: { spaceId: closure.spaceId, startsAt: closure.startsAt.getTime(), endsAt: closure.endsAt.getTime(), reason: closure.reason },
    });
  });
  return { ok: true };
}
