// Outgoing mail: through SMTP_URL when set, otherwise written as .eml files into data/outbox/
// (development and tests read them there). Messages use CRLF line ends throughout, as RFC 5322 wants.
// Modules do not send: they queue in their transaction (outbox.server.ts), which calls sendMail after the commit.
import fs from "node:fs";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";

export type Mail = { to: string; subject: string; text: string };

let transporter: Transporter | null = null;

function outboxDir() {
  return process.env.OUTBOX_DIR ?? path.resolve("data/outbox");
}

/** The one transport of this process (SMTP, or a stream written to the outbox folder). */
export function mailTransport(): Transporter {
  if (transporter) return transporter;
  transporter = process.env.SMTP_URL ? nodemailer.createTransport(process.env.SMTP_URL) : nodemailer.createTransport({ streamTransport: true, buffer: true });
  return transporter;
}

export async function sendMail(mail: Mail): Promise<void> {
  const from = process.env.MAIL_FROM ?? "Maisonnée <ne-pas-repondre@maisonnee.local>";
  // `newline` is read by nodemailer's message composer (CRLF in body and headers) though its typings omit it.
  const message = { from, newline: "windows", ...mail };
  const info = await mailTransport().sendMail(message);
  if (!process.env.SMTP_URL) {
    const dir = outboxDir();
    fs.mkdirSync(dir, { recursive: true });
    const safeTo = mail.to.replace(/[^a-z0-9@._-]/gi, "_");
    const file = path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2, 8)}-${safeTo}.eml`);
    fs.writeFileSync(file, (info as unknown as { message: Buffer }).message);
  }
}
