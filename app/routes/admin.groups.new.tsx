import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GROUP_KINDS } from "~db/schema/enums";
import { FormErrors, SelectField, TextField, useAppForm } from "~/components/forms";
import { PlainShell } from "~/components/plain-shell";
import { requireOperator } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { createGroup, describeAdminProblem, listAssociations } from "~/modules/groups/admin.server";
import { GroupSchema } from "~/modules/groups/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "operator";
export const handle = { i18n: ["admin"] };

export function loader({ request, context }: LoaderFunctionArgs) {
  const operator = requireOperator(request, context);
  return { associations: listAssociations({ operator }) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const operator = requireOperator(request, context);
  const submission = parseWithZod(await request.formData(), { schema: GroupSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = createGroup({ operator, input: submission.value });
  if (!result.ok) {
    const t = getT(resolveLang(request, operator.locale)) as unknown as Translate;
    return data(
      replyWithProblems(submission, result.problems, (p) => describeAdminProblem(t, p)),
      { status: 400 },
    );
  }
  return redirectWithToast(`/admin/groups/${result.groupId}`, "group_created");
}

export const meta: MetaFunction = () => [{ title: "Administration — Maisonnée" }];

export default function NewGroup() {
  const { t } = useTranslation("admin");
  const { associations } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "group",
    lastResult,
    constraint: getZodConstraint(GroupSchema),
    defaultValue: { timeZone: "Europe/Paris", kind: "participatory", organisationId: associations.length === 1 ? associations[0].id : "" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GroupSchema }),
  });
  return (
    <PlainShell back={{ to: "/admin", label: t("back_to_admin") }}>
      <h1>{t("groups.new_title")}</h1>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label={t("groups.fields.name")} />
        <TextField field={fields.city} label={t("groups.fields.city")} autoComplete="address-level2" />
        <TextField field={fields.postcode} label={t("groups.fields.postcode")} inputMode="numeric" autoComplete="postal-code" />
        <SelectField
          field={fields.kind}
          label={t("groups.fields.kind")}
          options={GROUP_KINDS.map((k) => ({ value: k, label: t(`common:group_kinds.${k}`) }))}
        />
        <SelectField
          field={fields.organisationId}
          label={t("groups.fields.organisation")}
          hint={t("groups.organisation_hint")}
          placeholder={t("groups.no_organisation")}
          options={associations.map((a) => ({ value: a.id, label: a.name }))}
        />
        <TextField field={fields.timeZone} label={t("groups.fields.time_zone")} hint={t("groups.time_zone_hint")} autoComplete="off" />
        <fieldset className="stack">
          <legend>{t("groups.location")}</legend>
          <p className="hint">{t("groups.location_hint")}</p>
          <TextField field={fields.latitude} label={t("groups.fields.latitude")} type="number" step="any" min={-90} max={90} />
          <TextField field={fields.longitude} label={t("groups.fields.longitude")} type="number" step="any" min={-180} max={180} />
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("groups.submit")}
          </button>
        </div>
      </Form>
    </PlainShell>
  );
}
