// Deleting one's own account: what it does and does not do, the password asked again and a typed word.
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField, useAppForm } from "~/components/forms";
import { PlainShell } from "~/components/plain-shell";
import { requireUser } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { deleteAccount, deletionBlocker } from "~/modules/account/personal-data.server";
import { describeProblem } from "~/modules/account/rules";
import { DeleteAccountSchema } from "~/modules/account/schemas";
import { blankSessionCookie } from "~/modules/auth/session.server";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "authenticated";
export const handle = { i18n: ["auth"] };

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const blocker = deletionBlocker({ userId: user.id });
  const t = getT(resolveLang(request, user.locale)) as unknown as Translate;
  return { blocker: blocker && describeProblem(t, blocker) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: DeleteAccountSchema });
  const hidden = { hideFields: ["password"] };
  if (submission.status !== "success") return data({ result: submission.reply(hidden) }, { status: 400 });
  const result = await deleteAccount({ userId: user.id, ...submission.value });
  if (!result.ok) {
    const t = getT(resolveLang(request, user.locale)) as unknown as Translate;
    return data({ result: replyWithProblems(submission, result.problems, (p) => describeProblem(t, p), hidden) }, { status: 400 });
  }
  return redirectWithToast("/login", "account_deleted", { headers: { "Set-Cookie": blankSessionCookie() } }, { document: true });
}

export default function DeleteAccountPage() {
  const { t } = useTranslation("auth");
  const { blocker } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useAppForm({
    id: "delete-account",
    lastResult: actionData?.result,
    constraint: getZodConstraint(DeleteAccountSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeleteAccountSchema }),
  });
  return (
    <PlainShell back={{ to: "/account", label: t("account.title") }}>
      <h1>{t("delete.title")}</h1>
      <p>{t("delete.intro")}</p>
      <p>
        <a href="/account/data" download>
          {t("account.download")}
        </a>
      </p>

      <section className="card" aria-labelledby="does-title">
        <h2 id="does-title">{t("delete.does_title")}</h2>
        <ul>
          <li>{t("delete.does_1")}</li>
          <li>{t("delete.does_2")}</li>
          <li>{t("delete.does_3")}</li>
        </ul>
      </section>
      <section className="card" aria-labelledby="keeps-title">
        <h2 id="keeps-title">{t("delete.keeps_title")}</h2>
        <ul>
          <li>{t("delete.keeps_1")}</li>
          <li>{t("delete.keeps_2")}</li>
          <li>{t("delete.keeps_3")}</li>
          <li>{t("delete.keeps_4")}</li>
        </ul>
      </section>

      <section className="card" aria-labelledby="confirm-title">
        <h2 id="confirm-title">{t("delete.form_title")}</h2>
        {blocker ? (
          <div role="alert" className="form-errors">
            <p>{t("delete.blocked")}</p>
            <p>{blocker}</p>
          </div>
        ) : (
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField field={fields.password} label={t("delete.password")} type="password" autoComplete="current-password" />
            <TextField field={fields.confirm} label={t("delete.confirm")} hint={t("delete.confirm_hint")} autoComplete="off" />
            <div className="actions">
              <button type="submit" className="danger">
                {t("delete.submit")}
              </button>
              <Link to="/account">{t("delete.cancel")}</Link>
            </div>
          </Form>
        )}
      </section>
    </PlainShell>
  );
}
