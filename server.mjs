// @ts-check — checked by `npm run typecheck` (tsconfig.json includes this file); the build's exports are typed in
// app/server-build.d.ts. Plain JavaScript so that `node server.mjs` runs on Node 20 with no build step of its own.
//
// A small node:http adapter for Remix (faster than remix-serve, see ../shared/STACK.md; why not
// @remix-run/node-fetch-server: decision 016): static files from an in-memory index under /assets, an Origin check
// on every non-GET request, form bodies read and checked once, security headers, kept pages (decision 010), the
// session validated once per request and handed to Remix as load context, and a graceful stop on SIGTERM/SIGINT.
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { createRequestHandler } from "@remix-run/node";

/** @typedef {import("./app/server-build").MaisonneeBuild} MaisonneeBuild */
/** @typedef {import("./app/server-build").Auth} Auth */
/** @typedef {import("./app/modules/core/page-cache.server").CachedPage} CachedPage */
/** @typedef {{ full: string, gz: string | null, size: number, type: string }} StaticFile */
/** @typedef {{ body: Buffer<ArrayBuffer>, type: string }} FormBody */

const DEV = process.argv.includes("--dev") || process.env.NODE_ENV === "development";
if (!process.env.NODE_ENV) process.env.NODE_ENV = DEV ? "development" : "production";
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "0.0.0.0";
const WORKERS = DEV ? 1 : Math.max(1, Number(process.env.WEB_CONCURRENCY ?? Math.min(2, os.availableParallelism())));
const CLIENT_DIR = path.resolve("build/client");
const SERVER_BUILD = path.resolve("build/server/index.js");
// On SIGTERM/SIGINT, requests in flight get this long to finish before their connections are cut. With the mail
// wait and the database close after it, a stop fits in the 10 s that `docker stop` and most supervisors give.
const GRACE_MS = 8_000;

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
        "For a try on this machine, `npm start` sets http://localhost:" +
        PORT +
        ".",
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

/** @type {Record<string, string>} */
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
/** @type {Record<string, string>} */
const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'" +
    (DEV ? " 'unsafe-inline'" : "") +
    "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'" +
    (DEV ? " ws:" : "") +
    "; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  // Served over HTTPS, the browser should never again try plain HTTP (a first visit on a café's Wi-Fi).
  ...(HTTPS ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
};

// Forms here are short text: a megabyte is far more than the longest charter or minutes. Larger bodies are
// refused before they are read, not parsed in memory.
const MAX_BODY_BYTES = Math.max(1, Number(process.env.MAX_BODY_KB ?? 1024)) * 1024;
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

class Refusal extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** @param {http.ServerResponse} res @param {number} status @param {string} message @param {Record<string, string>} [extra] */
function refuse(res, status, message, extra = {}) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...SECURITY_HEADERS, ...extra });
  res.end(`${status} — ${message}`);
}

// Every action reads a form: a body that is not one (JSON, a broken multipart, too large) is answered here with a
// 4xx, once, instead of a 500 from each action's request.formData(). An empty body with no type is an empty form.
/** @param {http.IncomingMessage} req @returns {Promise<FormBody>} */
async function readFormBody(req) {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new Refusal(413, "formulaire trop volumineux / form too large");
  /** @type {Buffer[]} */
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

/** @param {string} dir @returns {Map<string, StaticFile>} */
function indexStatic(dir) {
  /** @type {Map<string, StaticFile>} */
  const files = new Map();
  if (!fs.existsSync(dir)) return files;
  /** @param {string} d */
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

/** @param {Map<string, StaticFile>} files @param {http.IncomingMessage} req @param {http.ServerResponse} res */
function serveStatic(files, req, res) {
  const url = (req.url ?? "").split("?")[0];
  const file = files.get(url);
  if (!file) return false;
  const immutable = url.startsWith("/assets/");
  const gz = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "") ? file.gz : null;
  const useGz = gz !== null;
  const headers = {
    "Content-Type": file.type,
    "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600",
    "X-Content-Type-Options": "nosniff",
    Vary: "Accept-Encoding",
    ...(useGz ? { "Content-Encoding": "gzip" } : {}),
  };
  if (req.method === "HEAD") return (res.writeHead(200, headers).end(), true);
  // A file can vanish under a running server (a new build deployed over the old one): that request gets a
  // 404, and the process lives on (an unhandled stream error would take the whole worker down).
  const stream = fs.createReadStream(gz ?? file.full);
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
/** @param {http.IncomingMessage} req */
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

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {FormBody | null} form */
function toRequest(req, res, form) {
  // Concatenated, not resolved: a target such as "//evil.example/" must stay a path of ours.
  const url = new URL(ORIGIN + req.url);
  const controller = new AbortController();
  // Aborted when the client goes away before the answer is complete, not after it (`close` follows `finish`).
  let finished = false;
  res.once("finish", () => (finished = true));
  res.once("close", () => finished || controller.abort());
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  /** @type {RequestInit} */
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

/**
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {Response} response
 * @param {string[]} extraCookies @param {string | null | undefined} cacheControl
 */
async function sendResponse(req, res, response, extraCookies, cacheControl) {
  /** @type {Record<string, string | string[]>} */
  const headers = {};
  for (const [key, value] of response.headers) {
    if (key !== "set-cookie") headers[key] = value;
  }
  const cookies = [...response.headers.getSetCookie(), ...extraCookies];
  if (cookies.length) headers["set-cookie"] = cookies;
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!(k.toLowerCase() in headers)) headers[k] = v;
  if (cacheControl) headers["cache-control"] = cacheControl;
  const type = String(headers["content-type"] ?? "");
  // Pages are small; a fast gzip level saves most of the bytes on slow networks for little CPU. No brotli here.
  const gzip = response.body && /^text\/html/.test(type) && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
  if (gzip) {
    headers["content-encoding"] = "gzip";
    headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : "Accept-Encoding";
    delete headers["content-length"];
  }
  res.writeHead(response.status, response.statusText, headers);
  if (!response.body || req.method === "HEAD") return res.end();
  const body = Readable.fromWeb(/** @type {import("node:stream/web").ReadableStream<Uint8Array>} */ (response.body));
  try {
    if (gzip) await pipeline(body, zlib.createGzip({ level: 1 }), res);
    else await pipeline(body, res);
  } catch (error) {
    // The browser closed the connection mid-response (a navigation cancelling a fetch): not a server error.
    // Node 24 reports it here as ERR_STREAM_PREMATURE_CLOSE (decision 012).
    if (/** @type {NodeJS.ErrnoException} */ (error)?.code === "ERR_STREAM_PREMATURE_CLOSE" && res.destroyed) return;
    throw error;
  }
}

// A kept page: already gzipped once at a good level; answered with 304 when the browser has it already, which
// saves a slow network the whole page on every revisit.
/** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {CachedPage} page @param {string[]} cookies */
function sendCachedPage(req, res, page, cookies) {
  /** @type {Record<string, string | string[] | number>} */
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

/** The production build, typed (app/server-build.d.ts). */
async function importBuild() {
  return /** @type {MaisonneeBuild} */ (await import(SERVER_BUILD));
}

/**
 * Serves requests in this process (a worker, or the only process). On SIGTERM/SIGINT: no new connections, the
 * requests in flight answered, then the app's shutdown() — jobs if this process started them, mail, database.
 */
async function startWorker() {
  /** @type {import("vite").ViteDevServer | undefined} */
  let vite;
  /** @type {Map<string, StaticFile>} */
  let files = new Map();
  /** @type {() => Promise<MaisonneeBuild>} */
  let getBuild;
  if (DEV) {
    const { createServer } = await import("vite");
    const viteListeners = new Set(process.listeners("SIGTERM"));
    const dev = await createServer({ server: { middlewareMode: true, hmr: { port: PORT + 10000 } } });
    // Remix's child compiler is a Vite server of its own, which exits the process on SIGTERM (code 143) before the
    // database is closed: the stop below does it all, Vite's close included.
    for (const listener of process.listeners("SIGTERM")) if (!viteListeners.has(listener)) process.off("SIGTERM", listener);
    vite = dev;
    getBuild = async () => /** @type {MaisonneeBuild} */ (await dev.ssrLoadModule("virtual:remix/server-build"));
    await (await getBuild()).entry.module.startup({ printDemo: true });
  } else {
    const build = await importBuild();
    getBuild = async () => build;
    files = indexStatic(CLIENT_DIR);
  }
  // In dev the build is asked for on every request (Vite reloads it when a file changes).
  const handler = createRequestHandler(DEV ? getBuild : await getBuild(), process.env.NODE_ENV);
  let closing = false;

  const server = http.createServer(async (req, res) => {
    // Stopping: this answer is the connection's last (a keep-alive connection would otherwise hold the stop up).
    if (closing) res.setHeader("Connection", "close");
    try {
      if (!DEV && serveStatic(files, req, res)) return;
      const target = req.url ?? "";
      // Only paths of this site: an absolute-form target ("http://evil.example/…") names another host.
      if (!target.startsWith("/")) return refuse(res, 400, "requête invalide / bad request");
      if (isCrossOrigin(req)) return refuse(res, 403, "cross-origin request refused / requête d'une autre origine refusée");
      /** @type {FormBody | null} */
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
        const m = (await getBuild()).entry.module;
        const pathname = target.split("?")[0];
        // The Fetch Request is built only when Remix answers: a kept page needs the cookie alone.
        const auth = m.authenticateCookieHeader(req.headers.cookie);
        const cookies = auth?.setCookie ? [auth.setCookie] : [];
        // A page kept for this person is sent again while the data it shows has not changed (page-cache.server.ts).
        // The version is read before Remix reads anything, so a change made while a page renders makes it stale.
        const cache =
          !DEV && auth && req.method === "GET"
            ? { key: m.pageCacheKey(auth.user.id, target, req.headers), version: m.pageVersion(pathname, auth.user.id) }
            : null;
        if (cache && cache.version !== null) {
          const page = m.pageCache.get(cache.key, cache.version);
          if (page) return sendCachedPage(req, res, page, cookies);
        }
        const ip =
          process.env.TRUST_PROXY === "1"
            ? String(req.headers["x-forwarded-for"] ?? "")
                .split(",")[0]
                .trim() || req.socket.remoteAddress
            : req.socket.remoteAddress;
        const response = await handler(toRequest(req, res, form), { auth, ip: ip ?? null });
        if (response.headers.has(m.PAGE_CACHE_HEADER)) {
          response.headers.delete(m.PAGE_CACHE_HEADER);
          if (cache && cache.version !== null && response.body) {
            /** @type {Record<string, string>} */
            const headers = {};
            for (const [key, value] of response.headers) if (key !== "set-cookie" && key !== "content-length") headers[key] = value;
            const raw = Buffer.from(await response.arrayBuffer());
            const page = m.pageCache.set(cache.key, { version: cache.version, status: response.status, headers, raw });
            return sendCachedPage(req, res, page, cookies);
          }
        }
        await sendResponse(req, res, response, cookies, m.forcedCacheControl(pathname));
      };
      if (vite) vite.middlewares(req, res, () => run().catch((e) => fail(res, e)));
      else await run();
    } catch (error) {
      fail(res, error);
    }
  });
  server.keepAliveTimeout = 65_000;
  server.listen(PORT, HOST, () => {
    if (cluster.isPrimary || cluster.worker?.id === 1)
      console.log(`Maisonnée on http://localhost:${PORT} (${process.env.NODE_ENV}, ${WORKERS} worker${WORKERS > 1 ? "s" : ""})`);
  });

  onStop(async () => {
    closing = true;
    await closeServer(server);
    const m = (await getBuild()).entry.module;
    await vite?.close();
    // Jobs (when this process started them), mail in flight, then the database: checkpointed and closed.
    await m.shutdown();
  });
}

/**
 * Stops taking connections and resolves once the requests in flight have been answered: idle keep-alive
 * connections are closed at once and as soon as they fall idle; after GRACE_MS the rest are cut.
 * @param {http.Server} server
 * @returns {Promise<void>}
 */
function closeServer(server) {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const cut = setTimeout(() => {
      console.error(`Maisonnée: requests still running after ${GRACE_MS / 1000} s; closing their connections`);
      server.closeAllConnections();
    }, GRACE_MS);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * Runs `stop` once, on the first SIGTERM or SIGINT (a supervisor, `docker stop`, Ctrl-C — which also reaches the
 * workers directly), then exits: 0 when it went through, 1 when it failed.
 * @param {() => Promise<void>} stop
 */
function onStop(stop) {
  let stopping = false;
  /** @param {NodeJS.Signals} signal */
  const listener = (signal) => {
    if (stopping) return;
    stopping = true;
    if (cluster.isPrimary) console.log(`Maisonnée: ${signal} received, finishing the requests in flight…`);
    stop().then(
      () => {
        if (cluster.isPrimary) console.log("Maisonnée: stopped.");
        process.exit(0);
      },
      (error) => {
        console.error("Maisonnée: the stop failed", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", listener);
  process.on("SIGINT", listener);
}

/** @param {http.ServerResponse} res @param {unknown} error */
function fail(res, error) {
  console.error(error);
  if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
  res.end("500");
}

async function startPrimary() {
  // Migrations and the demo seed run once, before any worker takes requests.
  const b = DEV ? null : await importBuild();
  if (b) await b.entry.module.startup({ printDemo: true });
  if (WORKERS === 1) return startWorker();
  let stopping = false;
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (!stopping && signal !== "SIGTERM" && code !== 0) {
      console.error(`worker ${worker.process.pid} died (${signal ?? code}); starting another`);
      cluster.fork();
    }
  });
  // The workers finish their requests and close their connections to the database; then this process stops its
  // jobs and closes its own (the last connection, whose close removes the WAL file).
  onStop(async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(workers.map((w) => stopWorker(w)));
    await b?.entry.module.shutdown();
  });
}

/**
 * @param {import("node:cluster").Worker} worker
 * @returns {Promise<void>}
 */
function stopWorker(worker) {
  return new Promise((resolve) => {
    if (worker.isDead()) return resolve();
    // A worker stops in GRACE_MS plus its mail wait; one that hangs beyond is killed.
    const kill = setTimeout(() => worker.process.kill("SIGKILL"), GRACE_MS + 4_000);
    worker.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    worker.process.kill("SIGTERM");
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
