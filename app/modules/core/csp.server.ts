// The Content-Security-Policy of a rendered page: no inline script without this response's nonce (issue 16).
// server.mjs sends a nonce-less policy for everything that is not a page (files, errors, refusals).
import { encodeBase64 } from "@oslojs/encoding";

export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return encodeBase64(bytes);
}

export function contentSecurityPolicy(nonce: string, { dev = process.env.NODE_ENV === "development" } = {}): string {
  return [
    "default-src 'self'",
    // Vite's dev client injects inline module scripts without a nonce (and a nonce would void 'unsafe-inline').
    dev ? "script-src 'self' 'unsafe-inline'" : `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}
