// Run mode (facilitators), on a phone or a laptop projected at 1280×800, in large type: attendance of
// the group's adults (present, excused, absent; a proxy "gives their voice to" someone present), the
// current agenda item with its timer (the server keeps when it started) and an overrun warning in words,
// "next item" (the actual minutes recorded), notes per item, decisions (how taken, the votes, the
// result; adopting a proposed charter version), action items, and closing the meeting (which drafts the
// minutes). Every form posts and works without JavaScript; with it, fetchers keep the page in place.
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionForm, InputField, SelectInput, SubmitButton, TextAreaInput, useFormState } from "~/components/meetings-forms";
import { MeetingTimer } from "~/components/meetings-timer";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate, formatDateTime, todayIn } from "~/modules/core/dates";
import { formInfo, replyFormDone, replyFormErrors, replyFormInvalid, replyFormProblems, type Translate } from "~/modules/core/form-reply.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { addActionItem, markActionDone } from "~/modules/meetings/actions.server";
import { attendanceFromForm, getRun, nextItem, saveNotes, setAttendance, startRun } from "~/modules/meetings/run.server";
import { charterChoices, recordDecision } from "~/modules/meetings/decisions.server";
import { closeRun } from "~/modules/meetings/minutes.server";
import type { Result } from "~/modules/meetings/rules";
import { ATTENDANCE_STATUSES, DECISION_METHODS, DECISION_RESULTS, describeProblem, formatElapsed } from "~/modules/meetings/rules";
import { ActionItemSchema, DecisionSchema, RunActionSchema } from "~/modules/meetings/schemas";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["meetings", "charter:errors", "exchange:errors"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const run = getRun({ ctx, meetingId: params.meetingId ?? "" });
  return {
    title: getT(resolveLang(request, ctx.user.locale))("meetings:run.title", { title: run.meeting.title }),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    today: todayIn(ctx.group.timeZone),
    run,
    charterVersions: charterChoices({ ctx }),
    // Closing cannot be undone: the button first asks (?confirm=close), which works without JavaScript.
    confirmClose: new URL(request.url).searchParams.get("confirm") === "close",
  };
}

const FIELDS = new Set([...Object.keys(DecisionSchema.shape), ...Object.keys(ActionItemSchema.shape), "notes", "doneOn"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const meetingId = params.meetingId ?? "";
  getRun({ ctx, meetingId }); // 404 for another group's meeting, 403 for a resident
  const lang = resolveLang(request, ctx.user.locale);
  const t = getT(lang) as unknown as Translate;
  const formData = await request.formData();
  const info = formInfo(formData);
  const submission = parseWithZod(formData, { schema: RunActionSchema });
  if (submission.status !== "success") return replyFormInvalid(info, t, submission.reply().error);
  const input = submission.value;
  const here = `/g/${ctx.groupId}/meetings/${meetingId}/run`;
  let r: Result;
  let toast = "saved";
  switch (input.intent) {
    case "start":
      r = startRun({ ctx, meetingId });
      toast = "run_started";
      break;
    case "attendance": {
      const entries = attendanceFromForm(info.fields);
      if (!entries) return replyFormErrors(info, { fieldErrors: {}, formErrors: [t("errors.invalid")] });
      r = setAttendance({ ctx, meetingId, entries });
      toast = "attendance_saved";
      break;
    }
    case "next_item":
      r = nextItem({ ctx, meetingId });
      toast = "next_item";
      break;
    case "notes":
      r = saveNotes({ ctx, meetingId, itemId: input.itemId, notes: input.notes });
      toast = "notes_saved";
      break;
    case "decision":
      r = recordDecision({ ctx, meetingId, input });
      toast = "decision_added";
      break;
    case "action_item":
      r = addActionItem({ ctx, meetingId, input });
      toast = "action_added";
      break;
    case "action_done":
      r = markActionDone({ ctx, input });
      toast = "action_done";
      break;
    case "close":
      // Only the confirmation step's button closes; any other post of "close" is asked again.
      if (info.fields.confirmed !== "yes") return redirect(`${here}?confirm=close#close-title`);
      r = closeRun({ ctx, meetingId, lang });
      if (r.ok) return replyFormDone({ ...info, js: false }, `/g/${ctx.groupId}/meetings/${meetingId}#minutes-title`, "meetings.run_closed");
      break;
  }
  if (!r.ok) return replyFormProblems(info, r.problems, (p) => describeProblem(t, p), FIELDS);
  return replyFormDone(info, here, `meetings.${toast}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function RunMode() {
  const { t, i18n } = useTranslation("meetings");
  const d = useLoaderData<typeof loader>();
  const { run } = d;
  const m = run.meeting;
  const closed = m.runStatus === "closed";
  const statusOptions = ATTENDANCE_STATUSES.map((s) => ({ value: s, label: t(`attendance.${s}`) }));
  const personOptions = run.persons.map((p) => ({ value: p.id, label: p.name }));
  const adultOptions = run.attendance.map((a) => ({ value: a.personId, label: a.name }));
  const itemOptions = run.items.map((i) => ({ value: i.id, label: i.title }));
  const nameOf = (id: string | null) => run.attendance.find((a) => a.personId === id)?.name ?? "";
  return (
    <div className="run-mode">
      <p className="no-print">
        <Link to={`/g/${d.groupId}/meetings/${m.id}`}>{t("run.back")}</Link>
      </p>
      <h1>{d.title}</h1>
      <p>
        {formatDateTime(m.startsAt, i18n.language, d.timeZone)}
        {m.placeName ? ` · ${m.placeName}` : ""} <span className="tag">{t(`run_statuses.${m.runStatus}`)}</span>
      </p>

      {m.runStatus === "planned" ? (
        <ActionForm intent="start" className="actions">
          <SubmitButton>{t("run.start")}</SubmitButton>
        </ActionForm>
      ) : null}

      <div className="run-grid">
        <div>
          <section className="card current-item" aria-labelledby="current-title">
            <h2 id="current-title">{t("run.current")}</h2>
            {run.current ? (
              <>
                <p style={{ fontSize: "1.5rem", fontWeight: 700, margin: "0.25rem 0" }} data-testid="current-item">
                  {run.current.title}
                </p>
                {run.current.presenter ? <p className="small">{t("agenda.presented_by", { name: run.current.presenter })}</p> : null}
                <MeetingTimer key={run.current.id} startedAt={run.current.startedAt} plannedMinutes={run.current.plannedMinutes} serverNow={run.serverNow} />
              </>
            ) : (
              <p className="muted">{m.runStatus === "running" ? t("run.no_current") : closed ? t("run.closed") : t("run.not_started")}</p>
            )}
            {m.runStatus === "running" ? (
              <ActionForm intent="next_item" className="actions">
                <SubmitButton>{run.nextItem ? t("run.next", { title: run.nextItem.title }) : t("run.end_items")}</SubmitButton>
              </ActionForm>
            ) : null}
            {run.current && !closed ? (
              <ActionForm intent="notes" formKey={run.current.id} success={t("run.notes_saved")}>
                <input type="hidden" name="itemId" value={run.current.id} />
                <TextAreaInput
                  name="notes"
                  label={t("run.notes_for", { title: run.current.title })}
                  hint={t("run.notes_hint")}
                  defaultValue={run.current.notes}
                  rows={5}
                />
                <div className="actions">
                  <SubmitButton className="secondary">{t("run.save_notes")}</SubmitButton>
                </div>
              </ActionForm>
            ) : null}
          </section>

          {!closed ? (
            <section className="card" aria-labelledby="decision-title">
              <h2 id="decision-title">{t("decision.title")}</h2>
              <ActionForm intent="decision" reset success={t("decision.added")}>
                <TextAreaInput name="text" label={t("decision.text")} rows={3} required />
                {itemOptions.length ? (
                  <SelectInput
                    name="agendaItemId"
                    label={t("decision.item")}
                    options={itemOptions}
                    placeholder={t("decision.no_item")}
                    defaultValue={run.current?.id ?? ""}
                  />
                ) : null}
                <SelectInput
                  name="method"
                  label={t("decision.method")}
                  options={DECISION_METHODS.map((v) => ({ value: v, label: t(`methods.${v}`) }))}
                  defaultValue="consent"
                />
                <fieldset>
                  <legend>{t("decision.votes")}</legend>
                  <p className="hint">{t("decision.votes_hint", { voices: run.counts.voices })}</p>
                  <div className="row">
                    <InputField name="votesFor" type="number" inputMode="numeric" min={0} label={t("decision.for")} />
                    <InputField name="votesAgainst" type="number" inputMode="numeric" min={0} label={t("decision.against")} />
                    <InputField name="votesAbstain" type="number" inputMode="numeric" min={0} label={t("decision.abstain")} />
                  </div>
                </fieldset>
                <SelectInput
                  name="result"
                  label={t("decision.result")}
                  options={DECISION_RESULTS.map((v) => ({ value: v, label: t(`results.${v}`) }))}
                  defaultValue="adopted"
                />
                {d.charterVersions.length ? (
                  <SelectInput
                    name="charterVersionId"
                    label={t("decision.charter")}
                    hint={t("decision.charter_hint")}
                    options={d.charterVersions.map((v) => ({ value: v.id, label: t("decision.charter_version", { number: v.number, title: v.title }) }))}
                    placeholder={t("decision.no_charter")}
                  />
                ) : null}
                <div className="actions">
                  <SubmitButton>{t("decision.submit")}</SubmitButton>
                </div>
              </ActionForm>
            </section>
          ) : null}

          <section className="card" aria-labelledby="decisions-title">
            <h2 id="decisions-title">{t("decision.list_title", { count: run.decisions.length })}</h2>
            {run.decisions.length ? (
              <ul className="list">
                {run.decisions.map((dec) => (
                  <li key={dec.id}>
                    <p style={{ margin: 0 }}>{dec.text}</p>
                    <p className="small" style={{ margin: 0 }}>
                      {t(`methods.${dec.method}`)}
                      {dec.method === "majority"
                        ? ` (${t("decision.votes_text", { for: dec.votesFor ?? 0, against: dec.votesAgainst ?? 0, abstain: dec.votesAbstain ?? 0 })})`
                        : ""}{" "}
                      · <strong>{t(`results.${dec.result}`)}</strong>
                    </p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("decision.none")}</p>
            )}
          </section>

          {!closed ? (
            <section className="card" aria-labelledby="action-title">
              <h2 id="action-title">{t("action_item.title")}</h2>
              <ActionForm intent="action_item" reset success={t("action_item.added")}>
                <InputField name="what" label={t("action_item.what")} required />
                <SelectInput name="personId" label={t("action_item.who")} options={personOptions} placeholder={t("action_item.choose")} />
                <InputField name="dueDate" type="date" label={t("action_item.due")} />
                {run.current ? <input type="hidden" name="agendaItemId" value={run.current.id} /> : null}
                <div className="actions">
                  <SubmitButton>{t("action_item.submit")}</SubmitButton>
                </div>
              </ActionForm>
            </section>
          ) : null}

          <section className="card" aria-labelledby="actions-title">
            <h2 id="actions-title">{t("action_item.list_title", { count: run.actions.length })}</h2>
            {run.actions.length ? (
              <ul className="list">
                {run.actions.map((a) => (
                  <li key={a.id}>
                    <p style={{ margin: 0 }}>
                      <strong>{a.what}</strong> — {a.who}
                      {a.dueDate ? ` · ${t("action_item.due_on", { date: formatDate(a.dueDate, i18n.language, d.timeZone) })}` : ""}
                    </p>
                    {a.doneOn ? (
                      <p className="small">{t("action_item.done_on", { date: formatDate(a.doneOn, i18n.language, d.timeZone) })}</p>
                    ) : (
                      <ActionForm intent="action_done" formKey={a.id} className="row">
                        <input type="hidden" name="actionId" value={a.id} />
                        <InputField name="doneOn" type="date" label={t("action_item.done_date")} defaultValue={d.today} />
                        <SubmitButton className="secondary">
                          {t("action_item.mark_done")}
                          <span className="visually-hidden"> : {a.what}</span>
                        </SubmitButton>
                      </ActionForm>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("action_item.none")}</p>
            )}
          </section>
        </div>

        <div>
          <section className="card" aria-labelledby="attendance-title">
            <h2 id="attendance-title">{t("attendance.title")}</h2>
            <p className="attendance-counts" data-testid="attendance-counts">
              {t("attendance.counts", {
                count: run.counts.expected,
                details: [
                  t("attendance.count_present", { count: run.counts.present }),
                  t("attendance.count_proxies", { count: run.counts.proxies }),
                  t("attendance.count_excused", { count: run.counts.excused }),
                  t("attendance.count_absent", { count: run.counts.absent }),
                ].join(", "),
              })}
            </p>
            {closed ? (
              <ul>
                {run.attendance
                  .filter((a) => a.status)
                  .map((a) => (
                    <li key={a.personId}>
                      {a.name} : {t(`attendance.${a.status}`)}
                      {a.proxyPersonId ? ` — ${t("attendance.proxy_to", { name: nameOf(a.proxyPersonId) })}` : ""}
                    </li>
                  ))}
              </ul>
            ) : (
              <ActionForm intent="attendance" success={t("attendance.saved")}>
                <p className="hint">{t("attendance.hint")}</p>
                <div className="table-wrap">
                  <table className="attendance-table">
                    <caption className="visually-hidden">{t("attendance.title")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("attendance.person")}</th>
                        <th scope="col">{t("attendance.status")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {run.attendance.map((a) => (
                        <AttendanceLine key={a.personId} row={a} statusOptions={statusOptions} adults={adultOptions} />
                      ))}
                    </tbody>
                  </table>
                </div>
                <div className="actions">
                  <SubmitButton>{t("attendance.submit")}</SubmitButton>
                </div>
              </ActionForm>
            )}
          </section>

          <section className="card" aria-labelledby="run-agenda-title">
            <h2 id="run-agenda-title">{t("agenda.title")}</h2>
            {run.items.length ? (
              <ol>
                {run.items.map((i) => (
                  <li key={i.id}>
                    {i.id === run.current?.id ? <strong>{i.title}</strong> : i.title}{" "}
                    <span className="small">
                      {i.id === run.current?.id
                        ? `(${t("run.in_progress")})`
                        : i.actualMinutes != null
                          ? `(${t("agenda.actual", { count: i.actualMinutes })}${i.plannedMinutes ? ` / ${t("agenda.minutes", { count: i.plannedMinutes })}` : ""})`
                          : i.plannedMinutes
                            ? `(${t("agenda.minutes", { count: i.plannedMinutes })})`
                            : ""}
                    </span>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">{t("agenda.empty")}</p>
            )}
            {m.runStartedAt ? <p className="small">{t("run.started_at", { time: formatDateTime(m.runStartedAt, i18n.language, d.timeZone) })}</p> : null}
          </section>

          {!closed ? (
            <section className="card" aria-labelledby="close-title">
              <h2 id="close-title">{d.confirmClose ? t("run.close_confirm_title") : t("run.close_title")}</h2>
              <p className="hint">{t("run.close_hint")}</p>
              {d.confirmClose ? (
                <ActionForm intent="close" navigate className="actions">
                  <input type="hidden" name="confirmed" value="yes" />
                  <SubmitButton>{t("run.close_confirm")}</SubmitButton>
                  <Link to={`/g/${d.groupId}/meetings/${m.id}/run`} className="button secondary">
                    {t("run.close_cancel")}
                  </Link>
                </ActionForm>
              ) : (
                <Form method="get" action={`/g/${d.groupId}/meetings/${m.id}/run#close-title`} preventScrollReset className="actions">
                  <input type="hidden" name="confirm" value="close" />
                  <button type="submit" className="secondary">
                    {t("run.close")}
                  </button>
                </Form>
              )}
            </section>
          ) : null}
        </div>
      </div>
      <noscript>
        <p className="small">{t("run.noscript", { time: run.current ? formatElapsed(Math.floor((run.serverNow - run.current.startedAt) / 1000)) : "" })}</p>
      </noscript>
    </div>
  );
}

function AttendanceLine({
  row,
  statusOptions,
  adults,
}: {
  row: ReturnType<typeof useLoaderData<typeof loader>>["run"]["attendance"][number];
  statusOptions: { value: string; label: string }[];
  adults: { value: string; label: string }[];
}) {
  const { t } = useTranslation("meetings");
  return (
    <tr>
      <th scope="row">{row.name}</th>
      <td>
        <AttendanceSelect
          name={`status_${row.personId}`}
          label={t("attendance.status_of", { name: row.name })}
          defaultValue={row.status ?? ""}
          options={statusOptions}
          placeholder={t("attendance.unknown")}
        />
        <span className="small" aria-hidden="true">
          {t("attendance.proxy")}
        </span>
        <AttendanceSelect
          name={`proxy_${row.personId}`}
          label={t("attendance.proxy_of", { name: row.name })}
          defaultValue={row.proxyPersonId ?? ""}
          options={adults.filter((a) => a.value !== row.personId)}
          placeholder={t("attendance.no_proxy")}
        />
      </td>
    </tr>
  );
}

/** A select without a visible label (the table's headers say what it is), named for screen readers. */
function AttendanceSelect({
  name,
  label,
  defaultValue,
  options,
  placeholder,
}: {
  name: string;
  label: string;
  defaultValue: string;
  options: { value: string; label: string }[];
  placeholder: string;
}) {
  const { reply } = useFormState();
  const value = reply ? (reply.fields[name] ?? defaultValue) : defaultValue;
  const errors = reply?.fieldErrors[name] ?? [];
  const id = `att-${name}`;
  return (
    <>
      <select
        key={reply ? `r-${value}` : "d"}
        id={id}
        name={name}
        aria-label={label}
        defaultValue={value}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={errors.length ? `${id}-error` : undefined}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {errors.length ? (
        <ul id={`${id}-error`} className="field-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
