// Changing one date (facilitators): cancel it (with a reason sent to the households), move it, change its
// places or note, or change it and the following ones. The choice is a GET select (?intent=), so the page
// works without JavaScript and shows only the form chosen.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EventFields, type EventFormFields } from "~/components/event-fields";
import { FormErrors, SelectField, TextAreaField, TextField, useAppForm } from "~/components/forms";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { listSpaces } from "~/modules/bookings/spaces.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { utcToZoned } from "~/modules/core/recurrence";
import { getOccurrence, getOccurrenceToManage, getSeries } from "~/modules/events/calendar.server";
import { changeOccurrence } from "~/modules/events/occurrences.server";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { describeProblem, type Problem } from "~/modules/events/rules";
import { OccurrenceChangeSchema } from "~/modules/events/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["bookings", "events"] };

const INTENTS = ["cancel", "move", "edit", "following"] as const;
type Intent = (typeof INTENTS)[number];
const isIntent = (v: unknown): v is Intent => typeof v === "string" && (INTENTS as readonly string[]).includes(v);

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const o = getOccurrenceToManage({ ctx, occurrenceId: params.occurrenceId ?? "" });
  const tz = ctx.group.timeZone;
  const t = getT(resolveLang(request, ctx.user.locale));
  const asked = new URL(request.url).searchParams.get("intent");
  const intent: Intent | null = isIntent(asked) ? asked : null;
  const start = utcToZoned(o.startsAt, tz);
  const end = utcToZoned(o.endsAt, tz);
  const series = intent === "following" ? getSeries({ ctx, seriesId: o.seriesId }) : null;
  return {
    title: t("events:edit.title", { title: o.title }),
    groupId: ctx.groupId,
    occurrence: {
      id: o.id,
      title: o.title,
      capacity: o.capacity,
      note: o.note,
      spaceId: o.spaceId,
      placeText: o.placeText,
      canEdit: o.flags.canEdit,
      status: o.status,
    },
    intent,
    move: { date: start.date, startTime: start.time, endTime: end.time, endDate: end.date !== start.date && end.time !== "00:00" ? end.date : "" },
    following: series ? { ...series.values, date: start.date } : null,
    spaces: listSpaces({ ctx })
      .filter((s) => s.active && s.kind !== "guest_unit")
      .map((s) => ({ value: s.id, label: s.name })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const o = getOccurrence({ ctx, occurrenceId: params.occurrenceId ?? "" });
  const lang = resolveLang(request, ctx.user.locale);
  const t = getT(lang) as unknown as Translate;
  const submission = parseWithZod(await request.formData(), { schema: OccurrenceChangeSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const input = submission.value;
  const r = await changeOccurrence({ ctx, occurrenceId: o.id, input });
  if (!r.ok)
    return data({ result: replyWithProblems(submission, r.problems, (p: Problem) => describeProblem(t, p, lang, ctx.group.timeZone)) }, { status: 400 });
  if (input.intent === "following") return redirectWithToast(`/g/${ctx.groupId}/calendar?start=${input.date}`, "event_saved");
  const toast = input.intent === "cancel" ? "occurrence_cancelled" : input.intent === "move" ? "occurrence_moved" : "event_saved";
  return redirectWithToast(`/g/${ctx.groupId}/events/${o.id}`, toast);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function EditOccurrence() {
  const { t } = useTranslation("events");
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const back = `/g/${d.groupId}/events/${d.occurrence.id}`;
  return (
    <>
      <p>
        <Link to={back}>{t("edit.back")}</Link>
      </p>
      <h1>{t("edit.title", { title: d.occurrence.title })}</h1>
      <Form method="get" className="stack card">
        <div className="field">
          <label htmlFor="edit-intent">{t("edit.choose")}</label>
          <select id="edit-intent" name="intent" defaultValue={d.intent ?? "cancel"}>
            {INTENTS.map((i) => (
              <option key={i} value={i}>
                {t(`edit.intent_${i}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="secondary">
            {t("edit.choose_submit")}
          </button>
        </div>
      </Form>
      {d.intent ? (
        <section className="card" aria-labelledby="change-title">
          <h2 id="change-title">{t(`edit.intent_${d.intent}`)}</h2>
          <ChangeForm key={d.intent} intent={d.intent} lastResult={actionData?.result} />
        </section>
      ) : null}
    </>
  );
}

function ChangeForm({ intent, lastResult }: { intent: Intent; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation("events");
  const d = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const defaultValue =
    intent === "move"
      ? { intent, ...d.move, spaceId: d.occurrence.spaceId ?? "", placeText: d.occurrence.spaceId ? "" : d.occurrence.placeText }
      : intent === "edit"
        ? { intent, capacity: d.occurrence.capacity == null ? "" : String(d.occurrence.capacity), note: d.occurrence.note }
        : intent === "following" && d.following
          ? {
              intent,
              ...Object.fromEntries(Object.entries(d.following).map(([k, v]) => [k, v == null ? "" : Array.isArray(v) ? v : String(v)])),
            }
          : { intent };
  const [form, fields] = useAppForm({
    id: `change-${intent}`,
    lastResult,
    constraint: getZodConstraint(OccurrenceChangeSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OccurrenceChangeSchema }),
  });
  const f = fields as unknown as EventFormFields & Record<"reason" | "note" | "capacity", EventFormFields["title"]>;
  const text = f as unknown as Record<string, Parameters<typeof TextAreaField>[0]["field"]>;
  const busy = navigation.state === "submitting";
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {intent === "cancel" ? (
        <>
          <p className="hint">{t("edit.cancel_hint")}</p>
          <TextAreaField field={text.reason} label={t("edit.reason")} />
          <div className="actions">
            <button type="submit" className="danger" disabled={busy}>
              {t("edit.cancel_submit")}
            </button>
          </div>
        </>
      ) : intent === "move" ? (
        <>
          <p className="hint">{t("edit.move_hint")}</p>
          <TextField field={f.date} label={t("fields.date")} type="date" />
          <TextField field={f.startTime} label={t("fields.startTime")} type="time" />
          <TextField field={f.endTime} label={t("fields.endTime")} type="time" />
          <TextField field={f.endDate} label={t("fields.endDate")} type="date" />
          {d.spaces.length ? <SelectField field={text.spaceId} label={t("fields.spaceId")} options={d.spaces} placeholder={t("form.no_space")} /> : null}
          <TextField field={f.placeText} label={t("fields.placeText")} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t("edit.move_submit")}
            </button>
          </div>
        </>
      ) : intent === "edit" ? (
        <>
          <TextField field={f.capacity} label={t("fields.capacity")} type="number" inputMode="numeric" hint={t("form.capacity_hint")} />
          <TextAreaField field={text.note} label={t("fields.note")} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t("edit.edit_submit")}
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="hint">{t("edit.following_hint")}</p>
          <EventFields fields={f} spaces={d.spaces} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t("edit.following_submit")}
            </button>
          </div>
        </>
      )}
    </Form>
  );
}
