const BASE = "http://maisonnee.invalid";

/**
 * Only a path of this site. The value is parsed the way a browser would (which drops tabs and newlines, so
 * "/\t/evil.example" becomes "//evil.example") and must keep our origin; control characters are refused
 * outright (a newline in a Location header is a 500, or a header injection).
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith("//") ? fallback : path;
}
