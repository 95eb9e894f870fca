// A new meeting (facilitators): a date, times and a place — a common room of the group (booked through
// the bookings module, as for meals) or a place typed in. It appears in the group calendar as a meeting.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionForm, InputField, SelectInput, SubmitButton, TextAreaInput } from "~/components/meetings-forms";
import { requireMember, requirePermission } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { listSpaces } from "~/modules/bookings/spaces.server";
import { todayIn } from "~/modules/core/dates";
import { formInfo, replyFormInvalid, replyFormProblems, type Translate } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { describeProblem } from "~/modules/events/rules";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { createMeeting } from "~/modules/meetings/meetings.server";
import { MeetingSchema } from "~/modules/meetings/schemas";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["meetings", "bookings:errors", "events:errors"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  requirePermission(ctx, "meeting:manage");
  return {
    title: getT(resolveLang(request, ctx.user.locale))("meetings:new.title"),
    groupId: ctx.groupId,
    today: todayIn(ctx.group.timeZone),
    spaces: listSpaces({ ctx })
      .filter((s) => s.active && s.kind !== "guest_unit")
      .map((s) => ({ value: s.id, label: s.name })),
  };
}

const FIELDS = new Set(Object.keys(MeetingSchema.shape));

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const lang = resolveLang(request, ctx.user.locale);
  const t = getT(lang) as unknown as Translate;
  const formData = await request.formData();
  const info = formInfo(formData);
  const submission = parseWithZod(formData, { schema: MeetingSchema });
  if (submission.status !== "success") return replyFormInvalid(info, t, submission.reply().error);
  const r = await createMeeting({ ctx, input: submission.value });
  if (!r.ok) return replyFormProblems(info, r.problems, (p) => describeProblem(t, p, lang, ctx.group.timeZone), FIELDS);
  return redirectWithToast(`/g/${ctx.groupId}/meetings/${r.meetingId}`, "meetings.created");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function NewMeeting() {
  const { t } = useTranslation("meetings");
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/g/${d.groupId}/meetings`}>{t("back_to_list")}</Link>
      </p>
      <h1>{t("new.title")}</h1>
      <ActionForm intent="create" navigate>
        <InputField name="title" label={t("fields.title")} defaultValue={t("new.default_title")} required />
        <InputField name="date" type="date" label={t("fields.date")} defaultValue={d.today} required />
        <div className="row">
          <InputField name="startTime" type="time" label={t("fields.start_time")} defaultValue="18:30" required />
          <InputField name="endTime" type="time" label={t("fields.end_time")} defaultValue="20:30" required />
        </div>
        {d.spaces.length ? (
          <SelectInput name="spaceId" label={t("fields.space")} hint={t("fields.space_hint")} options={d.spaces} placeholder={t("fields.no_space")} />
        ) : null}
        <InputField name="placeText" label={t("fields.place")} hint={t("fields.place_hint")} />
        <TextAreaInput name="description" label={t("fields.description")} />
        <div className="actions">
          <SubmitButton>{t("new.submit")}</SubmitButton>
        </div>
      </ActionForm>
    </>
  );
}
