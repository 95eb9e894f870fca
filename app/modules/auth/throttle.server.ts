// Login throttling: 5 failures for one email or one IP within 15 minutes locks further tries until the
// oldest of those failures is 15 minutes old. Stored in SQLite so every worker process sees the same count.
import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import { db } from "~db/client.server";
import { loginFailures } from "~db/schema";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_MAX = 5;

function keys(email: string, ip: string | null) {
  return [`email:${email.trim().toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
}

/** When a try is refused, the moment it will be allowed again. */
export function loginLockedUntil(email: string, ip: string | null, now = Date.now()): Date | null {
  let until: number | null = null;
  for (const key of keys(email, ip)) {
    const recent = db
      .select({ at: loginFailures.at })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.at, new Date(now - THROTTLE_WINDOW_MS))))
      .orderBy(asc(loginFailures.at))
      .all();
    if (recent.length >= THROTTLE_MAX) {
      // Allowed again when enough of the failures have left the window.
      const free = recent[recent.length - THROTTLE_MAX].at.getTime() + THROTTLE_WINDOW_MS;
      until = Math.max(until ?? 0, free);
    }
  }
  return until ? new Date(until) : null;
}

export function recordLoginFailure(email: string, ip: string | null, now = Date.now()) {
  const at = new Date(now);
  db.insert(loginFailures).values(keys(email, ip).map((key) => ({ key, at }))).run();
  db.delete(loginFailures).where(lt(loginFailures.at, new Date(now - THROTTLE_WINDOW_MS))).run();
}

export function clearLoginFailures(email: string) {
  db.delete(loginFailures).where(inArray(loginFailures.key, [`email:${email.trim().toLowerCase()}`])).run();
}
