// A space's settings and rules, and its closures (maintenance periods), for facilitators. New rules apply
// to new bookings; a closure over existing bookings lists them so they can be cancelled one by one.
// The space form is shared with /spaces/new.
import { getFormProps, getInputProps, type DefaultValue, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { SPACE_KINDS } from "~db/schema/enums";
import { formatSlotText } from "~/components/bookings-home";
import { ErrorList, FormErrors, SelectField, TextAreaField, TextField, useAppForm } from "~/components/forms";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { addClosure, listClosures, removeClosure } from "~/modules/bookings/closures.server";
import type { Space } from "~/modules/bookings/lookups.server";
import { getSpace, getSpaceToManage, updateSpace } from "~/modules/bookings/spaces.server";
import { describeProblem } from "~/modules/bookings/rules";
import { ClosureSchema, SpaceSchema, centsToEuroInput } from "~/modules/bookings/schemas";
import { todayIn } from "~/modules/core/dates";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { utcToZoned } from "~/modules/core/recurrence";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { ConfirmDetails } from "~/components/confirm-details";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["bookings"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const space = getSpaceToManage({ ctx, spaceId: params.spaceId ?? "" });
  const lang = resolveLang(request, ctx.user.locale);
  const now = Date.now();
  return {
    title: getT(lang)("bookings:manage.edit_title", { name: space.name }),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    today: todayIn(ctx.group.timeZone, now),
    space: { id: space.id, name: space.name, kind: space.kind },
    defaults: spaceDefaults(space, lang),
    closures: listClosures({ ctx, spaceId: space.id })
      .filter((c) => c.endsAt.getTime() > now)
      .map((c) => closureView(c, ctx.group.timeZone)),
  };
}

type SpaceFormValue = z.input<typeof SpaceSchema>;

/** A space as the form's initial values (numbers as text, the fee in euros). */
export function spaceDefaults(s: Space | null, lang: string): DefaultValue<SpaceFormValue> {
  const text = (v: number | string | null | undefined) => (v == null ? "" : String(v));
  if (!s) return { kind: "common_room", active: true, approvalRequired: false, minNoticeHours: "0", bufferMinutes: "0" };
  return {
    name: s.name,
    kind: s.kind,
    description: s.description,
    capacity: text(s.capacity),
    active: s.active,
    approvalRequired: s.approvalRequired,
    bookingWindowDays: text(s.bookingWindowDays),
    minNoticeHours: text(s.minNoticeHours),
    minMinutes: text(s.minMinutes),
    maxMinutes: text(s.maxMinutes),
    bufferMinutes: text(s.bufferMinutes),
    quietStart: text(s.quietStart),
    quietEnd: text(s.quietEnd),
    quotaHoursPerMonth: text(s.quotaHoursPerMonth),
    quotaBookingsPerMonth: text(s.quotaBookingsPerMonth),
    quotaNightsPerYear: text(s.quotaNightsPerYear),
    checkInTime: text(s.checkInTime),
    checkOutTime: text(s.checkOutTime),
    nightlyFee: s.kind === "guest_unit" ? centsToEuroInput(s.nightlyFeeCents, lang) : "",
    maxNights: text(s.maxNights),
    houseRules: s.houseRules,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const space = getSpace({ ctx, spaceId: params.spaceId ?? "" });
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/g/${ctx.groupId}/spaces/${space.id}/edit`;

  if (intent === "remove-closure") {
    const closureId = formData.get("closureId");
    if (typeof closureId !== "string" || !closureId) return data({ form: "closure" as const, result: null, overlapping: null }, { status: 400 });
    removeClosure({ ctx, closureId });
    return redirectWithToast(here, "closure_removed");
  }
  if (intent === "add-closure") {
    const lang = resolveLang(request, ctx.user.locale);
    const t = getT(lang) as unknown as Translate;
    const submission = parseWithZod(formData, { schema: ClosureSchema });
    if (submission.status !== "success") return data({ form: "closure" as const, result: submission.reply(), overlapping: null }, { status: 400 });
    const result = addClosure({ ctx, spaceId: space.id, input: submission.value });
    if (!result.ok) {
      const reply = replyWithProblems(submission, result.problems, (p) => describeProblem(t, p, lang, ctx.group.timeZone));
      return data({ form: "closure" as const, result: reply, overlapping: null }, { status: 400 });
    }
    if (!result.overlapping.length) return redirectWithToast(here, "closure_added");
    // Bookings already inside the closure stay: the facilitator decides, one by one.
    return data({
      form: "closure" as const,
      result: submission.reply({ resetForm: true }),
      overlapping: result.overlapping.map((b) => ({
        id: b.id,
        when: formatSlotText(b.startsAt, b.endsAt, lang, ctx.group.timeZone, space.kind),
        householdName: b.householdName,
      })),
    });
  }
  const submission = parseWithZod(formData, { schema: SpaceSchema });
  if (submission.status !== "success") return data({ form: "space" as const, result: submission.reply(), overlapping: null }, { status: 400 });
  updateSpace({ ctx, spaceId: space.id, input: submission.value });
  return redirectWithToast(`/g/${ctx.groupId}/spaces/${space.id}`, "space_saved");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function EditSpace() {
  const { t, i18n } = useTranslation("bookings");
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const back = `/g/${d.groupId}/spaces/${d.space.id}`;
  return (
    <>
      <p>
        <Link to={back}>{t("manage.back_to_space", { name: d.space.name })}</Link>
      </p>
      <h1>{t("manage.edit_title", { name: d.space.name })}</h1>
      <SpaceForm
        id="space"
        defaultValue={d.defaults}
        lastResult={actionData?.form === "space" ? actionData.result : undefined}
        submitLabel={t("manage.save")}
        cancelTo={back}
      />

      <section className="card" aria-labelledby="closures" style={{ marginTop: "1.5rem" }}>
        <h2 id="closures">{t("closures.title")}</h2>
        <p className="small">{t("closures.intro")}</p>
        {actionData?.form === "closure" && actionData.overlapping ? (
          <div role="status" className="card" style={{ background: "var(--warn-bg)" }}>
            <p style={{ marginTop: 0 }}>
              <strong>{t("closures.added_overlapping", { count: actionData.overlapping.length })}</strong>
            </p>
            <ul>
              {actionData.overlapping.map((b) => (
                <li key={b.id}>
                  <Link to={`/g/${d.groupId}/bookings/${b.id}#cancel`}>
                    {b.when} — {b.householdName ?? t("calendar.for_group")}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {d.closures.length ? (
          <ul className="list">
            {d.closures.map((c) => {
              const when = formatSlotText(c.startsAt, c.endsAt, i18n.language, d.timeZone, c.wholeDays ? "guest_unit" : undefined);
              return (
                <li key={c.id} className="spread">
                  <span>
                    <strong>{when}</strong>
                    <br />
                    {c.reason}
                  </span>
                  <ConfirmDetails
                    summary={
                      <>
                        {t("closures.remove")}
                        <span className="visually-hidden"> — {when}</span>
                      </>
                    }
                    question={t("closures.remove_question")}
                  >
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-closure" />
                      <input type="hidden" name="closureId" value={c.id} />
                      <button type="submit" className="danger">
                        {t("closures.remove_confirm")}
                        <span className="visually-hidden"> — {when}</span>
                      </button>
                    </Form>
                  </ConfirmDetails>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="muted">{t("closures.none")}</p>
        )}
        <ClosureForm lastResult={actionData?.form === "closure" ? (actionData.result ?? undefined) : undefined} today={d.today} />
      </section>
    </>
  );
}

function ClosureForm({ lastResult, today }: { lastResult?: SubmissionResult<string[]>; today: string }) {
  const { t } = useTranslation("bookings");
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "closure",
    lastResult,
    constraint: getZodConstraint(ClosureSchema),
    defaultValue: { startDate: today, endDate: today },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClosureSchema }),
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <h3 style={{ margin: 0 }}>{t("closures.add_title")}</h3>
      <input type="hidden" name="intent" value="add-closure" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="row" style={{ alignItems: "flex-start" }}>
        <div style={{ flex: "1 1 9rem", minWidth: 0 }}>
          <TextField field={fields.startDate} label={t("closures.start_date")} type="date" />
        </div>
        <div style={{ flex: "1 1 7rem", minWidth: 0 }}>
          <TextField field={fields.startTime} label={t("closures.start_time")} type="time" />
        </div>
      </div>
      <div className="row" style={{ alignItems: "flex-start" }}>
        <div style={{ flex: "1 1 9rem", minWidth: 0 }}>
          <TextField field={fields.endDate} label={t("closures.end_date")} type="date" />
        </div>
        <div style={{ flex: "1 1 7rem", minWidth: 0 }}>
          <TextField field={fields.endTime} label={t("closures.end_time")} type="time" />
        </div>
      </div>
      <p className="hint">{t("closures.times_hint")}</p>
      <TextField field={fields.reason} label={t("closures.reason")} hint={t("closures.reason_hint")} />
      <div className="actions">
        <button type="submit" className="secondary" disabled={navigation.state === "submitting"}>
          {t("closures.add")}
        </button>
      </div>
    </Form>
  );
}

function CheckField({ field, label, hint }: { field: FieldMetadata<boolean | undefined>; label: string; hint?: string }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type: "checkbox", ariaDescribedBy: hintId });
  return (
    <div className="field">
      <div className="check">
        <input {...props} key={props.key} />
        <label htmlFor={field.id}>{label}</label>
      </div>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** Every setting and rule of a space, in groups a person can read on a phone. */
export function SpaceForm({
  id,
  defaultValue,
  lastResult,
  submitLabel,
  cancelTo,
}: {
  id: string;
  defaultValue: DefaultValue<SpaceFormValue>;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
  cancelTo: string;
}) {
  const { t } = useTranslation("bookings");
  const navigation = useNavigation();
  const [form, fields] = useAppForm<SpaceFormValue, z.output<typeof SpaceSchema>>({
    id,
    lastResult,
    constraint: getZodConstraint(SpaceSchema),
    defaultValue,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SpaceSchema }),
  });
  const number = { type: "number" as const, inputMode: "numeric" as const, min: 0 };
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.name} label={t("manage.name")} />
      <SelectField field={fields.kind} label={t("manage.kind")} options={SPACE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
      <TextAreaField field={fields.description} label={t("manage.description")} hint={t("manage.description_hint")} />
      <TextField field={fields.capacity} label={t("manage.capacity")} hint={t("manage.empty_no_limit")} {...number} />
      <CheckField field={fields.active} label={t("manage.active")} hint={t("manage.active_hint")} />
      <CheckField field={fields.approvalRequired} label={t("manage.approval")} hint={t("manage.approval_hint")} />

      <fieldset style={{ minWidth: 0 }}>
        <legend>{t("manage.when")}</legend>
        <div className="stack">
          <TextField field={fields.bookingWindowDays} label={t("manage.window")} hint={t("manage.empty_no_limit")} {...number} />
          <TextField field={fields.minNoticeHours} label={t("manage.notice")} {...number} />
          <TextField field={fields.minMinutes} label={t("manage.min_minutes")} hint={t("manage.minutes_hint")} {...number} />
          <TextField field={fields.maxMinutes} label={t("manage.max_minutes")} hint={t("manage.minutes_hint")} {...number} />
          <TextField field={fields.bufferMinutes} label={t("manage.buffer")} hint={t("manage.buffer_hint")} {...number} />
          <TextField field={fields.quietStart} label={t("manage.quiet_start")} type="time" hint={t("manage.quiet_hint")} />
          <TextField field={fields.quietEnd} label={t("manage.quiet_end")} type="time" />
        </div>
      </fieldset>

      <fieldset style={{ minWidth: 0 }}>
        <legend>{t("manage.quotas")}</legend>
        <div className="stack">
          <p className="hint">{t("manage.quotas_hint")}</p>
          <TextField field={fields.quotaHoursPerMonth} label={t("manage.quota_hours")} {...number} />
          <TextField field={fields.quotaBookingsPerMonth} label={t("manage.quota_bookings")} {...number} />
        </div>
      </fieldset>

      <fieldset style={{ minWidth: 0 }}>
        <legend>{t("manage.guest_unit")}</legend>
        <div className="stack">
          <p className="hint">{t("manage.guest_unit_hint")}</p>
          <TextField field={fields.nightlyFee} label={t("manage.nightly_fee")} inputMode="decimal" hint={t("manage.nightly_fee_hint")} />
          <TextField field={fields.maxNights} label={t("manage.max_nights")} {...number} />
          <TextField field={fields.quotaNightsPerYear} label={t("manage.quota_nights")} {...number} />
          <TextField field={fields.checkInTime} label={t("manage.check_in")} type="time" hint={t("manage.check_in_hint")} />
          <TextField field={fields.checkOutTime} label={t("manage.check_out")} type="time" hint={t("manage.check_out_hint")} />
        </div>
      </fieldset>

      <TextAreaField field={fields.houseRules} label={t("manage.house_rules")} hint={t("manage.house_rules_hint")} />

      <div className="actions">
        <button type="submit" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
        <Link className="button secondary" to={cancelTo}>
          {t("common:actions.cancel")}
        </Link>
      </div>
    </Form>
  );
}

/** A closure of whole days (midnight to midnight) is shown by its dates, its last day included. */
function closureView(c: { id: string; startsAt: Date; endsAt: Date; reason: string }, timeZone: string) {
  const wholeDays = utcToZoned(c.startsAt.getTime(), timeZone).time === "00:00" && utcToZoned(c.endsAt.getTime(), timeZone).time === "00:00";
  return { id: c.id, startsAt: c.startsAt.getTime(), endsAt: wholeDays ? c.endsAt.getTime() - 1 : c.endsAt.getTime(), wholeDays, reason: c.reason };
}
