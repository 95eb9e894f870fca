// Add a person to a household: the household's own residents or a facilitator.
import { getCollectionProps, getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PROFILE_TAGS } from "~db/schema/enums";
import { ErrorList, FormErrors, TextField, useAppForm } from "~/components/forms";
import { requireMember, type MemberContext } from "~/modules/access/access.server";
import { ForbiddenError } from "~/modules/access/errors";
import type { AccessPolicy } from "~/modules/access/policy";
import { todayIn } from "~/modules/core/dates";
import { redirectWithToast } from "~/modules/core/http.server";
import { addPerson, canEditHousehold, getHousehold } from "~/modules/households/households.server";
import { PersonSchema } from "~/modules/households/schemas";
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
    title: getT(resolveLang(request, ctx.user.locale))("households:new_person.title"),
    groupId: ctx.groupId,
    currentYear: Number(todayIn(ctx.group.timeZone).slice(0, 4)),
    household: { id: household.id, name: household.name },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const household = requireEditable(ctx, params.householdId ?? "");
  const submission = parseWithZod(await request.formData(), { schema: PersonSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  addPerson({ ctx, householdId: household.id, input: submission.value });
  return redirectWithToast(`/g/${ctx.groupId}/households/${household.id}`, "person_saved");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function NewPerson() {
  const { t } = useTranslation("households");
  const { groupId, currentYear, household } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "person",
    lastResult,
    constraint: getZodConstraint(PersonSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PersonSchema }),
  });
  const back = `/g/${groupId}/households/${household.id}`;
  const tagsHintId = `${fields.tags.id}-hint`;
  return (
    <>
      <p>
        <Link to={back}>{t("edit_household.back")}</Link>
      </p>
      <h1>{t("new_person.title")}</h1>
      <p className="muted">{household.name}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.firstName} label={t("fields.first_name")} autoComplete="off" />
        <TextField field={fields.lastName} label={t("fields.last_name")} autoComplete="off" />
        <TextField
          field={fields.birthYear}
          label={t("fields.birth_year")}
          type="number"
          inputMode="numeric"
          hint={t("fields.birth_year_hint")}
          min={1900}
          max={currentYear}
        />
        {/* min-width 0: a fieldset is as wide as its longest word by default, too wide for a phone at 200 % text. */}
        <fieldset style={{ minWidth: 0, overflowWrap: "anywhere" }}>
          <legend>{t("fields.tags")}</legend>
          <p id={tagsHintId} className="hint">
            {t("fields.tags_hint")}
          </p>
          {getCollectionProps(fields.tags, { type: "checkbox", options: [...PROFILE_TAGS], ariaDescribedBy: tagsHintId, ariaInvalid: "allErrors" }).map(
            ({ key, ...props }) => (
              <label key={key} className="check">
                <input {...props} />
                {t(`profile_tags.${props.value}`)}
              </label>
            ),
          )}
          {/* A bad value is reported on its item (tags[0]); show them all under the group. */}
          <ErrorList id={fields.tags.errorId} errors={[...new Set(Object.values(fields.tags.allErrors).flat())]} />
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("new_person.submit")}
          </button>
          <Link className="button secondary" to={back}>
            {t("common:actions.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
