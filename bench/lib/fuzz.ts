// Hostile input against the running server, shared by tests/e2e/fuzz.e2e.ts (a few runs per form) and
// `npm run bench:fuzz` (many). The forms are not listed by hand: Chromium (JavaScript off, as an old phone
// might) crawls the group's pages as its administrator, the resident and the operator, and reads every POST
// form it meets — its action, fields, hidden values and submit buttons. Each form is then posted with values
// from fast-check: missing, empty, oversized, wrong-typed, unicode, script- and SQL-looking. The server must
// answer a success (2xx/3xx) or a 4xx, never a 5xx; on a 4xx no row may have been written.
import Database from "better-sqlite3";
import fc from "fast-check";
import type { Browser } from "playwright-core";

export type FormField = {
  name: string;
  kind: "hidden" | "text" | "select" | "checkbox" | "radio" | "textarea" | "file" | "submit";
  value: string;
  options: string[];
};
export type FoundForm = { page: string; action: string; fields: FormField[]; submit: { name: string; value: string } | null };

/** Forms that end the crawler's own session or change its password would stop the run, not test anything. */
const SKIP_ACTIONS = [/\/logout(\?|$)/, /\/set-language/];
const SKIP_INTENTS = new Set(["logout_all", "password"]);

export const HOSTILE = [
  "",
  " ",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "' OR 1=1 --",
  "'); DROP TABLE households; --",
  "Robert'); DELETE FROM users; --",
  "\u0000",
  "\u202Egnp.exe",
  "👩‍👩‍👧‍👦🏳️‍🌈",
  "Ελληνικά 中文 العربية",
  "-1",
  "0",
  "1e308",
  "NaN",
  "99999999999999999999999",
  "2026-02-30",
  "31/12/2026",
  "25:61",
  "true",
  "[object Object]",
  "../../etc/passwd",
  "%00%27",
];

/** One value for a field: its own value, a hostile constant, a random (unicode) string, a huge one, or missing. */
export function valueArbitrary(field: FormField): fc.Arbitrary<string | null> {
  const own =
    field.kind === "select" || field.kind === "radio" ? fc.constantFrom(...(field.options.length ? field.options : [field.value])) : fc.constant(field.value);
  return fc.oneof(
    { weight: 3, arbitrary: own },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.constantFrom("x".repeat(5_000), "é".repeat(70_000)) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

/** Reads the POST forms of the page open in `page`. */
async function formsOnPage(page: import("playwright-core").Page): Promise<FoundForm[]> {
  const url = page.url();
  const raw = await page.$$eval("form", (forms) =>
    forms
      .filter((f) => (f.getAttribute("method") ?? "get").toLowerCase() === "post")
      .map((f) => {
        const form = f as HTMLFormElement;
        const fields: { name: string; kind: string; value: string; options: string[] }[] = [];
        const submits: { name: string; value: string }[] = [];
        for (const el of Array.from(form.elements) as HTMLInputElement[]) {
          if (!el.name) continue;
          const tag = el.tagName.toLowerCase();
          const type = (el.getAttribute("type") ?? (tag === "button" ? "submit" : "text")).toLowerCase();
          if ((tag === "button" || tag === "input") && type === "submit") submits.push({ name: el.name, value: el.value });
          else if (tag === "select")
            fields.push({
              name: el.name,
              kind: "select",
              value: el.value,
              options: Array.from((el as unknown as HTMLSelectElement).options).map((o) => o.value),
            });
          else if (tag === "textarea") fields.push({ name: el.name, kind: "textarea", value: el.value, options: [] });
          else if (type === "hidden") fields.push({ name: el.name, kind: "hidden", value: el.value, options: [] });
          else if (type === "checkbox") fields.push({ name: el.name, kind: "checkbox", value: el.value || "on", options: [] });
          else if (type === "radio") {
            const existing = fields.find((x) => x.name === el.name && x.kind === "radio");
            if (existing) existing.options.push(el.value);
            else fields.push({ name: el.name, kind: "radio", value: el.value, options: [el.value] });
          } else if (type === "file") fields.push({ name: el.name, kind: "file", value: "", options: [] });
          else fields.push({ name: el.name, kind: "text", value: el.value, options: [] });
        }
        return { action: form.action, fields, submits };
      }),
  );
  // A form with several submit buttons is several forms: one per button (name=intent value=…).
  return raw.flatMap((f) =>
    (f.submits.length ? f.submits : [null]).map((submit) => ({ page: url, action: f.action, fields: f.fields as FormField[], submit })),
  );
}

/** Same-origin links of the page, without fragments; only under `prefixes`. */
async function linksOnPage(page: import("playwright-core").Page, origin: string, prefixes: string[]): Promise<string[]> {
  const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
  return hrefs
    .map((h) => new URL(h))
    .filter(
      (u) =>
        u.origin === origin && prefixes.some((p) => u.pathname.startsWith(p)) && !/\.(ics|csv|json|pdf)$/.test(u.pathname) && !u.pathname.startsWith("/logout"),
    )
    .map((u) => u.pathname + u.search);
}

/**
 * Breadth-first from `start`, at most `maxPages` pages, JavaScript off. Returns one entry per distinct form
 * (action path + fields + button), the first page it was met on.
 */
export async function crawlForms(
  browser: Browser,
  options: { baseURL: string; cookie: string; start: string[]; prefixes: string[]; maxPages: number },
): Promise<{ forms: FoundForm[]; pages: string[] }> {
  const context = await browser.newContext({ baseURL: options.baseURL, javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: "fr-FR" });
  const [name, ...rest] = options.cookie.split("=");
  await context.addCookies([{ name, value: rest.join("="), url: options.baseURL }]);
  const page = await context.newPage();
  const origin = new URL(options.baseURL).origin;
  const queue = [...options.start];
  const seen = new Set<string>(queue);
  const pages: string[] = [];
  const forms = new Map<string, FoundForm>();
  // Pages differing only by an id are the same page: at most a few of each shape.
  const shapes = new Map<string, number>();
  const shapeOf = (p: string) =>
    p
      .split("?")[0]
      .replace(/\/[0-9a-z]{16,}(?=\/|$)/gi, "/:id")
      .replace(/\/\d{4}-\d{2}-\d{2}/g, "/:date");
  while (queue.length && pages.length < options.maxPages) {
    const next = queue.shift()!;
    const res = await page.goto(next).catch(() => null);
    if (!res || res.status() >= 400) continue;
    pages.push(next);
    for (const form of await formsOnPage(page)) {
      const action = new URL(form.action);
      if (SKIP_ACTIONS.some((re) => re.test(action.pathname))) continue;
      if (form.submit && SKIP_INTENTS.has(form.submit.value)) continue;
      if (form.fields.some((f) => f.name === "intent" && SKIP_INTENTS.has(f.value))) continue;
      const key = `${shapeOf(action.pathname + action.search)} ${form.fields
        .map((f) => f.name)
        .sort()
        .join(",")} ${form.submit?.value ?? ""}`;
      if (!forms.has(key)) forms.set(key, { ...form, action: action.pathname + action.search });
    }
    for (const link of await linksOnPage(page, origin, options.prefixes)) {
      if (seen.has(link)) continue;
      seen.add(link);
      const shape = shapeOf(link);
      const n = shapes.get(shape) ?? 0;
      if (n >= 2) continue;
      shapes.set(shape, n + 1);
      queue.push(link);
    }
  }
  await context.close();
  return { forms: [...forms.values()], pages };
}

// Tables that change on their own while a request is refused: sessions slide, throttles count, logs log, and the
// mail outbox empties as queued mail leaves after earlier requests' commits (decision 015).
const CHURN = /session|throttle|attempt|access_log|export_log|rate|mail_outbox/i;

export function rowCounts(dbPath: string): Map<string, number> {
  const handle = new Database(dbPath, { readonly: true });
  try {
    const tables = (
      handle.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as {
        name: string;
      }[]
    )
      .map((t) => t.name)
      .filter((t) => !CHURN.test(t));
    return new Map(tables.map((t) => [t, (handle.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]));
  } finally {
    handle.close();
  }
}

function changed(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([t, n]) => before.get(t) !== n).map(([t, n]) => `${t}: ${before.get(t)} → ${n}`);
}

export type FuzzFinding = { form: string; status: number; body: Record<string, string | string[]>; problem: string };

/**
 * Posts each form `runs` times with fast-check values (seeded: the same run every time). `post` sends one
 * urlencoded body with the session and our Origin and returns the status.
 */
export async function fuzzForms(options: {
  forms: FoundForm[];
  runs: number;
  seed: number;
  dbPath: string;
  post: (action: string, body: URLSearchParams) => Promise<{ status: number; text: string }>;
  onSessionLost: () => Promise<void>;
}): Promise<{ requests: number; byStatus: Record<string, number>; findings: FuzzFinding[] }> {
  const findings: FuzzFinding[] = [];
  const byStatus: Record<string, number> = {};
  let requests = 0;
  for (const [i, form] of options.forms.entries()) {
    const arbitrary = fc.record(Object.fromEntries(form.fields.map((f) => [f.name, valueArbitrary(f)])) as Record<string, fc.Arbitrary<string | null>>);
    const samples = fc.sample(arbitrary, { numRuns: options.runs, seed: options.seed + i });
    for (const values of samples) {
      const body = new URLSearchParams();
      for (const [name, value] of Object.entries(values)) if (value !== null) body.append(name, value);
      if (form.submit) body.append(form.submit.name, form.submit.value);
      const before = rowCounts(options.dbPath);
      const res = await options.post(form.action, body);
      requests++;
      byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
      const label = `${form.action}${form.submit ? ` [${form.submit.name}=${form.submit.value}]` : ""} (from ${form.page})`;
      const shown = Object.fromEntries([...body].map(([k, v]) => [k, v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v]));
      if (res.status >= 500) findings.push({ form: label, status: res.status, body: shown, problem: "server error" });
      else if (res.status >= 400) {
        const diff = changed(before, rowCounts(options.dbPath));
        if (diff.length) findings.push({ form: label, status: res.status, body: shown, problem: `refused but wrote: ${diff.join(", ")}` });
        if (res.status !== 401 && res.status !== 404 && res.text.trim().length === 0)
          findings.push({ form: label, status: res.status, body: shown, problem: "refused without a message" });
      }
      // A redirect to the login page: the form ended the session (a role change of oneself…); log in again.
      if (res.status === 302 && /\/login/.test(res.text)) await options.onSessionLost();
    }
  }
  return { requests, byStatus, findings };
}

/** A fuzzed payload that came back unescaped in a page's HTML. */
export function unescapedPayloads(html: string): string[] {
  const found: string[] = [];
  if (html.includes("<script>alert(1)</script>")) found.push("<script>alert(1)</script>");
  if (/<img[^>]*onerror=alert\(1\)/i.test(html)) found.push("<img onerror>");
  if (/href=["']?javascript:/i.test(html)) found.push("javascript: link");
  return found;
}
