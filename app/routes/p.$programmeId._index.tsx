// Programme overview (officer): groups × key indicators for the latest complete period, with the trend
// against the period before, a search over the groups (GET form: works without JavaScript), totals of the
// person counts, and the CSV of the same table. Figures arrive already protected (officer.server.ts).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OfficerShell } from "~/components/evaluation-officer-shell";
import { PrivacyNote, ShownValue, TrendMark } from "~/components/evaluation-officer-value";
import { requireOfficer } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDayRange, formatPeriod } from "~/modules/core/dates";
import { getOverview, parsePeriodKind } from "~/modules/evaluation/officer.server";
import { GROUP_KINDS } from "~db/schema/enums";

export const access: AccessPolicy = "officer";
// A pure read: kept and served again until the data it shows changes (page-cache.server.ts).
export const handle = { pageCache: true, i18n: ["evaluation"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const officer = requireOfficer(request, params, context);
  const url = new URL(request.url);
  const periodKind = parsePeriodKind(url.searchParams.get("period"));
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const kindParam = url.searchParams.get("kind") ?? "";
  const kind = (GROUP_KINDS as readonly string[]).includes(kindParam) ? kindParam : "";
  const overview = getOverview({ officer, periodKind, q, kind });
  // A national programme holds hundreds of groups: a page of them at a time, the totals over all (a phone
  // should not receive a table of every group; the CSV and the print view hold them all).
  const pages = Math.max(1, Math.ceil(overview.rows.length / PAGE_SIZE));
  const raw = Number(url.searchParams.get("page") ?? "1");
  const page = Number.isInteger(raw) && raw >= 1 && raw <= pages ? raw : 1;
  const first = (page - 1) * PAGE_SIZE;
  return {
    programme: officer.programme,
    periodKind,
    q,
    kind,
    ...overview,
    periods: undefined,
    rows: overview.rows.slice(first, first + PAGE_SIZE),
    paging: { page, pages, from: first + 1, to: Math.min(first + PAGE_SIZE, overview.rows.length), total: overview.rows.length },
  };
}

const PAGE_SIZE = 50;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.programme.name} — Maisonnée` : "Maisonnée" }];

export default function ProgrammeOverview() {
  const { t, i18n } = useTranslation("evaluation");
  const lang = i18n.language;
  const d = useLoaderData<typeof loader>();
  const base = `/p/${d.programme.id}`;
  const exportQuery = new URLSearchParams({ period: d.periodKind, ...(d.q ? { q: d.q } : {}), ...(d.kind ? { kind: d.kind } : {}) });
  return (
    <OfficerShell programme={d.programme}>
      <h1>{d.programme.name}</h1>
      <p className="muted">{d.programme.description}</p>

      <Form method="get" className="search card" role="search" aria-label={t("officer.search.label")}>
        <div className="field">
          <label htmlFor="q">{t("officer.search.q")}</label>
          <input id="q" name="q" type="search" defaultValue={d.q} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="kind">{t("officer.search.kind")}</label>
          <select id="kind" name="kind" defaultValue={d.kind}>
            <option value="">{t("officer.search.any_kind")}</option>
            {GROUP_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`common:group_kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
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
        <button type="submit">{t("officer.search.submit")}</button>
      </Form>

      <h2>{t("officer.overview.title")}</h2>
      {d.period ? (
        <p>
          {t("officer.overview.period", { period: formatPeriod(d.period.key, lang), ...formatDayRange(d.period.from, d.period.to, lang) })}
          {d.previous ? ` ${t("officer.overview.versus", { period: formatPeriod(d.previous.key, lang) })}` : null}
        </p>
      ) : (
        <p className="muted">{t("officer.overview.no_period")}</p>
      )}
      {d.rows.length === 0 ? (
        <p className="muted">{t("officer.search.no_result")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="overview-caption" tabIndex={0}>
          <table>
            <caption id="overview-caption">{t("officer.overview.caption", { period: d.period ? formatPeriod(d.period.key, lang) : "—" })}</caption>
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
                  <th scope="row">
                    <Link to={`${base}/groups/${r.id}?period=${d.periodKind}`}>{r.name}</Link>
                    <div className="small muted">
                      {r.city} · {t(`common:group_kinds.${r.kind}`)}
                    </div>
                  </th>
                  {r.values ? (
                    d.indicators.map((k) => (
                      <td key={k} className="num">
                        <ShownValue indicator={k} shown={r.values![k]} />
                        <TrendMark trend={r.trends[k]} />
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
      )}
      {d.paging.pages > 1 ? (
        <nav aria-label={t("officer.overview.pagination")} className="spread" style={{ marginTop: "1rem" }}>
          {d.paging.page > 1 ? (
            <Link className="button secondary" to={`${base}?${new URLSearchParams({ ...Object.fromEntries(exportQuery), page: String(d.paging.page - 1) })}`}>
              {t("officer.overview.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span className="small muted">{t("officer.overview.shown", { from: d.paging.from, to: d.paging.to, total: d.paging.total })}</span>
          {d.paging.page < d.paging.pages ? (
            <Link className="button secondary" to={`${base}?${new URLSearchParams({ ...Object.fromEntries(exportQuery), page: String(d.paging.page + 1) })}`}>
              {t("officer.overview.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
      <p className="actions no-print" style={{ marginTop: "1rem" }}>
        <a className="button secondary" href={`${base}/export/overview.csv?${exportQuery}`} download>
          {t("officer.export_csv")}
        </a>
        <Link className="button secondary" to={`${base}/compare`}>
          {t("officer.nav.compare")}
        </Link>
      </p>
      <PrivacyNote />
      <details>
        <summary>{t("officer.glossary")}</summary>
        <dl>
          {d.indicators.map((k) => (
            <div key={k}>
              <dt>
                <strong>{t(`glossary.${k}.name`)}</strong>
              </dt>
              <dd>{t(`glossary.${k}.definition`)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </OfficerShell>
  );
}

export { ErrorBoundary } from "~/components/evaluation-officer-error";
