// The access log of support records: who read which household's file, and when. The support lead only
// (another support worker: 403; anyone else: 404 like every support page).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SupportMenu } from "~/components/support-ui";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDateTime } from "~/modules/core/dates";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { listAccessLog } from "~/modules/support/access-log.server";
import { requireSupportWorker } from "~/modules/support/access.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["support"] };

const PAGE_SIZE = 50;

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  const raw = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const page = Number.isInteger(raw) && raw >= 1 && raw <= 100_000 ? raw : 1;
  const rows = listAccessLog({ ctx, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
  return {
    title: getT(resolveLang(request, ctx.user.locale))("support:log.title"),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    page,
    hasNext: rows.length > PAGE_SIZE,
    entries: rows.slice(0, PAGE_SIZE),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function AccessLog() {
  const { t, i18n } = useTranslation("support");
  const { groupId, timeZone, page, hasNext, entries } = useLoaderData<typeof loader>();
  const here = `/g/${groupId}/support/log`;
  return (
    <>
      <h1>{t("log.title")}</h1>
      <SupportMenu groupId={groupId} lead />
      <p className="muted">{t("log.intro")}</p>
      {entries.length ? (
        <ol className="list">
          {entries.map((e) => (
            <li key={e.id}>
              <p className="small muted" style={{ margin: 0 }}>
                <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, i18n.language, timeZone)}</time>
              </p>
              <p style={{ margin: "0.15rem 0 0" }}>{t("log.entry", { who: e.userName ?? t("log.someone"), what: t(`what.${e.what}`) })}</p>
              {e.householdName ? (
                <p className="small" style={{ margin: "0.15rem 0 0" }}>
                  {t("log.household", { name: e.householdName })}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t("log.empty")}</p>
      )}
      {page > 1 || hasNext ? (
        <nav aria-label={t("log.pagination")} className="spread" style={{ marginTop: "1rem" }}>
          {page > 1 ? (
            <Link className="button secondary" to={page === 2 ? here : `${here}?page=${page - 1}`}>
              {t("log.newer")}
            </Link>
          ) : (
            <span />
          )}
          <span className="small muted">{t("log.page", { page })}</span>
          {hasNext ? (
            <Link className="button secondary" to={`${here}?page=${page + 1}`}>
              {t("log.older")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}
