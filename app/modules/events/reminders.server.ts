// Reminder emails the day before: each household with a confirmed sign-up for an occurrence starting
// tomorrow (the group's calendar day) gets one, from REMINDER_TIME on. Never twice: the reminder log's
// unique (occurrence, household) is claimed in the transaction that queues the mail (the outbox retries a mail
// that fails, and one queued is never lost). The job also moves the occurrences' horizon forward.
import { and, asc, eq, gte, isNull, lt } from "drizzle-orm";
import { db, type Tx } from "~db/client.server";
import { eventOccurrences, eventReminders, eventSignups, groups } from "~db/schema";
import { scopeForJob } from "~/modules/access/scope.server";
import { todayIn } from "~/modules/core/dates";
import { addDays, utcToZoned, zonedDays } from "~/modules/core/recurrence";
import { householdRecipients, mailEach } from "~/modules/mail/notify.server";
import { extendHorizons } from "./horizon.server";
import { linkOf, mailBody, occurrenceMailInfo, whenOf } from "./mail.server";
import { partyColumns } from "./lookups.server";
import { placesOf } from "./rules";

/** Reminders go from this wall-clock time the day before (group's zone): not in the middle of the night. */
const REMINDER_TIME = "10:00";
const REMINDER_INTERVAL_MS = 15 * 60_000;

type Due = { occurrenceId: string; householdId: string; groupId: string; places: number };

/** Queues the reminders due at `now`. Returns how many households were claimed and how many mails were queued. */
export async function sendDueReminders(now = Date.now()): Promise<{ households: number; mails: number }> {
  const due: Due[] = [];
  let mails = 0;
  for (const group of db.select({ id: groups.id, timeZone: groups.timeZone }).from(groups).all()) {
    const tz = group.timeZone;
    if (utcToZoned(now, tz).time < REMINDER_TIME) continue;
    const tomorrow = addDays(todayIn(tz, now), 1);
    const day = zonedDays(tomorrow, tomorrow, tz);
    const from = new Date(day.startsAt);
    const to = new Date(day.endsAt);
    const claimed = db.transaction(
      (tx) => {
        const rows = tx
          .select({
            occurrenceId: eventSignups.occurrenceId,
            householdId: eventSignups.householdId,
            ...partyColumns,
          })
          .from(eventSignups)
          .innerJoin(eventOccurrences, eq(eventOccurrences.id, eventSignups.occurrenceId))
          .leftJoin(eventReminders, and(eq(eventReminders.occurrenceId, eventSignups.occurrenceId), eq(eventReminders.householdId, eventSignups.householdId)))
          .where(
            and(
              eq(eventSignups.groupId, group.id),
              eq(eventSignups.status, "confirmed"),
              eq(eventOccurrences.status, "scheduled"),
              gte(eventOccurrences.startsAt, from),
              lt(eventOccurrences.startsAt, to),
              isNull(eventReminders.id),
            ),
          )
          .orderBy(asc(eventOccurrences.startsAt))
          .all();
        const out: Due[] = [];
        for (const r of rows) {
          // The unique index decides: another process that claimed it first leaves 0 changes here.
          const n = tx
            .insert(eventReminders)
            .values({ groupId: group.id, occurrenceId: r.occurrenceId, householdId: r.householdId, sentAt: new Date(now) })
            .onConflictDoNothing()
            .run().changes;
          if (n) out.push({ occurrenceId: r.occurrenceId, householdId: r.householdId, groupId: group.id, places: placesOf(r) });
        }
        mails += queueReminders(tx, out);
        return out;
      },
      { behavior: "immediate" },
    );
    due.push(...claimed);
  }
  return { households: due.length, mails };
}

function queueReminders(tx: Tx, due: Due[]): number {
  if (!due.length) return 0;
  const info = new Map(occurrenceMailInfo([...new Set(due.map((d) => d.occurrenceId))]).map((o) => [o.id, o]));
  const recipients = householdRecipients(
    scopeForJob(due[0].groupId),
    due.map((d) => d.householdId),
  );
  let mails = 0;
  for (const d of due) {
    const o = info.get(d.occurrenceId);
    if (!o) continue;
    mails += mailEach(tx, recipients.get(d.householdId) ?? [], (t, lang) => ({
      subject: t("events:mail.reminder_subject", { title: o.title }),
      text: mailBody(t, [
        t("events:mail.reminder_text", { title: o.title, when: whenOf(o, lang), place: o.place, group: o.groupName }),
        t("events:mail.reminder_party", { count: d.places }),
        linkOf(t, o),
      ]),
    }));
  }
  return mails;
}

/**
 * Runs the job now and every REMINDER_INTERVAL_MS (15 minutes): horizons moved forward, then reminders.
 * The timer is unref'd (it never keeps the process alive). Returns a function that stops it. Call it
 * once per instance (the cluster primary).
 */
export function startReminderJob({ intervalMs = REMINDER_INTERVAL_MS }: { intervalMs?: number } = {}): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      extendHorizons();
      await sendDueReminders();
    } catch (e) {
      console.error("events: the reminder job failed", e);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
