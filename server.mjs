// A small node:http adapter for Remix (faster than remix-serve, see ../shared/STACK.md):
// static files from an in-memory index under /assets, an Origin check on every non-GET request,
// security headers, and the session validated once per request and handed to Remix as load context.
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { createRequestHandler } from "@remix-run/node";

const DEV = process.argv.includes("--dev") || process.env.NODE_ENV === "development";
if (!process.env.NODE_ENV) process.env.NODE_ENV = DEV ? "development" : "production";
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "0.0.0.0";
const WORKERS = DEV ? 1 : Math.max(1, Number(process.env.WEB_CONCURRENCY ?? Math.min(2, os.availableParallelism())));
const CLIENT_DIR = path.resolve("build/client");

// The public origin comes from configuration only (issue 16): links in mail, feed addresses and the Origin check
// would otherwise trust the request's Host header, which the client chooses. `npm start` (--local) and
// `npm run dev` default to this machine; a production start without APP_URL stops here.
function configuredOrigin() {
  const raw = process.env.APP_URL?.trim();
  if (!raw) {
    if (DEV || process.argv.includes("--local")) return `http://localhost:${PORT}`;
    console.error(
      "Maisonnée: APP_URL is not set. In production it must be the public address of this instance, e.g.\n" +
        "  APP_URL=https://maisonnee.example.org node server.mjs\n" +
        "Links in mail (invitations, password resets) and the Origin check are built from it, never from the request.\n" +
        "For a try on this machine, `npm start` sets http://localhost:" + PORT + ".",
    );
    process.exit(1);
  }
  let url;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== "/" || url.search || url.hash || url.username) {
    console.error(`Maisonnée: APP_URL=${JSON.stringify(raw)} must be an origin such as https://maisonnee.example.org (no path).`);
    process.exit(1);
  }
  return url.origin;
}
const ORIGIN = configuredOrigin();
// Workers and the app's own modules (app/modules/core/origin.server.ts) read the same value.
process.env.APP_URL = ORIGIN;
const ORIGIN_HOST = new URL(ORIGIN).host;
const HTTPS = ORIGIN.startsWith("https:");

const MIME = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

// Rendered pages replace this CSP with one carrying their script nonce (app/modules/core/csp.server.ts).
const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'" + (DEV ? " 'unsafe-inline'" : "") + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'" + (DEV ? " ws:" : "") + "; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  // Served over HTTPS, the browser should never again try plain HTTP (a first visit on a café's Wi-Fi).
  ...(HTTPS ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
};

// Forms here are short text: a megabyte is far more than the longest charter or minutes. Larger bodies are
// refused before they are read, not parsed in memory.
const MAX_BODY_BYTES = Math.max(1, Number(process.env.MAX_BODY_KB ?? 1024)) * 1024;
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

class Refusal extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function refuse(res, status, message, extra = {}) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...SECURITY_HEADERS, ...extra });
  res.end(`${status} — ${message}`);
}

// Every action reads a form: a body that is not one (JSON, a broken multipart, too large) is answered here with a
// 4xx, once, instead of a 500 from each action's request.formData(). An empty body with no type is an empty form.
async function readFormBody(req) {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new Refusal(413, "formulaire trop volumineux / form too large");
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Refusal(413, "formulaire trop volumineux / form too large");
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  let type = req.headers["content-type"];
  if (!type) {
    if (body.length > 0) throw new Refusal(415, "formulaire attendu / a form was expected");
    type = "application/x-www-form-urlencoded";
  } else if (!FORM_TYPES.test(type)) {
    throw new Refusal(415, "formulaire attendu / a form was expected");
  }
  if (/^multipart\//i.test(type)) {
    try {
      await new Request("http://localhost/", { method: "POST", headers: { "content-type": type }, body }).formData();
    } catch {
      throw new Refusal(400, "formulaire illisible / unreadable form");
    }
  }
  return { body, type };
}

function indexStatic(dir) {
  const files = new Map();
  if (!fs.existsSync(dir)) return files;
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!full.endsWith(".gz")) {
        const url = "/" + path.relative(dir, full).split(path.sep).join("/");
        const gz = fs.existsSync(full + ".gz") ? full + ".gz" : null;
        files.set(url, { full, gz, size: fs.statSync(full).size, type: MIME[path.extname(full)] ?? "application/octet-stream" });
      }
    }
  };
  walk(dir);
  return files;
}

function serveStatic(files, req, res) {
  const url = req.url.split("?")[0];
  const file = files.get(url);
  if (!file) return false;
  const immutable = url.startsWith("/assets/");
  const useGz = file.gz && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
  const headers = {
    "Content-Type": file.type,
    "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600",
    "X-Content-Type-Options": "nosniff",
    Vary: "Accept-Encoding",
    ...(useGz ? { "Content-Encoding": "gzip" } : {}),
  };
  if (req.method === "HEAD") return res.writeHead(200, headers).end(), true;
  // A file can vanish under a running server (a new build deployed over the old one): that request gets a
  // 404, and the process lives on (an unhandled stream error would take the whole worker down).
  const stream = fs.createReadStream(useGz ? file.gz : file.full);
  stream.once("open", () => {
    res.writeHead(200, headers);
    stream.pipe(res);
  });
  stream.once("error", () => {
    if (!res.headersSent) res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found");
    else res.destroy();
  });
  return true;
}

// Cross-site request forgery: a state-changing request must come from our own pages. Browsers send Origin on
// every POST (Referer when an old one does not); a request with neither is not from a page of ours.
function isCrossOrigin(req) {
  if (req.method === "GET" || req.method === "HEAD") return false;
  const origin = req.headers.origin;
  if (origin) return origin !== ORIGIN;
  const referer = req.headers.referer;
  if (!referer) return true;
  try {
    return new URL(referer).origin !== ORIGIN;
  } catch {
    return true;
  }
}

function toRequest(req, res, form) {
  // Concatenated, not resolved: a target such as "//evil.example/" must stay a path of ours.
  const url = new URL(ORIGIN + req.url);
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  const init = { method: req.method, headers, signal: controller.signal };
  // The app sees the configured host, whatever the client sent (the Origin was checked against it already).
  headers.set("host", ORIGIN_HOST);
  headers.delete("x-forwarded-host");
  if (form) {
    headers.set("content-type", form.type);
    headers.delete("content-length");
    init.body = form.body;
  }
  return new Request(url, init);
}

async function sendResponse(req, res, response, extraCookies, cacheControl) {
  const headers = {};
  for (const [key, value] of response.headers) {
    if (key !== "set-cookie") headers[key] = value;
  }
  const cookies = [...response.headers.getSetCookie(), ...extraCookies];
  if (cookies.length) headers["set-cookie"] = cookies;
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!(k.toLowerCase() in headers)) headers[k] = v;
  if (cacheControl) headers["cache-control"] = cacheControl;
  const type = headers["content-type"] ?? "";
  // Pages are small; a fast gzip level saves most of the bytes on slow networks for little CPU. No brotli here.
  const gzip = response.body && /^text\/html/.test(type) && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
  if (gzip) {
    headers["content-encoding"] = "gzip";
    headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : "Accept-Encoding";
    delete headers["content-length"];
  }
  res.writeHead(response.status, response.statusText, headers);
  if (!response.body || req.method === "HEAD") return res.end();
  const body = Readable.fromWeb(response.body);
  if (gzip) await pipeline(body, zlib.createGzip({ level: 1 }), res);
  else await pipeline(body, res);
}

// A kept page: already gzipped once at a good level; answered with 304 when the browser has it already, which
// saves a slow network the whole page on every revisit.
function sendCachedPage(req, res, page, cookies) {
  const headers = { ...page.headers, etag: page.etag, "cache-control": "private, no-cache", vary: "Cookie, Accept-Encoding" };
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!(k.toLowerCase() in headers)) headers[k] = v;
  if (cookies.length) headers["set-cookie"] = cookies;
  if (req.headers["if-none-match"] === page.etag) return res.writeHead(304, headers).end();
  const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
  const body = gzip ? page.gzip : page.raw;
  if (gzip) headers["content-encoding"] = "gzip";
  headers["content-length"] = body.length;
  res.writeHead(page.status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

async function startWorker() {
  let vite;
  let files = new Map();
  let build;
  if (DEV) {
    const { createServer } = await import("vite");
    vite = await createServer({ server: { middlewareMode: true, hmr: { port: PORT + 10000 } } });
    await (await vite.ssrLoadModule("virtual:remix/server-build")).entry.module.startup({ printDemo: true });
  } else {
    build = await import(path.resolve("build/server/index.js"));
    files = indexStatic(CLIENT_DIR);
  }
  const getBuild = async () => (DEV ? vite.ssrLoadModule("virtual:remix/server-build") : build);
  let handler = DEV ? null : createRequestHandler(build, process.env.NODE_ENV);

  const server = http.createServer(async (req, res) => {
    try {
      if (!DEV && serveStatic(files, req, res)) return;
      // Only paths of this site: an absolute-form target ("http://evil.example/…") names another host.
      if (!req.url.startsWith("/")) return refuse(res, 400, "requête invalide / bad request");
      if (isCrossOrigin(req)) return refuse(res, 403, "cross-origin request refused / requête d'une autre origine refusée");
      let form = null;
      if (req.method !== "GET" && req.method !== "HEAD") {
        try {
          form = await readFormBody(req);
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          // The rest of a refused body is not read: the connection closes after the answer.
          return refuse(res, error.status, error.message, { Connection: "close" });
        }
      }
      const run = async () => {
        const b = await getBuild();
        if (DEV) handler = createRequestHandler(b, "development");
        // The Fetch Request is built only when Remix answers: a kept page needs the cookie alone.
        const auth = b.entry.module.authenticateCookieHeader(req.headers.cookie);
        const cookies = auth?.setCookie ? [auth.setCookie] : [];
        // A page kept for this person is sent again while the data it shows has not changed (page-cache.server.ts).
        // The version is read before Remix reads anything, so a change made while a page renders makes it stale.
        const m = b.entry.module;
        const cache = !DEV && auth && req.method === "GET" ? { key: m.pageCacheKey(auth.user.id, req.url, req.headers), version: m.pageVersion(req.url.split("?")[0], auth.user.id) } : null;
        if (cache && cache.version !== null) {
          const page = m.pageCache.get(cache.key, cache.version);
          if (page) return sendCachedPage(req, res, page, cookies);
        }
        const ip = process.env.TRUST_PROXY === "1" ? String(req.headers["x-forwarded-for"] ?? "").split(",")[0].trim() || req.socket.remoteAddress : req.socket.remoteAddress;
        const response = await handler(toRequest(req, res, form), { auth, ip: ip ?? null });
        if (response.headers.has(m.PAGE_CACHE_HEADER)) {
          response.headers.delete(m.PAGE_CACHE_HEADER);
          if (cache && cache.version !== null && response.body) {
            const headers = {};
            for (const [key, value] of response.headers) if (key !== "set-cookie" && key !== "content-length") headers[key] = value;
            const raw = Buffer.from(await response.arrayBuffer());
            const page = m.pageCache.set(cache.key, { version: cache.version, status: response.status, headers, raw });
            return sendCachedPage(req, res, page, cookies);
          }
        }
        await sendResponse(req, res, response, cookies, m.forcedCacheControl(req.url.split("?")[0]));
      };
      if (DEV) vite.middlewares(req, res, () => run().catch((e) => fail(res, e)));
      else await run();
    } catch (error) {
      fail(res, error);
    }
  });
  server.keepAliveTimeout = 65_000;
  server.listen(PORT, HOST, () => {
    if (cluster.isPrimary || cluster.worker?.id === 1) console.log(`Maisonnée on http://localhost:${PORT} (${process.env.NODE_ENV}, ${WORKERS} worker${WORKERS > 1 ? "s" : ""})`);
  });
}

function fail(res, error) {
  console.error(error);
  if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
  res.end("500");
}

async function startPrimary() {
  // Migrations and the demo seed run once, before any worker takes requests.
  const b = DEV ? null : await import(path.resolve("build/server/index.js"));
  if (b) await b.entry.module.startup({ printDemo: true });
  if (WORKERS === 1) return startWorker();
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (signal !== "SIGTERM" && code !== 0) {
      console.error(`worker ${worker.process.pid} died (${signal ?? code}); starting another`);
      cluster.fork();
    }
  });
}

if (cluster.isPrimary) {
  startPrimary().catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  startWorker().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
