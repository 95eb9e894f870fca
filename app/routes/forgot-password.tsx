import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField, useAppForm } from "~/components/forms";
import type { AccessPolicy } from "~/modules/access/policy";
import { requestPasswordReset } from "~/modules/auth/accounts.server";
import { ForgotPasswordSchema } from "~/modules/auth/schemas";
import { getUser } from "~/modules/access/access.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "public";
export const handle = { i18n: ["auth"] };

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const lang = resolveLang(request, getUser(request, context)?.locale);
  const result = requestPasswordReset({ email: submission.value.email, lang, ip: context.ip ?? null });
  if (!result.ok) {
    const seconds = Math.ceil((result.retryAt.getTime() - Date.now()) / 1000);
    const message = getT(lang)("auth:login.throttled", { count: Math.max(1, Math.ceil(seconds / 60)) });
    return data({ result: submission.reply({ formErrors: [message] }), sent: false }, { status: 429, headers: { "Retry-After": String(seconds) } });
  }
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
        <FormErrors id={form.errorId} errors={form.errors} />
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
