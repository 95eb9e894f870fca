import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField, useAppForm } from "~/components/forms";
import { PlainShell } from "~/components/plain-shell";
import { requireOperator } from "~/modules/access/access.server";
import { scopeForOperator } from "~/modules/access/scope.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { numberFormat } from "~/modules/core/numbers";
import { formatDate } from "~/modules/core/dates";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getGroupForOperator, listGroupInvitations } from "~/modules/groups/admin.server";
import { inviteFirstFacilitator } from "~/modules/groups/invitations.server";
import { describeProblem } from "~/modules/groups/rules";
import { FirstFacilitatorSchema } from "~/modules/groups/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "operator";
export const handle = { i18n: ["admin"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const operator = requireOperator(request, context);
  const scope = scopeForOperator(operator, params.groupId ?? "");
  return {
    ...getGroupForOperator({ operator, scope }),
    invitations: listGroupInvitations({ operator, scope }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const operator = requireOperator(request, context);
  const scope = scopeForOperator(operator, params.groupId ?? "");
  const { group } = getGroupForOperator({ operator, scope });
  const submission = parseWithZod(await request.formData(), { schema: FirstFacilitatorSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await inviteFirstFacilitator({
    operator,
    scope,
    email: submission.value.email,
    lang: resolveLang(request, operator.locale),
  });
  if (!result.ok) {
    const t = getT(resolveLang(request, operator.locale)) as unknown as Translate;
    return data(
      replyWithProblems(submission, result.problems, (p) => describeProblem(t, p)),
      { status: 400 },
    );
  }
  return redirectWithToast(`/admin/groups/${group.id}`, "invitation_sent");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.group.name} — Administration — Maisonnée` : "Maisonnée" }];

export default function AdminGroup() {
  const { t, i18n } = useTranslation("admin");
  const { group, membershipCount, membershipCounts, householdCount, invitations } = useLoaderData<typeof loader>();
  const location = useLocation();
  const lang = i18n.language;
  const byRole = (["group_admin", "facilitator", "support_worker", "resident"] as const)
    .filter((r) => membershipCounts[r])
    .map((r) => t("group.role_count", { role: t(`common:roles.${r}`), count: membershipCounts[r] }))
    .join(" · ");
  return (
    <PlainShell back={{ to: "/admin", label: t("back_to_admin") }}>
      <h1>{group.name}</h1>
      <section className="card" aria-labelledby="facts-title">
        <h2 id="facts-title">{t("group.facts")}</h2>
        <dl className="facts" style={{ gridTemplateColumns: "minmax(0, 8.5rem) minmax(0, 1fr)" }}>
          <dt>{t("groups.fields.kind")}</dt>
          <dd>{t(`common:group_kinds.${group.kind}`)}</dd>
          <dt>{t("group.place")}</dt>
          <dd>
            {group.postcode} {group.city}
          </dd>
          <dt>{t("groups.fields.organisation")}</dt>
          <dd>{group.organisationName ?? t("home.no_organisation")}</dd>
          <dt>{t("groups.fields.time_zone")}</dt>
          <dd>{group.timeZone}</dd>
          {group.latitude !== null && group.longitude !== null ? (
            <>
              <dt>{t("group.coordinates")}</dt>
              <dd>{[group.latitude, group.longitude].map((n) => numberFormat(i18n.language, { maximumFractionDigits: 6 }).format(n)).join(" ; ")}</dd>
            </>
          ) : null}
          <dt>{t("group.created")}</dt>
          <dd>{formatDate(group.createdAt, lang, group.timeZone)}</dd>
          <dt>{t("group.memberships")}</dt>
          <dd>
            {t("home.members", { count: membershipCount })}
            {byRole ? <span className="muted small"> ({byRole})</span> : null}
          </dd>
          <dt>{t("group.households")}</dt>
          <dd>{householdCount}</dd>
        </dl>
      </section>

      <FirstFacilitatorForm key={location.key} hasMembers={membershipCount > 0} />

      <section aria-labelledby="pending-title">
        <h2 id="pending-title">{t("invitations.pending")}</h2>
        {invitations.length ? (
          <ul className="list">
            {invitations.map((inv) => (
              <li key={inv.id}>
                <p style={{ margin: 0, overflowWrap: "anywhere" }}>
                  <strong>{inv.email}</strong>
                </p>
                <p className="small muted" style={{ margin: "0.25rem 0 0" }}>
                  {t(`common:roles.${inv.role}`)} · {t("invitations.expires", { date: formatDate(inv.expiresAt, lang, group.timeZone) })}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("invitations.none_pending")}</p>
        )}
      </section>
    </PlainShell>
  );
}

function FirstFacilitatorForm({ hasMembers }: { hasMembers: boolean }) {
  const { t } = useTranslation("admin");
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "first-facilitator",
    lastResult,
    constraint: getZodConstraint(FirstFacilitatorSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FirstFacilitatorSchema }),
  });
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("group.invite_title")}</h2>
      <p className="muted">{hasMembers ? t("group.invite_intro_existing") : t("group.invite_intro")}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.email} label={t("group.invite_email")} type="email" autoComplete="off" />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("invitations.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
