// Throttling of login tries and password-reset requests, stored in SQLite so every worker process sees the same
// count. A try is counted BEFORE its password is checked, in one write transaction with the check of the count:
// fifty tries sent at once get five checks, not fifty (checking, then awaiting argon2, then recording let them all in).
import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import { db } from "~db/client.server";
import { loginFailures } from "~db/schema";

export type Limit = { max: number; windowMs: number };

/** 5 failed logins for one email or one IP within 15 minutes lock further tries until the oldest leaves the window. */
export const LOGIN_LIMIT: Limit = { max: 5, windowMs: 15 * 60 * 1000 };
/** Reset links: 3 mails an hour for one address (a mailbox is not a target to flood), 10 requests an hour from one IP. */
export const RESET_EMAIL_LIMIT: Limit = { max: 3, windowMs: 60 * 60 * 1000 };
export const RESET_IP_LIMIT: Limit = { max: 10, windowMs: 60 * 60 * 1000 };

export type Reservation = { ok: true; ids: number[] } | { ok: false; retryAt: Date };

/**
 * Counts one try for each key unless one of them already has `limit.max` tries in the window; then it says when
 * a try will be allowed again. Check and count happen in one IMMEDIATE transaction (the write lock is taken
 * first), so concurrent requests in several processes cannot all pass the check.
 */
export function reserveTry(keys: string[], limit: Limit, now = Date.now()): Reservation {
  return db.transaction(
    (tx) => {
      let until = 0;
      for (const key of keys) {
        const recent = tx
          .select({ at: loginFailures.at })
          .from(loginFailures)
          .where(and(eq(loginFailures.key, key), gt(loginFailures.at, new Date(now - limit.windowMs))))
          .orderBy(asc(loginFailures.at))
          .all();
        // Allowed again when enough of the tries have left the window.
        if (recent.length >= limit.max) until = Math.max(until, recent[recent.length - limit.max].at.getTime() + limit.windowMs);
      }
      if (until) return { ok: false as const, retryAt: new Date(until) };
      const at = new Date(now);
      const ids = tx
        .insert(loginFailures)
        .values(keys.map((key) => ({ key, at })))
        .returning({ id: loginFailures.id })
        .all()
        .map((r) => r.id);
      tx.delete(loginFailures)
        .where(lt(loginFailures.at, new Date(now - Math.max(limit.windowMs, LOGIN_LIMIT.windowMs, RESET_IP_LIMIT.windowMs))))
        .run();
      return { ok: true as const, ids };
    },
    { behavior: "immediate" },
  );
}

/** A try that turned out well (the right password) is not a failure. */
export function forgetTries(ids: number[]) {
  if (ids.length) db.delete(loginFailures).where(inArray(loginFailures.id, ids)).run();
}

export function loginKeys(email: string, ip: string | null) {
  return [`email:${email.trim().toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
}

export function clearLoginFailures(email: string) {
  db.delete(loginFailures)
    .where(inArray(loginFailures.key, [`email:${email.trim().toLowerCase()}`]))
    .run();
}
