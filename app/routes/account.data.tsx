// The person's own data as a JSON download (a resource route: no page). No id in the URL: only one's own.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { exportPersonalData } from "~/modules/account/personal-data.server";
import { readablePersonalData } from "~/modules/account/readable-export";
import { todayIn } from "~/modules/core/dates";
import { resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "authenticated";

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  // Read in the person's language: French keys and written-out dates in French (issue 17).
  const data = readablePersonalData(exportPersonalData({ userId: user.id }), resolveLang(request, user.locale));
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="maisonnee-mes-donnees-${todayIn("Europe/Paris")}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
