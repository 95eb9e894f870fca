import { redirect, redirectDocument } from "@remix-run/node";

/** Redirects after a successful action, with a confirmation shown on the next page. */
export function redirectWithToast(url: string, toastKey: string, init?: ResponseInit, { document = false } = {}) {
  // The fragment (#signup) goes after the query, so that the browser lands on it and the toast still shows.
  const [beforeHash, hash] = url.split("#");
  const [path, query = ""] = beforeHash.split("?");
  const params = new URLSearchParams(query);
  params.set("toast", toastKey);
  return (document ? redirectDocument : redirect)(`${path}?${params}${hash ? `#${hash}` : ""}`, init);
}
