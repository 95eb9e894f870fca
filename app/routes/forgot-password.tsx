import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField, useAppForm } from "~/components/forms";
import type { AccessPolicy } from "~/modules/access/policy";
import { requestPasswordReset } from "~/modules/auth/accounts.server";
import { ForgotPasswordSchema } from "~/modules/auth/schemas";
import { getUser } from "~/modules/access/access.server";
import { resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "public";
export const handle = { i18n: ["auth"] };

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const origin = new URL(request.url).origin;
  await requestPasswordReset({ email: submission.value.email, origin, lang: resolveLang(request, getUser(request, context)?.locale) });
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPassword() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const [form, fields] = useAppForm({
    id: "forgot",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ForgotPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  });
  return (
    <main className="auth-page">
      <p className="logo">Maisonnée</p>
      <h1>{t("forgot.title")}</h1>
      {actionData?.sent ? (
        <p role="status" className="card">
          {t("forgot.sent")}
        </p>
      ) : (
        <p>{t("forgot.intro")}</p>
      )}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <TextField field={fields.email} label={t("fields.email")} type="email" autoComplete="email" />
        <div className="actions">
          <button type="submit">{t("forgot.submit")}</button>
        </div>
      </Form>
      <p>
        <Link to="/login">{t("back_to_login")}</Link>
      </p>
    </main>
  );
}
