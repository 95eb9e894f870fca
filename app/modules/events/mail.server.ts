// The calendar's mails: who to tell (the households signed up), what an occurrence is called and when, and the
// notify* functions, which queue their mails in the transaction of the change they tell about (sent after its
// commit, mail/outbox.server.ts). The reminders (reminders.server.ts) use the same words.
import { and, eq, inArray, ne } from "drizzle-orm";
import { db, type Tx } from "~db/client.server";
import { eventOccurrences, eventSeries, eventSignups, groups, spaces } from "~db/schema";
import { formatSlot } from "~/modules/bookings/rules";
import { appLink } from "~/modules/core/origin.server";
import { householdRecipients, mailEach, type Recipient, type Translate } from "~/modules/mail/notify.server";
import type { Ctx, Occurrence } from "./lookups.server";
import type { Slot } from "./places.server";

function occurrenceUrl(groupId: string, occurrenceId: string): string | null {
  return appLink(`/g/${groupId}/events/${occurrenceId}`);
}

export function mailBody(t: Translate, lines: (string | null | undefined)[]): string {
  return [t("events:mail.hello"), ...lines, t("events:mail.signature")].filter(Boolean).join("\n\n");
}

type OccurrenceMailInfo = { id: string; groupId: string; groupName: string; timeZone: string; title: string; startsAt: number; endsAt: number; place: string };

export function occurrenceMailInfo(occurrenceIds: string[]): OccurrenceMailInfo[] {
  if (!occurrenceIds.length) return [];
  return db
    .select({
      id: eventOccurrences.id,
      groupId: eventOccurrences.groupId,
      groupName: groups.name,
      timeZone: groups.timeZone,
      title: eventSeries.title,
      startsAt: eventOccurrences.startsAt,
      endsAt: eventOccurrences.endsAt,
      spaceName: spaces.name,
      placeText: eventOccurrences.placeText,
    })
    .from(eventOccurrences)
    .innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId))
    .innerJoin(groups, eq(groups.id, eventOccurrences.groupId))
    .leftJoin(spaces, eq(spaces.id, eventOccurrences.spaceId))
    .where(inArray(eventOccurrences.id, occurrenceIds))
    .all()
    .map((o) => ({ ...o, startsAt: o.startsAt.getTime(), endsAt: o.endsAt.getTime(), place: o.spaceName ?? o.placeText }));
}

export const whenOf = (o: { startsAt: number; endsAt: number; timeZone: string }, lang: string) =>
  formatSlot({ startsAt: o.startsAt, endsAt: o.endsAt }, lang, o.timeZone);
export const linkOf = (t: Translate, o: { groupId: string; id: string }) => {
  const url = occurrenceUrl(o.groupId, o.id);
  return url ? t("events:mail.link", { url }) : null;
};

/** The notify* functions queue their mails in the transaction of the change they tell about (sent after its commit). */
export function notifyPromoted(tx: Tx, ctx: Ctx, signupIds: string[]) {
  if (!signupIds.length) return;
  const rows = db
    .select({ householdId: eventSignups.householdId, occurrenceId: eventSignups.occurrenceId })
    .from(eventSignups)
    .where(and(eq(eventSignups.groupId, ctx.groupId), inArray(eventSignups.id, signupIds)))
    .all();
  const info = new Map(occurrenceMailInfo([...new Set(rows.map((r) => r.occurrenceId))]).map((o) => [o.id, o]));
  const recipients = householdRecipients(
    ctx,
    rows.map((r) => r.householdId),
  );
  for (const r of rows) {
    const o = info.get(r.occurrenceId)!;
    mailEach(tx, recipients.get(r.householdId) ?? [], (t, lang) => ({
      subject: t("events:mail.promoted_subject", { title: o.title }),
      text: mailBody(t, [t("events:mail.promoted_text", { title: o.title, when: whenOf(o, lang), place: o.place, group: o.groupName }), linkOf(t, o)]),
    }));
  }
}

/** The accounts of the households signed up for an occurrence (confirmed or waiting). */
function signedUp(ctx: Ctx, occurrenceId: string): Recipient[] {
  const households = db
    .select({ householdId: eventSignups.householdId })
    .from(eventSignups)
    .where(and(eq(eventSignups.occurrenceId, occurrenceId), ne(eventSignups.status, "cancelled")))
    .all()
    .map((s) => s.householdId);
  return [...householdRecipients(ctx, households).values()].flat();
}

export function notifyCancelled(tx: Tx, ctx: Ctx, occurrenceIds: string[], reason: string | null) {
  for (const o of occurrenceMailInfo(occurrenceIds)) {
    mailEach(tx, signedUp(ctx, o.id), (t, lang) => ({
      subject: t("events:mail.cancelled_subject", { title: o.title }),
      text: mailBody(t, [
        t("events:mail.cancelled_text", { title: o.title, when: whenOf(o, lang), group: o.groupName }),
        reason ? t("events:mail.reason", { reason }) : null,
        linkOf(t, o),
      ]),
    }));
  }
}

export function notifyMoved(tx: Tx, ctx: Ctx, before: Occurrence, slot: Slot) {
  const o = occurrenceMailInfo([before.id])[0];
  if (!o) return;
  mailEach(tx, signedUp(ctx, o.id), (t, lang) => ({
    subject: t("events:mail.moved_subject", { title: o.title }),
    text: mailBody(t, [
      t("events:mail.moved_text", {
        title: o.title,
        from: whenOf({ startsAt: before.startsAt.getTime(), endsAt: before.endsAt.getTime(), timeZone: o.timeZone }, lang),
        to: whenOf({ ...slot, timeZone: o.timeZone }, lang),
        place: o.place,
        group: o.groupName,
      }),
      linkOf(t, o),
    ]),
  }));
}
