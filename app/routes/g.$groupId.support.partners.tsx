// The group's partner network: the organisations households are referred to, by field, and a form to add one.
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextField, useAppForm } from "~/components/forms";
import { SupportMenu } from "~/components/support-ui";
import type { AccessPolicy } from "~/modules/access/policy";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { PARTNER_FIELDS } from "~/modules/support/enums";
import { describeProblem } from "~/modules/support/rules";
import { PartnerSchema } from "~/modules/support/schemas";
import { createPartner, listPartners } from "~/modules/support/referrals.server";
import { requireSupportWorker } from "~/modules/support/access.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["support"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  return {
    title: getT(resolveLang(request, ctx.user.locale))("support:partners.title"),
    groupId: ctx.groupId,
    lead: ctx.supportLead,
    partners: listPartners({ ctx }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  const submission = parseWithZod(await request.formData(), { schema: PartnerSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = createPartner({ ctx, input: submission.value });
  if (!result.ok) return data(replyWithProblems(submission, result.problems, describeProblem), { status: 400 });
  return redirectWithToast(`/g/${ctx.groupId}/support/partners`, "support_partner_added");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function Partners() {
  const { t } = useTranslation("support");
  const { groupId, lead, partners } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <h1>{t("partners.title")}</h1>
      <SupportMenu groupId={groupId} lead={lead} />
      <p className="muted">{t("partners.intro")}</p>
      {partners.length ? (
        <ul className="list">
          {partners.map((p) => (
            <li key={p.id}>
              <p style={{ margin: 0 }}>
                <strong>{p.name}</strong> <span className="tag">{t(`partner_fields.${p.field}`)}</span>
              </p>
              {p.contact ? (
                <p className="small" style={{ margin: "0.25rem 0 0", overflowWrap: "anywhere" }}>
                  {p.contact}
                </p>
              ) : null}
              <p className="small muted" style={{ margin: "0.25rem 0 0" }}>
                {t("partners.referrals", { count: p.referrals })}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("partners.none")}</p>
      )}
      <PartnerForm key={location.key} />
    </>
  );
}

function PartnerForm() {
  const { t } = useTranslation("support");
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "support-partner",
    lastResult,
    constraint: getZodConstraint(PartnerSchema),
    defaultValue: { name: "", field: "", contact: "" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PartnerSchema }),
  });
  return (
    <section className="card" aria-labelledby="new-partner">
      <h2 id="new-partner">{t("partners.new")}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label={t("partners.name")} autoComplete="off" />
        <SelectField
          field={fields.field}
          label={t("partners.field")}
          placeholder="—"
          options={PARTNER_FIELDS.map((f) => ({ value: f, label: t(`partner_fields.${f}`) }))}
        />
        <TextField field={fields.contact} label={t("partners.contact")} hint={t("partners.contact_hint")} autoComplete="off" />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("partners.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
