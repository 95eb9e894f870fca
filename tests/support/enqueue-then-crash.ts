// Run as its own process by tests/integration/mail-outbox.test.ts: queues a mail in a transaction that commits,
// then dies by SIGKILL before the event loop turns — after the commit, before any send. Like a power cut.
import { db } from "~db/client.server";
import { enqueueMail } from "~/modules/mail/outbox.server";

const to = process.argv[2];
db.transaction((tx) => {
  enqueueMail(tx, { to, subject: "Avant la panne", text: "Écrit dans la même transaction que le changement." });
});
process.kill(process.pid, "SIGKILL");
