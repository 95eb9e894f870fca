// One meeting, before and after: its date and place, roles, the agenda (accepted items in order, moved
// up and down by facilitators; proposals accepted or declined), a form for any member to propose an item
// (works without JavaScript), the earlier meetings' draft minutes to approve here, and this meeting's
// minutes — edited while draft, then published. Residents see the accepted agenda, their own proposals
// and published minutes only.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionForm, InputField, SelectInput, SubmitButton, TextAreaInput } from "~/components/meetings-forms";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { renderMarkdown } from "~/modules/charter/markdown.server";
import { formatDate, formatDateTime } from "~/modules/core/dates";
import { formInfo, replyFormDone, replyFormInvalid, replyFormProblems, type Translate } from "~/modules/core/form-reply.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { approveMinutes, publishMinutes, redraftMinutes, saveMinutes } from "~/modules/meetings/minutes.server";
import { getMeeting, listGroupPersons } from "~/modules/meetings/meetings.server";
import { moveItem, proposeItem, reviewItem, setRoles } from "~/modules/meetings/agenda.server";
import type { Result } from "~/modules/meetings/rules";
import { describeProblem, MEETING_ROLES } from "~/modules/meetings/rules";
import { AgendaItemSchema, MeetingActionSchema, RolesSchema } from "~/modules/meetings/schemas";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["meetings"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const m = getMeeting({ ctx, meetingId: params.meetingId ?? "" });
  return {
    title: m.title,
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    meeting: {
      ...m,
      minutes: m.minutes ? { ...m.minutes, html: renderMarkdown(m.minutes.text) } : null,
      toApprove: m.toApprove.map((p) => ({ ...p, html: renderMarkdown(p.text) })),
    },
    persons: listGroupPersons({ ctx }).map((p) => ({ value: p.id, label: p.name })),
  };
}

const FIELDS = new Set([...Object.keys(AgendaItemSchema.shape), ...Object.keys(RolesSchema.shape), "minutesText", "previousId"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const meetingId = params.meetingId ?? "";
  getMeeting({ ctx, meetingId }); // 404 for another group's meeting
  const lang = resolveLang(request, ctx.user.locale);
  const t = getT(lang) as unknown as Translate;
  const formData = await request.formData();
  const info = formInfo(formData);
  const submission = parseWithZod(formData, { schema: MeetingActionSchema });
  if (submission.status !== "success") return replyFormInvalid(info, t, submission.reply().error);
  const input = submission.value;
  const here = `/g/${ctx.groupId}/meetings/${meetingId}`;
  let r: Result;
  let toast: string = input.intent;
  switch (input.intent) {
    case "propose": {
      const p = proposeItem({ ctx, meetingId, input });
      r = p;
      if (p.ok) toast = p.status === "accepted" ? "item_added" : "item_proposed";
      break;
    }
    case "accept":
    case "decline":
      r = reviewItem({ ctx, meetingId, itemId: input.itemId, decision: input.intent });
      toast = input.intent === "accept" ? "item_accepted" : "item_declined";
      break;
    case "move":
      r = moveItem({ ctx, meetingId, itemId: input.itemId, direction: input.direction });
      toast = "item_moved";
      break;
    case "roles":
      r = setRoles({ ctx, meetingId, input });
      toast = "roles_saved";
      break;
    case "save_minutes":
      r = saveMinutes({ ctx, meetingId, text: input.minutesText });
      toast = "minutes_saved";
      break;
    case "redraft_minutes":
      r = redraftMinutes({ ctx, meetingId, lang });
      toast = "minutes_saved";
      break;
    case "approve_previous":
      r = approveMinutes({ ctx, meetingId, previousId: input.previousId });
      toast = "minutes_approved";
      break;
    case "publish_minutes":
      r = publishMinutes({ ctx, meetingId });
      toast = "minutes_published";
      break;
  }
  if (!r.ok) return replyFormProblems(info, r.problems, (p) => describeProblem(t, p), FIELDS);
  return replyFormDone(info, `${here}${input.intent === "propose" ? "#agenda" : ""}`, `meetings.${toast}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

type Item = ReturnType<typeof useLoaderData<typeof loader>>["meeting"]["items"][number];

function ItemText({ item }: { item: Item }) {
  const { t } = useTranslation("meetings");
  return (
    <>
      <strong>{item.title}</strong>
      <span className="small">
        {item.presenter ? ` · ${t("agenda.presented_by", { name: item.presenter })}` : ""}
        {item.plannedMinutes ? ` · ${t("agenda.minutes", { count: item.plannedMinutes })}` : ""}
        {item.actualMinutes != null ? ` · ${t("agenda.actual", { count: item.actualMinutes })}` : ""}
      </span>
      {item.description ? (
        <p className="small" style={{ whiteSpace: "pre-line", margin: "0.25rem 0" }}>
          {item.description}
        </p>
      ) : null}
    </>
  );
}

export default function MeetingPage() {
  const { t, i18n } = useTranslation("meetings");
  const d = useLoaderData<typeof loader>();
  const m = d.meeting;
  const base = `/g/${d.groupId}/meetings`;
  const accepted = m.items.filter((i) => i.status === "accepted");
  const proposed = m.items.filter((i) => i.status === "proposed");
  const declined = m.items.filter((i) => i.status === "declined");
  return (
    <>
      <p>
        <Link to={base}>{t("back_to_list")}</Link>
      </p>
      <h1>{m.title}</h1>
      <p>
        <span className="tag">{t(`run_statuses.${m.runStatus}`)}</span>
        {m.cancelled ? <span className="tag">{t("list.cancelled")}</span> : null}
        {m.minutes ? <span className="tag">{t(`minutes_statuses.${m.minutes.status}`)}</span> : null}
      </p>
      <dl className="facts">
        <dt>{t("fields.when")}</dt>
        <dd>{formatDateTime(m.startsAt, i18n.language, d.timeZone)}</dd>
        <dt>{t("fields.place")}</dt>
        <dd>{m.placeName || "—"}</dd>
        {MEETING_ROLES.map((role) =>
          m.roles[role] ? (
            <div key={role} style={{ display: "contents" }}>
              <dt>{t(`roles.${role}`)}</dt>
              <dd>{m.roles[role]!.name}</dd>
            </div>
          ) : null,
        )}
      </dl>
      {m.description ? <p style={{ whiteSpace: "pre-line" }}>{m.description}</p> : null}
      <p className="actions">
        <Link to={`/g/${d.groupId}/events/${m.occurrenceId}`}>{t("meeting.in_calendar")}</Link>
        {m.canManage && m.runStatus !== "closed" ? (
          <Link className="button" to={`${base}/${m.id}/run`}>
            {m.runStatus === "running" ? t("meeting.continue_run") : t("meeting.open_run")}
          </Link>
        ) : null}
      </p>

      <section className="card" aria-labelledby="agenda-title" id="agenda">
        <h2 id="agenda-title">{t("agenda.title")}</h2>
        {accepted.length ? (
          <ol className="agenda-list">
            {accepted.map((item, i) => (
              <li key={item.id}>
                <ItemText item={item} />
                {m.canManage && m.runStatus !== "closed" && accepted.length > 1 ? (
                  <ActionForm intent="move" formKey={item.id} className="actions">
                    <input type="hidden" name="itemId" value={item.id} />
                    {i > 0 ? (
                      <SubmitButton className="secondary" name="direction" value="up">
                        {t("agenda.move_up")}
                        <span className="visually-hidden"> : {item.title}</span>
                      </SubmitButton>
                    ) : null}
                    {i < accepted.length - 1 ? (
                      <SubmitButton className="secondary" name="direction" value="down">
                        {t("agenda.move_down")}
                        <span className="visually-hidden"> : {item.title}</span>
                      </SubmitButton>
                    ) : null}
                  </ActionForm>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t("agenda.empty")}</p>
        )}
        {m.plannedTotal ? <p className="small">{t("agenda.total", { count: m.plannedTotal })}</p> : null}

        {proposed.length ? (
          <>
            <h3>{m.canManage ? t("agenda.proposed_title") : t("agenda.my_proposals")}</h3>
            <ul className="list">
              {proposed.map((item) => (
                <li key={item.id}>
                  <ItemText item={item} /> <span className="tag">{t("item_statuses.proposed")}</span>
                  {m.canManage && m.runStatus !== "closed" ? (
                    <div className="actions">
                      <ActionForm intent="accept" formKey={item.id} className="inline-form">
                        <input type="hidden" name="itemId" value={item.id} />
                        <SubmitButton>
                          {t("agenda.accept")}
                          <span className="visually-hidden"> : {item.title}</span>
                        </SubmitButton>
                      </ActionForm>
                      <ActionForm intent="decline" formKey={item.id} className="inline-form">
                        <input type="hidden" name="itemId" value={item.id} />
                        <SubmitButton className="secondary">
                          {t("agenda.decline")}
                          <span className="visually-hidden"> : {item.title}</span>
                        </SubmitButton>
                      </ActionForm>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {declined.length ? (
          <details>
            <summary>{t("agenda.declined_title", { count: declined.length })}</summary>
            <ul className="list">
              {declined.map((item) => (
                <li key={item.id}>
                  <ItemText item={item} />
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      {m.canPropose ? (
        <section className="card" aria-labelledby="propose-heading">
          <h2 id="propose-heading">{m.canManage ? t("propose.title_manager") : t("propose.title")}</h2>
          <p className="hint">{m.canManage ? t("propose.hint_manager") : t("propose.hint")}</p>
          <ActionForm intent="propose" reset success={t("propose.sent")}>
            <InputField name="title" label={t("fields.item_title")} required />
            <TextAreaInput name="description" label={t("fields.item_description")} rows={3} />
            <SelectInput name="presenterPersonId" label={t("fields.presenter")} options={d.persons} placeholder={t("fields.presenter_none")} />
            <InputField name="presenterText" label={t("fields.presenter_text")} hint={t("fields.presenter_text_hint")} />
            <InputField name="plannedMinutes" type="number" inputMode="numeric" min={1} label={t("fields.planned_minutes")} />
            <div className="actions">
              <SubmitButton>{m.canManage ? t("propose.submit_manager") : t("propose.submit")}</SubmitButton>
            </div>
          </ActionForm>
        </section>
      ) : null}

      {m.canManage ? (
        <section className="card" aria-labelledby="roles-title">
          <h2 id="roles-title">{t("roles.title")}</h2>
          <ActionForm intent="roles" success={t("roles.saved")}>
            <SelectInput
              name="facilitatorPersonId"
              label={t("roles.facilitator")}
              options={d.persons}
              placeholder={t("roles.nobody")}
              defaultValue={m.roles.facilitator?.personId ?? ""}
            />
            <SelectInput
              name="noteTakerPersonId"
              label={t("roles.noteTaker")}
              options={d.persons}
              placeholder={t("roles.nobody")}
              defaultValue={m.roles.noteTaker?.personId ?? ""}
            />
            <SelectInput
              name="timeKeeperPersonId"
              label={t("roles.timeKeeper")}
              options={d.persons}
              placeholder={t("roles.nobody")}
              defaultValue={m.roles.timeKeeper?.personId ?? ""}
            />
            <div className="actions">
              <SubmitButton className="secondary">{t("roles.submit")}</SubmitButton>
            </div>
          </ActionForm>
        </section>
      ) : null}

      {m.toApprove.length ? (
        <section className="card" aria-labelledby="approve-title">
          <h2 id="approve-title">{t("approve.title")}</h2>
          <p className="hint">{t("approve.hint")}</p>
          {m.toApprove.map((p) => (
            <div key={p.id}>
              <details>
                <summary>{t("approve.read", { title: p.title, date: formatDate(p.date, i18n.language, d.timeZone) })}</summary>
                <div className="minutes-text" dangerouslySetInnerHTML={{ __html: p.html }} />
              </details>
              <ActionForm intent="approve_previous" formKey={p.id} className="actions">
                <input type="hidden" name="previousId" value={p.id} />
                <SubmitButton>{t("approve.submit", { date: formatDate(p.date, i18n.language, d.timeZone) })}</SubmitButton>
              </ActionForm>
            </div>
          ))}
        </section>
      ) : null}

      {m.approvedHere.length ? (
        <section className="card" aria-labelledby="approved-here">
          <h2 id="approved-here">{t("approve.approved_here")}</h2>
          <ul>
            {m.approvedHere.map((p) => (
              <li key={p.id}>
                <Link to={`${base}/${p.id}`}>
                  {p.title} — {formatDate(p.date, i18n.language, d.timeZone)}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {m.minutes ? (
        <section className="card" aria-labelledby="minutes-title">
          <h2 id="minutes-title">{t("minutes.title")}</h2>
          <p>
            <span className="tag">{t(`minutes_statuses.${m.minutes.status}`)}</span>{" "}
            {m.minutes.approvedIn ? (
              <span className="small">{t("minutes.approved_in", { date: formatDate(m.minutes.approvedIn.date, i18n.language, d.timeZone) })} </span>
            ) : null}
            <Link to={`${base}/${m.id}/minutes`}>{t("minutes.print")}</Link>
          </p>
          {m.minutes.status === "draft" && m.canManage ? (
            <>
              <p className="hint">{t("minutes.draft_hint")}</p>
              <ActionForm intent="save_minutes" success={t("minutes.saved")}>
                <TextAreaInput
                  name="minutesText"
                  label={t("minutes.text_label")}
                  hint={t("minutes.text_hint")}
                  defaultValue={m.minutes.text}
                  rows={16}
                  required
                />
                <div className="actions">
                  <SubmitButton>{t("minutes.save")}</SubmitButton>
                </div>
              </ActionForm>
              <ActionForm intent="redraft_minutes" className="actions">
                <SubmitButton className="secondary">{t("minutes.redraft")}</SubmitButton>
              </ActionForm>
              <details>
                <summary>{t("minutes.preview")}</summary>
                <div className="minutes-text" dangerouslySetInnerHTML={{ __html: m.minutes.html }} />
              </details>
            </>
          ) : (
            <div className="minutes-text" dangerouslySetInnerHTML={{ __html: m.minutes.html }} />
          )}
          {m.minutes.status === "approved" && m.canManage ? (
            <ActionForm intent="publish_minutes" className="actions">
              <SubmitButton>{t("minutes.publish")}</SubmitButton>
            </ActionForm>
          ) : null}
        </section>
      ) : m.runStatus === "closed" && !m.canManage ? (
        <p className="muted">{t("minutes.not_published")}</p>
      ) : null}
    </>
  );
}
