// One mail per recipient, each in their own language, queued in the caller's transaction (outbox.server.ts).
// Every capability that tells people something goes through here.
import type { Db } from "~db/client.server";
import { DEFAULT_LANG, isLang, type Lang } from "~/modules/i18n/config";
import { getT } from "~/modules/i18n/i18n.server";
import { enqueueMail } from "./outbox.server";

export type Recipient = { email: string; locale: string | null };
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Queues one mail per recipient, built in the recipient's language. Returns how many were queued. */
export function mailEach(tx: Pick<Db, "insert">, recipients: Recipient[], build: (t: Translate, lang: Lang) => { subject: string; text: string }): number {
  let queued = 0;
  for (const r of recipients) {
    const lang = isLang(r.locale) ? r.locale : DEFAULT_LANG;
    queued += enqueueMail(tx, { to: r.email, ...build(getT(lang) as unknown as Translate, lang) });
  }
  return queued;
}
