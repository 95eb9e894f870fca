// "Échange de savoirs et de services": the group's offers and requests, filtered by kind, category and
// words (a GET form: works without JavaScript), what is new this week, my exchanges and my balance.
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EXCHANGE_CATEGORIES, EXCHANGE_POST_KINDS } from "~db/schema/enums";
import { can, requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { getExchangeHome, listMyExchanges } from "~/modules/exchange/exchanges.server";
import { listPosts, type PostListItem } from "~/modules/exchange/posts.server";
import { formatMinutes } from "~/modules/exchange/rules";
import { PostFilterSchema } from "~/modules/exchange/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
// A pure read: kept and served again until the data it shows changes (page-cache.server.ts).
export const handle = { pageCache: true, i18n: ["exchange"] };

const postRow = (p: PostListItem) => ({
  id: p.id,
  kind: p.kind,
  title: p.title,
  category: p.category,
  availability: p.availability,
  householdName: p.householdName,
  personFirstName: p.personFirstName,
});

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const url = new URL(request.url);
  const filter = PostFilterSchema.parse({
    kind: url.searchParams.get("kind") || undefined,
    category: url.searchParams.get("category") || undefined,
    q: url.searchParams.get("q") || undefined,
  });
  const home = getExchangeHome({ ctx });
  return {
    title: getT(resolveLang(request, ctx.user.locale))("exchange:title"),
    groupId: ctx.groupId,
    canSettle: can(ctx, "exchange:settle"),
    filter: { kind: filter.kind ?? "", category: filter.category ?? "", q: filter.q ?? "" },
    posts: listPosts({ ctx, ...filter }).map(postRow),
    newThisWeek: home.newThisWeek.map(postRow),
    myBalance: home.myBalance,
    mine: listMyExchanges({ ctx, openOnly: true }).map((e) => ({
      id: e.id,
      postTitle: e.postTitle,
      status: e.status,
      side: e.side,
      other: e.side === "giver" ? e.receiverName : e.giverName,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

function PostList({ posts, base }: { posts: ReturnType<typeof postRow>[]; base: string }) {
  const { t } = useTranslation("exchange");
  return (
    <ul className="list">
      {posts.map((p) => (
        <li key={p.id}>
          <p style={{ margin: 0 }}>
            <span className="tag">{t(`kinds.${p.kind}`)}</span> <Link to={`${base}/posts/${p.id}`}>{p.title}</Link>
          </p>
          <p className="small" style={{ margin: "0.25rem 0 0" }}>
            {t(`categories.${p.category}`)} · {p.personFirstName ? t("posted_by", { name: p.personFirstName, household: p.householdName }) : p.householdName}
          </p>
        </li>
      ))}
    </ul>
  );
}

export default function ExchangeIndex() {
  const { t } = useTranslation("exchange");
  const d = useLoaderData<typeof loader>();
  const base = `/g/${d.groupId}/exchange`;
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <div className="actions">
        <Link className="button" to={`${base}/new`}>
          {t("new_post")}
        </Link>
        <Link className="button secondary" to={`${base}/balances`}>
          {t("time_bank")}
        </Link>
        <Link className="button secondary" to={`${base}/generations`}>
          {t("generations.link")}
        </Link>
        {d.canSettle ? (
          <Link className="button secondary" to={`${base}/settings`}>
            {t("settings.link")}
          </Link>
        ) : null}
      </div>
      {d.myBalance != null ? (
        <p>
          {t("balances.balance")} : <strong>{formatMinutes(d.myBalance)}</strong>
        </p>
      ) : null}

      <section aria-labelledby="my-exchanges">
        <h2 id="my-exchanges">{t("my_exchanges")}</h2>
        {d.mine.length ? (
          <ul className="list">
            {d.mine.map((e) => (
              <li key={e.id}>
                <Link to={`${base}/${e.id}`}>{e.postTitle}</Link>
                <p className="small" style={{ margin: "0.25rem 0 0" }}>
                  {e.side ? t(`sides.${e.side}`) : ""} · {e.other} · {t(`statuses.${e.status}`)}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("no_exchanges")}</p>
        )}
      </section>

      {d.newThisWeek.length ? (
        <section aria-labelledby="new-this-week">
          <h2 id="new-this-week">{t("new_this_week")}</h2>
          <PostList posts={d.newThisWeek} base={base} />
        </section>
      ) : null}

      <section aria-labelledby="posts">
        <h2 id="posts">{t("filters.legend")}</h2>
        <Form method="get" className="stack" role="search" aria-labelledby="posts">
          <div className="field">
            <label htmlFor="filter-kind">{t("filters.kind")}</label>
            <select id="filter-kind" name="kind" defaultValue={d.filter.kind}>
              <option value="">{t("filters.all")}</option>
              {EXCHANGE_POST_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-category">{t("filters.category")}</label>
            <select id="filter-category" name="category" defaultValue={d.filter.category}>
              <option value="">{t("filters.all")}</option>
              {EXCHANGE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`categories.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-q">{t("filters.q")}</label>
            <input id="filter-q" name="q" type="search" defaultValue={d.filter.q} />
          </div>
          <div className="actions">
            <button type="submit">{t("filters.apply")}</button>
          </div>
        </Form>
        {d.posts.length ? <PostList posts={d.posts} base={base} /> : <p className="muted">{t("no_posts")}</p>}
      </section>
    </>
  );
}
