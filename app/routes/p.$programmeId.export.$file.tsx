// A CSV of one of the programme pages' tables (officer): `/p/:programmeId/export/<table>.csv?<the page's query>`.
// Logged in export_log before it is sent; the same privacy rules as the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOfficer } from "~/modules/access/access.server";
import { NotFoundError } from "~/modules/access/errors";
import type { AccessPolicy } from "~/modules/access/policy";
import { buildExport, logExport } from "~/modules/evaluation/exports.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "officer";

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const officer = requireOfficer(request, params, context);
  const match = /^([a-z]+)\.csv$/.exec(params.file ?? "");
  if (!match) throw new NotFoundError();
  const lang = resolveLang(request, officer.user.locale);
  const file = buildExport({ officer, table: match[1], query: new URL(request.url).searchParams, lang, t: getT(lang) });
  logExport({ officer, what: match[1], filters: file.filters, rowCount: file.rowCount });
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
