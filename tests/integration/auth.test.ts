import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "~db/client.server";
import { passwordResets, sessions, users } from "~db/schema";
import * as mailer from "~/modules/mail/mail.server";
import { flushMail } from "~/modules/mail/outbox.server";
import { changePassword, login, requestPasswordReset, resetPassword } from "~/modules/auth/accounts.server";
import { createSession, hashToken, invalidateAllSessions, SESSION_MAX_AGE, SESSION_TTL, validateSessionToken } from "~/modules/auth/session.server";
import { LOGIN_LIMIT } from "~/modules/auth/throttle.server";
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
    db.update(sessions)
      .set({ expiresAt: new Date(Date.now() + 10 * 86400_000) })
      .where(eq(sessions.id, id))
      .run();
    const v = validateSessionToken(token);
    expect(v?.refreshed).toBe(true);
    expect(v!.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_TTL - 60_000);
    db.update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, id))
      .run();
    expect(validateSessionToken(token)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.id, id)).get()).toBeUndefined();
  });

  it("ends 90 days after the login however often it is used", () => {
    const user = makeMember({ groupId: group.id });
    const { token } = createSession(user.id);
    const id = hashToken(token);
    // Logged in 80 days ago and used every day since: one more refresh, but only up to day 90.
    db.update(sessions)
      .set({ createdAt: new Date(Date.now() - 80 * 86400_000), expiresAt: new Date(Date.now() + 5 * 86400_000) })
      .where(eq(sessions.id, id))
      .run();
    const v = validateSessionToken(token);
    expect(v?.refreshed).toBe(true);
    expect(Math.abs(v!.expiresAt.getTime() - (Date.now() + 10 * 86400_000))).toBeLessThan(60_000);
    db.update(sessions)
      .set({ createdAt: new Date(Date.now() - SESSION_MAX_AGE - 1000), expiresAt: new Date(Date.now() + 20 * 86400_000) })
      .where(eq(sessions.id, id))
      .run();
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
    expect(wait).toBeGreaterThan(LOGIN_LIMIT.windowMs - 60_000);
    expect(wait).toBeLessThanOrEqual(LOGIN_LIMIT.windowMs);
  });

  it("checks only 5 of 50 wrong passwords sent at once; the other 45 are refused without a check", async () => {
    const user = makeMember({ groupId: group.id });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => login({ email: user.email, password: `wrong password ${i}`, ip: `10.3.${i}.1` })));
    expect(results.filter((r) => !r.ok && r.error === "invalid")).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.error === "throttled")).toHaveLength(45);
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
    requestPasswordReset({ email: user.email.toUpperCase(), lang: "fr" });
    await flushMail();
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
    expect(await resetPassword({ token: token!, password: "encore un autre mot" })).toEqual({
      ok: false,
      problems: [{ code: "reset_link_invalid", field: null, params: {} }],
    });
  });

  it("refuses an expired link and says nothing about unknown emails", async () => {
    const user = makeMember({ groupId: group.id });
    requestPasswordReset({ email: user.email, lang: "en" });
    await flushMail();
    db.update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(passwordResets.userId, user.id))
      .run();
    const mail = fs.readdirSync(process.env.OUTBOX_DIR!).find((f) => f.includes(user.email))!;
    const token = /reset-password\/([a-z0-9]+)/.exec(fs.readFileSync(path.join(process.env.OUTBOX_DIR!, mail), "utf8").replace(/=\r?\n/g, ""))![1];
    expect((await resetPassword({ token, password: "un nouveau mot de passe" })).ok).toBe(false);
    expect(requestPasswordReset({ email: "personne@nulle-part.fr", lang: "fr" })).toEqual({ ok: true });
  });
});

describe("password reset requests", () => {
  const mailsTo = (email: string) => fs.readdirSync(process.env.OUTBOX_DIR!).filter((f) => f.includes(email)).length;

  it("sends at most 3 links an hour to one address, answering each request the same way", async () => {
    const user = makeMember({ groupId: group.id });
    for (let i = 0; i < 8; i++) expect(requestPasswordReset({ email: user.email, lang: "fr", ip: `10.4.0.${i}` })).toEqual({ ok: true });
    await flushMail();
    expect(mailsTo(user.email)).toBe(3);
  });

  it("refuses an 11th request within the hour from one IP, whatever the addresses", () => {
    const ip = "10.5.0.1";
    for (let i = 0; i < 10; i++) expect(requestPasswordReset({ email: `quelquun${i}@exemple.fr`, lang: "fr", ip }).ok).toBe(true);
    expect(requestPasswordReset({ email: "encore@exemple.fr", lang: "fr", ip })).toMatchObject({ ok: false, error: "throttled" });
  });

  it("answers before the mail leaves: a slow mail server does not tell which addresses have an account", async () => {
    const user = makeMember({ groupId: group.id });
    const transport = mailer.mailTransport();
    const send = transport.sendMail.bind(transport);
    const slow = vi
      .spyOn(transport, "sendMail")
      .mockImplementation(((message: Parameters<typeof send>[0]) => new Promise((r) => setTimeout(() => r(send(message)), 400))) as never);
    try {
      const started = performance.now();
      requestPasswordReset({ email: user.email, lang: "fr", ip: "10.6.0.1" });
      const known = performance.now() - started;
      const started2 = performance.now();
      requestPasswordReset({ email: "personne-ici@exemple.fr", lang: "fr", ip: "10.6.0.2" });
      const unknown = performance.now() - started2;
      expect(known).toBeLessThan(100);
      expect(unknown).toBeLessThan(100);
      await flushMail();
      expect(slow).toHaveBeenCalledTimes(1);
    } finally {
      slow.mockRestore();
    }
  });

  it("using one link kills the other links sent to the same person", async () => {
    const user = makeMember({ groupId: group.id });
    requestPasswordReset({ email: user.email, lang: "fr" });
    requestPasswordReset({ email: user.email, lang: "fr" });
    await flushMail();
    const tokens = fs
      .readdirSync(process.env.OUTBOX_DIR!)
      .filter((f) => f.includes(user.email))
      .map((f) => /reset-password\/([a-z0-9]+)/.exec(fs.readFileSync(path.join(process.env.OUTBOX_DIR!, f), "utf8").replace(/=\r?\n/g, ""))![1]);
    expect(tokens).toHaveLength(2);
    expect((await resetPassword({ token: tokens[0], password: "un nouveau mot de passe" })).ok).toBe(true);
    expect(await resetPassword({ token: tokens[1], password: "un autre mot de passe" })).toMatchObject({
      ok: false,
      problems: [{ code: "reset_link_invalid" }],
    });
  });

  it("writes mail with CRLF line ends only", async () => {
    const user = makeMember({ groupId: group.id });
    requestPasswordReset({ email: user.email, lang: "fr" });
    await flushMail();
    const file = fs.readdirSync(process.env.OUTBOX_DIR!).find((f) => f.includes(user.email))!;
    const raw = fs.readFileSync(path.join(process.env.OUTBOX_DIR!, file), "latin1");
    expect(raw).toContain("\r\n");
    expect(raw.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });
});

describe("change password", () => {
  it("needs the current password and refuses a weak new one", async () => {
    const user = makeMember({ groupId: group.id });
    expect(await changePassword({ userId: user.id, current: "pas le bon mot", password: "tout nouveau mot de passe" })).toMatchObject({
      ok: false,
      problems: [{ code: "current_password_wrong", field: "current" }],
    });
    expect(await changePassword({ userId: user.id, current: TEST_PASSWORD, password: user.email })).toMatchObject({
      ok: false,
      problems: [{ code: "password_is_email", field: "password" }],
    });
    const before = db.select({ h: users.passwordHash }).from(users).where(eq(users.id, user.id)).get()!.h;
    const ok = await changePassword({ userId: user.id, current: TEST_PASSWORD, password: "tout nouveau mot de passe" });
    expect(ok.ok).toBe(true);
    expect(db.select({ h: users.passwordHash }).from(users).where(eq(users.id, user.id)).get()!.h).not.toBe(before);
  });
});
