// A calendar feed of events for the phone's own calendar: /ical/events/<token>.ics — the group's calendar
// or what a household signed up for. The secret token is the credential (calendar apps have no session);
// an unknown or revoked token answers 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { AccessPolicy } from "~/modules/access/policy";
import { feedCalendar } from "~/modules/calendar/feeds.server";
import { renderCalendar } from "~/modules/core/ical";

export const access: AccessPolicy = "public";

export function loader({ params }: LoaderFunctionArgs) {
  const token = /^([A-Za-z0-9_-]{16,128})\.ics$/.exec(params.token ?? "")?.[1];
  const feed = token ? feedCalendar(token, "events") : null;
  if (!feed) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return new Response(renderCalendar(feed), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="maisonnee-evenements.ics"',
      "Cache-Control": "private, max-age=300",
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex",
    },
  });
}
