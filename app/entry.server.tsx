import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { getInstance, resolveLang } from "~/modules/i18n/i18n.server";
import { isLang } from "~/modules/i18n/config";
import { isCacheablePage, PAGE_CACHE_HEADER } from "~/modules/core/page-cache.server";
import { NonceContext } from "~/modules/core/csp";
import { contentSecurityPolicy, createNonce } from "~/modules/core/csp.server";

// What server.mjs calls besides Remix's own exports; it reads them typed through app/server-build.d.ts.
export { authenticate, authenticateCookieHeader } from "~/modules/access/access.server";
export { shutdown, startup } from "~/modules/core/startup.server";
export { forcedCacheControl } from "~/modules/core/cache-control";
// server.mjs keeps and serves again the pages marked here (app/modules/core/page-cache.server.ts).
export { pageCache, pageCacheKey, pageVersion, PAGE_CACHE_HEADER } from "~/modules/core/page-cache.server";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const rootData = remixContext.staticHandlerContext.loaderData?.root as { lang?: string } | undefined;
  const lang = isLang(rootData?.lang) ? rootData.lang : resolveLang(request, loadContext.auth?.user.locale);
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  const nonce = createNonce();
  // Kept with the page when the page is kept (its inline scripts carry this nonce and no other).
  responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={getInstance(lang)}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = stripTrailingNul();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          const cacheable = isCacheablePage({
            status: responseStatusCode,
            signedIn: Boolean(loadContext.auth),
            headers: responseHeaders,
            matches: remixContext.staticHandlerContext.matches,
            routeModules: remixContext.routeModules,
          });
          if (cacheable) responseHeaders.set(PAGE_CACHE_HEADER, "1");
          // The abort timer must not outlive the render: left running, it kept each request's state alive 6 s.
          body.on("close", () => clearTimeout(timer));
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}

/**
 * React 18's Node renderer flushes its whole 2 KB buffer when a multi-byte character (« é », « — ») does not fit
 * at its end, unwritten bytes included: NULs inside the page (react#24985, fixed in React 19 by #26228). Those
 * are at most 3 bytes at the end of one write, and HTML never carries a NUL of its own, so they are cut there.
 */
function stripTrailingNul() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let end = chunk.length;
      while (end > 0 && chunk.length - end < 3 && chunk[end - 1] === 0) end--;
      callback(null, end === chunk.length ? chunk : chunk.subarray(0, end));
    },
  });
}
