// One referral: where it stands (sent → taken up → closed) and what came of it. Reading it is logged.
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextAreaField, TextField, useAppForm } from "~/components/forms";
import { FactList, PrivateNotice } from "~/components/support-ui";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate } from "~/modules/core/dates";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { REFERRAL_OUTCOMES, REFERRAL_STATUSES } from "~/modules/support/enums";
import { canMoveReferral, describeProblem } from "~/modules/support/rules";
import { ReferralUpdateSchema } from "~/modules/support/schemas";
import { getReferral, updateReferral } from "~/modules/support/referrals.server";
import { requireSupportWorker } from "~/modules/support/access.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["support"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  const { referral, today } = getReferral({ ctx, referralId: params.referralId ?? "" });
  return { title: getT(resolveLang(request, ctx.user.locale))("support:referral.title"), groupId: ctx.groupId, timeZone: ctx.group.timeZone, referral, today };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  const referralId = params.referralId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: ReferralUpdateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = updateReferral({ ctx, referralId, input: submission.value });
  if (!result.ok) return data(replyWithProblems(submission, result.problems, describeProblem), { status: 400 });
  return redirectWithToast(`/g/${ctx.groupId}/support/referrals/${referralId}`, "support_referral_updated");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function Referral() {
  const { t, i18n } = useTranslation("support");
  const { groupId, timeZone, referral: r, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const next = REFERRAL_STATUSES.filter((s) => canMoveReferral(r.status, s));
  const [form, fields] = useAppForm({
    id: "support-referral-update",
    lastResult,
    constraint: getZodConstraint(ReferralUpdateSchema),
    defaultValue: { status: next[0] ?? "", outcomeKind: "", outcomeText: r.outcomeText, date: today },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReferralUpdateSchema }),
  });
  const date = (v: string) => formatDate(v, i18n.language, timeZone);
  return (
    <>
      <p>
        <Link to={`/g/${groupId}/support/households/${r.householdId}`}>{r.householdName}</Link>
      </p>
      <h1>
        {t("referral.title")} : {r.partnerName}
      </h1>
      <PrivateNotice />
      <FactList
        items={[
          [t("partners.field"), t(`partner_fields.${r.field}`)],
          !!r.partnerContact && [t("partners.contact"), r.partnerContact],
          [t("referral.status"), `${t(`statuses.${r.status}`)}${r.outcomeKind ? ` · ${t(`referral_outcomes.${r.outcomeKind}`)}` : ""}`],
          [
            t("referral.date"),
            `${t("referral.sent_on", { date: date(r.date) })}${r.closedOn ? ` · ${t("referral.closed_on", { date: date(r.closedOn) })}` : ""}`,
          ],
        ]}
      />
      {r.outcomeText ? <p style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>{r.outcomeText}</p> : null}
      {next.length ? (
        <Form method="post" className="stack" {...getFormProps(form)} style={{ marginTop: "1rem" }}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField field={fields.status} label={t("referral.status")} options={next.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} />
          <SelectField
            field={fields.outcomeKind}
            label={t("referral.outcome_kind")}
            hint={t("referral.outcome_kind_hint")}
            placeholder="—"
            options={REFERRAL_OUTCOMES.map((o) => ({ value: o, label: t(`referral_outcomes.${o}`) }))}
          />
          <TextAreaField field={fields.outcomeText} label={t("referral.outcome_text")} />
          <TextField field={fields.date} label={t("referral.date")} type="date" max={today} />
          <div className="actions">
            <button type="submit" disabled={navigation.state === "submitting"}>
              {t("referral.submit")}
            </button>
          </div>
        </Form>
      ) : null}
    </>
  );
}
