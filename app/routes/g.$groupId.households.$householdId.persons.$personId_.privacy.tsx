// What the group's other residents may see of a person: their birth year (not at all, as an age band, or as
// the year) and their special-category profile (disability, insertion). The person's own household decides;
// facilitators, admins and support workers see everything anyway (decision 014).
import { getCollectionProps, getFormProps, getInputProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { Params } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BIRTH_YEAR_VISIBILITIES } from "~db/schema/enums";
import { ErrorList, FormErrors, useAppForm } from "~/components/forms";
import { requireMember, type MemberContext } from "~/modules/access/access.server";
import { ForbiddenError } from "~/modules/access/errors";
import type { AccessPolicy } from "~/modules/access/policy";
import { redirectWithToast } from "~/modules/core/http.server";
import { canEditPrivacy, getHousehold, getPerson, updatePersonPrivacy } from "~/modules/households/households.server";
import { PersonPrivacySchema } from "~/modules/households/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["households"] };

/** 404 for a person or household of another group, then 403 for anyone outside the person's household. */
function requireOwnHousehold(ctx: MemberContext, params: Params) {
  const { household } = getHousehold({ ctx, householdId: params.householdId ?? "" });
  const person = getPerson({ ctx, householdId: household.id, personId: params.personId ?? "" });
  if (!canEditPrivacy(ctx, household.id)) throw new ForbiddenError();
  return { household, person };
}

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const { household, person } = requireOwnHousehold(ctx, params);
  return {
    title: getT(resolveLang(request, ctx.user.locale))("households:privacy.title"),
    groupId: ctx.groupId,
    household: { id: household.id, name: household.name },
    person: {
      id: person.id,
      firstName: person.firstName,
      lastName: person.lastName ?? "",
      birthYearVisibility: person.birthYearVisibility,
      sensitiveTagsVisible: person.sensitiveTagsVisible,
      // Email and phone belong to the account, set by its holder in « Mon compte ».
      isMe: person.userId === ctx.userId,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const { household, person } = requireOwnHousehold(ctx, params);
  const submission = parseWithZod(await request.formData(), { schema: PersonPrivacySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  updatePersonPrivacy({ ctx, householdId: household.id, personId: person.id, input: submission.value });
  return redirectWithToast(`/g/${ctx.groupId}/households/${household.id}`, "privacy_saved");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function PersonPrivacy() {
  const { t } = useTranslation("households");
  const { groupId, household, person } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "privacy",
    lastResult,
    constraint: getZodConstraint(PersonPrivacySchema),
    defaultValue: { birthYear: person.birthYearVisibility, sensitiveTags: person.sensitiveTagsVisible ? "on" : undefined },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PersonPrivacySchema }),
  });
  const back = `/g/${groupId}/households/${household.id}`;
  const name = [person.firstName, person.lastName].filter(Boolean).join(" ");
  const birthHintId = `${fields.birthYear.id}-hint`;
  const sensitiveHintId = `${fields.sensitiveTags.id}-hint`;
  return (
    <>
      <p>
        <Link to={back}>{t("edit_household.back")}</Link>
      </p>
      <h1>{t("privacy.title")}</h1>
      <p className="muted">
        {name} · {household.name}
      </p>
      <p>{t("privacy.intro")}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {/* min-width 0: a fieldset is as wide as its longest word by default, too wide for a phone at 200 % text. */}
        <fieldset style={{ minWidth: 0, overflowWrap: "anywhere" }}>
          <legend>{t("privacy.birth_year")}</legend>
          <p id={birthHintId} className="hint">
            {t("privacy.birth_year_hint")}
          </p>
          {getCollectionProps(fields.birthYear, { type: "radio", options: [...BIRTH_YEAR_VISIBILITIES], ariaDescribedBy: birthHintId }).map(
            ({ key, ...props }) => (
              <label key={key} className="check">
                <input {...props} />
                {t(`privacy.birth_year_options.${props.value}`)}
              </label>
            ),
          )}
          <ErrorList id={fields.birthYear.errorId} errors={fields.birthYear.errors} />
        </fieldset>
        <fieldset style={{ minWidth: 0, overflowWrap: "anywhere" }}>
          <legend>{t("privacy.sensitive")}</legend>
          <p id={sensitiveHintId} className="hint">
            {t("privacy.sensitive_hint")}
          </p>
          <label className="check">
            <input {...getInputProps(fields.sensitiveTags, { type: "checkbox", ariaDescribedBy: sensitiveHintId })} key={fields.sensitiveTags.key} />
            {t("privacy.sensitive_label")}
          </label>
          <ErrorList id={fields.sensitiveTags.errorId} errors={fields.sensitiveTags.errors} />
        </fieldset>
        <p className="small">
          {person.isMe ? (
            <>
              {t("privacy.contact_mine")} <Link to="/account">{t("privacy.contact_link")}</Link>
            </>
          ) : (
            t("privacy.contact_other", { name: person.firstName })
          )}
        </p>
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
