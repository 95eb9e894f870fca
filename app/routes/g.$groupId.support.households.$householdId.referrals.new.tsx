// Refer a household to a partner of the group's network: the partner and the date it was sent.
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextField, useAppForm } from "~/components/forms";
import { PrivateNotice } from "~/components/support-ui";
import type { AccessPolicy } from "~/modules/access/policy";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { describeProblem } from "~/modules/support/rules";
import { ReferralSchema } from "~/modules/support/schemas";
import { createReferral, listPartners } from "~/modules/support/referrals.server";
import { getActionFormData } from "~/modules/support/actions.server";
import { requireSupportWorker } from "~/modules/support/access.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["support"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  const { household, today } = getActionFormData({ ctx, householdId: params.householdId ?? "" });
  return {
    title: getT(resolveLang(request, ctx.user.locale))("support:referral_form.title"),
    groupId: ctx.groupId,
    household,
    today,
    partners: listPartners({ ctx }).map((p) => ({ id: p.id, name: p.name, field: p.field })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  const householdId = params.householdId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: ReferralSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = createReferral({ ctx, householdId, input: submission.value });
  if (!result.ok) return data(replyWithProblems(submission, result.problems, describeProblem), { status: 400 });
  return redirectWithToast(`/g/${ctx.groupId}/support/households/${householdId}#referrals`, "support_referral_sent");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function NewReferral() {
  const { t } = useTranslation("support");
  const { groupId, household, today, partners } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "support-referral",
    lastResult,
    constraint: getZodConstraint(ReferralSchema),
    defaultValue: { partnerId: "", date: today },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReferralSchema }),
  });
  const back = `/g/${groupId}/support/households/${household.id}`;
  return (
    <>
      <p>
        <Link to={back}>{household.name}</Link>
      </p>
      <h1>{t("referral_form.title")}</h1>
      <PrivateNotice />
      {partners.length ? null : (
        <p>
          {t("referral_form.no_partners")} <Link to={`/g/${groupId}/support/partners`}>{t("partners.new")}</Link>
        </p>
      )}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          field={fields.partnerId}
          label={t("referral_form.partner")}
          placeholder="—"
          options={partners.map((p) => ({ value: p.id, label: `${p.name} (${t(`partner_fields.${p.field}`)})` }))}
        />
        <TextField field={fields.date} label={t("referral_form.date")} type="date" max={today} />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("referral_form.submit")}
          </button>
          <Link className="button secondary" to={back}>
            {t("common:actions.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
