// What an independent test of main found at the HTTP boundary (issue 16), each checked against the real server:
// links in mail come from APP_URL and never from the Host header; production does not start without it; a POST
// that no page of ours sent is refused; bodies that are not forms get a 4xx, not a 500; redirects stay on the site;
// support pages are never stored; the CSP allows no inline script without the response's nonce; HSTS over HTTPS.
import { spawn } from "node:child_process";
import fs from "node:fs";
import nodeHttp from "node:http";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { DEMO, HttpClient, db, demoIds, readLatestMail } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("links in mail", () => {
  it("a reset link asked for with « Host: evil.example » points to the configured address", async () => {
    const http = new HttpClient({ localAddress: "127.0.0.5" });
    const res = await http.post("/forgot-password", { email: DEMO.groupAdmin }, { headers: { Host: "evil.example" } });
    expect(res.status).toBe(200);
    const mail = await readLatestMail(inject("outboxDir"), DEMO.groupAdmin, 5_000, (m) => (m.link ?? "").includes("/reset-password/"));
    expect(mail.link).toMatch(new RegExp(`^${http.origin}/reset-password/[a-z0-9]+$`));
  });

  it("an absolute request target naming another host is refused", async () => {
    const port = new URL(new HttpClient().origin).port;
    // node:http sends `path` as given: an absolute-form target, as a proxy would receive.
    const status = await new Promise<number>((resolve, reject) => {
      const req = nodeHttp.request(
        { host: "127.0.0.1", port, path: "http://evil.example/login", method: "GET" },
        (r) => (r.resume(), resolve(r.statusCode ?? 0)),
      );
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(400);
  });
});

describe("production configuration", () => {
  it("refuses to start without APP_URL, saying why", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: String(Number(process.env.E2E_PORT ?? 3100) + 31) };
    delete env.APP_URL;
    const child = spawn(process.execPath, ["server.mjs"], { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c));
    child.stderr.on("data", (c: Buffer) => (output += c));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => (child.kill("SIGKILL"), resolve(null)), 15_000);
      child.once("exit", (c) => (clearTimeout(timer), resolve(c)));
    });
    expect(code).toBe(1);
    expect(output).toContain("APP_URL is not set");
    expect(output).toContain("https://maisonnee.example.org");
  });

  it("served over HTTPS, tells browsers to keep to HTTPS (HSTS)", async () => {
    const port = Number(process.env.E2E_PORT ?? 3100) + 32;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maisonnee-hsts-"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: "https://maisonnee.example.org",
      DATABASE_URL: path.join(dir, "app.db"),
      OUTBOX_DIR: path.join(dir, "outbox"),
      SEED_DEMO: "0",
      JOBS: "0",
      WEB_CONCURRENCY: "1",
    };
    const child = spawn(process.execPath, ["server.mjs"], { cwd: process.cwd(), env, stdio: "ignore" });
    try {
      let headers: Headers | null = null;
      for (let i = 0; i < 150 && !headers; i++) {
        headers = await fetch(`http://127.0.0.1:${port}/login`)
          .then((r) => r.headers)
          .catch(() => null);
        if (!headers) await sleep(200);
      }
      expect(headers?.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    } finally {
      child.kill("SIGTERM");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("requests no page of ours sent", () => {
  it("a POST with neither Origin nor Referer is refused and changes nothing", async () => {
    const http = new HttpClient();
    await http.login(DEMO.resident);
    const res = await http.post("/logout", {}, { origin: null });
    expect(res.status).toBe(403);
    expect((await http.get("/account")).status).toBe(200);
    // A Referer from our own pages is enough (an older browser without Origin).
    const withReferer = await http.post("/logout", {}, { origin: null, headers: { Referer: `${http.origin}/account` } });
    expect(withReferer.status).toBe(302);
  });

  it("JSON, a broken multipart body, a body without a type and a 2 MB form get 4xx, never 500", async () => {
    const http = new HttpClient();
    const send = (body: string, type: string | null) =>
      http.request("POST", "/login", body, { Origin: http.origin, ...(type ? { "Content-Type": type } : {}) });
    expect((await send(JSON.stringify({ email: DEMO.resident, password: "x" }), "application/json")).status).toBe(415);
    expect((await send("--xx\r\nnot really\r\n", "multipart/form-data; boundary=yy")).status).toBe(400);
    expect((await send("email=a", null)).status).toBe(415);
    const big = await send(`email=${"a".repeat(2 * 1024 * 1024)}`, "application/x-www-form-urlencoded").catch((e: Error) => e);
    // The server answers 413 without reading the rest; the client may see the answer or a closed connection.
    if (!(big instanceof Error)) expect(big.status).toBe(413);
    // An empty form is still a form: the login page says what is missing.
    expect((await send("", "application/x-www-form-urlencoded")).status).toBe(400);
  });

  it("POST /logout with an empty body logs out", async () => {
    const http = new HttpClient();
    await http.login(DEMO.resident);
    const res = await http.request("POST", "/logout", "", { Origin: http.origin, "Content-Length": "0" });
    expect(res.status).toBe(302);
    expect((await http.get("/account")).status).toBe(302);
  });
});

describe("redirects after login", () => {
  it("stay on this site whatever redirectTo holds", async () => {
    for (const redirectTo of ["/\t/evil.example/phish", "//evil.example", "/\\evil.example", "/ok\nSet-Cookie: x=y"]) {
      const http = new HttpClient();
      const res = await http.post("/login", { email: DEMO.resident, password: "maisonnee-demo-2026", redirectTo });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      expect(new URL(res.location!, http.origin).origin, JSON.stringify(redirectTo)).toBe(http.origin);
    }
  });
});

describe("caching and scripts", () => {
  it("support pages and their data are never stored (Cache-Control: no-store)", async () => {
    const http = new HttpClient();
    await http.login(DEMO.supportWorker);
    const { tilleuls } = demoIds(db());
    for (const url of [`/g/${tilleuls}/support`, `/g/${tilleuls}/support.data`, `/g/${tilleuls}/support/log`]) {
      const res = await http.get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe("no-store");
    }
  });

  it("a page's inline scripts all carry the nonce of its CSP, which allows no other inline script — kept pages too", async () => {
    const visitor = new HttpClient();
    const http = new HttpClient();
    await http.login(DEMO.resident);
    const { tilleuls } = demoIds(db());
    const nonces = new Set<string>();
    for (const [client, url] of [
      [visitor, "/login"],
      [http, `/g/${tilleuls}/calendar`],
      [http, `/g/${tilleuls}/calendar`],
    ] as const) {
      const res = await client.get(url);
      expect(res.status, url).toBe(200);
      const csp = String(res.headers["content-security-policy"]);
      const scriptSrc = /script-src ([^;]+)/.exec(csp)![1];
      expect(scriptSrc).not.toContain("unsafe-inline");
      const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
      nonces.add(nonce);
      const scripts = [...res.body.matchAll(/<script(?![^>]*type="application\/json")([^>]*)>/g)].map((m) => m[1]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const attrs of scripts) expect(attrs, url).toContain(`nonce="${nonce}"`);
    }
    // The login page and the calendar were each rendered with their own.
    expect(nonces.size).toBeGreaterThanOrEqual(2);
  });
});
