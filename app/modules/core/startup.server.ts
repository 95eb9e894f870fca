// Start-up, once per instance (the cluster primary): migrations ran when the connection opened; an empty
// database gets the demo; background jobs (meal reminders, the events' horizon, departures
// taking effect) start here. And the way out (decision 016): jobs stopped, mail in flight sent, the database
// checkpointed and closed — in every process, once its requests have finished.
import { count } from "drizzle-orm";
import { closeDb, db } from "~db/client.server";
import { users } from "~db/schema";
import { seedDemo, type DemoLogin } from "~db/seed";
import { startReminderJob } from "~/modules/events/reminders.server";
import { flushMail, startMailJob, stopMailJob } from "~/modules/mail/outbox.server";
import { startDeparturesJob } from "~/modules/households/households.server";

let jobsStarted = false;
const stopJobs: Array<() => void> = [];

export async function startup({ printDemo = false, jobs = process.env.JOBS !== "0" }: { printDemo?: boolean; jobs?: boolean } = {}): Promise<
  DemoLogin[] | null
> {
  const empty = (db.select({ n: count() }).from(users).get()?.n ?? 0) === 0;
  let logins: DemoLogin[] | null = null;
  if (empty && process.env.SEED_DEMO !== "0") {
    logins = await seedDemo(db);
    // Statistics for the tables the demo just filled (the connection's own optimize ran on empty tables).
    db.$client.pragma("optimize");
    if (printDemo) printLogins(logins);
  }
  // Dev reloads call startup again: one job per process.
  if (jobs && !jobsStarted) {
    jobsStarted = true;
    stopJobs.push(startReminderJob());
    // Retries, and the mails a crashed process committed but did not send.
    startMailJob();
    stopJobs.push(stopMailJob);
    stopJobs.push(startDeparturesJob());
  }
  return logins;
}

/**
 * The end of a process (server.mjs calls it once no request is left): background jobs stop, mails committed by
 * the last requests leave (at most `mailWaitMs`; what is left is sent by the next start's sweep), then the
 * database is checkpointed and closed. Safe to call twice.
 */
export async function shutdown({ mailWaitMs = 1_500 }: { mailWaitMs?: number } = {}): Promise<void> {
  for (const stop of stopJobs.splice(0)) stop();
  jobsStarted = false;
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, mailWaitMs)));
  await Promise.race([flushMail().catch((error: unknown) => console.error("mail outbox: not sent before stopping", error)), waited]);
  clearTimeout(timer);
  closeDb();
}

function printLogins(logins: DemoLogin[]) {
  console.log("\nDemo loaded. Logins (comptes de démonstration):");
  console.table(logins.map(({ role, email, password, note }) => ({ role, email, password, note })));
}
