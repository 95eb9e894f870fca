// Home's skill-exchange section: what is new this week, my open exchanges, my time-bank balance.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { getExchangeHome } from "~/modules/exchange/exchanges.server";
import { formatMinutes } from "~/modules/exchange/rules";

export function ExchangeHomeSection({ data, groupId }: { data: ReturnType<typeof getExchangeHome>; groupId: string }) {
  const { t } = useTranslation("exchange");
  const base = `/g/${groupId}/exchange`;
  return (
    <section className="card" aria-labelledby="home-exchange">
      <h2 id="home-exchange">{t("home.title")}</h2>
      {data.myOpenExchanges.length ? (
        <>
          <h3>{t("my_exchanges")}</h3>
          <ul className="list">
            {data.myOpenExchanges.slice(0, 3).map((x) => (
              <li key={x.id}>
                <Link to={`${base}/${x.id}`}>{x.postTitle}</Link> <span className="tag">{t(`statuses.${x.status}`)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t("new_this_week")}</h3>
      {data.newThisWeek.length ? (
        <ul className="list">
          {data.newThisWeek.slice(0, 3).map((p) => (
            <li key={p.id}>
              <span className="tag">{t(`kinds.${p.kind}`)}</span> <Link to={`${base}/posts/${p.id}`}>{p.title}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("no_posts")}</p>
      )}
      {data.myBalance !== null ? <p>{t("home.balance", { value: formatMinutes(data.myBalance) })}</p> : null}
      <div className="actions">
        <Link className="button secondary" to={base}>
          {t("home.see_all")}
        </Link>
      </div>
    </section>
  );
}
