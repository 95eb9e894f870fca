// Comparison of 2 to 6 groups of the programme on a set of indicators, over time (officer): a GET form of
// checkboxes (works without JavaScript), then per indicator a chart with one line per group and its table.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LineChartFigure } from "~/components/evaluation-officer-chart";
import { OfficerShell } from "~/components/evaluation-officer-shell";
import { PrivacyNote } from "~/components/evaluation-officer-value";
import { requireOfficer } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { HEADLINE_INDICATORS, INDICATORS } from "~/modules/evaluation/indicators";
import { getComparison, MAX_COMPARED, parsePeriodKind } from "~/modules/evaluation/officer.server";
import { SHOWN_NONE } from "~/modules/evaluation/privacy";

export const access: AccessPolicy = "officer";
export const handle = { i18n: ["evaluation"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const officer = requireOfficer(request, params, context);
  const url = new URL(request.url);
  const periodKind = parsePeriodKind(url.searchParams.get("period"));
  const submitted = url.searchParams.has("groups") || url.searchParams.has("indicators");
  const keys = submitted ? url.searchParams.getAll("indicators") : HEADLINE_INDICATORS.slice(0, 3);
  const c = getComparison({ officer, groupIds: url.searchParams.getAll("groups"), keys, periodKind });
  const tooMany = url.searchParams.getAll("groups").length > MAX_COMPARED;
  return {
    programme: officer.programme,
    maxCompared: MAX_COMPARED,
    periodKind,
    submitted,
    tooMany,
    groups: c.all.map((g) => ({ id: g.id, name: g.name, city: g.city })),
    chosen: c.chosen.map((g) => g.id),
    indicators: c.indicators,
    periods: c.periods.map((p) => p.key),
    ready: c.ready,
    // Per indicator, per group: the shown values over the periods ("narrative only" groups: none).
    series: c.ready
      ? c.indicators.map((k) => ({
          key: k,
          lines: c.byGroup.map((g) => ({ label: g.group.name, values: g.values.map((v) => (v ? (v[k] ?? SHOWN_NONE) : SHOWN_NONE)) })),
        }))
      : [],
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.programme.name} — Maisonnée` : "Maisonnée" }];

export default function Compare() {
  const { t } = useTranslation("evaluation");
  const d = useLoaderData<typeof loader>();
  const base = `/p/${d.programme.id}`;
  const exportQuery = new URLSearchParams([["period", d.periodKind], ...d.chosen.map((g) => ["groups", g]), ...d.indicators.map((k) => ["indicators", k])]);
  return (
    <OfficerShell programme={d.programme}>
      <h1>{t("officer.compare.title")}</h1>
      <Form method="get" className="card stack" style={{ maxWidth: "none" }}>
        <fieldset>
          <legend>{t("officer.compare.groups", { max: d.maxCompared })}</legend>
          <div className="checks">
            {d.groups.map((g) => (
              <label key={g.id} className="check">
                <input type="checkbox" name="groups" value={g.id} defaultChecked={d.chosen.includes(g.id)} />
                {g.name} ({g.city})
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("officer.compare.indicators")}</legend>
          <div className="checks">
            {INDICATORS.filter(
              (i) => (HEADLINE_INDICATORS as readonly string[]).includes(i.key) || i.category === "participation" || i.category === "households",
            ).map((i) => (
              <label key={i.key} className="check">
                <input type="checkbox" name="indicators" value={i.key} defaultChecked={d.indicators.includes(i.key)} />
                {t(`glossary.${i.key}.name`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field" style={{ maxWidth: "16rem" }}>
          <label htmlFor="period">{t("officer.period_kind.label")}</label>
          <select id="period" name="period" defaultValue={d.periodKind}>
            {(["month", "quarter", "year"] as const).map((k) => (
              <option key={k} value={k}>
                {t(`officer.period_kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">{t("officer.compare.submit")}</button>
        </div>
      </Form>
      {d.tooMany ? <p className="form-errors">{t("officer.compare.too_many", { max: d.maxCompared })}</p> : null}
      {!d.ready ? (
        <p className="muted">{t("officer.compare.choose")}</p>
      ) : (
        <>
          <p className="actions no-print">
            <a className="button secondary" href={`${base}/export/compare.csv?${exportQuery}`} download>
              {t("officer.export_csv")}
            </a>
          </p>
          {d.series.map((s) => (
            <section key={s.key} aria-labelledby={`h-${s.key}`}>
              <h2 id={`h-${s.key}`}>{t(`glossary.${s.key}.name`)}</h2>
              <LineChartFigure
                id={`chart-${s.key}`}
                title={t("officer.compare.caption", { indicator: t(`glossary.${s.key}.name`) })}
                indicator={s.key}
                periods={d.periods}
                series={s.lines}
              />
            </section>
          ))}
          <PrivacyNote />
        </>
      )}
    </OfficerShell>
  );
}

export { ErrorBoundary } from "~/components/evaluation-officer-error";
