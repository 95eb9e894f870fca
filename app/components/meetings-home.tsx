// Home's meetings section: the next meeting, and my open action items with a "done" button each (posted
// to the action items page, back to Home without JavaScript). Also the action item line that page uses.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "~/modules/core/dates";
import type { MeetingsHome } from "~/modules/meetings/meetings.server";
import type { MyAction } from "~/modules/meetings/actions.server";
import { ActionForm, InputField, SubmitButton } from "./meetings-forms";

export function ActionLine({ a, today, timeZone, groupId, back }: { a: MyAction; today: string; timeZone: string; groupId: string; back?: string }) {
  const { t, i18n } = useTranslation("meetings");
  return (
    <li>
      <p style={{ margin: 0 }}>
        <strong>{a.what}</strong>
        {a.mine ? "" : ` — ${a.who}`}
      </p>
      <p className="small" style={{ margin: 0 }}>
        {a.dueDate ? t("action_item.due_on", { date: formatDate(a.dueDate, i18n.language, timeZone) }) : t("action_item.no_due")}
        {a.overdue ? <strong> · {t("action_item.overdue")}</strong> : null} · <Link to={`/g/${groupId}/meetings/${a.meetingId}`}>{a.meetingTitle}</Link>
      </p>
      <ActionForm intent="action_done" formKey={a.id} className="row" action={`/g/${groupId}/meetings/actions`}>
        <input type="hidden" name="actionId" value={a.id} />
        {back ? <input type="hidden" name="back" value={back} /> : null}
        <InputField name="doneOn" type="date" label={t("action_item.done_date")} defaultValue={today} />
        <SubmitButton className="secondary">
          {t("action_item.mark_done")}
          <span className="visually-hidden"> : {a.what}</span>
        </SubmitButton>
      </ActionForm>
    </li>
  );
}

export function MeetingsHomeSection({ data, groupId, timeZone }: { data: MeetingsHome; groupId: string; timeZone: string }) {
  const { t, i18n } = useTranslation("meetings");
  const base = `/g/${groupId}/meetings`;
  if (!data.next && !data.myActions.length) return null;
  return (
    <section className="card" aria-labelledby="home-meetings">
      <h2 id="home-meetings">{t("home.title")}</h2>
      {data.next ? (
        <p>
          {t("home.next")}{" "}
          <Link to={`${base}/${data.next.id}`}>
            <strong>{data.next.title}</strong>
          </Link>
          {" — "}
          {formatDateTime(data.next.startsAt, i18n.language, timeZone)}
          {data.next.placeName ? `, ${data.next.placeName}` : ""}
        </p>
      ) : null}
      {data.myActions.length ? (
        <>
          <h3>{t("home.my_actions")}</h3>
          <ul className="list">
            {data.myActions.map((a) => (
              <ActionLine key={a.id} a={a} today={data.today} timeZone={timeZone} groupId={groupId} back={`/g/${groupId}`} />
            ))}
          </ul>
        </>
      ) : null}
      <div className="actions">
        <Link className="button secondary" to={base}>
          {t("home.see_all")}
        </Link>
      </div>
    </section>
  );
}
