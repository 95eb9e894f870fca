// One booking: when, where, who, its status in words; a facilitator approves or declines a request (a
// reason is optional) and may cancel any booking (with a reason, which the household receives); the
// booker's household cancels its own before it starts.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusText, formatEuros, formatSlotText } from "~/components/bookings-home";
import { FormErrors, TextAreaField, useAppForm } from "~/components/forms";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { approveBooking, declineBooking } from "~/modules/bookings/approvals.server";
import { cancelBooking } from "~/modules/bookings/bookings.server";
import { getBooking } from "~/modules/bookings/reading.server";
import { describeProblem, type Problem } from "~/modules/bookings/rules";
import { DecisionSchema } from "~/modules/bookings/schemas";
import { formatDateTime } from "~/modules/core/dates";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["bookings"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const b = getBooking({ ctx, bookingId: params.bookingId ?? "" });
  return {
    title: getT(resolveLang(request, ctx.user.locale))("bookings:booking.title", { space: b.spaceName }),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    booking: {
      id: b.id,
      spaceId: b.spaceId,
      spaceName: b.spaceName,
      spaceKind: b.spaceKind,
      householdName: b.householdName,
      createdByName: b.createdByName,
      startsAt: b.startsAt.getTime(),
      endsAt: b.endsAt.getTime(),
      status: b.status,
      purpose: b.purpose,
      guests: b.guests,
      nights: b.nights,
      feeCents: b.feeCents,
      seriesId: b.seriesId,
      decisionReason: b.decisionReason,
      decidedAt: b.decidedAt?.getTime() ?? null,
      cancelReason: b.cancelReason,
      cancelledAt: b.cancelledAt?.getTime() ?? null,
      own: b.own,
      canDecide: b.canDecide,
      canCancel: b.canCancel,
      cancelNeedsReason: b.cancelNeedsReason,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const booking = getBooking({ ctx, bookingId: params.bookingId ?? "" });
  const submission = parseWithZod(await request.formData(), { schema: DecisionSchema });
  const form = submission.payload.intent === "cancel" ? ("cancel" as const) : ("decide" as const);
  if (submission.status !== "success") return data({ form, result: submission.reply() }, { status: 400 });
  const { intent, reason } = submission.value;
  const args = { ctx, bookingId: booking.id, reason };
  const result = intent === "approve" ? await approveBooking(args) : intent === "decline" ? await declineBooking(args) : await cancelBooking(args);
  if (!result.ok) {
    const lang = resolveLang(request, ctx.user.locale);
    const t = getT(lang) as unknown as Translate;
    const describe = (p: Problem) => describeProblem(t, p, lang, ctx.group.timeZone, booking.spaceKind);
    return data({ form, result: replyWithProblems(submission, result.problems, describe, { fields: ["reason"] }) }, { status: 400 });
  }
  const toast = intent === "approve" ? "booking_approved" : intent === "decline" ? "booking_declined" : "booking_cancelled";
  return redirectWithToast(`/g/${ctx.groupId}/bookings/${booking.id}`, toast);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function BookingPage() {
  const { t, i18n } = useTranslation("bookings");
  const { booking: b, groupId, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = i18n.language;
  return (
    <>
      <p>
        <Link to={`/g/${groupId}/bookings`}>{t("booking.back")}</Link>
      </p>
      <h1>{t("booking.title", { space: b.spaceName })}</h1>
      <p>
        <StatusText status={b.status} />
      </p>
      <dl style={{ margin: "0 0 1rem" }}>
        <Fact term={t("booking.space")}>
          <Link to={`/g/${groupId}/spaces/${b.spaceId}`}>{b.spaceName}</Link>
        </Fact>
        <Fact term={b.spaceKind === "guest_unit" ? t("booking.stay") : t("booking.when")}>
          {formatSlotText(b.startsAt, b.endsAt, lang, timeZone, b.spaceKind)}
        </Fact>
        {b.spaceKind === "guest_unit" ? (
          <Fact term={t("booking.arrival_departure")}>
            {formatDateTime(b.startsAt, lang, timeZone)} → {formatDateTime(b.endsAt, lang, timeZone)}
          </Fact>
        ) : null}
        <Fact term={t("booking.for")}>{b.householdName ?? t("calendar.for_group")}</Fact>
        {b.createdByName ? <Fact term={t("booking.by")}>{b.createdByName}</Fact> : null}
        {b.purpose ? <Fact term={t("booking.purpose")}>{b.purpose}</Fact> : null}
        <Fact term={t("booking.guests")}>{b.guests}</Fact>
        {b.spaceKind === "guest_unit" ? <Fact term={t("booking.fee")}>{t("preview.fee", { fee: formatEuros(b.feeCents, lang), count: b.nights })}</Fact> : null}
        {b.decisionReason ? <Fact term={t("booking.decision_reason")}>{b.decisionReason}</Fact> : null}
        {b.cancelledAt ? <Fact term={t("booking.cancelled_at")}>{formatDateTime(b.cancelledAt, lang, timeZone)}</Fact> : null}
        {b.cancelReason ? <Fact term={t("booking.cancel_reason")}>{b.cancelReason}</Fact> : null}
      </dl>
      {b.status === "requested" && !b.canDecide ? <p className="muted">{t("booking.waiting")}</p> : null}

      {b.canDecide ? <DecideForm lastResult={actionData?.form === "decide" ? actionData.result : undefined} /> : null}
      {b.canCancel ? <CancelForm lastResult={actionData?.form === "cancel" ? actionData.result : undefined} needsReason={b.cancelNeedsReason} /> : null}
    </>
  );
}

/** A term and its value side by side, one under the other when the line is too short (phone, 200 % text). */
function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div style={{ display: "flex", flexWrap: "wrap", gap: "0 1rem", padding: "0.2rem 0" }}>
      <dt className="muted" style={{ flex: "0 0 10rem", maxWidth: "100%" }}>
        {term}
      </dt>
      <dd style={{ margin: 0, flex: "1 1 12rem", minWidth: 0, overflowWrap: "anywhere" }}>{children}</dd>
    </div>
  );
}

function DecideForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation("bookings");
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "decide",
    lastResult,
    constraint: getZodConstraint(DecisionSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
  });
  return (
    <section className="card" aria-labelledby="decide-title">
      <h2 id="decide-title">{t("booking.decide")}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextAreaField field={fields.reason} label={t("booking.reason_optional")} hint={t("booking.reason_hint")} />
        <div className="actions">
          <button type="submit" name="intent" value="approve" disabled={navigation.state === "submitting"}>
            {t("booking.approve")}
          </button>
          <button type="submit" name="intent" value="decline" className="secondary" disabled={navigation.state === "submitting"}>
            {t("booking.decline")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function CancelForm({ lastResult, needsReason }: { lastResult?: SubmissionResult<string[]>; needsReason: boolean }) {
  const { t } = useTranslation("bookings");
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    // Not "cancel": that is the section's id, the target of the « Annuler » links.
    id: "cancel-form",
    lastResult,
    constraint: getZodConstraint(DecisionSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
  });
  return (
    <section className="card" aria-labelledby="cancel-title" id="cancel">
      <h2 id="cancel-title">{t("booking.cancel_title")}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="cancel" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextAreaField
          field={fields.reason}
          label={needsReason ? t("booking.reason_required") : t("booking.reason_optional")}
          hint={needsReason ? t("booking.cancel_reason_hint") : undefined}
        />
        <div className="actions">
          <button type="submit" className="danger" disabled={navigation.state === "submitting"}>
            {t("booking.cancel")}
          </button>
        </div>
      </Form>
    </section>
  );
}
