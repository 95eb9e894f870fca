// The time bank: every household's balance (flagged below the group's minimum, never blocked), and the
// history of my household (a facilitator picks any household with ?household=).
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDay } from "~/modules/core/dates";
import { balances, history } from "~/modules/exchange/time-bank.server";
import { formatMinutes } from "~/modules/exchange/rules";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["exchange"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const { balances: rows, minBalanceMinutes } = balances({ ctx });
  const asked = new URL(request.url).searchParams.get("household");
  const householdId = asked && can(ctx, "exchange:settle") ? asked : ctx.householdId;
  const h = householdId ? history({ ctx, householdId }) : null;
  return {
    title: getT(resolveLang(request, ctx.user.locale))("exchange:balances.title"),
    groupId: ctx.groupId,
    canSeeAll: can(ctx, "exchange:settle"),
    minBalanceMinutes,
    balances: rows,
    history: h ? { householdName: h.householdName, lines: h.lines } : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function Balances() {
  const { t, i18n } = useTranslation("exchange");
  const d = useLoaderData<typeof loader>();
  const base = `/g/${d.groupId}/exchange`;
  return (
    <>
      <p>
        <Link to={base}>{t("title")}</Link>
        {d.canSeeAll ? (
          <>
            {" · "}
            <Link to={`${base}/settings`}>{t("settings.link")}</Link>
          </>
        ) : null}
      </p>
      <h1>{t("balances.title")}</h1>
      <p className="muted">{t("balances.minimum", { value: formatMinutes(d.minBalanceMinutes) })}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("balances.household")}</th>
            <th scope="col">{t("balances.balance")}</th>
          </tr>
        </thead>
        <tbody>
          {d.balances.map((b) => (
            <tr key={b.householdId}>
              <th scope="row">{d.canSeeAll ? <Link to={`?household=${b.householdId}`}>{b.householdName}</Link> : b.householdName}</th>
              <td>
                {formatMinutes(b.minutes)}
                {b.belowMinimum && d.canSeeAll ? <span className="tag badge-warn"> {t("balances.below")}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {d.history ? (
        <section aria-labelledby="history">
          <h2 id="history">
            {t("balances.history")} — {d.history.householdName}
          </h2>
          {d.history.lines.length ? (
            <ul className="list">
              {d.history.lines.map((l) => (
                <li key={l.exchangeId}>
                  <Link to={`${base}/${l.exchangeId}`}>{l.postTitle}</Link>
                  <p className="small" style={{ margin: "0.25rem 0 0" }}>
                    {l.agreedDate ? formatDay(l.agreedDate, i18n.language) : ""} · {l.otherHouseholdName} ·{" "}
                    <strong>{l.minutes > 0 ? `+${formatMinutes(l.minutes)}` : formatMinutes(l.minutes)}</strong>
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("no_exchanges")}</p>
          )}
        </section>
      ) : null}
    </>
  );
}
