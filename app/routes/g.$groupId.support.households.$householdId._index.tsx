// A household's support file: its support episodes, the latest actions (with the staff notes), its
// referrals and, once it has left, the follow-up checks at 6 and 12 months. Every read is logged.
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextField, useAppForm } from "~/components/forms";
import { FactList, PrivateNotice, SupportMenu } from "~/components/support-ui";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate } from "~/modules/core/dates";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { EPISODE_OUTCOMES, HOUSED_ANSWERS } from "~/modules/support/enums";
import { describeProblem, formatEuros } from "~/modules/support/rules";
import { CloseEpisodeSchema, ExitCheckSchema, HouseholdFileSchema } from "~/modules/support/schemas";
import { actOnHouseholdFile, getHouseholdFile } from "~/modules/support/episodes.server";
import { requireSupportWorker } from "~/modules/support/access.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["support", "households:destinations"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  const file = getHouseholdFile({ ctx, householdId: params.householdId ?? "" });
  return {
    title: `${file.household.name} — ${getT(resolveLang(request, ctx.user.locale))("support:title")}`,
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    lead: ctx.supportLead,
    ...file,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  const householdId = params.householdId ?? "";
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: HouseholdFileSchema });
  // Which form answered: the close form, or the check form of one milestone.
  const formId = formData.get("intent") === "check" ? `check-${String(formData.get("milestone"))}` : "close";
  if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
  const result = actOnHouseholdFile({ ctx, householdId, input: submission.value });
  if (!result.ok) return data({ formId, result: replyWithProblems(submission, result.problems, describeProblem) }, { status: 400 });
  const here = `/g/${ctx.groupId}/support/households/${householdId}`;
  return submission.value.intent === "close" ? redirectWithToast(here, "support_episode_closed") : redirectWithToast(`${here}#exits`, "support_check_saved");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function HouseholdFile() {
  const { t, i18n } = useTranslation("support");
  const d = useLoaderData<typeof loader>();
  const base = `/g/${d.groupId}/support`;
  const here = `${base}/households/${d.household.id}`;
  // A correction refused without JavaScript comes back with its form open, errors in view.
  const failedForm = useActionData<typeof action>()?.formId;
  const date = (v: string) => formatDate(v, i18n.language, d.timeZone);
  return (
    <>
      <p>
        <Link to={base}>{t("file.back")}</Link>
      </p>
      <h1>{d.household.name}</h1>
      <SupportMenu groupId={d.groupId} lead={d.lead} />
      <PrivateNotice />

      <section className="card" aria-labelledby="facts">
        <h2 id="facts">{t("file.facts")}</h2>
        <FactList
          items={[
            !!d.household.dwelling && [t("file.dwelling"), d.household.dwelling],
            [t("file.arrival"), date(d.household.arrivalDate)],
            [t("file.members"), d.members.map((m) => m.firstName).join(", ")],
          ]}
        />
        <p className="small" style={{ marginBottom: 0 }}>
          <Link to={`/g/${d.groupId}/households/${d.household.id}/support`}>{t("file.what_household_sees")}</Link>
        </p>
      </section>

      <div className="actions">
        <Link className="button" to={`${here}/actions/new`}>
          {t("file.record_action")}
        </Link>
        <Link className="button secondary" to={`${here}/referrals/new`}>
          {t("file.refer")}
        </Link>
      </div>

      <section aria-labelledby="episodes">
        <h2 id="episodes">{t("file.episodes")}</h2>
        {d.episodes.length ? (
          <ul className="list">
            {d.episodes.map((e) => (
              <li key={e.id}>
                <p style={{ margin: 0 }}>
                  <strong>
                    {e.endDate ? t("file.closed_range", { from: date(e.startDate), to: date(e.endDate) }) : t("file.open_since", { date: date(e.startDate) })}
                  </strong>
                </p>
                <FactList
                  className="small"
                  items={[
                    [t("file.entry_situation"), t(`situations.${e.entrySituation}`)],
                    [t("file.goals"), e.goals.map((g) => t(`topics.${g}`)).join(", ")],
                    !!e.outcome && [t("file.outcome"), t(`outcomes.${e.outcome}`)],
                  ]}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("file.no_episode")}</p>
        )}
        {d.openEpisode ? (
          <CloseForm startDate={d.openEpisode.startDate} today={d.today} />
        ) : (
          <p>
            <Link className="button secondary" to={`${here}/episodes/new`}>
              {t("file.start_episode")}
            </Link>
          </p>
        )}
      </section>

      <section aria-labelledby="actions">
        <h2 id="actions">{t("file.actions")}</h2>
        {d.actions.length ? (
          <ul className="list">
            {d.actions.map((a) => (
              <li key={a.id}>
                <p style={{ margin: 0 }}>
                  <strong>{date(a.date)}</strong> · {t(`kinds.${a.kind}`)} · {t("file.minutes", { count: a.durationMinutes })}
                </p>
                <p style={{ margin: "0.25rem 0 0" }}>
                  {a.topics.map((topic) => (
                    <span key={topic} className="tag">
                      {t(`topics.${topic}`)}
                    </span>
                  ))}
                </p>
                {a.personNames.length ? (
                  <p className="small" style={{ margin: "0.25rem 0 0" }}>
                    {t("file.persons")} : {a.personNames.join(", ")}
                  </p>
                ) : null}
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
                {a.note ? (
                  <p style={{ margin: "0.35rem 0 0", whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                    <span className="visually-hidden">{t("file.note")} : </span>
                    {a.note}
                  </p>
                ) : null}
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
        {d.actionTotal > d.actions.length ? (
          <p>
            <Link to={`${here}/actions`}>{t("file.all_actions", { count: d.actionTotal })}</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="referrals">
        <h2 id="referrals">{t("file.referrals")}</h2>
        {d.referrals.length ? (
          <ul className="list">
            {d.referrals.map((r) => (
              <li key={r.id}>
                <Link to={`${base}/referrals/${r.id}`}>{r.partnerName}</Link>
                <p className="small" style={{ margin: "0.25rem 0 0" }}>
                  {t(`partner_fields.${r.field}`)} · {date(r.date)} · {t(`statuses.${r.status}`)}
                  {r.outcomeKind ? ` · ${t(`referral_outcomes.${r.outcomeKind}`)}` : ""}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("file.no_referrals")}</p>
        )}
      </section>

      <section aria-labelledby="exits-title" id="exits">
        <h2 id="exits-title">{t("file.exits")}</h2>
        {d.household.departureDate ? (
          <>
            <FactList
              items={[
                [t("file.departure"), date(d.household.departureDate)],
                [t("file.destination"), t(`households:destinations.${d.household.destination ?? "unknown"}`)],
              ]}
            />
            <h3>{t("file.checks")}</h3>
            {d.checks.map((c) => (
              <div key={c.milestone} className="card">
                <p style={{ marginTop: 0 }}>
                  <strong>{t("file.check_due", { months: c.milestone, date: date(c.dueDate) })}</strong> —{" "}
                  {c.stillHoused && c.checkedOn
                    ? t("file.check_result", { answer: t(`housed.${c.stillHoused}`), date: date(c.checkedOn) })
                    : t("file.check_pending")}
                </p>
                {c.dueDate > addDays(d.today, 30) ? null : c.stillHoused ? (
                  <details open={failedForm === `check-${c.milestone}` || undefined}>
                    <summary>{t("file.check_change")}</summary>
                    <CheckForm milestone={c.milestone} today={d.today} current={c.stillHoused} />
                  </details>
                ) : (
                  <CheckForm milestone={c.milestone} today={d.today} current={null} />
                )}
              </div>
            ))}
          </>
        ) : (
          <p className="muted">{t("file.not_departed")}</p>
        )}
      </section>
    </>
  );
}

function addDays(date: string, days: number) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function useFormResult(formId: string) {
  const actionData = useActionData<typeof action>();
  return actionData && actionData.formId === formId ? actionData.result : undefined;
}

function CloseForm({ startDate, today }: { startDate: string; today: string }) {
  const { t } = useTranslation("support");
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "close",
    lastResult: useFormResult("close"),
    constraint: getZodConstraint(CloseEpisodeSchema),
    defaultValue: { intent: "close", endDate: today, outcome: "" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CloseEpisodeSchema }),
  });
  return (
    <details
      className="card"
      style={{ overflowWrap: "anywhere" }}
      open={!!form.errors?.length || !!fields.endDate.errors?.length || !!fields.outcome.errors?.length}
    >
      <summary>{t("file.close_title")}</summary>
      <Form method="post" className="stack" {...getFormProps(form)} style={{ marginTop: "0.75rem" }}>
        <input type="hidden" name="intent" value="close" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.endDate} label={t("referral.date")} type="date" min={startDate} max={today} />
        <SelectField
          field={fields.outcome}
          label={t("file.outcome")}
          placeholder="—"
          options={EPISODE_OUTCOMES.map((o) => ({ value: o, label: t(`outcomes.${o}`) }))}
        />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("file.close_submit")}
          </button>
        </div>
      </Form>
    </details>
  );
}

function CheckForm({ milestone, today, current }: { milestone: number; today: string; current: string | null }) {
  const { t } = useTranslation("support");
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: `check-${milestone}`,
    lastResult: useFormResult(`check-${milestone}`),
    constraint: getZodConstraint(ExitCheckSchema),
    defaultValue: { intent: "check", milestone: String(milestone), stillHoused: current ?? "", checkedOn: today },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ExitCheckSchema }),
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="check" />
      <input type="hidden" name="milestone" value={milestone} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField
        field={fields.stillHoused}
        label={t("file.check_question")}
        placeholder="—"
        options={HOUSED_ANSWERS.map((a) => ({ value: a, label: t(`housed.${a}`) }))}
      />
      <TextField field={fields.checkedOn} label={t("referral.date")} type="date" max={today} />
      <div className="actions">
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("file.check_submit")}
          <span className="visually-hidden"> — {t("file.check_for", { months: milestone })}</span>
        </button>
      </div>
    </Form>
  );
}
