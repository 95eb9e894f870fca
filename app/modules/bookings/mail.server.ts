// The bookings' mails, queued in the transaction of the change they tell about (sent after its commit,
// mail/outbox.server.ts): a request waiting for the facilitators, a decision or a cancellation for the booker.
import { eq } from "drizzle-orm";
import { db, type Tx } from "~db/client.server";
import { groups, households, spaces } from "~db/schema";
import { appLink } from "~/modules/core/origin.server";
import { accountRecipient, mailEach, memberRecipients } from "~/modules/mail/notify.server";
import type { Booking, Ctx, Space } from "./lookups.server";
import { formatSlot } from "./rules";

function bookingUrl(groupId: string, bookingId: string): string | null {
  return appLink(`/g/${groupId}/bookings/${bookingId}`);
}

function groupName(groupId: string): string {
  return db.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId)).get()?.name ?? "";
}

/** Queued in the transaction that created the bookings (sent after its commit). */
export function notifyPending(tx: Tx, ctx: Ctx, space: Space, created: Booking[]) {
  const facilitators = memberRecipients(ctx, { roles: ["facilitator", "group_admin"] });
  const household = created[0].householdId
    ? db.select({ name: households.name }).from(households).where(eq(households.id, created[0].householdId)).get()?.name
    : undefined;
  const group = groupName(ctx.groupId);
  const first = created[0];
  mailEach(tx, facilitators, (t, lang) => {
    const url = bookingUrl(ctx.groupId, first.id);
    const slot = formatSlot({ startsAt: first.startsAt.getTime(), endsAt: first.endsAt.getTime() }, lang, ctx.group.timeZone, space.kind);
    return {
      subject: t("bookings:mail.pending_subject", { space: space.name, group }),
      text: [
        t("bookings:mail.hello"),
        t("bookings:mail.pending_text", { who: household ?? ctx.user.name, space: space.name, slot, count: created.length, group }),
        first.purpose ? t("bookings:mail.purpose", { purpose: first.purpose }) : null,
        url ? t("bookings:mail.link", { url }) : null,
        t("bookings:mail.signature"),
      ]
        .filter(Boolean)
        .join("\n\n"),
    };
  });
}

export function notifyBooker(tx: Tx, ctx: Ctx, booking: Booking, what: "approved" | "declined" | "cancelled", reason: string | undefined) {
  if (!booking.createdBy || booking.createdBy === ctx.userId) return;
  const booker = accountRecipient(booking.createdBy);
  if (!booker) return;
  const space = db.select({ name: spaces.name, kind: spaces.kind }).from(spaces).where(eq(spaces.id, booking.spaceId)).get();
  const group = groupName(ctx.groupId);
  mailEach(tx, [booker], (t, lang) => {
    const url = bookingUrl(ctx.groupId, booking.id);
    const slot = formatSlot({ startsAt: booking.startsAt.getTime(), endsAt: booking.endsAt.getTime() }, lang, ctx.group.timeZone, space?.kind);
    return {
      subject: t(`bookings:mail.${what}_subject`, { space: space?.name ?? "", group }),
      text: [
        t("bookings:mail.hello"),
        t(`bookings:mail.${what}_text`, { space: space?.name ?? "", slot, group, by: ctx.user.name }),
        reason ? t("bookings:mail.reason", { reason }) : null,
        url ? t("bookings:mail.link", { url }) : null,
        t("bookings:mail.signature"),
      ]
        .filter(Boolean)
        .join("\n\n"),
    };
  });
}
