// A period report: the narrative (highlights, difficulties, a story told with consent), the figures of the
// period to review, then submit — the figures are frozen in a revision. After that, a correction makes a new
// revision; every revision can be read (?revision=n) with the figures as they were frozen.
import { getFormProps, getInputProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EvaluationNav, IndicatorTables } from "~/components/evaluation-ui";
import { ErrorList, FormErrors, TextAreaField, useAppForm } from "~/components/forms";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate, formatDateTime, formatPeriod } from "~/modules/core/dates";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { describeReportProblem, getReport, getReportRevision, saveReportDraft, submitReport } from "~/modules/evaluation/reports.server";
import { ReportSchema } from "~/modules/evaluation/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["evaluation"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const { report, revisions, live } = getReport({ ctx, reportId: params.reportId ?? "" });
  const asked = Number(new URL(request.url).searchParams.get("revision"));
  const shown =
    report.currentRevision > 0
      ? getReportRevision({ scope: ctx, reportId: report.id, revision: Number.isInteger(asked) && asked > 0 ? asked : undefined })
      : null;
  return {
    title: getT(resolveLang(request, ctx.user.locale))("evaluation:report.title", {
      period: formatPeriod(report.periodKey, resolveLang(request, ctx.user.locale)),
    }),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    report: {
      id: report.id,
      periodKey: report.periodKey,
      periodFrom: report.periodFrom,
      periodTo: report.periodTo,
      status: report.status,
      currentRevision: report.currentRevision,
      highlights: report.highlights,
      difficulties: report.difficulties,
      story: report.story,
      storyConsent: report.storyConsent,
    },
    revisions,
    live: { values: live.values, completeness: live.completeness },
    shown: shown
      ? {
          ...shown.revision,
          snapshot: {
            values: shown.revision.snapshot.indicators.values,
            completeness: shown.revision.snapshot.indicators.completeness,
            computedAt: shown.revision.snapshot.computedAt,
          },
        }
      : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const reportId = params.reportId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: ReportSchema });
  // Looks the report up first: another group's report is a 404 even with bad input.
  getReport({ ctx, reportId });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const input = submission.value;
  if (input.intent === "save") {
    saveReportDraft({ ctx, reportId, input });
    return redirectWithToast(`/g/${ctx.groupId}/evaluation/reports/${reportId}`, "evaluation_report_saved");
  }
  const result = submitReport({ ctx, reportId, input });
  if (!result.ok) {
    const t = getT(resolveLang(request, ctx.user.locale)) as unknown as Translate;
    return data(
      replyWithProblems(submission, result.problems, (p) => describeReportProblem(t, p)),
      { status: 409 },
    );
  }
  return redirectWithToast(
    `/g/${ctx.groupId}/evaluation/reports/${reportId}`,
    input.intent === "submit" ? "evaluation_report_submitted" : "evaluation_report_corrected",
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function Report() {
  const { t, i18n } = useTranslation("evaluation");
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const lang = i18n.language;
  const submitted = d.report.currentRevision > 0;
  const [form, fields] = useAppForm({
    id: "report",
    lastResult,
    constraint: getZodConstraint(ReportSchema),
    defaultValue: {
      highlights: d.report.highlights,
      difficulties: d.report.difficulties,
      story: d.report.story,
      storyConsent: d.report.storyConsent ? "on" : undefined,
      correctionNote: "",
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReportSchema }),
  });
  const consent = getInputProps(fields.storyConsent, { type: "checkbox" });
  return (
    <>
      <p>
        <Link to={`/g/${d.groupId}/evaluation`}>{t("report.back")}</Link>
      </p>
      <h1>{t("report.title", { period: formatPeriod(d.report.periodKey, lang) })}</h1>
      <EvaluationNav groupId={d.groupId} canManage />
      <p className="muted">
        {t("group.period_range", { from: formatDate(d.report.periodFrom, lang, d.timeZone), to: formatDate(d.report.periodTo, lang, d.timeZone) })} ·{" "}
        <span className="tag">{t(`report.status.${d.report.status}`)}</span>
      </p>

      <Form method="post" className="stack card" {...getFormProps(form)}>
        <h2>{t("report.narrative")}</h2>
        <p className="small muted">{submitted ? t("report.correct_note") : t("report.submit_note")}</p>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextAreaField field={fields.highlights} label={t("report.fields.highlights")} hint={t("report.fields.highlights_hint")} />
        <TextAreaField field={fields.difficulties} label={t("report.fields.difficulties")} hint={t("report.fields.difficulties_hint")} />
        <TextAreaField field={fields.story} label={t("report.fields.story")} hint={t("report.fields.story_hint")} />
        <div className="field">
          <div className="check">
            <input {...consent} key={consent.key} />
            <label htmlFor={fields.storyConsent.id}>{t("report.fields.storyConsent")}</label>
          </div>
          <ErrorList id={fields.storyConsent.errorId} errors={fields.storyConsent.errors} />
        </div>
        {submitted ? <TextAreaField field={fields.correctionNote} label={t("report.fields.correctionNote")} /> : null}
        <div className="actions">
          <button type="submit" name="intent" value={submitted ? "correct" : "submit"} disabled={navigation.state === "submitting"}>
            {submitted ? t("report.correct") : t("report.submit")}
          </button>
          {!submitted ? (
            <button type="submit" name="intent" value="save" className="secondary" formNoValidate disabled={navigation.state === "submitting"}>
              {t("report.save")}
            </button>
          ) : null}
        </div>
      </Form>

      {d.revisions.length ? (
        <section aria-labelledby="revisions" className="card">
          <h2 id="revisions">{t("report.revisions")}</h2>
          <ul>
            {d.revisions.map((r) => (
              <li key={r.revision}>
                <Link to={`?revision=${r.revision}`}>
                  {t("report.submitted_by", { n: r.revision, date: formatDateTime(r.submittedAt, lang, d.timeZone), name: r.submittedByName })}
                </Link>
                {r.revision === d.report.currentRevision ? <span className="tag"> {t("report.current")}</span> : null}
                {r.correctionNote ? <p className="small">{t("report.correction", { note: r.correctionNote })}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.shown ? (
        <section aria-labelledby="frozen">
          <h2 id="frozen">{t("report.frozen", { n: d.shown.revision, date: formatDateTime(Date.parse(d.shown.snapshot.computedAt), lang, d.timeZone) })}</h2>
          <div className="card narrative">
            <h3>{t("report.fields.highlights")}</h3>
            <p style={{ whiteSpace: "pre-line" }}>{d.shown.highlights}</p>
            {d.shown.difficulties ? (
              <>
                <h3>{t("report.fields.difficulties")}</h3>
                <p style={{ whiteSpace: "pre-line" }}>{d.shown.difficulties}</p>
              </>
            ) : null}
            {d.shown.story ? (
              <>
                <h3>{t("report.fields.story")}</h3>
                <p style={{ whiteSpace: "pre-line" }}>{d.shown.story}</p>
              </>
            ) : null}
          </div>
          <IndicatorTables data={d.shown.snapshot} groupId={d.groupId} headingLevel={3} idPrefix="frozen" />
        </section>
      ) : (
        <section aria-labelledby="figures">
          <h2 id="figures">{t("report.figures")}</h2>
          <p className="muted">{t("report.figures_live")}</p>
          <IndicatorTables data={d.live} groupId={d.groupId} headingLevel={3} idPrefix="live" />
        </section>
      )}
    </>
  );
}
