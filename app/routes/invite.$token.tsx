import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField, useAppForm } from "~/components/forms";
import { LanguageSwitch } from "~/components/language-switch";
import { getUser } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { AcceptInvitationSchema } from "~/modules/auth/schemas";
import { sessionCookie } from "~/modules/auth/session.server";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { acceptInvitationAsUser, acceptInvitationWithNewAccount, accountExists, findInvitation } from "~/modules/groups/invitations.server";
import { describeProblem } from "~/modules/groups/rules";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "public";
export const handle = { i18n: ["auth", "admin:invite"] };

// What the page shows depends on who opens the link: nobody (new account or log in first), the invited
// person (join), or someone else (wrong account). Nothing about the group is shown for a bad token.
export function loader({ request, params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const invitation = findInvitation(token);
  if (!invitation) return data({ state: "invalid" as const, token, invitation: null }, { status: 404 });
  const user = getUser(request, context);
  const shown = {
    email: invitation.email,
    role: invitation.role,
    groupName: invitation.groupName,
    city: invitation.city,
    householdName: invitation.householdName,
    inviterName: invitation.inviterName,
  };
  const state = user
    ? user.email === invitation.email
      ? ("join" as const)
      : ("wrong_account" as const)
    : accountExists(invitation.email)
      ? ("login_first" as const)
      : ("create" as const);
  return data({ state, token, invitation: shown }, { status: 200 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const formData = await request.formData();
  const user = getUser(request, context);
  if (formData.get("intent") === "join") {
    if (!user) return data({ joinErrors: ["errors.invitation_invalid"], result: undefined }, { status: 400 });
    const result = acceptInvitationAsUser({ token, user });
    if (!result.ok) {
      const t = getT(resolveLang(request, user.locale)) as unknown as Translate;
      return data({ joinErrors: result.problems.map((p) => describeProblem(t, p)), result: undefined }, { status: 400 });
    }
    return redirectWithToast(`/g/${result.groupId}`, "welcome");
  }
  // The password rule compares with the invited address, never with what the browser sent.
  const invitation = findInvitation(token);
  formData.set("email", invitation?.email ?? "");
  const submission = parseWithZod(formData, { schema: AcceptInvitationSchema });
  const hidden = { hideFields: ["password", "confirm"] };
  if (submission.status !== "success") return data({ result: submission.reply(hidden) }, { status: 400 });
  if (!invitation || user) return data({ result: submission.reply({ ...hidden, formErrors: ["errors.invitation_invalid"] }) }, { status: 400 });
  const result = await acceptInvitationWithNewAccount({
    token,
    name: submission.value.name,
    password: submission.value.password,
    locale: resolveLang(request),
  });
  if (!result.ok) {
    const t = getT(resolveLang(request)) as unknown as Translate;
    return data({ result: replyWithProblems(submission, result.problems, (p) => describeProblem(t, p), hidden) }, { status: 400 });
  }
  return redirectWithToast(`/g/${result.groupId}`, "welcome", {
    headers: { "Set-Cookie": sessionCookie(result.session.token, result.session.expiresAt) },
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.invitation ? `${data.invitation.groupName} — Maisonnée` : "Invitation — Maisonnée" },
  { name: "robots", content: "noindex" },
];

export default function InvitePage() {
  const { t } = useTranslation("auth");
  const { state, token, invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "accept",
    lastResult: actionData?.result,
    constraint: getZodConstraint(AcceptInvitationSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInvitationSchema }),
  });

  if (!invitation) {
    return (
      <main className="auth-page">
        <p className="logo">Maisonnée</p>
        <h1>{t("admin:invite.invalid_title")}</h1>
        <p className="form-errors">{t("common:errors.invitation_invalid")}</p>
        <p>
          <Link to="/login">{t("admin:invite.go_to_login")}</Link>
        </p>
        <LanguageSwitch />
      </main>
    );
  }

  const role = t(`admin:invite.role_as.${invitation.role}`);
  const inviter = invitation.inviterName ?? t("admin:invite.someone");
  const submitting = navigation.state === "submitting";
  return (
    <main className="auth-page">
      <p className="logo">Maisonnée</p>
      <h1>{t("invite.title", { group: invitation.groupName })}</h1>
      <p>{t("invite.intro", { inviter, group: invitation.groupName, city: invitation.city, role })}</p>
      {invitation.householdName ? (
        <p>{t("invite.household", { household: invitation.householdName })}</p>
      ) : invitation.role === "resident" ? (
        <p>{t("admin:invite.household_new")}</p>
      ) : null}

      {state === "create" ? (
        <>
          <p>{t("invite.create_account")}</p>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="create" />
            <FormErrors id={form.errorId} errors={form.errors} />
            {/* Read-only: the account is made for the invited address. Sent so the "password is your email" rule works in the browser too. */}
            <div className="field">
              <label htmlFor="accept-email">{t("fields.email")}</label>
              <input id="accept-email" type="email" name="email" value={invitation.email} readOnly autoComplete="username" />
            </div>
            <TextField field={fields.name} label={t("fields.name")} autoComplete="name" />
            <TextField field={fields.password} label={t("fields.password")} type="password" autoComplete="new-password" hint={t("password_hint")} />
            <TextField field={fields.confirm} label={t("fields.confirm_password")} type="password" autoComplete="new-password" />
            <div className="actions">
              <button type="submit" disabled={submitting}>
                {t("invite.submit")}
              </button>
            </div>
          </Form>
        </>
      ) : state === "login_first" ? (
        <>
          <p>{t("invite.login_first", { email: invitation.email })}</p>
          <p>
            <Link className="button" to={`/login?redirectTo=${encodeURIComponent(`/invite/${token}`)}`}>
              {t("login.submit")}
            </Link>
          </p>
        </>
      ) : state === "join" ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="join" />
          <FormErrors errors={actionData && "joinErrors" in actionData ? actionData.joinErrors : undefined} />
          <div className="actions">
            <button type="submit" disabled={submitting}>
              {t("invite.join")}
            </button>
          </div>
        </Form>
      ) : (
        <>
          <p className="form-errors">{t("invite.wrong_account", { email: invitation.email })}</p>
          <Form method="post" action="/logout">
            <button type="submit" className="secondary">
              {t("account.logout")}
            </button>
          </Form>
        </>
      )}
      <LanguageSwitch />
    </main>
  );
}
