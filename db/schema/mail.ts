// The mail outbox: a mail is written here in the same transaction as the change it tells about, and sent after the
// commit by app/modules/mail/outbox.server.ts — so a crash between the two loses no mail, and a rolled-back change
// sends none. Rows leave the table once sent.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./_shared";

export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** When the next try may happen: now when written, later after a failure (backoff). */
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    /** A process is sending it until then; after that (it crashed mid-send) another may take it. */
    claimedUntil: integer("claimed_until", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    /** Set when the tries ran out: kept for the operator to see, never tried again. */
    failedAt: integer("failed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("mail_outbox_due_idx").on(t.failedAt, t.nextAttemptAt)],
);
