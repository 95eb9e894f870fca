// Hostile input, short version (the full one, 40 values per form over up to 200 pages, is `npm run bench:fuzz`): every POST form the group's
// administrator, its resident and the operator can reach — found by crawling with JavaScript off — is sent
// fuzzed values on a server of its own. Never a 5xx; a refusal writes nothing and says something; no fuzzed
// script comes back unescaped on any page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDbPath, groupIdOf, login, startServer, type AppServer } from "../../bench/lib/faults";
import { crawlForms, fuzzForms, unescapedPayloads } from "../../bench/lib/fuzz";
import { DEMO, useBrowser } from "./helpers";

const chrome = useBrowser();
const PORT = Number(process.env.E2E_PORT ?? 3100) + 22;
const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
const PAGES = Number(process.env.FUZZ_PAGES ?? 60);

let server: AppServer;
let groupId: string;
beforeAll(async () => {
  server = await startServer({ dbPath: freshDbPath("fuzz"), port: PORT, workers: 1 });
  groupId = groupIdOf(server.dbPath);
}, 90_000);
afterAll(async () => server?.stop());

async function fuzzAs(email: string, start: string[], prefixes: string[]) {
  let cookie = await login(server.url, email);
  const { forms, pages } = await crawlForms(chrome.browser, { baseURL: server.url, cookie, start, prefixes, maxPages: PAGES });
  const result = await fuzzForms({
    forms,
    runs: RUNS,
    seed: 20261123,
    dbPath: server.dbPath,
    post: async (action, body) => {
      const send = () =>
        fetch(`${server.url}${action}`, {
          method: "POST",
          redirect: "manual",
          headers: { Cookie: cookie, Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
          body,
        });
      // A kept-alive connection the server closes for idleness just as the client reuses it gives ECONNRESET
      // before the request reaches the server: send once more on a fresh one. The server being down still fails.
      const res = await send().catch((error: Error & { cause?: { code?: string } }) => {
        if (error.cause?.code === "ECONNRESET" || error.cause?.code === "UND_ERR_SOCKET") return send();
        throw error;
      });
      const text = await res.text();
      return { status: res.status, text: res.headers.get("location") ?? text };
    },
    onSessionLost: async () => {
      cookie = await login(server.url, email);
    },
  });
  if (process.env.FUZZ_DEBUG)
    console.log(
      email,
      pages.length,
      "pages",
      forms.length,
      "forms",
      result.requests,
      "requests",
      result.byStatus,
      forms.map((f) => `${f.action} ${f.submit?.value ?? ""}`).join("\n"),
    );
  // Whatever was accepted is shown back escaped.
  const leaks: string[] = [];
  for (const page of pages) {
    const res = await fetch(`${server.url}${page}`, { headers: { Cookie: cookie } });
    for (const payload of unescapedPayloads(await res.text())) leaks.push(`${page}: ${payload}`);
  }
  return { forms, pages, result, leaks };
}

describe("fuzzed forms", () => {
  it("as the group's administrator: never a 5xx, nothing written on refusal, nothing unescaped", async () => {
    const { forms, pages, result, leaks } = await fuzzAs(DEMO.groupAdmin, [`/g/${groupId}`, "/account"], [`/g/${groupId}`, "/account"]);
    expect(pages.length, "pages crawled").toBeGreaterThan(15);
    expect(forms.length, "forms found").toBeGreaterThan(15);
    expect(result.findings, JSON.stringify(result.byStatus)).toEqual([]);
    expect(leaks).toEqual([]);
  });

  it("as a resident: the same", async () => {
    const { forms, result, leaks } = await fuzzAs(DEMO.resident, [`/g/${groupId}`], [`/g/${groupId}`]);
    expect(forms.length).toBeGreaterThan(5);
    expect(result.findings, JSON.stringify(result.byStatus)).toEqual([]);
    expect(leaks).toEqual([]);
  });

  it("as the operator: the same on the administration pages", async () => {
    const { forms, result, leaks } = await fuzzAs(DEMO.operator, ["/admin"], ["/admin"]);
    expect(forms.length).toBeGreaterThan(1);
    expect(result.findings, JSON.stringify(result.byStatus)).toEqual([]);
    expect(leaks).toEqual([]);
  });
});
