import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField, useAppForm } from "~/components/forms";
import { LanguageSwitch } from "~/components/language-switch";
import { getUser } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { login } from "~/modules/auth/accounts.server";
import { LoginSchema } from "~/modules/auth/schemas";
import { sessionCookie } from "~/modules/auth/session.server";
import { safeRedirect } from "~/modules/core/safe-redirect";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "public";
export const handle = { i18n: ["auth"] };

export function loader({ request, context }: LoaderFunctionArgs) {
  if (getUser(request, context)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await login({ email, password, ip: context.ip ?? null });
  if (!result.ok) {
    const t = getT(resolveLang(request));
    if (result.error === "throttled") {
      const minutes = Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 60000));
      return data(submission.reply({ formErrors: [t("auth:login.throttled", { count: minutes })], hideFields: ["password"] }), {
        status: 429,
        headers: { "Retry-After": String(Math.ceil((result.retryAt.getTime() - Date.now()) / 1000)) },
      });
    }
    return data(submission.reply({ formErrors: ["errors.login_invalid"], hideFields: ["password"] }), { status: 400 });
  }
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": sessionCookie(result.token, result.expiresAt) } });
}

// Remix keeps only Set-Cookie from an action unless the route passes other headers on.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export const meta: MetaFunction = () => [{ title: "Connexion — Maisonnée" }];

export default function LoginPage() {
  const { t } = useTranslation("auth");
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "login",
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <main className="auth-page">
      <p className="logo">Maisonnée</p>
      <h1>{t("login.title")}</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField field={fields.email} label={t("fields.email")} type="email" autoComplete="email" />
        <TextField field={fields.password} label={t("fields.password")} type="password" autoComplete="current-password" />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("login.submit")}
          </button>
        </div>
      </Form>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
      <p className="muted small">{t("login.invitation_only")}</p>
      <LanguageSwitch />
    </main>
  );
}
