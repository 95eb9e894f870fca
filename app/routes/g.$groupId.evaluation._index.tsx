// The group's evaluation for its facilitators: the indicators of a chosen period with their data status,
// the date of the last update, and the period reports (start one for a period).
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EvaluationNav, IndicatorTables } from "~/components/evaluation-ui";
import { FormErrors, SelectField, useAppForm } from "~/components/forms";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate, formatDateTime, formatPeriod, todayIn } from "~/modules/core/dates";
import { lastCompleteQuarter, parsePeriodKey, PERIOD_KINDS, recentPeriods } from "~/modules/evaluation/indicators";
import { computeGroupIndicators } from "~/modules/evaluation/indicators.server";
import { createReport, listReports } from "~/modules/evaluation/reports.server";
import { NewReportSchema } from "~/modules/evaluation/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { redirect } from "@remix-run/node";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["evaluation"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const today = todayIn(ctx.group.timeZone);
  const asked = new URL(request.url).searchParams.get("period");
  const period = (asked && parsePeriodKey(asked)) || lastCompleteQuarter(today);
  const indicators = computeGroupIndicators({ scope: ctx, from: period.from, to: period.to });
  return {
    title: getT(resolveLang(request, ctx.user.locale))("evaluation:group.title"),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    period,
    options: recentPeriods(today),
    indicators,
    reports: listReports({ ctx }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const submission = parseWithZod(await request.formData(), { schema: NewReportSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { id } = createReport({ ctx, input: submission.value });
  return redirect(`/g/${ctx.groupId}/evaluation/reports/${id}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function Evaluation() {
  const { t, i18n } = useTranslation("evaluation");
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const lang = i18n.language;
  const [form, fields] = useAppForm({
    id: "new-report",
    lastResult,
    constraint: getZodConstraint(NewReportSchema),
    defaultValue: { periodKind: "quarter", periodKey: d.period.kind === "quarter" ? d.period.key : "" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewReportSchema }),
  });
  const pct = (v: number) => new Intl.NumberFormat(lang === "en" ? "en-GB" : lang, { style: "percent", maximumFractionDigits: 0 }).format(v);
  return (
    <>
      <h1>{t("group.title")}</h1>
      <EvaluationNav groupId={d.groupId} canManage />
      <p className="muted">{t("group.intro")}</p>

      <Form method="get" className="card stack" aria-labelledby="period-title">
        <h2 id="period-title">{t("group.period")}</h2>
        <div className="field">
          <label htmlFor="period">{t("group.period_key")}</label>
          <select id="period" name="period" defaultValue={d.period.key}>
            {PERIOD_KINDS.map((kind) => (
              <optgroup key={kind} label={t(`group.period_kinds.${kind}`)}>
                {d.options[kind].map((p) => (
                  <option key={p.key} value={p.key}>
                    {formatPeriod(p.key, lang)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="secondary">
            {t("group.show")}
          </button>
        </div>
      </Form>

      <section aria-labelledby="summary">
        <h2 id="summary">
          {formatPeriod(d.period.key, lang)} —{" "}
          {t("group.period_range", { from: formatDate(d.period.from, lang, d.timeZone), to: formatDate(d.period.to, lang, d.timeZone) })}
        </h2>
        <p>{t("group.completeness", { value: pct(d.indicators.values.data_completeness ?? 0) })}</p>
        <p>
          {d.indicators.lastActivityAt
            ? t("group.last_activity", { date: formatDateTime(Date.parse(d.indicators.lastActivityAt), lang, d.timeZone) })
            : t("group.no_activity")}
        </p>
        <p className="small muted">{t("group.partial_hint")}</p>
      </section>

      <IndicatorTables data={d.indicators} groupId={d.groupId} headingLevel={3} />

      <section aria-labelledby="reports" className="card">
        <h2 id="reports">{t("report.list_title")}</h2>
        <p className="muted">{t("report.list_intro")}</p>
        {d.reports.length ? (
          <ul className="list">
            {d.reports.map((r) => (
              <li key={r.id}>
                <Link to={`/g/${d.groupId}/evaluation/reports/${r.id}`}>{t("report.title", { period: formatPeriod(r.periodKey, lang) })}</Link>{" "}
                <span className="tag">{t(`report.status.${r.status}`)}</span>
                {r.currentRevision > 0 ? <span className="small muted"> · {t("report.revision", { n: r.currentRevision })}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("report.none")}</p>
        )}
        <h3 id="new-report-title">{t("report.new")}</h3>
        <Form method="post" className="stack" aria-labelledby="new-report-title" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField
            field={fields.periodKind}
            label={t("report.period_kind")}
            options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`group.period_kinds.${k}`) }))}
          />
          <SelectField
            field={fields.periodKey}
            label={t("report.period_key")}
            options={PERIOD_KINDS.flatMap((k) => d.options[k].map((p) => ({ value: p.key, label: formatPeriod(p.key, lang) })))}
          />
          <div className="actions">
            <button type="submit" disabled={navigation.state === "submitting"}>
              {t("report.create")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
