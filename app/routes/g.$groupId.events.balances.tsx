// Meal balances (paid as cook minus eaten, closed meals only). Facilitators see every household's by name;
// a resident sees their own household's and the group's totals (issue 16: money is the household's own).
// The total of the balances is always 0,00 € — shown, so that anyone can check it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatEuros } from "~/components/events-home";
import { can, requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { mealBalances } from "~/modules/events/costs.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["bookings", "events"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const t = getT(resolveLang(request, ctx.user.locale));
  const { households, totalCents, totals, seesAll } = mealBalances({ ctx });
  return {
    title: t("events:balances.title"),
    groupId: ctx.groupId,
    myHouseholdId: ctx.householdId,
    households,
    totalCents,
    totals,
    seesAll,
    canManage: can(ctx, "event:manage"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function Balances() {
  const { t, i18n } = useTranslation("events");
  const d = useLoaderData<typeof loader>();
  const eur = (c: number) => formatEuros(c, i18n.language);
  return (
    <>
      <p>
        <Link to={`/g/${d.groupId}/calendar`}>{t("occurrence.back")}</Link>
      </p>
      <h1>{t("balances.title")}</h1>
      <p className="small">{d.seesAll ? t("balances.intro") : t("balances.intro_own")}</p>
      {d.canManage ? (
        <p>
          <Link to={`/g/${d.groupId}/events/settings`}>{t("settings.link")}</Link>
        </p>
      ) : null}
      {d.totals.meals === 0 ? (
        <p className="muted">{t("balances.none")}</p>
      ) : (
        <>
          {!d.seesAll && d.households.length === 0 ? <p className="muted">{t("balances.no_own")}</p> : null}
          <div style={{ overflowX: "auto" }} tabIndex={0} role="region" aria-labelledby="balances-caption">
            <table>
              <caption id="balances-caption">{t("balances.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("balances.household")}</th>
                  <th scope="col">{t("balances.meals")}</th>
                  <th scope="col">{t("balances.paid")}</th>
                  <th scope="col">{t("balances.eaten")}</th>
                  <th scope="col">{t("balances.balance")}</th>
                </tr>
              </thead>
              <tbody>
                {d.households.map((h) => (
                  <tr key={h.householdId}>
                    <th scope="row">{h.householdId === d.myHouseholdId ? <strong>{h.householdName}</strong> : h.householdName}</th>
                    <td>{h.meals}</td>
                    <td>{eur(h.paidCents)}</td>
                    <td>{eur(h.eatenCents)}</td>
                    <td>{eur(h.balanceCents)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                {/* The group's totals: what every member may check, whoever's balances are listed above. */}
                <tr>
                  <th scope="row">{t("balances.group_total_row", { households: t("balances.households_count", { count: d.totals.households }) })}</th>
                  <td>{d.totals.meals}</td>
                  <td>{eur(d.totals.paidCents)}</td>
                  <td>{eur(d.totals.eatenCents)}</td>
                  <td>{eur(d.totalCents)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </>
  );
}
