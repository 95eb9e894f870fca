// Record (or correct) a household's departure and its destination (facilitators). The destination feeds
// the funders' figures on exits towards durable housing.
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DESTINATIONS } from "~db/schema/enums";
import { FormErrors, SelectField, TextField, useAppForm } from "~/components/forms";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate, todayIn } from "~/modules/core/dates";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getHousehold, getHouseholdToDepart, recordDeparture } from "~/modules/households/households.server";
import { describeProblem } from "~/modules/households/rules";
import { DepartureSchema } from "~/modules/households/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["households"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const household = getHouseholdToDepart({ ctx, householdId: params.householdId ?? "" });
  return {
    title: getT(resolveLang(request, ctx.user.locale))("households:departure.title"),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    today: todayIn(ctx.group.timeZone),
    household: {
      id: household.id,
      name: household.name,
      arrivalDate: household.arrivalDate,
      departureDate: household.departureDate,
      destination: household.destination,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const { household } = getHousehold({ ctx, householdId: params.householdId ?? "" });
  const submission = parseWithZod(await request.formData(), { schema: DepartureSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = recordDeparture({ ctx, householdId: household.id, input: submission.value });
  if (!result.ok) {
    const t = getT(resolveLang(request, ctx.user.locale)) as unknown as Translate;
    return data(
      replyWithProblems(submission, result.problems, (p) => describeProblem(t, p)),
      { status: 400 },
    );
  }
  return redirectWithToast(`/g/${ctx.groupId}/households/${household.id}`, "departure_recorded");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function Departure() {
  const { t, i18n } = useTranslation("households");
  const { groupId, timeZone, today, household } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "departure",
    lastResult,
    constraint: getZodConstraint(DepartureSchema),
    defaultValue: { departureDate: household.departureDate ?? today, destination: household.destination ?? "" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DepartureSchema }),
  });
  const back = `/g/${groupId}/households/${household.id}`;
  return (
    <>
      <p>
        <Link to={back}>{t("edit_household.back")}</Link>
      </p>
      <h1>{t("departure.title")}</h1>
      <p className="muted">{t("departure.arrived", { name: household.name, date: formatDate(household.arrivalDate, i18n.language, timeZone) })}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.departureDate} label={t("fields.departure_date")} type="date" hint={t("fields.departure_date_hint")} />
        <SelectField
          field={fields.destination}
          label={t("fields.destination")}
          hint={t("fields.destination_hint")}
          placeholder={t("fields.choose")}
          options={DESTINATIONS.map((value) => ({ value, label: t(`destinations.${value}`) }))}
        />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("departure.submit")}
          </button>
          <Link className="button secondary" to={back}>
            {t("common:actions.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
