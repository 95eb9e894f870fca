import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { passwordResets, sessions, users } from "~db/schema";
import { changePassword, login, requestPasswordReset, resetPassword } from "~/modules/auth/accounts.server";
import { createSession, hashToken, invalidateAllSessions, SESSION_TTL, validateSessionToken } from "~/modules/auth/session.server";
import { THROTTLE_WINDOW_MS } from "~/modules/auth/throttle.server";
import { makeGroup, makeMember, TEST_PASSWORD } from "../fixtures";

const group = makeGroup();

describe("sessions", () => {
  it("stores only the SHA-256 of the token", async () => {
    const user = makeMember({ groupId: group.id });
    const result = await login({ email: user.email, password: TEST_PASSWORD, ip: "10.0.0.1" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rows = db.select().from(sessions).where(eq(sessions.userId, user.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0].id).not.toBe(result.token);
    expect(rows[0].id).toBe(hashToken(result.token));
    expect(rows[0].id).toMatch(/^[0-9a-f]{64}$/);
    expect(validateSessionToken(result.token)?.user.email).toBe(user.email);
  });

  it("slides the expiry when less than half of the 30 days remain, and drops expired sessions", () => {
    const user = makeMember({ groupId: group.id });
    const { token } = createSession(user.id);
    const id = hashToken(token);
    db.update(sessions).set({ expiresAt: new Date(Date.now() + 10 * 86400_000) }).where(eq(sessions.id, id)).run();
    const v = validateSessionToken(token);
    expect(v?.refreshed).toBe(true);
    expect(v!.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_TTL - 60_000);
    db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, id)).run();
    expect(validateSessionToken(token)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.id, id)).get()).toBeUndefined();
  });

  it("logs out everywhere", () => {
    const user = makeMember({ groupId: group.id });
    const a = createSession(user.id);
    const b = createSession(user.id);
    invalidateAllSessions(user.id);
    expect(validateSessionToken(a.token)).toBeNull();
    expect(validateSessionToken(b.token)).toBeNull();
  });
});

describe("login throttling", () => {
  it("refuses the 6th try after 5 failures for one email, with the time to wait", async () => {
    const user = makeMember({ groupId: group.id });
    for (let i = 0; i < 5; i++) {
      expect(await login({ email: user.email, password: "wrong password!", ip: `10.1.0.${i}` })).toEqual({ ok: false, error: "invalid" });
    }
    // Even the right password is refused while locked.
    const sixth = await login({ email: user.email, password: TEST_PASSWORD, ip: "10.1.0.10" });
    expect(sixth.ok).toBe(false);
    if (sixth.ok || sixth.error !== "throttled") throw new Error("expected throttled");
    const wait = sixth.retryAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(THROTTLE_WINDOW_MS - 60_000);
    expect(wait).toBeLessThanOrEqual(THROTTLE_WINDOW_MS);
  });

  it("counts failures per IP across emails", async () => {
    const ip = "10.2.0.1";
    for (let i = 0; i < 5; i++) await login({ email: `inconnu${i}@exemple.fr`, password: "wrong password!", ip });
    const other = makeMember({ groupId: group.id });
    const r = await login({ email: other.email, password: TEST_PASSWORD, ip });
    expect(r).toMatchObject({ ok: false, error: "throttled" });
    expect((await login({ email: other.email, password: TEST_PASSWORD, ip: "10.2.0.2" })).ok).toBe(true);
  });
});

describe("password reset", () => {
  it("mails a single-use link valid one hour; using it changes the password and ends other sessions", async () => {
    const user = makeMember({ groupId: group.id });
    const old = createSession(user.id);
    await requestPasswordReset({ email: user.email.toUpperCase(), origin: "http://localhost:3000", lang: "fr" });
    const outbox = process.env.OUTBOX_DIR!;
    const file = fs.readdirSync(outbox).find((f) => f.includes(user.email));
    expect(file).toBeTruthy();
    const mail = fs.readFileSync(path.join(outbox, file!), "utf8").replace(/=\r?\n/g, "");
    const token = /reset-password\/([a-z0-9]+)/.exec(mail)?.[1];
    expect(token).toBeTruthy();
    const row = db.select().from(passwordResets).where(eq(passwordResets.userId, user.id)).get()!;
    expect(row.tokenHash).toBe(hashToken(token!));
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);

    expect((await resetPassword({ token: token!, password: "court" })).ok).toBe(false);
    const done = await resetPassword({ token: token!, password: "un nouveau mot de passe" });
    expect(done.ok).toBe(true);
    expect(validateSessionToken(old.token)).toBeNull();
    expect((await login({ email: user.email, password: "un nouveau mot de passe", ip: null })).ok).toBe(true);
    expect(await resetPassword({ token: token!, password: "encore un autre mot" })).toEqual({ ok: false, error: "errors.reset_link_invalid" });
  });

  it("refuses an expired link and says nothing about unknown emails", async () => {
    const user = makeMember({ groupId: group.id });
    await requestPasswordReset({ email: user.email, origin: "http://x", lang: "en" });
    db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(passwordResets.userId, user.id)).run();
    const mail = fs.readdirSync(process.env.OUTBOX_DIR!).find((f) => f.includes(user.email))!;
    const token = /reset-password\/([a-z0-9]+)/.exec(fs.readFileSync(path.join(process.env.OUTBOX_DIR!, mail), "utf8").replace(/=\r?\n/g, ""))![1];
    expect((await resetPassword({ token, password: "un nouveau mot de passe" })).ok).toBe(false);
    await expect(requestPasswordReset({ email: "personne@nulle-part.fr", origin: "http://x", lang: "fr" })).resolves.toBeUndefined();
  });
});

describe("change password", () => {
  it("needs the current password and refuses a weak new one", async () => {
    const user = makeMember({ groupId: group.id });
    expect(await changePassword({ userId: user.id, current: "pas le bon mot", password: "tout nouveau mot de passe" })).toMatchObject({ ok: false, field: "current" });
    expect(await changePassword({ userId: user.id, current: TEST_PASSWORD, password: user.email })).toMatchObject({ ok: false, field: "password" });
    const before = db.select({ h: users.passwordHash }).from(users).where(eq(users.id, user.id)).get()!.h;
    const ok = await changePassword({ userId: user.id, current: TEST_PASSWORD, password: "tout nouveau mot de passe" });
    expect(ok.ok).toBe(true);
    expect(db.select({ h: users.passwordHash }).from(users).where(eq(users.id, user.id)).get()!.h).not.toBe(before);
  });
});
