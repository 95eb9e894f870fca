import { redirect, redirectDocument } from "@remix-run/node";

/** Redirects after a successful action, with a confirmation shown on the next page. */
export function redirectWithToast(url: string, toastKey: string, init?: ResponseInit, { document = false } = {}) {
  const [path, query = ""] = url.split("?");
  const params = new URLSearchParams(query);
  params.set("toast", toastKey);
  return (document ? redirectDocument : redirect)(`${path}?${params}`, init);
}
