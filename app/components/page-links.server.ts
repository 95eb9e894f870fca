// The built stylesheets' text, for page-links.tsx to inline into the HTML on the server. Registered as a global
// because the reader is needed while rendering the document (root Layout), which is client code too.
import fs from "node:fs";
import path from "node:path";

/** Larger stylesheets stay links: cached once rather than carried by every page. */
const MAX_INLINE_BYTES = 20_000;
const cache = new Map<string, string | null>();
const clientDir = path.resolve("build/client");

function readBuiltCss(href: string): string | null {
  let text = cache.get(href);
  if (text === undefined) {
    text = null;
    // Only the build's hashed assets.
    if (/^\/assets\/[\w.-]+\.css$/.test(href)) {
      try {
        const content = fs.readFileSync(path.join(clientDir, href), "utf8");
        if (Buffer.byteLength(content) <= MAX_INLINE_BYTES) text = content.replace(/<\/style/gi, "<\\/style");
      } catch {
        text = null;
      }
    }
    cache.set(href, text);
  }
  return text;
}

export function registerCssReader() {
  // In development Vite serves the styles (and their critical CSS): <Links /> as usual.
  if (process.env.NODE_ENV !== "production") return;
  (globalThis as { __maisonneeReadCss?: (href: string) => string | null }).__maisonneeReadCss ??= readBuiltCss;
}
