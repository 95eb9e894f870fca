// Mail after commit (issue 15): a module writes its mails into `mail_outbox` with the caller's transaction, and they
// leave after the commit — sent at once by the process that wrote them, or by the job that sweeps the table (retries
// with backoff, and what a crash left behind). A rolled-back change sends nothing; a committed one loses nothing.
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { db, type Db } from "~db/client.server";
import { mailOutbox } from "~db/schema";
import { sendMail, type Mail } from "./mail.server";

/** Waits after the 1st, 2nd… failed try; after the last one the mail is marked failed. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 6 * 3600_000, 24 * 3600_000];
/** How long a process may take to send a claimed mail before another may try it. */
const CLAIM_MS = 2 * 60_000;
const SWEEP_MS = 30_000;

/**
 * Writes mails to send after the commit of `tx` (the caller's transaction, or `db` for a write of its own).
 * Returns how many were queued.
 */
export function enqueueMail(tx: Pick<Db, "insert">, mails: Mail | Mail[], now = Date.now()): number {
  const list = (Array.isArray(mails) ? mails : [mails]).filter((m) => m.to);
  if (!list.length) return 0;
  tx.insert(mailOutbox)
    .values(list.map((m) => ({ toAddress: m.to, subject: m.subject, text: m.text, nextAttemptAt: new Date(now), createdAt: new Date(now) })))
    .run();
  // better-sqlite3 transactions are synchronous: this runs once the caller's transaction has ended. Rolled back,
  // the rows are not there and nothing is sent.
  scheduleDelivery();
  return list.length;
}

let scheduled: Promise<void> | null = null;
let running: Promise<DeliveryReport> | null = null;

function scheduleDelivery() {
  scheduled ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
    scheduled = null;
    await deliverDueMail().catch((error: unknown) => console.error("mail outbox:", error));
  });
}

export type DeliveryReport = { sent: number; retried: number; failed: number };

/** Sends every mail that is due and not being sent by another process. One run at a time per process. */
export async function deliverDueMail(now = () => Date.now()): Promise<DeliveryReport> {
  while (running) await running;
  running = deliver(now).finally(() => (running = null));
  return running;
}

async function deliver(now: () => number): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const batch = claim(now(), 20);
    if (!batch.length) return report;
    for (const row of batch) {
      try {
        await sendMail({ to: row.toAddress, subject: row.subject, text: row.text });
        db.delete(mailOutbox).where(eq(mailOutbox.id, row.id)).run();
        report.sent++;
      } catch (error) {
        const attempts = row.attempts + 1;
        const delay = RETRY_DELAYS_MS[attempts - 1];
        const message = error instanceof Error ? error.message : String(error);
        db.update(mailOutbox)
          .set({
            attempts,
            claimedUntil: null,
            lastError: message.slice(0, 500),
            ...(delay === undefined ? { failedAt: new Date(now()) } : { nextAttemptAt: new Date(now() + delay) }),
          })
          .where(eq(mailOutbox.id, row.id))
          .run();
        if (delay === undefined) {
          report.failed++;
          console.error(`mail outbox: gave up on a mail to ${row.toAddress} after ${attempts} tries: ${message}`);
        } else report.retried++;
      }
    }
  }
}

/** Takes up to `limit` due mails for this process, in one write transaction so two processes never take the same. */
function claim(now: number, limit: number) {
  return db.transaction(
    (tx) => {
      const due = tx
        .select({ id: mailOutbox.id })
        .from(mailOutbox)
        .where(
          and(
            isNull(mailOutbox.failedAt),
            lte(mailOutbox.nextAttemptAt, new Date(now)),
            or(isNull(mailOutbox.claimedUntil), lte(mailOutbox.claimedUntil, new Date(now))),
          ),
        )
        .orderBy(asc(mailOutbox.id))
        .limit(limit)
        .all()
        .map((r) => r.id);
      if (!due.length) return [];
      return tx
        .update(mailOutbox)
        .set({ claimedUntil: new Date(now + CLAIM_MS) })
        .where(inArray(mailOutbox.id, due))
        .returning()
        .all();
    },
    { behavior: "immediate" },
  );
}

/** Waits until nothing is due any more (tests; a server finishing its work). */
export async function flushMail(): Promise<void> {
  while (scheduled || running) await (scheduled ?? running);
  await deliverDueMail();
}

/** Mails waiting or given up, for the operator and the tests. */
export function outboxCounts(): { waiting: number; failed: number } {
  const row = db
    .select({ waiting: sql<number>`sum(${mailOutbox.failedAt} is null)`, failed: sql<number>`sum(${mailOutbox.failedAt} is not null)` })
    .from(mailOutbox)
    .get();
  return { waiting: row?.waiting ?? 0, failed: row?.failed ?? 0 };
}

let sweeping: NodeJS.Timeout | null = null;

/** The sweep: retries, and mails committed by a process that died before sending them. Once per process. */
export function startMailJob() {
  if (sweeping) return;
  scheduleDelivery();
  sweeping = setInterval(scheduleDelivery, SWEEP_MS);
  sweeping.unref();
}

/** Stops the sweep (a server stopping); mails being sent are left to `flushMail`. */
export function stopMailJob() {
  if (sweeping) clearInterval(sweeping);
  sweeping = null;
}
