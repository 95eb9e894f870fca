// The intergenerational view (every member): hours exchanged over the last 12 months by age band of the
// giver × age band of the receiver (from the birth years of the two persons), and the share of hours
// exchanged between different generations. Read from exchangeFigures, the same figures as evaluation.
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDay, todayIn } from "~/modules/core/dates";
import { exchangeFigures } from "~/modules/exchange/figures.server";
import { AGE_BANDS, formatMinutes, type AgeBand } from "~/modules/exchange/rules";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["exchange"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const to = todayIn(ctx.group.timeZone);
  // The current month and the 11 before it, from their first day.
  const [y, m] = to.split("-").map(Number);
  const start = new Date(Date.UTC(y, m - 1 - 11, 1));
  const from = `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, "0")}-01`;
  const figures = exchangeFigures({ scope: ctx, from, to });
  const cells: Record<string, number> = {};
  let total = 0;
  let between = 0;
  for (const month of figures.months) {
    for (const p of month.byAgeBand) {
      const key = `${p.giver}|${p.receiver}`;
      cells[key] = (cells[key] ?? 0) + p.minutes;
      total += p.minutes;
      if (p.giver !== "unknown" && p.receiver !== "unknown" && p.giver !== p.receiver) between += p.minutes;
    }
  }
  // "Age not given" gets a row and a column only when some hours have it.
  const bands: AgeBand[] = AGE_BANDS.filter((b) => b !== "unknown" || Object.entries(cells).some(([k, v]) => v > 0 && k.split("|").includes("unknown")));
  return {
    title: getT(resolveLang(request, ctx.user.locale))("exchange:generations.title"),
    groupId: ctx.groupId,
    from,
    to,
    bands,
    cells,
    total,
    between,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function Generations() {
  const { t, i18n } = useTranslation("exchange");
  const d = useLoaderData<typeof loader>();
  const base = `/g/${d.groupId}/exchange`;
  const cell = (giver: AgeBand, receiver: AgeBand) => d.cells[`${giver}|${receiver}`] ?? 0;
  const rowTotal = (giver: AgeBand) => d.bands.reduce((s, r) => s + cell(giver, r), 0);
  const colTotal = (receiver: AgeBand) => d.bands.reduce((s, g) => s + cell(g, receiver), 0);
  return (
    <>
      <p>
        <Link to={base}>{t("title")}</Link>
      </p>
      <h1>{t("generations.title")}</h1>
      <p className="muted">{t("generations.intro")}</p>
      <p>{t("generations.period", { from: formatDay(d.from, i18n.language), to: formatDay(d.to, i18n.language) })}</p>
      {d.total > 0 ? (
        <>
          <p>
            {t("generations.share", {
              share: Math.round((d.between / d.total) * 100),
              between: formatMinutes(d.between),
              total: formatMinutes(d.total),
            })}
          </p>
          <div style={{ overflowX: "auto" }} tabIndex={0} role="region" aria-labelledby="generations-caption">
            <table>
              <caption id="generations-caption">{t("generations.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("generations.giver_receiver")}</th>
                  {d.bands.map((b) => (
                    <th key={b} scope="col">
                      {t(`bands.${b}`)}
                    </th>
                  ))}
                  <th scope="col">{t("generations.total")}</th>
                </tr>
              </thead>
              <tbody>
                {d.bands.map((g) => (
                  <tr key={g}>
                    <th scope="row">{t(`bands.${g}`)}</th>
                    {d.bands.map((r) => (
                      <td key={r}>{formatMinutes(cell(g, r))}</td>
                    ))}
                    <td>{formatMinutes(rowTotal(g))}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("generations.total")}</th>
                  {d.bands.map((r) => (
                    <td key={r}>{formatMinutes(colTotal(r))}</td>
                  ))}
                  <td>{formatMinutes(d.total)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      ) : (
        <p className="muted">{t("generations.no_data")}</p>
      )}
    </>
  );
}
