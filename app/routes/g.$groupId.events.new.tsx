// A new event (facilitators): one date or a repetition, in a space of the group (booked through the
// bookings module: a taken room comes back as sentences naming the date) or at a place typed in.
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EventFields, type EventFormFields } from "~/components/event-fields";
import { FormErrors, useAppForm } from "~/components/forms";
import { requireMember, requirePermission } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { listSpaces } from "~/modules/bookings/spaces.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { describeProblem, type Problem } from "~/modules/events/rules";
import { createEvent } from "~/modules/events/series.server";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { EventSchema } from "~/modules/events/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["bookings", "events"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  requirePermission(ctx, "event:create");
  const t = getT(resolveLang(request, ctx.user.locale));
  return {
    title: t("events:new.title"),
    groupId: ctx.groupId,
    spaces: listSpaces({ ctx })
      .filter((s) => s.active && s.kind !== "guest_unit")
      .map((s) => ({ value: s.id, label: s.name })),
  };
}

const FORM_FIELDS = Object.keys(EventSchema.shape);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const lang = resolveLang(request, ctx.user.locale);
  const t = getT(lang) as unknown as Translate;
  const submission = parseWithZod(await request.formData(), { schema: EventSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const r = await createEvent({ ctx, input: submission.value });
  const describe = (p: Problem) => describeProblem(t, p, lang, ctx.group.timeZone);
  if (!r.ok) return data({ result: replyWithProblems(submission, r.problems, describe, { fields: FORM_FIELDS }) }, { status: 400 });
  return redirectWithToast(`/g/${ctx.groupId}/events/${r.occurrenceIds[0]}`, "event_created");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function NewEvent() {
  const { t } = useTranslation("events");
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "new-event",
    lastResult: actionData?.result,
    constraint: getZodConstraint(EventSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: { kind: "shared_meal", startTime: "19:00", endTime: "21:30", repeat: "none" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EventSchema }),
  });
  return (
    <>
      <p>
        <Link to={`/g/${d.groupId}/calendar`}>{t("occurrence.back")}</Link>
      </p>
      <h1>{t("new.title")}</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <EventFields fields={fields as unknown as EventFormFields} spaces={d.spaces} />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("new.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
