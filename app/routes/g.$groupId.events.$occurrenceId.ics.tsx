// One date as an .ics file, to add it to the phone's calendar (a resource route: no page).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { renderEventIcs } from "~/modules/calendar/feeds.server";

export const access: AccessPolicy = "member";

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const ics = renderEventIcs({ ctx, occurrenceId: params.occurrenceId ?? "" });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="evenement.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
