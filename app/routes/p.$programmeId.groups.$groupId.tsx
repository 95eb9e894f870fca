// A group of the programme (officer): its key indicators over time (a chart and its table each), the age
// bands and exits of the latest period with figures, and its submitted reports with their revisions.
// A group with fewer than 5 households present shows its reports (narrative) only.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LineChartFigure } from "~/components/evaluation-officer-chart";
import { OfficerShell } from "~/components/evaluation-officer-shell";
import { PrivacyNote, ShownValue } from "~/components/evaluation-officer-value";
import { requireOfficer } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { scopeForOfficer } from "~/modules/access/scope.server";
import { formatDate, formatPeriod } from "~/modules/core/dates";
import { getGroupSeries, listGroupReports, parsePeriodKind } from "~/modules/evaluation/officer.server";
import { resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "officer";
export const handle = { i18n: ["evaluation"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const officer = requireOfficer(request, params, context);
  const periodKind = parsePeriodKind(new URL(request.url).searchParams.get("period"));
  const lang = resolveLang(request, officer.user.locale);
  const s = getGroupSeries({ officer, scope: scopeForOfficer(officer, params.groupId ?? ""), periodKind });
  const reportsList = listGroupReports({ officer, scope: scopeForOfficer(officer, s.group.id) }).map((r) => ({
    ...r,
    revisions: r.revisions.map((v) => ({ ...v, submittedOn: formatDate(v.submittedAt, lang, "Europe/Paris", "long") })),
  }));
  return {
    programme: officer.programme,
    periodKind,
    group: s.group,
    periods: s.periods.map((p) => p.key),
    // No figures at all for a group under 5 households: not even the empty series.
    series: s.showsFigures ? s.series : {},
    indicators: s.showsFigures ? s.indicators : [],
    showsFigures: s.showsFigures,
    breakdowns: s.showsFigures ? s.breakdowns : null,
    reports: reportsList,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.group.name} — Maisonnée` : "Maisonnée" }];

export default function OfficerGroup() {
  const { t, i18n } = useTranslation("evaluation");
  const d = useLoaderData<typeof loader>();
  const base = `/p/${d.programme.id}`;
  return (
    <OfficerShell programme={d.programme}>
      <p className="no-print">
        <Link to={`${base}?period=${d.periodKind}`}>{t("officer.back_overview")}</Link>
      </p>
      <h1>{d.group.name}</h1>
      <p className="muted">
        {d.group.city} ({d.group.postcode}) · {t(`common:group_kinds.${d.group.kind}`)}
      </p>

      <section aria-labelledby="reports-title">
        <h2 id="reports-title">{t("officer.reports.title")}</h2>
        {d.reports.length ? (
          <ul className="list">
            {d.reports.map((r) => (
              <li key={r.id}>
                <Link to={`${base}/reports/${r.id}`}>
                  <strong>{t("officer.reports.period", { period: formatPeriod(r.periodKey, i18n.language) })}</strong>
                </Link>
                <ul className="small">
                  {r.revisions.map((v) => (
                    <li key={v.revision}>
                      <Link to={`${base}/reports/${r.id}?revision=${v.revision}`}>{t("officer.reports.revision", { n: v.revision, date: v.submittedOn })}</Link>
                      {v.correctionNote ? ` — ${v.correctionNote}` : null}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("officer.reports.none")}</p>
        )}
      </section>

      <section aria-labelledby="figures-title">
        <h2 id="figures-title">{t("officer.group.figures")}</h2>
        {!d.showsFigures ? (
          <p className="card">{t("officer.narrative_only")}</p>
        ) : (
          <>
            <Form method="get" className="search no-print">
              <div className="field">
                <label htmlFor="period">{t("officer.period_kind.label")}</label>
                <select id="period" name="period" defaultValue={d.periodKind}>
                  {(["month", "quarter", "year"] as const).map((k) => (
                    <option key={k} value={k}>
                      {t(`officer.period_kind.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit">{t("officer.show")}</button>
            </Form>
            <p className="actions no-print">
              <a className="button secondary" href={`${base}/export/group.csv?group=${d.group.id}&period=${d.periodKind}`} download>
                {t("officer.export_csv")}
              </a>
              <a className="button secondary" href={`${base}/export/group.csv?group=${d.group.id}&period=${d.periodKind}&all=1`} download>
                {t("officer.export_csv_all")}
              </a>
            </p>
            {d.indicators.map((k) => (
              <section key={k} aria-labelledby={`h-${k}`}>
                <h3 id={`h-${k}`}>{t(`glossary.${k}.name`)}</h3>
                <p className="note">{t(`glossary.${k}.definition`)}</p>
                <LineChartFigure
                  id={`chart-${k}`}
                  title={t("officer.chart.caption", { indicator: t(`glossary.${k}.name`), group: d.group.name })}
                  indicator={k}
                  periods={d.periods}
                  series={[{ label: d.group.name, values: d.series[k].map((p) => p.value) }]}
                />
              </section>
            ))}
            {d.breakdowns ? (
              <>
                <Breakdown
                  id="ages"
                  title={t("officer.group.ages", { period: formatPeriod(d.breakdowns.period, i18n.language) })}
                  data={d.breakdowns.ageBands}
                />
                <Breakdown
                  id="exits"
                  title={t("officer.group.exits", { period: formatPeriod(d.breakdowns.period, i18n.language) })}
                  data={d.breakdowns.exits}
                />
              </>
            ) : null}
            <PrivacyNote />
          </>
        )}
      </section>
    </OfficerShell>
  );
}

function Breakdown({
  id,
  title,
  data,
}: {
  id: string;
  title: string;
  data: { keys: string[]; parts: import("~/modules/evaluation/privacy").Shown[]; total: import("~/modules/evaluation/privacy").Shown };
}) {
  const { t } = useTranslation("evaluation");
  return (
    <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0} style={{ marginBottom: "1rem" }}>
      <table>
        <caption id={`${id}-caption`}>{title}</caption>
        <tbody>
          {data.keys.map((k, i) => (
            <tr key={k}>
              <th scope="row">{t(`glossary.${k}.name`)}</th>
              <td className="num">
                <ShownValue indicator={k} shown={data.parts[i]} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("officer.total")}</th>
            <td className="num">
              <ShownValue indicator={data.keys[0]} shown={data.total} />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export { ErrorBoundary } from "~/components/evaluation-officer-error";
