// A print-ready report of the programme (officer): the overview table of the latest complete period, then
// each group's latest submitted narrative — one group per page when printed (@media print in the stylesheet).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OfficerShell } from "~/components/evaluation-officer-shell";
import { PrivacyNote, ShownValue } from "~/components/evaluation-officer-value";
import { requireOfficer } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { scopeForOfficer } from "~/modules/access/scope.server";
import { formatDate, formatPeriod } from "~/modules/core/dates";
import { getOverview, getReport, listGroupReports, parsePeriodKind } from "~/modules/evaluation/officer.server";
import { resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "officer";
export const handle = { i18n: ["evaluation"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const officer = requireOfficer(request, params, context);
  const lang = resolveLang(request, officer.user.locale);
  const periodKind = parsePeriodKind(new URL(request.url).searchParams.get("period"));
  const o = getOverview({ officer, periodKind });
  const narratives = o.rows.map((g) => {
    const latest = listGroupReports({ officer, scope: scopeForOfficer(officer, g.id) })[0];
    if (!latest) return { groupId: g.id, name: g.name, city: g.city, report: null };
    const r = getReport({ officer, reportId: latest.id });
    return {
      groupId: g.id,
      name: g.name,
      city: g.city,
      report: {
        period: formatPeriod(r.report.periodKey, lang),
        revision: r.revision,
        submittedOn: formatDate(r.revision.submittedAt, lang, "Europe/Paris", "long"),
      },
    };
  });
  return {
    programme: officer.programme,
    period: o.period,
    indicators: o.indicators,
    rows: o.rows,
    totals: o.totals,
    narratives,
    printedOn: formatDate(Date.now(), lang, "Europe/Paris", "long"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.programme.name} — Maisonnée` : "Maisonnée" }];

export default function PrintReport() {
  const { t, i18n } = useTranslation("evaluation");
  const d = useLoaderData<typeof loader>();
  return (
    <OfficerShell programme={d.programme}>
      <h1>{t("officer.print_page.title", { programme: d.programme.name })}</h1>
      <p className="muted">
        {d.programme.organisationName} · {t("officer.print_page.printed", { date: d.printedOn })}
      </p>
      <p className="no-print note">{t("officer.print_page.hint")}</p>
      <section>
        <h2 id="print-overview">{t("officer.overview.caption", { period: d.period ? formatPeriod(d.period.key, i18n.language) : "—" })}</h2>
        <div className="table-wrap" role="region" aria-labelledby="print-overview-caption" tabIndex={0}>
          <table>
            <caption id="print-overview-caption" className="visually-hidden">
              {t("officer.overview.caption", { period: d.period ? formatPeriod(d.period.key, i18n.language) : "—" })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("officer.csv.group")}</th>
                {d.indicators.map((k) => (
                  <th key={k} scope="col" className="num">
                    {t(`glossary.${k}.name`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.name}</th>
                  {r.values ? (
                    d.indicators.map((k) => (
                      <td key={k} className="num">
                        <ShownValue indicator={k} shown={r.values![k]} />
                      </td>
                    ))
                  ) : (
                    <td colSpan={d.indicators.length}>{t("officer.narrative_only")}</td>
                  )}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("officer.total")}</th>
                {d.indicators.map((k) => (
                  <td key={k} className="num">
                    {d.totals[k] ? <ShownValue indicator={k} shown={d.totals[k]} /> : null}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
        <PrivacyNote />
      </section>
      {d.narratives.map((n) => (
        <section key={n.groupId} className="print-group print-break" aria-labelledby={`n-${n.groupId}`}>
          <h2 id={`n-${n.groupId}`}>
            {n.name} — {n.city}
          </h2>
          {n.report ? (
            <>
              <p className="muted">{t("officer.print_page.latest", { period: n.report.period, n: n.report.revision.revision, date: n.report.submittedOn })}</p>
              <h3>{t("officer.report.highlights")}</h3>
              <p className="narrative">{n.report.revision.highlights || "—"}</p>
              <h3>{t("officer.report.difficulties")}</h3>
              <p className="narrative">{n.report.revision.difficulties || "—"}</p>
              {n.report.revision.story ? (
                <>
                  <h3>{t("officer.report.story")}</h3>
                  <p className="narrative">{n.report.revision.story}</p>
                </>
              ) : null}
            </>
          ) : (
            <p className="muted">{t("officer.reports.none")}</p>
          )}
        </section>
      ))}
    </OfficerShell>
  );
}

export { ErrorBoundary } from "~/components/evaluation-officer-error";
