// Edit a household. A resident changes the name and dwelling of their own household; a facilitator
// also changes the arrival date (it feeds the funders' figures).
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField, useAppForm } from "~/components/forms";
import { can, requireMember, type MemberContext } from "~/modules/access/access.server";
import { ForbiddenError } from "~/modules/access/errors";
import type { AccessPolicy } from "~/modules/access/policy";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { canEditHousehold, getHousehold, updateHousehold } from "~/modules/households/households.server";
import { describeProblem } from "~/modules/households/rules";
import { HouseholdSchema, OwnHouseholdSchema } from "~/modules/households/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["households"] };

/** 404 for a household of another group, then 403 for a member who may not edit it. */
function requireEditable(ctx: MemberContext, householdId: string) {
  const { household } = getHousehold({ ctx, householdId });
  if (!canEditHousehold(ctx, household.id)) throw new ForbiddenError();
  return household;
}

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const household = requireEditable(ctx, params.householdId ?? "");
  return {
    title: getT(resolveLang(request, ctx.user.locale))("households:edit_household.title"),
    groupId: ctx.groupId,
    isFacilitator: can(ctx, "household:update:any"),
    household: { id: household.id, name: household.name, dwelling: household.dwelling, arrivalDate: household.arrivalDate },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const household = requireEditable(ctx, params.householdId ?? "");
  const schema = can(ctx, "household:update:any") ? HouseholdSchema : OwnHouseholdSchema;
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = updateHousehold({ ctx, householdId: household.id, input: submission.value });
  if (!result.ok) {
    const t = getT(resolveLang(request, ctx.user.locale)) as unknown as Translate;
    return data(
      // The arrival date is on a facilitator's form only: a resident sees a problem about it for the whole form.
      replyWithProblems(submission, result.problems, (p) => describeProblem(t, p), { fields: Object.keys(schema.shape) }),
      { status: 400 },
    );
  }
  return redirectWithToast(`/g/${ctx.groupId}/households/${household.id}`, "household_saved");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function EditHousehold() {
  const { t } = useTranslation("households");
  const { groupId, isFacilitator, household } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const schema = isFacilitator ? HouseholdSchema : OwnHouseholdSchema;
  // One form for both roles: arrivalDate is only rendered (and validated) for facilitators.
  const [form, fields] = useAppForm<{ name: string; dwelling?: string; arrivalDate?: string }>({
    id: "household",
    lastResult,
    constraint: getZodConstraint(schema),
    defaultValue: household,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const back = `/g/${groupId}/households/${household.id}`;
  return (
    <>
      <p>
        <Link to={back}>{t("edit_household.back")}</Link>
      </p>
      <h1>{t("edit_household.title")}</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label={t("fields.name")} hint={t("fields.name_hint")} />
        <TextField field={fields.dwelling} label={t("fields.dwelling")} hint={t("fields.dwelling_hint")} />
        {isFacilitator ? <TextField field={fields.arrivalDate} label={t("fields.arrival_date")} type="date" hint={t("fields.arrival_date_hint")} /> : null}
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("common:actions.save")}
          </button>
          <Link className="button secondary" to={back}>
            {t("common:actions.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
