// The browser receives only the translations the matched routes declare (handle.i18n): a route that shows a
// text of a namespace it does not declare would flash the raw key on a client-side navigation. Checked from
// the source of each route and the client files it imports (tests/unit/i18n-usage.ts).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { NAMESPACES } from "~/modules/i18n/config";
import { covers, routeTranslations } from "./i18n-usage";

const ROUTES = path.resolve("app/routes");
const files = fs.readdirSync(ROUTES).filter((f) => f.endsWith(".tsx"));

describe("handle.i18n of every route", () => {
  test.each(files)("%s declares the translations its page uses", async (file) => {
    const mod = (await import(/* @vite-ignore */ path.join(ROUTES, file))) as { handle?: { i18n?: readonly string[] }; default?: unknown };
    const declared = mod.handle?.i18n ?? [];
    for (const entry of declared) expect(NAMESPACES as readonly string[]).toContain(entry.split(":")[0]);
    const missing = routeTranslations(path.join(ROUTES, file)).filter((used) => !covers(declared, used));
    if (process.env.PRINT_I18N) console.log(`I18N ${file} ${JSON.stringify(routeTranslations(path.join(ROUTES, file)))}`);
    expect(missing, `add to handle.i18n in app/routes/${file}`).toEqual([]);
  });
});
