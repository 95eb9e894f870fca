import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ORGANISATION_KINDS } from "~db/schema/enums";
import { FormErrors, SelectField, TextField, useAppForm } from "~/components/forms";
import { PlainShell } from "~/components/plain-shell";
import { requireOperator } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { redirectWithToast } from "~/modules/core/http.server";
import { createOrganisation } from "~/modules/groups/admin.server";
import { OrganisationSchema } from "~/modules/groups/schemas";

export const access: AccessPolicy = "operator";
export const handle = { i18n: ["admin"] };

export function loader({ request, context }: LoaderFunctionArgs) {
  requireOperator(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const operator = requireOperator(request, context);
  const submission = parseWithZod(await request.formData(), { schema: OrganisationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  createOrganisation({ operator, input: submission.value });
  return redirectWithToast("/admin", "organisation_created");
}

export const meta: MetaFunction = () => [{ title: "Administration — Maisonnée" }];

export default function NewOrganisation() {
  const { t } = useTranslation("admin");
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "organisation",
    lastResult,
    constraint: getZodConstraint(OrganisationSchema),
    defaultValue: { kind: "association" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationSchema }),
  });
  return (
    <PlainShell back={{ to: "/admin", label: t("back_to_admin") }}>
      <h1>{t("organisations.new_title")}</h1>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label={t("organisations.fields.name")} autoComplete="organization" />
        <SelectField
          field={fields.kind}
          label={t("organisations.fields.kind")}
          hint={t("organisations.kind_hint")}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`organisation_kinds.${k}`) }))}
        />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("organisations.submit")}
          </button>
        </div>
      </Form>
    </PlainShell>
  );
}
