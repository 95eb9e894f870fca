// The group's spaces (common rooms, guest units…) and their rules: residents see the active ones, facilitators
// create and change them. New rules apply to new bookings.
import { and, asc, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { spaces } from "~db/schema";
import { can, requirePermission } from "~/modules/access/access.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { findSpace, type Ctx, type Space } from "./lookups.server";
import { DEFAULT_CHECK_IN, DEFAULT_CHECK_OUT } from "./rules";
import type { SpaceInput } from "./schemas";

/** The group's spaces; residents see the active ones only. */
export function listSpaces({ ctx }: { ctx: Ctx }): Space[] {
  const all = can(ctx, "space:manage");
  return db
    .select()
    .from(spaces)
    .where(and(eq(spaces.groupId, ctx.groupId), all ? undefined : eq(spaces.active, true)))
    .orderBy(asc(spaces.kind), asc(spaces.name))
    .all();
}

export function getSpace({ ctx, spaceId }: { ctx: Ctx; spaceId: string }): Space {
  return findSpace(ctx, spaceId);
}

/** A space for its settings page: 404 for another group's, then 403 without space:manage. */
export function getSpaceToManage({ ctx, spaceId }: { ctx: Ctx; spaceId: string }): Space {
  const space = findSpace(ctx, spaceId);
  requirePermission(ctx, "space:manage");
  return space;
}

function spaceValues(input: SpaceInput) {
  const guest = input.kind === "guest_unit";
  return {
    name: input.name,
    kind: input.kind,
    description: input.description ?? "",
    capacity: input.capacity ?? null,
    active: input.active ?? false,
    bookingWindowDays: input.bookingWindowDays ?? null,
    minNoticeHours: input.minNoticeHours ?? 0,
    minMinutes: input.minMinutes ?? null,
    maxMinutes: input.maxMinutes ?? null,
    quotaHoursPerMonth: input.quotaHoursPerMonth ?? null,
    quotaBookingsPerMonth: input.quotaBookingsPerMonth ?? null,
    quotaNightsPerYear: guest ? (input.quotaNightsPerYear ?? null) : null,
    approvalRequired: input.approvalRequired ?? false,
    bufferMinutes: input.bufferMinutes ?? 0,
    quietStart: input.quietStart || null,
    quietEnd: input.quietEnd || null,
    checkInTime: guest ? input.checkInTime || DEFAULT_CHECK_IN : null,
    checkOutTime: guest ? input.checkOutTime || DEFAULT_CHECK_OUT : null,
    nightlyFeeCents: guest ? (input.nightlyFee ?? 0) : 0,
    maxNights: guest ? (input.maxNights ?? null) : null,
    houseRules: input.houseRules ?? "",
  };
}

export function createSpace({ ctx, input }: { ctx: Ctx; input: SpaceInput }): { id: string } {
  requirePermission(ctx, "space:manage");
  return db.transaction((tx) => {
    const row = tx
      .insert(spaces)
      .values({ groupId: ctx.groupId, ...spaceValues(input) })
      .returning({ id: spaces.id })
      .get();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "space", entityId: row.id, details: { ...input } });
    return row;
  });
}

/** New rules apply to new bookings; existing bookings keep their slot, block and fee. */
export function updateSpace({ ctx, spaceId, input }: { ctx: Ctx; spaceId: string; input: SpaceInput }): { ok: true } {
  const before = findSpace(ctx, spaceId);
  requirePermission(ctx, "space:manage");
  const after = spaceValues(input);
  db.transaction((tx) => {
    tx.update(spaces)
      .set(after)
      .where(and(eq(spaces.id, spaceId), eq(spaces.groupId, ctx.groupId)))
      .run();
    const changed = Object.fromEntries(
      Object.entries(after)
        .filter(([k, v]) => before[k as keyof Space] !== v)
        .map(([k, v]) => [k, { before: before[k as keyof Space], after: v }]),
    );
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "space", entityId: spaceId, details: changed });
  });
  return { ok: true };
}
