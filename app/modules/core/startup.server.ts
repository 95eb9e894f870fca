// Start-up, once per instance (the cluster primary): migrations ran when the connection opened; an empty
// database gets the demo; background jobs (meal reminders, the events' horizon, departures
// taking effect) start here.
import { count } from "drizzle-orm";
import { db } from "~db/client.server";
import { users } from "~db/schema";
import { seedDemo, type DemoLogin } from "~db/seed";
import { startReminderJob } from "~/modules/events/reminders.server";
import { startMailJob } from "~/modules/mail/outbox.server";
import { startDeparturesJob } from "~/modules/households/households.server";

let jobsStarted = false;

export async function startup({ printDemo = false, jobs = process.env.JOBS !== "0" }: { printDemo?: boolean; jobs?: boolean } = {}): Promise<DemoLogin[] | null> {
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
    startReminderJob();
    // Retries, and the mails a crashed process committed but did not send.
    startMailJob();
    startDeparturesJob();
  }
  return logins;
}

export function printLogins(logins: DemoLogin[]) {
  console.log("\nDemo loaded. Logins (comptes de démonstration):");
  console.table(logins.map(({ role, email, password, note }) => ({ role, email, password, note })));
}
