// Add a household to the group (facilitators). Its people are added from the household's page afterwards.
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField, useAppForm } from "~/components/forms";
import { requireMember, requirePermission } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { todayIn } from "~/modules/core/dates";
import { redirectWithToast } from "~/modules/core/http.server";
import { createHousehold } from "~/modules/households/households.server";
import { HouseholdSchema } from "~/modules/households/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["households"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  requirePermission(ctx, "household:create");
  return {
    title: getT(resolveLang(request, ctx.user.locale))("households:new_household.title"),
    groupId: ctx.groupId,
    today: todayIn(ctx.group.timeZone),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const submission = parseWithZod(await request.formData(), { schema: HouseholdSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const household = createHousehold({ ctx, input: submission.value });
  return redirectWithToast(`/g/${ctx.groupId}/households/${household.id}`, "household_created");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function NewHousehold() {
  const { t } = useTranslation("households");
  const { groupId, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "new-household",
    lastResult,
    constraint: getZodConstraint(HouseholdSchema),
    defaultValue: { name: "", dwelling: "", arrivalDate: today },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HouseholdSchema }),
  });
  const back = `/g/${groupId}/households`;
  return (
    <>
      <p>
        <Link to={back}>{t("household.back")}</Link>
      </p>
      <h1>{t("new_household.title")}</h1>
      <p className="muted">{t("new_household.intro")}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label={t("fields.name")} hint={t("fields.name_hint")} />
        <TextField field={fields.dwelling} label={t("fields.dwelling")} hint={t("fields.dwelling_hint")} />
        <TextField field={fields.arrivalDate} label={t("fields.arrival_date")} type="date" />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("new_household.submit")}
          </button>
          <Link className="button secondary" to={back}>
            {t("common:actions.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
