// The group's meal settings (facilitators, event:manage): the age up to which a child counts as half a
// portion (under 3: free). It changes how new sign-ups are counted, never the ones already made.
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField, useAppForm } from "~/components/forms";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { redirectWithToast } from "~/modules/core/http.server";
import { getEventSettingsToManage, updateEventSettings } from "~/modules/events/settings.server";
import { EventSettingsSchema } from "~/modules/events/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["bookings", "events"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const t = getT(resolveLang(request, ctx.user.locale));
  return { title: t("events:settings.title"), groupId: ctx.groupId, settings: getEventSettingsToManage({ ctx }) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const submission = parseWithZod(await request.formData(), { schema: EventSettingsSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  updateEventSettings({ ctx, input: submission.value });
  return redirectWithToast(`/g/${ctx.groupId}/events/settings`, "event_settings_saved");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function EventSettings() {
  const { t } = useTranslation("events");
  const { groupId, settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "event-settings",
    lastResult: actionData?.result,
    constraint: getZodConstraint(EventSettingsSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: { childAgeLimit: String(settings.childAgeLimit) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EventSettingsSchema }),
  });
  return (
    <>
      <p>
        <Link to={`/g/${groupId}/events/balances`}>{t("balances.title")}</Link>
      </p>
      <h1>{t("settings.title")}</h1>
      <p>{t("settings.intro")}</p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.childAgeLimit} label={t("fields.childAgeLimit")} hint={t("settings.hint")} type="number" inputMode="numeric" />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("settings.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
