// Mail after commit (issue 15): a mail queued in a committed transaction is sent even when the process dies right
// after the commit; a rolled-back transaction sends nothing; a failed send is tried again later, then given up.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "~db/client.server";
import { mailOutbox } from "~db/schema";
import { mailTransport } from "~/modules/mail/mail.server";
import { deliverDueMail, enqueueMail, flushMail, outboxCounts, RETRY_DELAYS_MS } from "~/modules/mail/outbox.server";

const outbox = () => process.env.OUTBOX_DIR!;
const mailsTo = (email: string) => (fs.existsSync(outbox()) ? fs.readdirSync(outbox()).filter((f) => f.includes(email)) : []);

describe("the mail outbox", () => {
  it("sends after a restart the mail a crashed process had committed but not sent", async () => {
    const to = "apres.la.panne@exemple.fr";
    const child = spawnSync(process.execPath, ["--import", "tsx", path.resolve("tests/support/enqueue-then-crash.ts"), to], {
      env: { ...process.env, JOBS: "0" },
      encoding: "utf8",
    });
    expect(child.signal, child.stderr).toBe("SIGKILL");
    // Committed, not sent.
    expect(mailsTo(to)).toEqual([]);
    expect(db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to)).all()).toHaveLength(1);
    // The restarted instance's sweep sends it, once.
    expect((await deliverDueMail()).sent).toBeGreaterThanOrEqual(1);
    expect(mailsTo(to)).toHaveLength(1);
    expect(db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to)).all()).toEqual([]);
    await deliverDueMail();
    expect(mailsTo(to)).toHaveLength(1);
  });

  it("sends nothing for a transaction that rolled back", async () => {
    const to = "jamais.envoye@exemple.fr";
    expect(() =>
      db.transaction((tx) => {
        enqueueMail(tx, { to, subject: "Non", text: "Non" });
        throw new Error("the change fails after the mail was queued");
      }),
    ).toThrow();
    await flushMail();
    expect(mailsTo(to)).toEqual([]);
    expect(outboxCounts().waiting).toBe(0);
  });

  it("tries a failed mail again later, and gives up after the last delay", async () => {
    const to = "serveur.en.panne@exemple.fr";
    const transport = mailTransport();
    const failing = vi.spyOn(transport, "sendMail").mockImplementation((() => Promise.reject(new Error("SMTP 451 try later"))) as never);
    try {
      let now = Date.now();
      enqueueMail(db, { to, subject: "Rappel", text: "Texte" }, now);
      await flushMail();
      const row = () => db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to)).get()!;
      expect(row().attempts).toBe(1);
      expect(row().lastError).toContain("451");
      expect(row().nextAttemptAt.getTime()).toBeGreaterThanOrEqual(now + RETRY_DELAYS_MS[0] - 1000);
      // Not due yet: nothing happens.
      expect((await deliverDueMail(() => now)).retried).toBe(0);
      for (const delay of RETRY_DELAYS_MS) {
        now = row().nextAttemptAt.getTime() + 1;
        await deliverDueMail(() => now);
        void delay;
      }
      expect(row().attempts).toBe(RETRY_DELAYS_MS.length + 1);
      expect(row().failedAt).not.toBeNull();
      expect(outboxCounts().failed).toBe(1);
      // Given up: never tried again.
      await deliverDueMail(() => now + 365 * 86400_000);
      expect(row().attempts).toBe(RETRY_DELAYS_MS.length + 1);
    } finally {
      failing.mockRestore();
    }
    expect(mailsTo(to)).toEqual([]);
  });
});
