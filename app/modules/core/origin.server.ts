// The instance's public address (APP_URL). Links in mail, calendar-feed addresses and the Origin check are built
// from it, never from the request: a Host header is whatever the client says it is (issue 16, decision 014).
import { z } from "zod";

const AppUrl = z
  .string()
  .trim()
  .refine((raw) => URL.canParse(raw), "not a URL")
  .transform((raw) => new URL(raw))
  .refine((url) => url.protocol === "https:" || url.protocol === "http:", "must start with https:// or http://")
  .refine((url) => (url.pathname === "/" || url.pathname === "") && !url.search && !url.hash && !url.username && !url.password, "an origin only, no path")
  .transform((url) => url.origin);

class MissingAppUrlError extends Error {}

/** Parses APP_URL; `null` when unset. Throws with a readable message when set but unusable. */
function parseAppUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === "") return null;
  const parsed = AppUrl.safeParse(raw);
  if (!parsed.success) throw new MissingAppUrlError(`APP_URL=${JSON.stringify(raw)} is not usable: ${parsed.error.issues[0]?.message}.`);
  return parsed.data;
}

let cached: { raw: string | undefined; origin: string } | null = null;

/**
 * The configured origin, e.g. `https://maisonnee.example.org`. Outside production an unset APP_URL means this
 * machine (`http://localhost:PORT`); in production server.mjs refuses to start without it, and this throws.
 */
function appOrigin(): string {
  const raw = process.env.APP_URL;
  if (cached && cached.raw === raw) return cached.origin;
  const origin =
    parseAppUrl(raw) ??
    (process.env.NODE_ENV === "production"
      ? (() => {
          throw new MissingAppUrlError("APP_URL is not set: in production it must be this instance's public address.");
        })()
      : `http://localhost:${process.env.PORT ?? 3000}`);
  cached = { raw, origin };
  return origin;
}

/** An absolute link to a path of this instance, for mail and calendar feeds. */
export function appLink(path: string): string {
  return `${appOrigin()}${path.startsWith("/") ? path : `/${path}`}`;
}
