// What a household can see of its own support: which actions the team recorded about it — date, kind and
// topics; never the notes, the amounts or who wrote. Its members (and the group's support workers) only:
// anyone else gets 404. Each visit is in the support access log.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate } from "~/modules/core/dates";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { getHouseholdSupportView } from "~/modules/support/actions.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["support"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const view = getHouseholdSupportView({ ctx, householdId: params.householdId ?? "" });
  return { title: getT(resolveLang(request, ctx.user.locale))("support:member_view.title"), groupId: ctx.groupId, timeZone: ctx.group.timeZone, ...view };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function HouseholdSupport() {
  const { t, i18n } = useTranslation("support");
  const d = useLoaderData<typeof loader>();
  const back = d.isSupportWorker ? `/g/${d.groupId}/support/households/${d.household.id}` : `/g/${d.groupId}/households/${d.household.id}`;
  return (
    <>
      <p>
        <Link to={back}>{d.isSupportWorker ? d.household.name : t("member_view.back")}</Link>
      </p>
      <h1>{t("member_view.title")}</h1>
      <p className="muted">{t("member_view.intro")}</p>
      {d.actions.length ? (
        <ul className="list">
          {d.actions.map((a) => (
            <li key={a.id}>
              <p style={{ margin: 0 }}>
                <strong>{formatDate(a.date, i18n.language, d.timeZone)}</strong> · {t(`kinds.${a.kind}`)}
              </p>
              <p style={{ margin: "0.25rem 0 0" }}>
                {a.topics.map((topic) => (
                  <span key={topic} className="tag">
                    {t(`topics.${topic}`)}
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("member_view.none")}</p>
      )}
    </>
  );
}
