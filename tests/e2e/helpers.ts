// What every e2e test uses: Debian Chromium at phone size, logging in, axe, the outbox, a read-only look
// at the database and a small cookie-keeping HTTP client. A browser console error or an uncaught page
// error fails the test that produced it (checked in afterEach by useBrowser()).
import { AxeBuilder } from "@axe-core/playwright";
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page, type Response as PwResponse } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";

export const DEMO_PASSWORD = "maisonnee-demo-2026";
export const DEMO = {
  resident: "habitante@demo.maisonnee.fr",
  facilitator: "animatrice@demo.maisonnee.fr",
  groupAdmin: "admin@demo.maisonnee.fr",
  operator: "operateur@demo.maisonnee.fr",
  otherGroupResident: "habitant.passerelle@demo.maisonnee.fr",
  // Support worker and support lead in Les Tilleuls and Villa Passerelle (db/seed-support.ts).
  supportWorker: "accompagnante@demo.maisonnee.fr",
} as const;

export const PHONE = { width: 360, height: 740 } as const;

export function baseURL(): string {
  return inject("baseURL");
}

// ---------------------------------------------------------------------------------------------------
// Browser

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

type Watch = { problems: string[]; allowed: RegExp[]; jsEnabled: boolean };
const watches = new Map<Page, Watch>();
const contexts = new Set<BrowserContext>();

/** A fresh context (own cookies) at 360×740, like a phone; French unless told otherwise. */
export async function newPhonePage(browser: Browser, options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseURL(),
    viewport: { ...PHONE },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: options.locale ?? "fr-FR",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  contexts.add(context);
  // Fail fast: a page of this app answers in well under a second.
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  const page = await context.newPage();
  const watch: Watch = { problems: [], allowed: [], jsEnabled: options.javaScriptEnabled ?? true };
  watches.set(page, watch);
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (watch.allowed.some((re) => re.test(text))) return;
    const where = message.location().url;
    watch.problems.push(`console error on ${page.url()}: ${text}${where ? ` (${where})` : ""}`);
  });
  page.on("pageerror", (error) => watch.problems.push(`page error on ${page.url()}: ${error.stack ?? error.message}`));
  return page;
}

/**
 * Chromium logs every response of status >= 400 as a console error ("Failed to load resource"). A test that
 * expects one (a 404 page, a 400 form reply) says so; any other console error still fails it.
 */
export function expectHttpErrors(page: Page, ...statuses: number[]) {
  const watch = watches.get(page);
  if (!watch) throw new Error("expectHttpErrors: not a page from newPhonePage()");
  for (const status of statuses) watch.allowed.push(new RegExp(`^Failed to load resource: the server responded with a status of ${status}\\b`));
}

/** Closes every context opened since the last call and fails on the console/page errors they collected. */
export async function closePagesAndCheck() {
  const problems = [...watches.values()].flatMap((w) => w.problems);
  watches.clear();
  const open = [...contexts];
  contexts.clear();
  await Promise.all(open.map((c) => c.close().catch(() => {})));
  expect(problems, `browser console errors / page errors:\n${problems.join("\n")}`).toEqual([]);
}

// The server prints nothing per request; what it prints while a test runs is an error (a 500's stack trace).
let serverLogOffset = 0;
function newServerErrors(): string[] {
  const file = inject("serverLog");
  if (!fs.existsSync(file)) return [];
  const content = fs.readFileSync(file);
  const fresh = content.subarray(Math.min(serverLogOffset, content.length)).toString("utf8");
  serverLogOffset = content.length;
  return /\b(\w*Error|Unhandled|died)\b|^\s+at /m.test(fresh) ? [fresh.trim()] : [];
}

/**
 * beforeAll: Chromium; afterEach: close the test's pages, fail on their console/page errors and on errors the
 * server printed meanwhile; afterAll: close Chromium.
 */
export function useBrowser(): { readonly browser: Browser } {
  let browser: Browser | null = null;
  beforeAll(async () => {
    browser = await launchBrowser();
    newServerErrors();
  });
  afterEach(async () => {
    await closePagesAndCheck();
    const serverErrors = newServerErrors();
    expect(serverErrors, `the server logged errors during this test:\n${serverErrors.join("\n")}`).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error("useBrowser(): Chromium is not started (use it inside tests)");
      return browser;
    },
  };
}

/** Resolves once React has hydrated the page, so clicks go through Remix, not a full page load. */
export async function waitForHydration(page: Page) {
  if (watches.get(page)?.jsEnabled === false) return;
  await page
    .waitForFunction(
      () => {
        const el = document.querySelector("main") ?? document.body;
        return Object.keys(el).some((k) => k.startsWith("__reactFiber$"));
      },
      undefined,
      { timeout: 10_000 },
    )
    .catch((e: Error) => {
      throw new Error(`${page.url()} did not hydrate within 10 s: ${e.message}`);
    });
}

/** Navigates and waits for hydration; returns the document response (its status is the page's). */
export async function visit(page: Page, url: string): Promise<PwResponse> {
  const response = await page.goto(url);
  if (!response) throw new Error(`no response for ${url}`);
  await waitForHydration(page);
  return response;
}

/** Logs in through the login form (French or English labels) and waits to leave /login. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await visit(page, "/login");
  await page.getByLabel(/^(Adresse e-mail|Email address)$/).fill(email);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(password);
  await page.getByRole("button", { name: /^(Se connecter|Log in)$/ }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  await waitForHydration(page);
}

// ---------------------------------------------------------------------------------------------------
// Accessibility

/** Runs axe (every rule of the default set) on the page as it is now; fails listing each violation. */
export async function expectNoA11yViolations(page: Page) {
  const size = page.viewportSize();
  expect(size, "axe runs at phone size").toEqual(PHONE);
  const results = watches.get(page)?.jsEnabled === false ? await axeOnSnapshot(page) : await axe(page);
  const report = results.violations.map((v) =>
    [
      `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.helpUrl}`,
      ...v.nodes.map((n) => `    at ${n.target.map(String).join(" ")}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, "\n      ")}` : ""}`),
    ].join("\n"),
  );
  expect(report, `axe violations on ${page.url()}:\n${report.join("\n")}`).toEqual([]);
}

/**
 * axe in the page itself (`axe.run`). AxeBuilder's default, made for pages with iframes, runs each frame apart and
 * then assembles the results in a new blank page, per call — most of the cost of a check. Our pages have no
 * iframe; should one come, it gets the default.
 */
function axe(page: Page) {
  return new AxeBuilder({ page }).setLegacyMode(page.frames().length === 1).analyze();
}

/**
 * axe needs timers, which never fire in a page with JavaScript off. So the page's DOM as it is (with what was
 * typed) is copied, without its scripts, into a JavaScript-enabled page of the same size, and axe runs there.
 */
async function axeOnSnapshot(page: Page) {
  const html = await page.evaluate(() => {
    for (const el of Array.from(document.querySelectorAll("input, textarea, select"))) {
      if (el instanceof HTMLInputElement) {
        if (el.type === "checkbox" || el.type === "radio") el.toggleAttribute("checked", el.checked);
        else el.setAttribute("value", el.value);
      } else if (el instanceof HTMLTextAreaElement) el.textContent = el.value;
      else if (el instanceof HTMLSelectElement) for (const o of Array.from(el.options)) o.toggleAttribute("selected", o.selected);
    }
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    for (const s of Array.from(copy.querySelectorAll("script, link[rel=modulepreload]"))) s.remove();
    return "<!DOCTYPE html>\n" + copy.outerHTML;
  });
  const browser = page.context().browser();
  if (!browser) throw new Error("axe: no browser for the snapshot");
  const context = await browser.newContext({ baseURL: baseURL(), viewport: { ...PHONE }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    const copy = await context.newPage();
    const url = page.url();
    await copy.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
    await copy.goto(url);
    return await axe(copy);
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Mail

export type Mail = { file: string; to: string; subject: string; text: string; link: string | null };

function decodeQuotedPrintable(body: string): Buffer {
  const soft = body.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i];
    if (c === "=" && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, "utf8"));
    }
  }
  return Buffer.from(bytes);
}

// RFC 2047 encoded words, e.g. a French subject: =?UTF-8?Q?Invitation_=C3=A0?=
function decodeHeader(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*(?==\?)?/g, (_m, _charset: string, enc: string, text: string) =>
    enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQuotedPrintable(text.replace(/_/g, " ")).toString("utf8"),
  );
}

function parsePart(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? "" : raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body };
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const type = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split(`--${boundary}`).slice(1, -1).map(parsePart);
    const part = parts.find((p) => /^text\/plain/i.test(p.headers["content-type"] ?? "text/plain")) ?? parts[0];
    return part ? decodeBody(part.headers, part.body) : "";
  }
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body).toString("utf8");
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

export function parseEml(file: string): Mail {
  const { headers, body } = parsePart(fs.readFileSync(file, "utf8"));
  const text = decodeBody(headers, body);
  return {
    file,
    to: decodeHeader(headers.to ?? ""),
    subject: decodeHeader(headers.subject ?? ""),
    text,
    link: /https?:\/\/[^\s<>"]+/.exec(text)?.[0] ?? null,
  };
}

/** The newest mail to `to` in the outbox (waits up to `timeoutMs` for one to arrive). */
/** The newest mail to `to` (that `match` accepts: other test files send mail to the same demo people meanwhile). */
export async function readLatestMail(outboxDir: string, to: string, timeoutMs = 5_000, match: (mail: Mail) => boolean = () => true): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = fs.existsSync(outboxDir) ? fs.readdirSync(outboxDir).filter((f) => f.endsWith(".eml")) : [];
    const mails = files
      .map((f) => path.join(outboxDir, f))
      .map((file) => ({ file, mtime: fs.statSync(file).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime || b.file.localeCompare(a.file))
      .map(({ file }) => parseEml(file))
      .filter((m) => m.to.toLowerCase().includes(to.toLowerCase()) && match(m));
    if (mails.length) return mails[0];
    if (Date.now() > deadline) throw new Error(`no mail to ${to} in ${outboxDir} (${files.length} other mails there)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------------------------------------------
// Database (read-only: the server owns the writes)

export function db(dbPath: string = inject("dbPath")): Database.Database {
  return new Database(dbPath, { readonly: true, fileMustExist: true });
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** The ids the tests need, looked up by the demo's names and emails. */
export function demoIds(handle: Database.Database) {
  const one = <T>(sql: string, ...params: unknown[]): T => {
    const row = handle.prepare(sql).get(...params) as T | undefined;
    if (!row) throw new Error(`demo data missing: ${sql} ${JSON.stringify(params)}`);
    return row;
  };
  const tilleuls = one<{ id: string }>("select id from groups where name = ?", "Les Tilleuls").id;
  const passerelle = one<{ id: string }>("select id from groups where name = ?", "Villa Passerelle").id;
  const jeanne = one<{ userId: string; householdId: string; personId: string }>(
    `select u.id as userId, m.household_id as householdId, m.person_id as personId
       from users u join memberships m on m.user_id = u.id where u.email = ? and m.group_id = ?`,
    DEMO.resident,
    tilleuls,
  );
  return { tilleuls, passerelle, jeanne };
}

// ---------------------------------------------------------------------------------------------------
// HTTP without a browser: raw statuses, no redirect following, cookies kept, our Origin on every POST.

export type HttpResponse = { status: number; headers: http.IncomingHttpHeaders; body: string; location: string | null };

export class HttpClient {
  readonly cookies = new Map<string, string>();
  private readonly base: URL;

  /** `localAddress` picks the loopback address requests come from (127.0.0.2…): login throttling counts per IP. */
  constructor(private readonly options: { baseURL?: string; localAddress?: string; acceptLanguage?: string } = {}) {
    this.base = new URL(options.baseURL ?? baseURL());
  }

  get origin() {
    return this.base.origin;
  }

  get(pathname: string, headers: Record<string, string> = {}) {
    return this.request("GET", pathname, undefined, headers);
  }

  /** A form post from our own pages (Origin = the app's), unless `origin` says otherwise. */
  post(pathname: string, form: Record<string, string> | URLSearchParams, options: { origin?: string | null; headers?: Record<string, string> } = {}) {
    const body = (form instanceof URLSearchParams ? form : new URLSearchParams(form)).toString();
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", ...options.headers };
    const origin = options.origin === undefined ? this.origin : options.origin;
    if (origin !== null) headers.Origin = origin;
    return this.request("POST", pathname, body, headers);
  }

  /** Logs in with the form's fields; throws unless the server answers with the session cookie and a redirect. */
  async login(email: string, password = DEMO_PASSWORD) {
    const res = await this.post("/login", { email, password, redirectTo: "" });
    if (res.status !== 302 || ![...this.cookies.keys()].some((k) => k.endsWith("session"))) {
      throw new Error(`login of ${email} failed: HTTP ${res.status}`);
    }
    return res;
  }

  request(method: string, pathname: string, body?: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
    const url = new URL(pathname, this.base);
    const all: Record<string, string> = {
      Host: url.host,
      "Accept-Language": this.options.acceptLanguage ?? "fr-FR,fr;q=0.9",
      ...(this.cookies.size ? { Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {}),
      ...(body !== undefined ? { "Content-Length": String(Buffer.byteLength(body)) } : {}),
      ...headers,
    };
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          // The server listens on 127.0.0.1; the Host header keeps the app's origin (localhost:PORT).
          host: "127.0.0.1",
          port: url.port,
          path: url.pathname + url.search,
          method,
          headers: all,
          localAddress: this.options.localAddress,
        },
        (res) => {
          for (const cookie of res.headers["set-cookie"] ?? []) {
            const [pair, ...attrs] = cookie.split(";");
            const i = pair.indexOf("=");
            const name = pair.slice(0, i).trim();
            const value = pair.slice(i + 1).trim();
            const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
            if (expired) this.cookies.delete(name);
            else this.cookies.set(name, value);
          }
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString("utf8"),
              location: typeof res.headers.location === "string" ? res.headers.location : null,
            }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }
}

/** What a person reads of a page: no scripts, styles, comments, tags or attributes; entities decoded; spaces collapsed. */
export function visibleText(html: string): string {
  return (
    html
      .replace(/<script\b[\s\S]*?<\/script>/gi, " ")
      .replace(/<style\b[\s\S]*?<\/style>/gi, " ")
      .replace(/<!--[\s\S]*?-->/g, " ")
      // A block ends a phrase: « adultes : 1 » and « enfants : 0 » in two list items are not « 1 enfants ».
      .replace(/<\/?(?:li|p|div|td|th|tr|br|h[1-6]|dt|dd|ul|ol|section|table|nav|header|footer|main|form|label|option)\b[^>]*>/gi, " ¦ ")
      .replace(/<[^>]*>/g, " ")
      .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
      .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
      .replace(/&nbsp;/g, "\u00a0")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&")
      .replace(/\s+/g, " ")
  );
}
