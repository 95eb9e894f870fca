// Resident surveys for the facilitators: open one for a period, close it early, read the results of a
// closed survey with at least 5 answers (?survey=id): means, distributions, comments shuffled without dates.
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { EvaluationNav } from "~/components/evaluation-ui";
import { FormErrors, TextField, useAppForm } from "~/components/forms";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate } from "~/modules/core/dates";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { SurveySchema } from "~/modules/evaluation/schemas";
import { closeSurvey, createSurvey, describeSurveyProblem, getSurveyResults, listSurveys } from "~/modules/evaluation/surveys.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["evaluation"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const asked = new URL(request.url).searchParams.get("survey");
  return {
    title: getT(resolveLang(request, ctx.user.locale))("evaluation:survey.manage.title"),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    surveys: listSurveys({ ctx }),
    results: asked ? getSurveyResults({ ctx, surveyId: asked }) : null,
  };
}

const CloseSchema = z.object({ intent: z.literal("close"), surveyId: z.string().min(1) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const formData = await request.formData();
  const t = getT(resolveLang(request, ctx.user.locale)) as unknown as Translate;
  if (formData.get("intent") === "close") {
    const parsed = CloseSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw new Response("Bad Request", { status: 400 });
    const r = closeSurvey({ ctx, surveyId: parsed.data.surveyId });
    if (!r.ok) return data({ status: "error" as const, error: { "": r.problems.map((p) => describeSurveyProblem(t, p)) } }, { status: 409 });
    return redirectWithToast(`/g/${ctx.groupId}/evaluation/surveys`, "evaluation_survey_closed");
  }
  const submission = parseWithZod(formData, { schema: SurveySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const r = createSurvey({ ctx, input: submission.value });
  if (!r.ok)
    return data(
      replyWithProblems(submission, r.problems, (p) => describeSurveyProblem(t, p)),
      { status: 400 },
    );
  return redirectWithToast(`/g/${ctx.groupId}/evaluation/surveys`, "evaluation_survey_created");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function Surveys() {
  const { t, i18n } = useTranslation("evaluation");
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const lang = i18n.language;
  const [form, fields] = useAppForm({
    id: "new-survey",
    lastResult: lastResult && "initialValue" in lastResult ? lastResult : undefined,
    constraint: getZodConstraint(SurveySchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SurveySchema }),
  });
  const date = (s: string) => formatDate(s, lang, d.timeZone);
  const pct = (v: number) => new Intl.NumberFormat(lang === "en" ? "en-GB" : lang, { style: "percent", maximumFractionDigits: 0 }).format(v);
  const r = d.results;
  return (
    <>
      <h1>{t("survey.manage.title")}</h1>
      <EvaluationNav groupId={d.groupId} canManage />
      <p className="muted">{t("survey.manage.intro")}</p>

      {r ? (
        <section aria-labelledby="results" className="card">
          <h2 id="results">{t("survey.manage.results_title", { title: r.survey.title })}</h2>
          <p>
            {t("survey.manage.dates", { from: date(r.survey.opensOn), to: date(r.survey.closedOn) })} ·{" "}
            {t("survey.manage.answers", { count: r.survey.answers })}
          </p>
          {r.items ? (
            <>
              <p className="small muted">{t("survey.manage.distribution")}</p>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("survey.manage.question")}</th>
                      <th scope="col">{t("survey.manage.mean")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.items.map((i) => (
                      <tr key={i.item}>
                        <th scope="row">
                          {t(`survey.manage.items.${i.item}`)}
                          <br />
                          <span className="small muted" style={{ fontWeight: "normal" }}>
                            {i.counts.join(" · ")}
                          </span>
                        </th>
                        <td className="num">{i.mean.toLocaleString(lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {r.lonelyShare != null ? <p>{t("survey.manage.lonely_share", { value: pct(r.lonelyShare) })}</p> : null}
              <h3>{t("survey.manage.comments")}</h3>
              <p className="small muted">{t("survey.manage.comments_note")}</p>
              {r.comments?.length ? (
                <ul className="list">
                  {r.comments.map((c, i) => (
                    <li key={i} style={{ whiteSpace: "pre-line" }}>
                      {c}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t("survey.manage.no_comments")}</p>
              )}
            </>
          ) : (
            <p>{t(`survey.manage.hidden.${r.hiddenReason}`)}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="list">
        <h2 id="list">{t("group.links.surveys")}</h2>
        {d.surveys.length ? (
          <ul className="list">
            {d.surveys.map((s) => (
              <li key={s.id}>
                <strong>{s.title}</strong> <span className="tag">{t(`survey.manage.status.${s.status}`)}</span>
                <p className="small" style={{ margin: "0.25rem 0" }}>
                  {t("survey.manage.dates", { from: date(s.opensOn), to: date(s.closedOn) })} · {t("survey.manage.answers", { count: s.answers })}
                </p>
                <div className="actions">
                  {s.status === "closed" ? <Link to={`?survey=${s.id}`}>{t("survey.manage.results")}</Link> : null}
                  {s.status !== "closed" ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="close" />
                      <input type="hidden" name="surveyId" value={s.id} />
                      <button type="submit" className="secondary">
                        {t("survey.manage.close")}
                      </button>
                    </Form>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("survey.manage.none")}</p>
        )}
      </section>

      <section aria-labelledby="new-survey-title" className="card">
        <h2 id="new-survey-title">{t("survey.manage.new")}</h2>
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.title} label={t("survey.manage.fields.title")} hint={t("survey.manage.fields.title_hint")} />
          <TextField field={fields.opensOn} type="date" label={t("survey.manage.fields.opensOn")} />
          <TextField field={fields.closesOn} type="date" label={t("survey.manage.fields.closesOn")} />
          <div className="actions">
            <button type="submit" disabled={navigation.state === "submitting"}>
              {t("survey.manage.create")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
