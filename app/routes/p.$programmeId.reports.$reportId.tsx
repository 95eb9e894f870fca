// A submitted period report (officer): the facilitator's narrative written for the funder, and the figures
// frozen at submission, through the same privacy rules as the live ones. ?revision=n reads an earlier one.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OfficerShell } from "~/components/evaluation-officer-shell";
import { PrivacyNote, ShownValue } from "~/components/evaluation-officer-value";
import { requireOfficer } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate, formatPeriod } from "~/modules/core/dates";
import { INDICATOR_CATEGORIES, INDICATORS } from "~/modules/evaluation/indicators";
import { getReport } from "~/modules/evaluation/officer.server";
import { resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "officer";
export const handle = { i18n: ["evaluation"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const officer = requireOfficer(request, params, context);
  const lang = resolveLang(request, officer.user.locale);
  const revisionParam = Number(new URL(request.url).searchParams.get("revision"));
  const r = getReport({ officer, reportId: params.reportId ?? "", revision: Number.isInteger(revisionParam) && revisionParam > 0 ? revisionParam : undefined });
  return {
    programme: officer.programme,
    lang,
    ...r,
    submittedOn: formatDate(r.revision.submittedAt, lang, "Europe/Paris", "long"),
    revisions: r.revisions.map((v) => ({ ...v, submittedOn: formatDate(v.submittedAt, lang, "Europe/Paris", "long") })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.group.name} ${formatPeriod(data.report.periodKey, data.lang)} — Maisonnée` : "Maisonnée" },
];

export default function OfficerReport() {
  const { t, i18n } = useTranslation("evaluation");
  const d = useLoaderData<typeof loader>();
  const base = `/p/${d.programme.id}`;
  const values = d.values;
  return (
    <OfficerShell programme={d.programme}>
      <p className="no-print">
        <Link to={`${base}/groups/${d.group.id}`}>{t("officer.back_group", { name: d.group.name })}</Link>
      </p>
      <h1>{t("officer.report.title", { group: d.group.name, period: formatPeriod(d.report.periodKey, i18n.language) })}</h1>
      <p className="muted">
        {t("officer.report.submitted", { n: d.revision.revision, date: d.submittedOn })}
        {d.revision.revision < d.report.currentRevision ? ` — ${t("officer.report.superseded", { n: d.report.currentRevision })}` : null}
      </p>
      {d.revisions.length > 1 ? (
        <nav aria-label={t("officer.report.revisions")} className="no-print">
          <ul className="row" style={{ listStyle: "none", padding: 0 }}>
            {d.revisions.map((v) => (
              <li key={v.revision}>
                {v.revision === d.revision.revision ? (
                  <strong aria-current="page">{t("officer.reports.revision", { n: v.revision, date: v.submittedOn })}</strong>
                ) : (
                  <Link to={`?revision=${v.revision}`}>{t("officer.reports.revision", { n: v.revision, date: v.submittedOn })}</Link>
                )}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {d.revision.correctionNote ? (
        <p className="card">
          <strong>{t("officer.report.correction")}</strong> {d.revision.correctionNote}
        </p>
      ) : null}

      <section aria-labelledby="narrative-title">
        <h2 id="narrative-title">{t("officer.report.narrative")}</h2>
        <h3>{t("officer.report.highlights")}</h3>
        <p className="narrative">{d.revision.highlights || "—"}</p>
        <h3>{t("officer.report.difficulties")}</h3>
        <p className="narrative">{d.revision.difficulties || "—"}</p>
        {d.revision.story ? (
          <>
            <h3>{t("officer.report.story")}</h3>
            <p className="narrative">{d.revision.story}</p>
          </>
        ) : null}
      </section>

      <section aria-labelledby="snapshot-title">
        <h2 id="snapshot-title">{t("officer.report.figures")}</h2>
        {values ? (
          <>
            {INDICATOR_CATEGORIES.map((cat) => {
              const defs = INDICATORS.filter((i) => i.category === cat);
              if (!defs.length) return null;
              return (
                <div key={cat} className="table-wrap" role="region" aria-labelledby={`cat-${cat}`} tabIndex={0} style={{ marginBottom: "1rem" }}>
                  <table>
                    <caption id={`cat-${cat}`}>{t(`officer.categories.${cat}`)}</caption>
                    <tbody>
                      {defs.map((def) => (
                        <tr key={def.key}>
                          <th scope="row">{t(`glossary.${def.key}.name`)}</th>
                          <td className="num">
                            <ShownValue indicator={def.key} shown={values[def.key]} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              );
            })}
            <p className="actions no-print">
              <a className="button secondary" href={`${base}/export/report.csv?report=${d.report.id}&revision=${d.revision.revision}`} download>
                {t("officer.export_csv")}
              </a>
            </p>
            <PrivacyNote />
          </>
        ) : (
          <p className="card">{t("officer.narrative_only")}</p>
        )}
      </section>
    </OfficerShell>
  );
}

export { ErrorBoundary } from "~/components/evaluation-officer-error";
