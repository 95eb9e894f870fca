// Which translations a route's page can show, read from its source and every client file it imports: the
// namespaces of `useTranslation("ns")` with the top-level sections of their `t("section.…")` keys, and every
// literal "ns:section.…" key. tests/unit/i18n-handles.test.ts checks each route declares them in handle.i18n,
// since the browser receives only those (app/modules/i18n/inline.tsx).
import fs from "node:fs";
import path from "node:path";
import { NAMESPACES } from "~/modules/i18n/config";

const APP = path.resolve("app");
const nsAlt = NAMESPACES.join("|");

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(APP, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (/\.tsx?$/.test(candidate) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The client files a route's page is built from: itself and its imports, without server-only modules. */
function clientClosure(file: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f) || /\.server\.tsx?$/.test(f)) return;
    seen.add(f);
    const source = fs.readFileSync(f, "utf8");
    for (const m of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s+["']([^"']+)["']/gm)) {
      const target = resolveImport(f, m[1]);
      if (target) visit(target);
    }
  };
  visit(file);
  return [...seen];
}

function frenchSection(ns: string, section: string): boolean {
  const file = path.join(APP, "locales", "fr", `${ns}.json`);
  return fs.existsSync(file) && section in (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>);
}

/** "ns" (the whole namespace) or "ns:section" entries one file uses. */
function usedTranslations(file: string): Set<string> {
  const source = fs
    .readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");
  const used = new Set<string>();
  const defaults = new Set<string>();
  for (const m of source.matchAll(/useTranslation\(\s*(?:"(\w+)"|\[([^\]]*)\])?\s*\)/g)) {
    if (m[1]) defaults.add(m[1]);
    else if (m[2]) for (const n of m[2].matchAll(/"(\w+)"/g)) defaults.add(n[1]);
    else defaults.add("common");
  }
  for (const m of source.matchAll(new RegExp(`["'\`](${nsAlt}):(\\w+)`, "g"))) used.add(`${m[1]}:${m[2]}`);
  // A key without a namespace belongs to the file's namespace; with several, the file needs them whole.
  const sections = [...source.matchAll(/\bt\(\s*["'`](\w+)(?=[.`"'$])/g)].map((m) => m[1]);
  // Messages from the server ("bookings:errors.overlap") are translated as `m.startsWith("bookings:") ? t(m) : m`.
  const prefixed = [...source.matchAll(new RegExp(`startsWith\\(\\s*["'](${nsAlt}):["']\\)`, "g"))].map((m) => m[1]);
  for (const ns of prefixed) used.add(`${ns}:errors`);
  const dynamicCalls = [...source.matchAll(/\bt\(\s*(?!["'`])(\w*)/g)].filter((m) => !(prefixed.length && /^m$|^message$|^key$/.test(m[1])));
  const dynamic = dynamicCalls.length > 0 || /\bt\(\s*`\$\{/.test(source);
  if (defaults.size === 1 && !dynamic) {
    const [ns] = defaults;
    for (const s of sections) used.add(`${ns}:${s}`);
  } else for (const ns of defaults) used.add(ns);
  return used;
}

/** Everything a route's page uses, without "common" (always sent). */
export function routeTranslations(routeFile: string): string[] {
  const all = new Set<string>();
  for (const f of clientClosure(routeFile))
    for (const entry of usedTranslations(f)) {
      // "exchange:use" is a permission, not a text: only sections the French file has count.
      const [ns, section] = entry.split(":");
      if (!section || frenchSection(ns, section)) all.add(entry);
    }
  const whole = new Set([...all].filter((e) => !e.includes(":")));
  return [...all].filter((e) => e.split(":")[0] !== "common" && (!e.includes(":") || !whole.has(e.split(":")[0]))).sort();
}

/** Whether the declared entries cover a used one: the whole namespace or that section. */
export function covers(declared: readonly string[], used: string): boolean {
  const ns = used.split(":")[0];
  return ns === "common" || declared.includes(ns) || declared.includes(used);
}
