// What the bookings files share: the row types, the statements of the booking path (prepared once), finding a row
// of the group (another group's id is 404), whose booking it is and who may cancel it, the overlap trigger's error.
import { and, desc, eq, gt, gte, inArray, lt, ne, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { bookings, spaceClosures, spaces } from "~db/schema";
import { ACTIVE_BOOKING_STATUSES } from "~db/schema/enums";
import { can, type MemberContext } from "~/modules/access/access.server";
import { NotFoundError } from "~/modules/access/errors";
import type { Result as CoreResult } from "~/modules/core/result";
import type { Problem } from "./rules";

export type Ctx = MemberContext;
/** The database or a transaction: reads take either. */
export type Q = Pick<typeof db, "select">;
/** A write's answer: ok with its data, or the rules it broke (shown next to the fields, never a 500). */
export type Result<T extends object = object> = CoreResult<T, Problem>;

export type Space = typeof spaces.$inferSelect;
export type Booking = typeof bookings.$inferSelect;
export type Closure = typeof spaceClosures.$inferSelect;

export const isActive = inArray(bookings.status, [...ACTIVE_BOOKING_STATUSES]);

// The statements of the booking path, prepared once (building and compiling a query costs more than
// running it: see bench/bookings.ts). better-sqlite3 has one connection, so inside db.transaction()
// they run in the transaction. Comparisons with placeholders take epoch ms.
const P = sql.placeholder;
function prepareStatements() {
  const busy = { id: bookings.id, startsAt: bookings.startsAt, endsAt: bookings.endsAt, blockStart: bookings.blockStart, blockEnd: bookings.blockEnd };
  return {
    // Every column with a $defaultFn is a placeholder too: a default would be computed once, here.
    insertBooking: db
      .insert(bookings)
      .values({
        id: P("id"),
        groupId: P("groupId"),
        spaceId: P("spaceId"),
        householdId: P("householdId"),
        createdBy: P("createdBy"),
        startsAt: P("startsAt"),
        endsAt: P("endsAt"),
        blockStart: P("blockStart"),
        blockEnd: P("blockEnd"),
        status: P("status"),
        purpose: P("purpose"),
        guests: P("guests"),
        nights: P("nights"),
        feeCents: P("feeCents"),
        seriesId: P("seriesId"),
        createdAt: P("createdAt"),
        updatedAt: P("updatedAt"),
      })
      .returning()
      .prepare(),
    space: db
      .select()
      .from(spaces)
      .where(and(eq(spaces.id, P("id")), eq(spaces.groupId, P("groupId"))))
      .prepare(),
    // The last active booking starting before the block, and those starting inside it: see neighbours().
    before: db
      .select(busy)
      .from(bookings)
      .where(and(eq(bookings.spaceId, P("spaceId")), lt(bookings.blockStart, P("blockStart")), isActive, ne(bookings.id, P("exceptId"))))
      .orderBy(desc(bookings.blockStart))
      .limit(1)
      .prepare(),
    inside: db
      .select(busy)
      .from(bookings)
      .where(
        and(
          eq(bookings.spaceId, P("spaceId")),
          gte(bookings.blockStart, P("blockStart")),
          lt(bookings.blockStart, P("blockEnd")),
          isActive,
          ne(bookings.id, P("exceptId")),
        ),
      )
      .prepare(),
    closures: db
      .select({ startsAt: spaceClosures.startsAt, endsAt: spaceClosures.endsAt, reason: spaceClosures.reason })
      .from(spaceClosures)
      .where(
        and(
          eq(spaceClosures.spaceId, P("spaceId")),
          eq(spaceClosures.groupId, P("groupId")),
          lt(spaceClosures.startsAt, P("to")),
          gt(spaceClosures.endsAt, P("from")),
        ),
      )
      .prepare(),
  };
}
let statements: ReturnType<typeof prepareStatements> | null = null;
export const prepared = () => (statements ??= prepareStatements());

export function findSpace(ctx: Ctx, spaceId: string): Space {
  const space = prepared().space.get({ id: spaceId, groupId: ctx.groupId });
  if (!space) throw new NotFoundError();
  return space;
}

export function findBooking(ctx: Ctx, bookingId: string): Booking {
  const booking = db
    .select()
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), eq(bookings.groupId, ctx.groupId)))
    .get();
  if (!booking) throw new NotFoundError();
  return booking;
}

export const isOwn = (ctx: Ctx, b: Pick<Booking, "householdId" | "createdBy">) =>
  b.householdId ? b.householdId === ctx.householdId : b.createdBy === ctx.userId;

/** Who may cancel: the booker's household before the start (no reason needed); a facilitator any time, with a reason. */
export function cancelRight(ctx: Ctx, booking: Booking, now: number): "own" | "any" | "started" | null {
  const own = isOwn(ctx, booking);
  if (own && now < booking.startsAt.getTime() && can(ctx, "booking:create")) return "own";
  if (can(ctx, "booking:cancel:any")) return "any";
  return own ? "started" : null;
}

export function isOverlapError(e: unknown): boolean {
  for (let err = e; err; err = (err as { cause?: unknown }).cause) {
    if (err instanceof Error && err.message.includes("booking_overlap")) return true;
    if (!(err instanceof Error)) break;
  }
  return false;
}
