// A calendar feed for the phone's own calendar: /ical/<token>.ics. The secret token is the credential
// (no session: calendar apps have none); an unknown or revoked token answers 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { AccessPolicy } from "~/modules/access/policy";
import { feedCalendar } from "~/modules/calendar/feeds.server";
import { renderCalendar } from "~/modules/core/ical";

export const access: AccessPolicy = "public";

export function loader({ params }: LoaderFunctionArgs) {
  const token = /^([a-z2-7]{16,64})\.ics$/.exec(params.token ?? "")?.[1];
  const feed = token ? feedCalendar(token, "bookings") : null;
  if (!feed) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return new Response(renderCalendar(feed), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="maisonnee.ics"',
      "Cache-Control": "private, max-age=300",
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex",
    },
  });
}
