// The resident survey, answered on a phone: satisfaction, belonging, the 3-item loneliness scale, help given
// and received, one optional comment. Anonymous: the answer is stored without any link to the person.
import { getFormProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, useAppForm } from "~/components/forms";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate } from "~/modules/core/dates";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { SurveyAnswerSchema, type SurveyItem } from "~/modules/evaluation/schemas";
import { answerSurvey, describeSurveyProblem, getOpenSurvey } from "~/modules/evaluation/surveys.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["evaluation"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  return {
    title: getT(resolveLang(request, ctx.user.locale))("evaluation:survey.title"),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    survey: getOpenSurvey({ ctx }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const submission = parseWithZod(await request.formData(), { schema: SurveyAnswerSchema });
  const open = getOpenSurvey({ ctx });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const t = getT(resolveLang(request, ctx.user.locale)) as unknown as Translate;
  const result = open
    ? answerSurvey({ ctx, surveyId: open.id, input: submission.value })
    : { ok: false as const, problems: [{ code: "survey_not_open" as const, field: null }] };
  // The answers' fields carry no problem: each shows above the form.
  if (!result.ok)
    return data(
      replyWithProblems(submission, result.problems, (p) => describeSurveyProblem(t, p), { fields: [] }),
      { status: 409 },
    );
  return redirectWithToast(`/g/${ctx.groupId}`, "evaluation_survey_answered");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

/** A question as a group of radio buttons: a fieldset with its legend, the error tied to it. */
function Scale({
  field,
  legend,
  labels,
}: {
  field: Pick<FieldMetadata<unknown>, "id" | "name" | "errorId" | "errors" | "initialValue">;
  legend: string;
  labels: string[];
}) {
  const current = field.initialValue == null ? "" : String(field.initialValue);
  return (
    <fieldset
      aria-describedby={field.errors?.length ? field.errorId : undefined}
      aria-invalid={field.errors?.length ? true : undefined}
      style={{ minWidth: 0 }}
    >
      <legend>{legend}</legend>
      {labels.map((label, i) => {
        const value = String(i + 1);
        const id = `${field.id}-${value}`;
        return (
          <div className="check" key={value}>
            <input type="radio" id={id} name={field.name} value={value} defaultChecked={current === value} required />
            <label htmlFor={id}>{label}</label>
          </div>
        );
      })}
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

export default function Survey() {
  const { t, i18n } = useTranslation("evaluation");
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "survey",
    lastResult,
    constraint: getZodConstraint(SurveyAnswerSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SurveyAnswerSchema }),
  });
  const scale = (key: string) => t(`survey.scale.${key}`, { returnObjects: true }) as unknown as string[];
  const q = (item: SurveyItem, labels: string[]) => <Scale field={fields[item]} legend={t(`survey.q.${item}`)} labels={labels} />;
  const comment = getTextareaProps(fields.comment, { ariaDescribedBy: `${fields.comment.id}-hint` });
  return (
    <>
      <h1>{t("survey.title")}</h1>
      {!d.survey ? (
        <p>{t("survey.none_open")}</p>
      ) : d.survey.answered ? (
        <p className="card">{t("survey.answered")}</p>
      ) : (
        <>
          <h2>{d.survey.title}</h2>
          <p className="muted">{t("survey.closes", { date: formatDate(d.survey.closesOn, i18n.language, d.timeZone) })}</p>
          <p className="card">{t("survey.anonymous")}</p>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <p className="small muted">{t("survey.required_hint")}</p>
            <FormErrors id={form.errorId} errors={form.errors} />
            {q("satisfaction", scale("satisfaction"))}
            {q("belonging", scale("belonging"))}
            <p>{t("survey.q.lonely_intro")}</p>
            {q("lonelyCompanionship", scale("lonely"))}
            {q("lonelyLeftOut", scale("lonely"))}
            {q("lonelyIsolated", scale("lonely"))}
            {q("helpGiven", scale("help"))}
            {q("helpReceived", scale("help"))}
            <div className="field">
              <label htmlFor={fields.comment.id}>{t("survey.q.comment")}</label>
              <p id={`${fields.comment.id}-hint`} className="hint">
                {t("survey.q.comment_hint")}
              </p>
              <textarea {...comment} key={comment.key} rows={4} />
              <ErrorList id={fields.comment.errorId} errors={fields.comment.errors} />
            </div>
            <div className="actions">
              <button type="submit" disabled={navigation.state === "submitting"}>
                {t("survey.submit")}
              </button>
            </div>
          </Form>
        </>
      )}
    </>
  );
}
