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

const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'" + (DEV ? " ws:" : "") + "; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
};

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

function originOf(req) {
  const proto = req.headers["x-forwarded-proto"] === "https" || process.env.APP_URL?.startsWith("https") ? "https" : "http";
  return process.env.APP_URL ? new URL(process.env.APP_URL).origin : `${proto}://${req.headers.host}`;
}

// Cross-site request forgery: a state-changing request must come from our own pages.
function isCrossOrigin(req) {
  if (req.method === "GET" || req.method === "HEAD") return false;
  const expected = originOf(req);
  const origin = req.headers.origin;
  if (origin) return origin !== expected;
  const referer = req.headers.referer;
  if (referer) {
    try {
      return new URL(referer).origin !== expected;
    } catch {
      return true;
    }
  }
  return false;
}

function toRequest(req, res) {
  const url = new URL(req.url, originOf(req));
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = Readable.toWeb(req);
    init.duplex = "half";
  }
  return new Request(url, init);
}

async function sendResponse(req, res, response, extraCookies) {
  const headers = {};
  for (const [key, value] of response.headers) {
    if (key !== "set-cookie") headers[key] = value;
  }
  const cookies = [...response.headers.getSetCookie(), ...extraCookies];
  if (cookies.length) headers["set-cookie"] = cookies;
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!(k.toLowerCase() in headers)) headers[k] = v;
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
  try {
    if (gzip) await pipeline(body, zlib.createGzip({ level: 1 }), res);
    else await pipeline(body, res);
  } catch (error) {
    // The browser closed the connection mid-response (a navigation cancelling a fetch): not a server error.
    // Node 24 reports it here as ERR_STREAM_PREMATURE_CLOSE (decision 012).
    if (error?.code === "ERR_STREAM_PREMATURE_CLOSE" && res.destroyed) return;
    throw error;
  }
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
      if (isCrossOrigin(req)) {
        res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8", ...SECURITY_HEADERS });
        return res.end("403 — cross-origin request refused / requête d'une autre origine refusée");
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
        const response = await handler(toRequest(req, res), { auth, ip: ip ?? null });
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
        await sendResponse(req, res, response, cookies);
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
