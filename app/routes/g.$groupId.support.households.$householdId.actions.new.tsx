// Record an action for a household — most often an interview, typed on a phone right after it: the
// date, kind and duration come filled in; aid and rights opened sit behind a disclosure.
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextAreaField, TextField, useAppForm } from "~/components/forms";
import { CheckboxGroup, PrivateNotice } from "~/components/support-ui";
import type { AccessPolicy } from "~/modules/access/policy";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { ACTION_KINDS, AID_SOURCES, RIGHTS, SUPPORT_TOPICS } from "~/modules/support/enums";
import { describeProblem } from "~/modules/support/rules";
import { ActionSchema } from "~/modules/support/schemas";
import { getActionFormData, recordAction } from "~/modules/support/actions.server";
import { requireSupportWorker } from "~/modules/support/access.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["support"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  return {
    title: getT(resolveLang(request, ctx.user.locale))("support:action_form.title"),
    groupId: ctx.groupId,
    ...getActionFormData({ ctx, householdId: params.householdId ?? "" }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  const householdId = params.householdId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: ActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = recordAction({ ctx, householdId, input: submission.value });
  if (!result.ok) return data(replyWithProblems(submission, result.problems, describeProblem), { status: 400 });
  return redirectWithToast(`/g/${ctx.groupId}/support/households/${householdId}`, "support_action_recorded");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function NewAction() {
  const { t } = useTranslation("support");
  const { groupId, household, members, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "support-action",
    lastResult,
    constraint: getZodConstraint(ActionSchema),
    defaultValue: { date: today, kind: "individual_interview", durationMinutes: "45", topics: [], personIds: [], note: "", aid: "", aidSource: "", rights: [] },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActionSchema }),
  });
  const back = `/g/${groupId}/support/households/${household.id}`;
  const moreHasErrors = [fields.aid, fields.aidSource, fields.rights].some((f) => Object.keys(f.allErrors).length > 0);
  return (
    <>
      <p>
        <Link to={back}>{household.name}</Link>
      </p>
      <h1>{t("action_form.title")}</h1>
      <PrivateNotice />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.date} label={t("action_form.date")} type="date" max={today} />
        <SelectField field={fields.kind} label={t("action_form.kind")} options={ACTION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        <CheckboxGroup field={fields.topics} legend={t("action_form.topics")} options={SUPPORT_TOPICS.map((s) => ({ value: s, label: t(`topics.${s}`) }))} />
        <TextField
          field={fields.durationMinutes}
          label={t("action_form.duration")}
          hint={t("action_form.duration_hint")}
          type="number"
          inputMode="numeric"
          min={1}
          max={1440}
        />
        {members.length ? (
          <CheckboxGroup field={fields.personIds} legend={t("action_form.persons")} options={members.map((m) => ({ value: m.id, label: m.firstName }))} />
        ) : null}
        <TextAreaField field={fields.note} label={t("action_form.note")} hint={t("action_form.note_hint")} />
        <details open={moreHasErrors}>
          <summary>{t("action_form.more")}</summary>
          <div className="stack" style={{ marginTop: "0.75rem" }}>
            <TextField field={fields.aid} label={t("action_form.aid")} hint={t("action_form.aid_hint")} inputMode="decimal" autoComplete="off" />
            <SelectField
              field={fields.aidSource}
              label={t("action_form.aid_source")}
              placeholder="—"
              options={AID_SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }))}
            />
            <CheckboxGroup field={fields.rights} legend={t("action_form.rights")} options={RIGHTS.map((r) => ({ value: r, label: t(`rights.${r}`) }))} />
          </div>
        </details>
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("action_form.submit")}
          </button>
          <Link className="button secondary" to={back}>
            {t("common:actions.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
