import { getFormProps, getInputProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextField, useAppForm } from "~/components/forms";
import { PlainShell } from "~/components/plain-shell";
import { listMyGroups, listMyProgrammes, requireUser } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { changePassword, getAccount, updateProfile } from "~/modules/auth/accounts.server";
import { describeProblem } from "~/modules/auth/rules";
import { ChangePasswordSchema, ProfileSchema } from "~/modules/auth/schemas";
import { sessionCookie } from "~/modules/auth/session.server";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { NotFoundError } from "~/modules/access/errors";

export const access: AccessPolicy = "authenticated";
export const handle = { i18n: ["auth", "evaluation:officer"] };

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const account = getAccount(user.id);
  if (!account) throw new NotFoundError();
  return { account, groups: listMyGroups(user.id), isOfficer: listMyProgrammes(user.id).length > 0 };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "password") {
    const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
    const hidden = { hideFields: ["current", "password", "confirm"] };
    if (submission.status !== "success") return data({ intent, result: submission.reply(hidden) }, { status: 400 });
    const result = await changePassword({ userId: user.id, ...submission.value });
    if (!result.ok) {
      const t = getT(resolveLang(request, user.locale)) as unknown as Translate;
      return data({ intent, result: replyWithProblems(submission, result.problems, (p) => describeProblem(t, p), hidden) }, { status: 400 });
    }
    return redirectWithToast("/account", "password_changed", {
      headers: { "Set-Cookie": sessionCookie(result.session.token, result.session.expiresAt) },
    });
  }
  const submission = parseWithZod(formData, { schema: ProfileSchema });
  if (submission.status !== "success") return data({ intent: "profile", result: submission.reply() }, { status: 400 });
  updateProfile({ userId: user.id, input: submission.value });
  // A new language needs a full page load: the browser holds only the current language's texts.
  return redirectWithToast("/account", "profile_saved", undefined, { document: submission.value.locale !== user.locale });
}

export default function AccountPage() {
  const { t } = useTranslation("auth");
  const { account, groups, isOfficer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [profileForm, profile] = useAppForm({
    id: "profile",
    lastResult: actionData?.intent === "profile" ? actionData.result : undefined,
    constraint: getZodConstraint(ProfileSchema),
    defaultValue: {
      ...account,
      phone: account.phone ?? "",
      locale: account.locale ?? "fr",
      showEmail: account.showEmail ? "on" : undefined,
      showPhone: account.showPhone ? "on" : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  });
  const [pwForm, pw] = useAppForm({
    id: "password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    constraint: getZodConstraint(ChangePasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  const back = groups[0] ? { to: `/g/${groups[0].id}`, label: t("account.back_to_group", { name: groups[0].name }) } : undefined;
  return (
    <PlainShell back={back}>
      <h1>{t("account.title")}</h1>
      <p className="muted">{account.email}</p>
      {isOfficer ? (
        <p>
          <a href="/p">{t("evaluation:officer.programmes.title")}</a>
        </p>
      ) : null}

      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t("account.profile")}</h2>
        <Form method="post" className="stack" {...getFormProps(profileForm)}>
          <input type="hidden" name="intent" value="profile" />
          <FormErrors id={profileForm.errorId} errors={profileForm.errors} />
          <TextField field={profile.name} label={t("fields.name")} autoComplete="name" />
          <SelectField
            field={profile.locale}
            label={t("fields.language")}
            options={[
              { value: "fr", label: "Français" },
              { value: "en", label: "English" },
            ]}
          />
          <TextField field={profile.phone} label={t("fields.phone")} type="tel" autoComplete="tel" hint={t("account.phone_hint")} />
          <fieldset>
            <legend>{t("account.directory")}</legend>
            <label className="check">
              <input {...getInputProps(profile.showEmail, { type: "checkbox" })} key={profile.showEmail.key} />
              {t("account.show_email")}
            </label>
            <label className="check">
              <input {...getInputProps(profile.showPhone, { type: "checkbox" })} key={profile.showPhone.key} />
              {t("account.show_phone")}
            </label>
          </fieldset>
          <div className="actions">
            <button type="submit">{t("common:actions.save")}</button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">{t("account.password")}</h2>
        <Form method="post" className="stack" {...getFormProps(pwForm)}>
          <input type="hidden" name="intent" value="password" />
          <FormErrors id={pwForm.errorId} errors={pwForm.errors} />
          <TextField field={pw.current} label={t("fields.current_password")} type="password" autoComplete="current-password" />
          <TextField field={pw.password} label={t("fields.new_password")} type="password" autoComplete="new-password" hint={t("password_hint")} />
          <TextField field={pw.confirm} label={t("fields.confirm_password")} type="password" autoComplete="new-password" />
          <div className="actions">
            <button type="submit">{t("account.change_password")}</button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="data-title">
        <h2 id="data-title">{t("account.data_title")}</h2>
        <p>{t("account.data_intro")}</p>
        <div className="actions">
          <a href="/account/data" download className="button secondary">
            {t("account.download")}
          </a>
          <a href="/account/delete">{t("account.delete_link")}</a>
        </div>
      </section>

      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("account.sessions")}</h2>
        <div className="actions">
          <Form method="post" action="/logout">
            <button type="submit" className="secondary">
              {t("account.logout")}
            </button>
          </Form>
          <Form method="post" action="/logout">
            <input type="hidden" name="everywhere" value="1" />
            <button type="submit" className="secondary">
              {t("account.logout_everywhere")}
            </button>
          </Form>
        </div>
      </section>
    </PlainShell>
  );
}
