import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextField, useAppForm } from "~/components/forms";
import { SupportLeadSection } from "~/components/support-ui";
import { can, requireMember } from "~/modules/access/access.server";
import { invitableRoles } from "~/modules/access/permissions";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate } from "~/modules/core/dates";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { createInvitation, listPendingInvitations, revokeInvitation } from "~/modules/groups/invitations.server";
import { describeProblem } from "~/modules/groups/rules";
import { InvitationSchema } from "~/modules/groups/schemas";
import { listHouseholdOptions } from "~/modules/households/households.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { LeadSchema } from "~/modules/support/schemas";
import { listSupportWorkers, setSupportLead } from "~/modules/support/access.server";

export const access: AccessPolicy = "member";
export const handle = {
  i18n: [
    "admin",
    "charter:sign",
    "support:errors",
    "support:home_intro",
    "support:home_link",
    "support:home_section",
    "support:lead",
    "support:menu",
    "support:private_notice",
    "support:title",
  ],
};

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const pending = listPendingInvitations({ ctx }); // 403 without member:invite
  return {
    groupName: ctx.group.name,
    timeZone: ctx.group.timeZone,
    roles: invitableRoles(ctx.role),
    households: listHouseholdOptions({ ctx }),
    pending,
    // Group administrators name the support lead here (issue 7, decision 008).
    supportWorkers: can(ctx, "member:invite:admin") ? listSupportWorkers({ ctx }) : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const formData = await request.formData();
  const here = `/g/${ctx.groupId}/invitations`;
  if (formData.get("intent") === "revoke") {
    const invitationId = formData.get("invitationId");
    if (typeof invitationId !== "string" || !invitationId) return data({ result: null }, { status: 400 });
    revokeInvitation({ ctx, invitationId });
    return redirectWithToast(here, "invitation_revoked");
  }
  if (formData.get("intent") === "support_lead") {
    const lead = LeadSchema.safeParse(Object.fromEntries(formData));
    if (!lead.success) return data({ result: null }, { status: 400 });
    setSupportLead({ ctx, membershipId: lead.data.membershipId, lead: lead.data.lead === "on" });
    return redirectWithToast(here, "support_lead_saved");
  }
  const submission = parseWithZod(formData, { schema: InvitationSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const lang = resolveLang(request, ctx.user.locale);
  const result = await createInvitation({ ctx, input: submission.value, lang });
  if (!result.ok) {
    const t = getT(lang) as unknown as Translate;
    return data({ result: replyWithProblems(submission, result.problems, (p) => describeProblem(t, p)) }, { status: 400 });
  }
  return redirectWithToast(here, "invitation_sent");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Invitations — ${data.groupName} — Maisonnée` : "Maisonnée" }];

export default function Invitations() {
  const { t, i18n } = useTranslation("admin");
  const { pending, timeZone, supportWorkers } = useLoaderData<typeof loader>();
  // A new location after a successful invitation: the form starts empty again.
  const location = useLocation();
  return (
    <>
      <h1>{t("invitations.title")}</h1>
      <p className="muted">{t("invitations.intro")}</p>

      <InviteForm key={location.key} />

      <section aria-labelledby="pending-invitations">
        <h2 id="pending-invitations">{t("invitations.pending")}</h2>
        {pending.length ? (
          <ul className="list">
            {pending.map((inv) => (
              <li key={inv.id}>
                <p style={{ margin: 0, overflowWrap: "anywhere" }}>
                  <strong>{inv.email}</strong>
                </p>
                <p className="small" style={{ margin: "0.25rem 0" }}>
                  {t(`common:roles.${inv.role}`)} ·{" "}
                  {inv.householdName
                    ? inv.householdName
                    : inv.role === "resident"
                      ? t("invitations.household_new_short")
                      : t("invitations.household_none_short")}
                </p>
                <p className="small muted" style={{ margin: "0 0 0.5rem" }}>
                  {t("invitations.expires", { date: formatDate(inv.expiresAt, i18n.language, timeZone) })}
                </p>
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="invitationId" value={inv.id} />
                  <button type="submit" className="secondary">
                    {t("invitations.revoke")}
                    <span className="visually-hidden"> — {inv.email}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("invitations.none_pending")}</p>
        )}
      </section>

      {supportWorkers ? <SupportLeadSection workers={supportWorkers} /> : null}
    </>
  );
}

function InviteForm() {
  const { t } = useTranslation("admin");
  const { roles, households } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "invite",
    lastResult: actionData?.result,
    constraint: getZodConstraint(InvitationSchema),
    defaultValue: { role: "resident", householdId: "" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InvitationSchema }),
  });
  const householdOptions = [
    { value: "none", label: t("invitations.household_none") },
    ...households.map((h) => ({ value: h.id, label: h.dwelling ? `${h.name} — ${h.dwelling}` : h.name })),
  ];
  return (
    <section className="card" aria-labelledby="new-invitation">
      <h2 id="new-invitation">{t("invitations.new")}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="invite" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.email} label={t("invitations.fields.email")} type="email" autoComplete="off" hint={t("invitations.email_hint")} />
        <SelectField field={fields.role} label={t("invitations.fields.role")} options={roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))} />
        <SelectField
          field={fields.householdId}
          label={t("invitations.fields.household")}
          hint={t("invitations.household_hint")}
          placeholder={t("invitations.household_new")}
          options={householdOptions}
        />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("invitations.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
