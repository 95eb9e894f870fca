// Reading bookings: the calendars' active bookings (everyone sees who booked; the purpose only the household and
// facilitators), the household's own list, one booking with what the person may do with it.
import { and, asc, desc, eq, gt, isNull, lt } from "drizzle-orm";
import { db } from "~db/client.server";
import { bookings, households, spaces, users } from "~db/schema";
import type { SpaceKind } from "~db/schema/enums";
import { can } from "~/modules/access/access.server";
import { NotFoundError } from "~/modules/access/errors";
import { cancelRight, findSpace, isActive, isOwn, type Booking, type Ctx } from "./lookups.server";

export type BookingListItem = {
  id: string;
  spaceId: string;
  spaceName: string;
  spaceKind: SpaceKind;
  householdId: string | null;
  householdName: string | null;
  startsAt: Date;
  endsAt: Date;
  status: Booking["status"];
  /** Only for the booker's household and facilitators; null for anyone else. */
  purpose: string | null;
  guests: number;
  seriesId: string | null;
  own: boolean;
};

const listColumns = {
  id: bookings.id,
  spaceId: bookings.spaceId,
  spaceName: spaces.name,
  spaceKind: spaces.kind,
  householdId: bookings.householdId,
  householdName: households.name,
  createdBy: bookings.createdBy,
  startsAt: bookings.startsAt,
  endsAt: bookings.endsAt,
  status: bookings.status,
  purpose: bookings.purpose,
  guests: bookings.guests,
  seriesId: bookings.seriesId,
};

function seesDetails(ctx: Ctx, b: Pick<Booking, "householdId" | "createdBy">) {
  return can(ctx, "booking:approve") || isOwn(ctx, b);
}

/** The active bookings (requested or confirmed) meeting [from, to), for the calendars. Everyone sees who booked; the purpose only the household and facilitators. */
export function listBookings({ ctx, from, to, spaceId }: { ctx: Ctx; from: number | Date; to: number | Date; spaceId?: string }): BookingListItem[] {
  if (spaceId) findSpace(ctx, spaceId);
  const rows = db
    .select(listColumns)
    .from(bookings)
    .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
    .leftJoin(households, eq(households.id, bookings.householdId))
    .where(
      and(
        eq(bookings.groupId, ctx.groupId),
        spaceId ? eq(bookings.spaceId, spaceId) : undefined,
        isActive,
        lt(bookings.startsAt, new Date(to)),
        gt(bookings.endsAt, new Date(from)),
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .all();
  return rows.map(({ createdBy, purpose, ...r }) => {
    const details = seesDetails(ctx, { householdId: r.householdId, createdBy });
    return { ...r, purpose: details ? purpose : null, own: isOwn(ctx, { householdId: r.householdId, createdBy }) };
  });
}

type MyBooking = Booking & { spaceName: string; spaceKind: SpaceKind; canCancel: boolean };

/** The bookings of the person's household (or their own, without a household), latest first. */
export function listMyBookings({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): MyBooking[] {
  const mine = ctx.householdId ? eq(bookings.householdId, ctx.householdId) : and(isNull(bookings.householdId), eq(bookings.createdBy, ctx.userId));
  return db
    .select({ booking: bookings, spaceName: spaces.name, spaceKind: spaces.kind })
    .from(bookings)
    .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
    .where(and(eq(bookings.groupId, ctx.groupId), mine))
    .orderBy(desc(bookings.startsAt))
    .all()
    .map(({ booking, spaceName, spaceKind }) => ({
      ...booking,
      spaceName,
      spaceKind,
      canCancel: (booking.status === "requested" || booking.status === "confirmed") && booking.startsAt.getTime() > now,
    }));
}

type BookingDetail = Omit<Booking, "purpose"> & {
  purpose: string | null;
  spaceName: string;
  spaceKind: SpaceKind;
  householdName: string | null;
  createdByName: string | null;
  own: boolean;
  canDecide: boolean;
  canCancel: boolean;
  /** Cancelling needs a reason (a facilitator cancelling a booking that is not their household's, or that has started). */
  cancelNeedsReason: boolean;
};

export function getBooking({ ctx, bookingId, now = Date.now() }: { ctx: Ctx; bookingId: string; now?: number }): BookingDetail {
  const row = db
    .select({ booking: bookings, spaceName: spaces.name, spaceKind: spaces.kind, householdName: households.name, createdByName: users.name })
    .from(bookings)
    .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
    .leftJoin(households, eq(households.id, bookings.householdId))
    .leftJoin(users, eq(users.id, bookings.createdBy))
    .where(and(eq(bookings.id, bookingId), eq(bookings.groupId, ctx.groupId)))
    .get();
  if (!row) throw new NotFoundError();
  const b = row.booking;
  const details = seesDetails(ctx, b);
  const active = b.status === "requested" || b.status === "confirmed";
  const right = cancelRight(ctx, b, now);
  return {
    ...b,
    purpose: details ? b.purpose : null,
    decisionReason: details ? b.decisionReason : null,
    cancelReason: details ? b.cancelReason : null,
    spaceName: row.spaceName,
    spaceKind: row.spaceKind,
    householdName: row.householdName,
    createdByName: details ? row.createdByName : null,
    own: isOwn(ctx, b),
    canDecide: b.status === "requested" && can(ctx, "booking:approve"),
    canCancel: active && (right === "own" || right === "any"),
    cancelNeedsReason: right === "any",
  };
}
