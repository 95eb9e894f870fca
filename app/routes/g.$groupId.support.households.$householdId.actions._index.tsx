// Every action recorded for a household, newest first (the file shows the latest only). Logged.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PrivateNotice } from "~/components/support-ui";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate } from "~/modules/core/dates";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { formatEuros } from "~/modules/support/rules";
import { listActions } from "~/modules/support/actions.server";
import { requireSupportWorker } from "~/modules/support/access.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["support"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  const list = listActions({ ctx, householdId: params.householdId ?? "" });
  return {
    title: `${list.household.name} — ${getT(resolveLang(request, ctx.user.locale))("support:file.actions")}`,
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    ...list,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function AllActions() {
  const { t, i18n } = useTranslation("support");
  const d = useLoaderData<typeof loader>();
  const back = `/g/${d.groupId}/support/households/${d.household.id}`;
  return (
    <>
      <p>
        <Link to={back}>{d.household.name}</Link>
      </p>
      <h1>{t("file.actions")}</h1>
      <PrivateNotice />
      {d.actions.length ? (
        <ul className="list">
          {d.actions.map((a) => (
            <li key={a.id}>
              <p style={{ margin: 0 }}>
                <strong>{formatDate(a.date, i18n.language, d.timeZone)}</strong> · {t(`kinds.${a.kind}`)} · {t("file.minutes", { count: a.durationMinutes })}
              </p>
              <p className="small" style={{ margin: "0.25rem 0 0" }}>
                {a.topics.map((topic) => t(`topics.${topic}`)).join(", ")}
                {a.personNames.length ? ` · ${a.personNames.join(", ")}` : ""}
              </p>
              {a.aidCents !== null && a.aidSource ? (
                <p className="small" style={{ margin: "0.25rem 0 0" }}>
                  {t("file.aid", { amount: formatEuros(a.aidCents, i18n.language), source: t(`sources.${a.aidSource}`) })}
                </p>
              ) : null}
              {a.rightsOpened.length ? (
                <p className="small" style={{ margin: "0.25rem 0 0" }}>
                  {t("file.rights_opened")} : {a.rightsOpened.map((r) => t(`rights.${r}`)).join(", ")}
                </p>
              ) : null}
              {a.note ? <p style={{ margin: "0.35rem 0 0", whiteSpace: "pre-line", overflowWrap: "anywhere" }}>{a.note}</p> : null}
              {a.authorName ? (
                <p className="small muted" style={{ margin: "0.25rem 0 0" }}>
                  {t("file.written_by", { name: a.authorName })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("file.no_actions")}</p>
      )}
    </>
  );
}
