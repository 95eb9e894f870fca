// What Home shows of bookings: the person's next three (their household's), and for facilitators the
// number of requests waiting for their answer.
import type { MemberContext } from "~/modules/access/access.server";
import { can } from "~/modules/access/access.server";
import type { BookingStatus, SpaceKind } from "~db/schema/enums";
import { listPendingApprovals } from "./approvals.server";
import { listMyBookings } from "./reading.server";

export type BookingsHome = {
  groupId: string;
  timeZone: string;
  /** Epoch ms: the section formats them in the group's zone. */
  upcoming: { id: string; spaceName: string; spaceKind: SpaceKind; startsAt: number; endsAt: number; status: BookingStatus }[];
  /** Requests waiting for approval; null for someone who does not approve. */
  pendingApprovals: number | null;
};

export function getBookingsHome({ ctx, now = Date.now() }: { ctx: MemberContext; now?: number }): BookingsHome {
  const upcoming = listMyBookings({ ctx, now })
    .filter((b) => (b.status === "requested" || b.status === "confirmed") && b.endsAt.getTime() > now)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .slice(0, 3)
    .map((b) => ({ id: b.id, spaceName: b.spaceName, spaceKind: b.spaceKind, startsAt: b.startsAt.getTime(), endsAt: b.endsAt.getTime(), status: b.status }));
  return {
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    upcoming,
    pendingApprovals: can(ctx, "booking:approve") ? listPendingApprovals({ ctx }).length : null,
  };
}
