// Shared pieces of the group's evaluation pages: the section links, the indicator tables by category
// (value, data status, link to the definition), and the formatting of a value by its unit.
import { Link, NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { INDICATORS, INDICATOR_CATEGORIES, type IndicatorKey, type IndicatorUnit } from "~/modules/evaluation/indicators";
import { numberFormat } from "~/modules/core/numbers";

type T = (key: string, options?: Record<string, unknown>) => string;

function formatIndicatorValue(value: number | null, unit: IndicatorUnit, t: T, lang: string): string {
  if (value == null) return t("evaluation:group.no_data");
  const locale = lang === "en" ? "en-GB" : lang;
  switch (unit) {
    case "percent":
      return numberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value);
    case "euros":
      return numberFormat(locale, { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(value);
    case "days":
    case "hours":
    case "nights":
    case "score":
      return t(`evaluation:group.units.${unit}`, { value: numberFormat(locale, { maximumFractionDigits: unit === "score" ? 2 : 1 }).format(value) });
    default:
      return numberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  }
}

export function EvaluationNav({ groupId, canManage }: { groupId: string; canManage: boolean }) {
  const { t } = useTranslation("evaluation");
  const base = `/g/${groupId}/evaluation`;
  const links = canManage
    ? [
        { to: base, key: "indicators", end: true },
        { to: `${base}/surveys`, key: "surveys" },
        { to: `${base}/funding`, key: "funding" },
        { to: `${base}/glossary`, key: "glossary" },
      ]
    : [{ to: `${base}/glossary`, key: "glossary" }];
  return (
    <nav aria-label={t("group.sections")} className="no-print">
      <ul className="actions" style={{ listStyle: "none", padding: 0 }}>
        {links.map((l) => (
          <li key={l.key}>
            <NavLink to={l.to} end={l.end} prefetch="intent">
              {t(`group.links.${l.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export type IndicatorsView = {
  values: Record<string, number | null>;
  completeness: { key: string; status: "ok" | "no_data" | "partial" }[];
};

/** One table per category: indicator (linked to its definition), value ("no data", or marked partial). */
export function IndicatorTables({
  data,
  groupId,
  headingLevel = 2,
  idPrefix = "cat",
}: {
  data: IndicatorsView;
  groupId: string;
  headingLevel?: 2 | 3;
  idPrefix?: string;
}) {
  const { t, i18n } = useTranslation("evaluation");
  const status = new Map(data.completeness.map((c) => [c.key, c.status]));
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <>
      {INDICATOR_CATEGORIES.map((cat) => {
        const defs = INDICATORS.filter((i) => i.category === cat);
        const id = `${idPrefix}-${cat}`;
        return (
          <section key={cat} aria-labelledby={id}>
            <H id={id}>{t(`group.categories.${cat}`)}</H>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("group.indicator")}</th>
                    <th scope="col">{t("group.value")}</th>
                  </tr>
                </thead>
                <tbody>
                  {defs.map((d) => {
                    const s = status.get(d.key) ?? "no_data";
                    return (
                      <tr key={d.key}>
                        <th scope="row">
                          <Link to={`/g/${groupId}/evaluation/glossary#${d.key}`}>{t(`glossary.${d.key}.name`)}</Link>
                        </th>
                        <td className="num">
                          {s === "no_data" ? (
                            <span className="muted">{t("group.no_data")}</span>
                          ) : (
                            formatIndicatorValue(data.values[d.key as IndicatorKey] ?? null, d.unit, t as T, i18n.language)
                          )}
                          {s === "partial" ? (
                            <>
                              <br />
                              <span className="tag badge-warn small">{t("group.status.partial")}</span>
                            </>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </>
  );
}
