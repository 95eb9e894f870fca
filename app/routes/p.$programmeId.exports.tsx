// The export log of the programme (officer): every CSV downloaded — who, what, with which filters, when.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OfficerShell } from "~/components/evaluation-officer-shell";
import { requireOfficer } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDateTime } from "~/modules/core/dates";
import { formatFilters, listExportLog } from "~/modules/evaluation/exports.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "officer";
export const handle = { i18n: ["evaluation"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const officer = requireOfficer(request, params, context);
  const lang = resolveLang(request, officer.user.locale);
  const t = getT(lang);
  return {
    programme: officer.programme,
    log: listExportLog({ officer }).map((e) => ({
      id: e.id,
      who: e.who,
      what: e.what,
      filters: formatFilters(e.filters, { officer, t, lang }),
      rowCount: e.rowCount,
      when: formatDateTime(e.at, lang, "Europe/Paris"),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.programme.name} — Maisonnée` : "Maisonnée" }];

export default function ExportLog() {
  const { t } = useTranslation("evaluation");
  const d = useLoaderData<typeof loader>();
  return (
    <OfficerShell programme={d.programme}>
      <h1>{t("officer.exports.title")}</h1>
      <p className="muted">{t("officer.exports.intro")}</p>
      {d.log.length ? (
        <div className="table-wrap" role="region" aria-labelledby="log-caption" tabIndex={0}>
          <table>
            <caption id="log-caption">{t("officer.exports.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("officer.exports.when")}</th>
                <th scope="col">{t("officer.exports.who")}</th>
                <th scope="col">{t("officer.exports.what")}</th>
                <th scope="col">{t("officer.exports.filters")}</th>
                <th scope="col" className="num">
                  {t("officer.exports.rows")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.log.map((e) => (
                <tr key={e.id}>
                  <td>{e.when}</td>
                  <td>{e.who}</td>
                  <td>{t(`officer.exports.tables.${e.what}`, { defaultValue: e.what })}</td>
                  <td className="small">{e.filters || "—"}</td>
                  <td className="num">{e.rowCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("officer.exports.none")}</p>
      )}
      <p className="actions no-print" style={{ marginTop: "1rem" }}>
        <a className="button secondary" href={`/p/${d.programme.id}/export/exports.csv`} download>
          {t("officer.export_csv")}
        </a>
      </p>
    </OfficerShell>
  );
}

export { ErrorBoundary } from "~/components/evaluation-officer-error";
