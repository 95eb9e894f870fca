// Start supporting a household: the start date, where it lived at entry, and the goals (several).
// At most one open episode per household: a second one is refused with a message, nothing written.
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextField, useAppForm } from "~/components/forms";
import { CheckboxGroup, PrivateNotice } from "~/components/support-ui";
import type { AccessPolicy } from "~/modules/access/policy";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { ENTRY_SITUATIONS, SUPPORT_TOPICS } from "~/modules/support/enums";
import { describeProblem } from "~/modules/support/rules";
import { StartEpisodeSchema } from "~/modules/support/schemas";
import { getActionFormData } from "~/modules/support/actions.server";
import { requireSupportWorker } from "~/modules/support/access.server";
import { startEpisode } from "~/modules/support/episodes.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["support"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  const { household, today } = getActionFormData({ ctx, householdId: params.householdId ?? "" });
  return { title: getT(resolveLang(request, ctx.user.locale))("support:episode_form.title"), groupId: ctx.groupId, household, today };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  const householdId = params.householdId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: StartEpisodeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = startEpisode({ ctx, householdId, input: submission.value });
  if (!result.ok) return data(replyWithProblems(submission, result.problems, describeProblem), { status: 400 });
  return redirectWithToast(`/g/${ctx.groupId}/support/households/${householdId}`, "support_episode_started");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function NewEpisode() {
  const { t } = useTranslation("support");
  const { groupId, household, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "support-episode",
    lastResult,
    constraint: getZodConstraint(StartEpisodeSchema),
    defaultValue: { startDate: today, entrySituation: "", goals: [] },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StartEpisodeSchema }),
  });
  const back = `/g/${groupId}/support/households/${household.id}`;
  return (
    <>
      <p>
        <Link to={back}>{household.name}</Link>
      </p>
      <h1>{t("episode_form.title")}</h1>
      <PrivateNotice />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.startDate} label={t("episode_form.start_date")} type="date" max={today} />
        <SelectField
          field={fields.entrySituation}
          label={t("file.entry_situation")}
          placeholder="—"
          options={ENTRY_SITUATIONS.map((s) => ({ value: s, label: t(`situations.${s}`) }))}
        />
        <CheckboxGroup field={fields.goals} legend={t("file.goals")} options={SUPPORT_TOPICS.map((s) => ({ value: s, label: t(`topics.${s}`) }))} />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("episode_form.submit")}
          </button>
          <Link className="button secondary" to={back}>
            {t("common:actions.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
