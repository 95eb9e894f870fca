// A meeting's minutes, print-friendly (@media print: no navigation, black on white). Residents see
// them once published; before that the page says they are not published yet.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import "~/components/meetings-styles.css";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { renderMarkdown } from "~/modules/charter/markdown.server";
import { formatDate, formatDateTime } from "~/modules/core/dates";
import { getMinutes } from "~/modules/meetings/minutes.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["meetings"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const { meeting, minutes } = getMinutes({ ctx, meetingId: params.meetingId ?? "" });
  return {
    title: meeting.title,
    groupId: ctx.groupId,
    groupName: ctx.group.name,
    timeZone: ctx.group.timeZone,
    meeting,
    minutes: minutes ? { status: minutes.status, approvedIn: minutes.approvedIn, publishedAt: minutes.publishedAt, html: renderMarkdown(minutes.text) } : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function MinutesPage() {
  const { t, i18n } = useTranslation("meetings");
  const d = useLoaderData<typeof loader>();
  return (
    <article className="minutes-page">
      <p className="no-print">
        <Link to={`/g/${d.groupId}/meetings/${d.meeting.id}`}>{t("minutes.back")}</Link>
      </p>
      <p className="small">{d.groupName}</p>
      <h1>
        {t("minutes.title")} — {d.meeting.title}
      </h1>
      <p>{formatDateTime(d.meeting.startsAt, i18n.language, d.timeZone)}</p>
      {d.minutes ? (
        <>
          <p className="small">
            {t(`minutes_statuses.${d.minutes.status}`)}
            {d.minutes.approvedIn ? ` · ${t("minutes.approved_in", { date: formatDate(d.minutes.approvedIn.date, i18n.language, d.timeZone) })}` : ""}
          </p>
          <div className="minutes-text" dangerouslySetInnerHTML={{ __html: d.minutes.html }} />
          <p className="no-print">
            <button type="button" className="secondary" onClick={() => window.print()}>
              {t("minutes.print_button")}
            </button>
          </p>
        </>
      ) : (
        <p className="muted">{t("minutes.not_published")}</p>
      )}
    </article>
  );
}
