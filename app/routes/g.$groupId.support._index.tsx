// The support worker's list: follow-up checks due after a departure, households supported now,
// referrals waiting, and the other households (to start supporting one). Support workers only (else 404).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PrivateNotice, SupportMenu } from "~/components/support-ui";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate } from "~/modules/core/dates";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { getSupportHome } from "~/modules/support/episodes.server";
import { requireSupportWorker } from "~/modules/support/access.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["support"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  return {
    title: getT(resolveLang(request, ctx.user.locale))("support:title"),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    lead: ctx.supportLead,
    ...getSupportHome({ ctx }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function SupportHome() {
  const { t, i18n } = useTranslation("support");
  const d = useLoaderData<typeof loader>();
  const base = `/g/${d.groupId}/support`;
  const date = (v: string) => formatDate(v, i18n.language, d.timeZone);
  return (
    <>
      <h1>{t("title")}</h1>
      <SupportMenu groupId={d.groupId} lead={d.lead} />
      <PrivateNotice />

      <section aria-labelledby="due-checks">
        <h2 id="due-checks">{t("list.due_checks")}</h2>
        {d.dueChecks.length ? (
          <ul className="list">
            {d.dueChecks.map((c) => (
              <li key={`${c.householdId}-${c.milestone}`}>
                <Link to={`${base}/households/${c.householdId}#exits`}>{c.householdName}</Link>
                <p className="small" style={{ margin: "0.25rem 0 0" }}>
                  {t("list.due_check", { months: c.milestone, date: date(c.dueDate) })}
                  {c.dueDate < d.today ? <span className="tag badge-warn"> {t("list.overdue")}</span> : null}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("list.no_due_checks")}</p>
        )}
      </section>

      <section aria-labelledby="open-episodes">
        <h2 id="open-episodes">{t("list.open_episodes")}</h2>
        {d.openEpisodes.length ? (
          <ul className="list">
            {d.openEpisodes.map((e) => (
              <li key={e.id}>
                <Link to={`${base}/households/${e.householdId}`}>{e.householdName}</Link>
                {e.dwelling ? <span className="small muted"> — {e.dwelling}</span> : null}
                <p className="small" style={{ margin: "0.25rem 0 0" }}>
                  {t("list.since", { date: date(e.startDate) })} ·{" "}
                  {e.lastActionDate ? t("list.last_action", { date: date(e.lastActionDate) }) : t("list.no_action_yet")}
                </p>
                <p style={{ margin: "0.25rem 0 0" }}>
                  {e.goals.map((g) => (
                    <span key={g} className="tag">
                      {t(`topics.${g}`)}
                    </span>
                  ))}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("list.no_open_episodes")}</p>
        )}
      </section>

      <section aria-labelledby="waiting-referrals">
        <h2 id="waiting-referrals">{t("list.waiting_referrals")}</h2>
        {d.waitingReferrals.length ? (
          <ul className="list">
            {d.waitingReferrals.map((r) => (
              <li key={r.id}>
                <Link to={`${base}/referrals/${r.id}`}>
                  {r.householdName} → {r.partnerName}
                </Link>
                <p className="small" style={{ margin: "0.25rem 0 0" }}>
                  {t(`partner_fields.${r.field}`)} · {t(`statuses.${r.status}`)} · {date(r.date)}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("list.no_waiting_referrals")}</p>
        )}
      </section>

      <section aria-labelledby="other-households">
        <h2 id="other-households">{t("list.other_households")}</h2>
        {d.otherHouseholds.length ? (
          <ul className="list">
            {d.otherHouseholds.map((h) => (
              <li key={h.id}>
                <Link to={`${base}/households/${h.id}`}>{h.name}</Link>
                {h.dwelling ? <span className="small muted"> — {h.dwelling}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("list.no_other_households")}</p>
        )}
      </section>
    </>
  );
}
