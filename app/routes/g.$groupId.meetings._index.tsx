// The group's meetings: upcoming (soonest first) and past (latest first, with where their minutes are),
// links to the decisions register and to the open action items; facilitators create a meeting or
// prepare one the calendar already has (a monthly series). ?occurrence=<id> (from the calendar) opens
// that occurrence's meeting.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionForm, SubmitButton } from "~/components/meetings-forms";
import { can, requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate, formatDateTime } from "~/modules/core/dates";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { listMeetings, meetingIdForOccurrence, prepareMeeting } from "~/modules/meetings/meetings.server";
import type { MeetingSummary } from "~/modules/meetings/meetings.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["meetings"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const occurrence = new URL(request.url).searchParams.get("occurrence");
  if (occurrence) {
    const id = meetingIdForOccurrence({ ctx, occurrenceId: occurrence.slice(0, 40) });
    if (id) throw redirect(`/g/${ctx.groupId}/meetings/${id}`);
  }
  return {
    title: getT(resolveLang(request, ctx.user.locale))("meetings:title"),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    canManage: can(ctx, "meeting:manage"),
    ...listMeetings({ ctx }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const form = await request.formData();
  const occurrenceId = String(form.get("occurrenceId") ?? "").slice(0, 40);
  if (form.get("intent") !== "prepare" || !occurrenceId) throw new Response("Bad Request", { status: 400 });
  const r = prepareMeeting({ ctx, occurrenceId });
  return redirectWithToast(`/g/${ctx.groupId}/meetings/${r.meetingId}`, "meetings.prepared");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

function MeetingLine({ m, groupId, timeZone }: { m: MeetingSummary; groupId: string; timeZone: string }) {
  const { t, i18n } = useTranslation("meetings");
  return (
    <li>
      <Link to={`/g/${groupId}/meetings/${m.id}`}>
        <strong>{m.title}</strong>
      </Link>
      <br />
      <span className="small">
        {formatDateTime(m.startsAt, i18n.language, timeZone)}
        {m.placeName ? ` · ${m.placeName}` : ""}
      </span>{" "}
      {m.cancelled ? <span className="tag">{t("list.cancelled")}</span> : null}
      {m.runStatus === "running" ? <span className="tag">{t("run_statuses.running")}</span> : null}
      {m.minutesStatus ? <span className="tag">{t(`minutes_statuses.${m.minutesStatus}`)}</span> : null}
    </li>
  );
}

export default function Meetings() {
  const { t, i18n } = useTranslation("meetings");
  const d = useLoaderData<typeof loader>();
  const base = `/g/${d.groupId}/meetings`;
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("list.intro")}</p>
      <ul className="row" style={{ listStyle: "none", padding: 0 }}>
        <li>
          <Link to={`${base}/decisions`}>{t("register.title")}</Link>
        </li>
        <li>
          <Link to={`${base}/actions`}>{t("actions_page.title")}</Link>
        </li>
        {d.canManage ? (
          <li>
            <Link className="button" to={`${base}/new`}>
              {t("new.title")}
            </Link>
          </li>
        ) : null}
      </ul>

      {d.canManage && d.unprepared.length ? (
        <section className="card" aria-labelledby="unprepared">
          <h2 id="unprepared">{t("list.unprepared")}</h2>
          <p className="hint">{t("list.unprepared_hint")}</p>
          <ul className="list">
            {d.unprepared.map((o) => (
              <li key={o.occurrenceId} className="spread">
                <span>
                  {o.title} — {formatDate(o.startsAt, i18n.language, d.timeZone)}
                </span>
                <ActionForm intent="prepare" formKey={o.occurrenceId} navigate className="inline-form">
                  <input type="hidden" name="occurrenceId" value={o.occurrenceId} />
                  <SubmitButton className="secondary">{t("list.prepare")}</SubmitButton>
                </ActionForm>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="upcoming">
        <h2 id="upcoming">{t("list.upcoming")}</h2>
        {d.upcoming.length ? (
          <ul className="list">
            {d.upcoming.map((m) => (
              <MeetingLine key={m.id} m={m} groupId={d.groupId} timeZone={d.timeZone} />
            ))}
          </ul>
        ) : (
          <p className="muted">{t("list.no_upcoming")}</p>
        )}
      </section>
      <section aria-labelledby="past">
        <h2 id="past">{t("list.past")}</h2>
        {d.past.length ? (
          <ul className="list">
            {d.past.map((m) => (
              <MeetingLine key={m.id} m={m} groupId={d.groupId} timeZone={d.timeZone} />
            ))}
          </ul>
        ) : (
          <p className="muted">{t("list.no_past")}</p>
        )}
      </section>
      <details>
        <summary>{t("help.title")}</summary>
        <p className="small">{t("help.held")}</p>
        <p className="small">{t("help.attendance_rate")}</p>
        <p className="small">{t("help.actions_on_time")}</p>
      </details>
    </>
  );
}
