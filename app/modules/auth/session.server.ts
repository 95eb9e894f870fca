// Sessions the Lucia way (lucia-auth.com/sessions): a random token in the cookie, only its SHA-256 in
// the database, 30 days of validity extended when less than 15 remain, and never beyond 90 days after the login:
// a phone left logged in (or a stolen cookie kept warm) does not stay signed in for ever.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { eq, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { sessions, users } from "~db/schema";

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL = 30 * DAY;
export const SESSION_MAX_AGE = 90 * DAY;
const PROD = process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1";
export const SESSION_COOKIE = PROD ? "__Host-session" : "session";

export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function createSession(userId: string): { token: string; expiresAt: Date } {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL);
  db.insert(sessions)
    .values({ id: hashToken(token), userId, expiresAt })
    .run();
  return { token, expiresAt };
}

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  locale: "fr" | "en" | null;
  isOperator: boolean;
};

export type ValidatedSession = {
  user: SessionUser;
  sessionId: string;
  expiresAt: Date;
  refreshed: boolean;
};

// Every request reads it, kept pages included: built once, as building a query is most of its cost.
const sessionById = db
  .select({
    expiresAt: sessions.expiresAt,
    createdAt: sessions.createdAt,
    id: users.id,
    email: users.email,
    name: users.name,
    locale: users.locale,
    isOperator: users.isOperator,
  })
  .from(sessions)
  .innerJoin(users, eq(users.id, sessions.userId))
  .where(eq(sessions.id, sql.placeholder("id")))
  .prepare();

export function validateSessionToken(token: string): ValidatedSession | null {
  const sessionId = hashToken(token);
  const row = sessionById.get({ id: sessionId });
  if (!row) return null;
  const now = Date.now();
  const endOfLife = row.createdAt.getTime() + SESSION_MAX_AGE;
  if (now >= row.expiresAt.getTime() || now >= endOfLife) {
    db.delete(sessions).where(eq(sessions.id, sessionId)).run();
    return null;
  }
  let expiresAt = row.expiresAt;
  let refreshed = false;
  if (now >= expiresAt.getTime() - SESSION_TTL / 2 && expiresAt.getTime() < endOfLife) {
    expiresAt = new Date(Math.min(now + SESSION_TTL, endOfLife));
    db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId)).run();
    refreshed = true;
  }
  const { expiresAt: _e, createdAt: _c, ...user } = row;
  return { user, sessionId, expiresAt, refreshed };
}

export function invalidateSession(sessionId: string) {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateAllSessions(userId: string) {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function sessionCookie(token: string, expiresAt: Date): string {
  return [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`, ...(PROD ? ["Secure"] : [])].join("; ");
}

export function blankSessionCookie(): string {
  return [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", ...(PROD ? ["Secure"] : [])].join("; ");
}

export function readCookie(request: Request, name: string): string | null {
  return readCookieHeader(request.headers.get("Cookie"), name);
}

export function readCookieHeader(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}
