import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField, useAppForm } from "~/components/forms";
import { getUser } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { findValidReset, resetPassword } from "~/modules/auth/accounts.server";
import { describeProblem } from "~/modules/auth/rules";
import { ResetPasswordSchema } from "~/modules/auth/schemas";
import { sessionCookie } from "~/modules/auth/session.server";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "public";
export const handle = { i18n: ["auth"] };

export function loader({ params }: LoaderFunctionArgs) {
  return { valid: findValidReset(params.token ?? "") !== null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetPasswordSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password", "confirm"] }), { status: 400 });
  const result = await resetPassword({ token: params.token ?? "", password: submission.value.password });
  if (!result.ok) {
    const t = getT(resolveLang(request, getUser(request, context)?.locale)) as unknown as Translate;
    // Shown above the form, as before: the link's problem is the whole form's, the password's too.
    const reply = replyWithProblems(submission, result.problems, (p) => describeProblem(t, p), { fields: [], hideFields: ["password", "confirm"] });
    return data(reply, { status: 400 });
  }
  return redirectWithToast("/", "password_reset", {
    headers: { "Set-Cookie": sessionCookie(result.session.token, result.session.expiresAt) },
  });
}

export default function ResetPassword() {
  const { t } = useTranslation("auth");
  const { valid } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useAppForm({
    id: "reset",
    lastResult,
    constraint: getZodConstraint(ResetPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  });
  return (
    <main className="auth-page">
      <p className="logo">Maisonnée</p>
      <h1>{t("reset.title")}</h1>
      {valid ? (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.password} label={t("fields.new_password")} type="password" autoComplete="new-password" hint={t("password_hint")} />
          <TextField field={fields.confirm} label={t("fields.confirm_password")} type="password" autoComplete="new-password" />
          <div className="actions">
            <button type="submit">{t("reset.submit")}</button>
          </div>
        </Form>
      ) : (
        <p className="form-errors">{t("common:errors.reset_link_invalid")}</p>
      )}
      <p>
        <Link to="/forgot-password">{t("reset.new_link")}</Link>
      </p>
    </main>
  );
}
