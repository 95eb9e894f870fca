// Account actions: log in with throttling, log out (here or everywhere), change and reset a password.
import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "~db/client.server";
import { passwordResets, users } from "~db/schema";
import { appLink } from "~/modules/core/origin.server";
import { getT } from "~/modules/i18n/i18n.server";
import type { Lang } from "~/modules/i18n/config";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { hashPassword, verifyPassword } from "./password.server";
import { refuse } from "~/modules/core/result";
import { problem, rulePassword, type Result } from "./rules";
import { createSession, generateToken, hashToken, invalidateAllSessions } from "./session.server";
import { clearLoginFailures, forgetTries, LOGIN_LIMIT, loginKeys, reserveTry, RESET_EMAIL_LIMIT, RESET_IP_LIMIT } from "./throttle.server";

// A real hash to verify against when the email is unknown, so timing does not reveal which emails exist.
let dummyHash: Promise<string> | null = null;

export type LoginResult =
  { ok: true; token: string; expiresAt: Date; userId: string } | { ok: false; error: "invalid" } | { ok: false; error: "throttled"; retryAt: Date };

export async function login({ email, password, ip }: { email: string; password: string; ip: string | null }): Promise<LoginResult> {
  const normalised = email.trim().toLowerCase();
  // Counted as a failure until the password proves right (the 5th failure still says "wrong password"; the 6th
  // try is the one refused).
  const reserved = reserveTry(loginKeys(normalised, ip), LOGIN_LIMIT);
  if (!reserved.ok) return { ok: false, error: "throttled", retryAt: reserved.retryAt };
  const user = db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, normalised)).get();
  const valid = user
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyPassword(await (dummyHash ??= hashPassword("not-a-real-password-0")), password), false);
  if (!user || !valid) return { ok: false, error: "invalid" };
  forgetTries(reserved.ids);
  clearLoginFailures(normalised);
  const session = createSession(user.id);
  return { ok: true, userId: user.id, ...session };
}

type SessionResult = Result<{ session: ReturnType<typeof createSession> }>;

export async function changePassword({ userId, current, password }: { userId: string; current: string; password: string }): Promise<SessionResult> {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) return refuse(problem("invalid", "current"));
  if (!(await verifyPassword(user.passwordHash, current))) return refuse(problem("current_password_wrong", "current"));
  const refused = rulePassword(password, user.email);
  if (refused.length) return refuse(...refused);
  const passwordHash = await hashPassword(password);
  // Every other session ends: a changed password is often a suspected intrusion.
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
  });
  invalidateAllSessions(userId);
  return { ok: true as const, session: createSession(userId) };
}

const RESET_TTL = 60 * 60 * 1000;

export type ResetRequestResult = { ok: true } | { ok: false; error: "throttled"; retryAt: Date };

/**
 * Looks the same to the caller, and takes the same time, whether the email exists or not: the mail is queued
 * (outbox) and leaves after the answer. Too many requests from one IP are refused (that says nothing of the address); a 4th request for one
 * address within the hour answers as usual and sends nothing.
 */
export function requestPasswordReset({ email, lang, ip = null }: { email: string; lang: Lang; ip?: string | null }): ResetRequestResult {
  const normalised = email.trim().toLowerCase();
  if (ip) {
    const fromIp = reserveTry([`reset-ip:${ip}`], RESET_IP_LIMIT);
    if (!fromIp.ok) return { ok: false, error: "throttled", retryAt: fromIp.retryAt };
  }
  const forAddress = reserveTry([`reset-email:${normalised}`], RESET_EMAIL_LIMIT);
  const user = db.select({ id: users.id, email: users.email, locale: users.locale }).from(users).where(eq(users.email, normalised)).get();
  const token = generateToken();
  if (!user || !forAddress.ok) return { ok: true };
  const t = getT(user.locale ?? lang);
  db.transaction((tx) => {
    tx.insert(passwordResets)
      .values({ tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_TTL) })
      .run();
    enqueueMail(tx, { to: user.email, subject: t("auth:reset.mail_subject"), text: t("auth:reset.mail_text", { link: appLink(`/reset-password/${token}`) }) });
  });
  return { ok: true };
}

export function findValidReset(token: string) {
  return (
    db
      .select({ userId: passwordResets.userId, email: users.email })
      .from(passwordResets)
      .innerJoin(users, eq(users.id, passwordResets.userId))
      .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date())))
      .get() ?? null
  );
}

export async function resetPassword({ token, password }: { token: string; password: string }): Promise<SessionResult> {
  const reset = findValidReset(token);
  if (!reset) return refuse(problem("reset_link_invalid"));
  const refused = rulePassword(password, reset.email);
  if (refused.length) return refuse(...refused);
  const passwordHash = await hashPassword(password);
  const used = db.transaction((tx) => {
    // Single use even under a double submit: only the first update finds the row unused.
    const marked = tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt)))
      .run();
    if (marked.changes !== 1) return false;
    // The other links sent to this person die with it: one of them may sit in a mailbox someone else reads.
    tx.update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)))
      .run();
    tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId)).run();
    return true;
  });
  if (!used) return refuse(problem("reset_link_invalid"));
  invalidateAllSessions(reset.userId);
  return { ok: true as const, session: createSession(reset.userId) };
}

export function updateProfile({
  userId,
  input,
}: {
  userId: string;
  input: { name: string; locale: Lang; phone?: string; showEmail: boolean; showPhone: boolean };
}) {
  db.update(users)
    .set({ name: input.name, locale: input.locale, phone: input.phone || null, showEmail: input.showEmail, showPhone: input.showPhone })
    .where(eq(users.id, userId))
    .run();
}

export function getAccount(userId: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      phone: users.phone,
      showEmail: users.showEmail,
      showPhone: users.showPhone,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
}
