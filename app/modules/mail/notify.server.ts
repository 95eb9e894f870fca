// One mail per recipient, each in their own language, queued in the caller's transaction (outbox.server.ts).
// Every capability that tells people something goes through here, and reads whom to tell here: the accounts
// (address and language) of a group's members picked by household or by role, or one account.
import { and, eq, inArray } from "drizzle-orm";
import { db, type Db } from "~db/client.server";
import { memberships, users } from "~db/schema";
import type { Role } from "~db/schema/enums";
import type { GroupScoped } from "~/modules/access/scope.server";
import { DEFAULT_LANG, isLang, type Lang } from "~/modules/i18n/config";
import { getT } from "~/modules/i18n/i18n.server";
import { enqueueMail } from "./outbox.server";

export type Recipient = { email: string; locale: string | null };
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The accounts of the group's members of those households, or holding one of those roles (a household without an account gets no mail). */
export function memberRecipients(
  { groupId }: GroupScoped,
  who: { householdIds: string[] } | { roles: Role[] },
): (Recipient & { householdId: string | null })[] {
  const pick = "roles" in who ? inArray(memberships.role, who.roles) : inArray(memberships.householdId, who.householdIds);
  if (!("roles" in who ? who.roles : who.householdIds).length) return [];
  return db
    .select({ householdId: memberships.householdId, email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.groupId, groupId), pick))
    .all();
}

/** memberRecipients by household: each household's accounts. */
export function householdRecipients(scope: GroupScoped, householdIds: string[]): Map<string, Recipient[]> {
  const out = new Map<string, Recipient[]>();
  for (const r of memberRecipients(scope, { householdIds }))
    if (r.householdId) out.set(r.householdId, [...(out.get(r.householdId) ?? []), { email: r.email, locale: r.locale }]);
  return out;
}

/** One account's address and language (null when the account is gone). */
export function accountRecipient(userId: string): Recipient | null {
  return db.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, userId)).get() ?? null;
}

/** Queues one mail per recipient, built in the recipient's language. Returns how many were queued. */
export function mailEach(tx: Pick<Db, "insert">, recipients: Recipient[], build: (t: Translate, lang: Lang) => { subject: string; text: string }): number {
  let queued = 0;
  for (const r of recipients) {
    const lang = isLang(r.locale) ? r.locale : DEFAULT_LANG;
    queued += enqueueMail(tx, { to: r.email, ...build(getT(lang) as unknown as Translate, lang) });
  }
  return queued;
}
