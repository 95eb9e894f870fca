// The facilitators' queue: requests waiting for an answer, soonest first, each approved or declined in one
// tap (a reason can be given from the booking's own page). Residents get 403.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatEuros, formatSlotText } from "~/components/bookings-home";
import { FormErrors } from "~/components/forms";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { approveBooking, declineBooking, listPendingApprovals } from "~/modules/bookings/approvals.server";
import { describeProblem } from "~/modules/bookings/rules";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["bookings"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  return {
    title: getT(resolveLang(request, ctx.user.locale))("bookings:approvals.title"),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    now: Date.now(),
    pending: listPendingApprovals({ ctx }).map((p) => ({
      id: p.id,
      spaceName: p.spaceName,
      spaceKind: p.spaceKind,
      householdName: p.householdName,
      createdByName: p.createdByName,
      startsAt: p.startsAt.getTime(),
      endsAt: p.endsAt.getTime(),
      purpose: p.purpose,
      guests: p.guests,
      feeCents: p.feeCents,
      nights: p.nights,
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const form = await request.formData();
  const intent = form.get("intent");
  const bookingId = form.get("bookingId");
  if ((intent !== "approve" && intent !== "decline") || typeof bookingId !== "string" || !bookingId) {
    return data({ errors: [] as string[] }, { status: 400 });
  }
  const result = intent === "approve" ? await approveBooking({ ctx, bookingId }) : await declineBooking({ ctx, bookingId });
  if (!result.ok) {
    const lang = resolveLang(request, ctx.user.locale);
    const t = getT(lang) as unknown as Parameters<typeof describeProblem>[0];
    return data({ errors: result.problems.map((p) => describeProblem(t, p, lang, ctx.group.timeZone)) }, { status: 400 });
  }
  return redirectWithToast(`/g/${ctx.groupId}/bookings/approvals`, intent === "approve" ? "booking_approved" : "booking_declined");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function Approvals() {
  const { t, i18n } = useTranslation("bookings");
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lang = i18n.language;
  return (
    <>
      <p>
        <Link to={`/g/${d.groupId}/bookings`}>{t("booking.back")}</Link>
      </p>
      <h1>{t("approvals.title")}</h1>
      <p className="muted">{t("approvals.intro")}</p>
      <FormErrors errors={actionData?.errors} />
      {d.pending.length ? (
        <ul className="list">
          {d.pending.map((p) => {
            const when = formatSlotText(p.startsAt, p.endsAt, lang, d.timeZone, p.spaceKind);
            return (
              <li key={p.id}>
                <h2 style={{ fontSize: "1.05rem", margin: 0 }}>
                  <Link to={`/g/${d.groupId}/bookings/${p.id}`}>
                    {p.spaceName} — {p.householdName ?? t("calendar.for_group")}
                  </Link>
                </h2>
                <p style={{ margin: "0.25rem 0" }}>
                  {when}
                  {p.startsAt < d.now ? (
                    <>
                      {" "}
                      <span className="tag badge-warn">{t("approvals.past")}</span>
                    </>
                  ) : null}
                </p>
                <p className="small" style={{ margin: "0 0 0.5rem" }}>
                  {[
                    p.createdByName ? t("approvals.by", { name: p.createdByName }) : null,
                    p.purpose ? t("approvals.purpose", { purpose: p.purpose }) : null,
                    t("approvals.guests", { count: p.guests }),
                    p.spaceKind === "guest_unit" ? t("preview.fee", { fee: formatEuros(p.feeCents, lang), count: p.nights }) : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                <div className="actions">
                  <Form method="post">
                    <input type="hidden" name="bookingId" value={p.id} />
                    <button type="submit" name="intent" value="approve" disabled={navigation.state === "submitting"}>
                      {t("booking.approve")}
                      <span className="visually-hidden">
                        {" "}
                        — {p.spaceName}, {when}
                      </span>
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="bookingId" value={p.id} />
                    <button type="submit" name="intent" value="decline" className="secondary" disabled={navigation.state === "submitting"}>
                      {t("booking.decline")}
                      <span className="visually-hidden">
                        {" "}
                        — {p.spaceName}, {when}
                      </span>
                    </button>
                  </Form>
                </div>
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{t("approvals.none")}</p>
      )}
    </>
  );
}
