// One date of an event: what, when (group's zone), where, places left; my household's sign-up (works
// without JavaScript: one tap on "S'inscrire" from here), a facilitator signing up another household,
// the meal's roles ("Je me propose"), its costs and their split, closing the meal, the households signed up.
import { getCollectionProps, getFormProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DIETS, MEAL_ROLES, type MealRole } from "~db/schema/enums";
import { KindTag, OccurrenceStatusText, SignupStatusText, formatEuros, formatSlotText, placesText } from "~/components/events-home";
import { ErrorList, FormErrors, SelectField, TextField, useAppForm } from "~/components/forms";
import { can, requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDateTime, formatWeekday } from "~/modules/core/dates";
import { newId } from "~/modules/core/ids";
import { CancelSignupConfirm } from "~/components/next-meal";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getOccurrence } from "~/modules/events/calendar.server";
import { closeMeal, recordCost, removeCost } from "~/modules/events/costs.server";
import { setRoleSlots, volunteer, withdraw } from "~/modules/events/roles.server";
import { describeProblem, type Problem } from "~/modules/events/rules";
import { cancelSignup, changeSignup, signUp } from "~/modules/events/signups.server";
import { defaultSignupParty } from "~/modules/events/next-meal.server";
import { CostSchema, RoleSchema, SignupSchema } from "~/modules/events/schemas";
import { listDirectory } from "~/modules/households/households.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { ConfirmDetails } from "~/components/confirm-details";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["bookings", "events", "meetings:from_calendar"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const o = getOccurrence({ ctx, occurrenceId: params.occurrenceId ?? "" });
  const tz = ctx.group.timeZone;
  // The form starts from the household's persons by age, so that signing up is one tap.
  const party = o.flags.canSignUp && ctx.householdId ? defaultSignupParty({ ctx }) : { adults: 1, children: 0, infants: 0, guests: 0 };
  const households =
    o.flags.canSignUpOthers || (o.flags.canRecordCost && can(ctx, "meal:cost")) ? listDirectory({ ctx }).map((h) => ({ value: h.id, label: h.name })) : [];
  // Facilitators (event:manage) set how many people each role of an open meal needs.
  const canSetSlots = o.flags.isMeal && o.status === "scheduled" && !o.closed && can(ctx, "event:manage");
  // The cost form's one-time token: the same form sent twice records one cost (issue 17).
  const costToken = o.flags.canRecordCost ? newId() : null;
  // Closing a meal cannot be undone: the button first asks (?confirm=close), which works without JavaScript.
  const confirmClose = o.flags.canClose && new URL(request.url).searchParams.get("confirm") === "close";
  return {
    groupId: ctx.groupId,
    timeZone: tz,
    occurrence: o,
    party,
    households,
    canManageCosts: can(ctx, "meal:cost"),
    canSetSlots,
    costToken,
    confirmClose,
  };
}

const SIGNUP_FIELDS = ["householdId", "adults", "children", "infants", "guests", "diets", "allergies"];

type FormName = "signup" | "other" | "cancel_signup" | "role" | "cost" | "close" | `slots_${MealRole}`;
type ActionData = { form: FormName; result?: SubmissionResult<string[]>; errors?: string[] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const o = getOccurrence({ ctx, occurrenceId: params.occurrenceId ?? "" });
  const lang = resolveLang(request, ctx.user.locale);
  const t = getT(lang) as unknown as Translate;
  const tz = ctx.group.timeZone;
  const here = `/g/${ctx.groupId}/events/${o.id}`;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const describe = (p: Problem) => describeProblem(t, p, lang, tz);
  const fail = (form: FormName, problems: Problem[]) => data<ActionData>({ form, errors: problems.map(describe) }, { status: 400 });
  const refused = (form: FormName, submission: Parameters<typeof replyWithProblems>[0], problems: Problem[], fields: string[]) =>
    data<ActionData>({ form, result: replyWithProblems(submission, problems, describe, { fields }) }, { status: 400 });

  if (intent === "signup" || intent === "signup_other" || intent === "change_signup") {
    const form: FormName = intent === "signup_other" ? "other" : "signup";
    const submission = parseWithZod(formData, { schema: SignupSchema });
    if (submission.status !== "success") return data<ActionData>({ form, result: submission.reply() }, { status: 400 });
    const input = intent === "signup_other" ? submission.value : { ...submission.value, householdId: undefined };
    if (intent === "change_signup") {
      if (!o.mySignupDetail) return fail(form, [{ ns: "events", code: "not_active", field: null, params: {} }]);
      const r = await changeSignup({ ctx, signupId: o.mySignupDetail.id, input });
      if (!r.ok) return refused(form, submission, r.problems, SIGNUP_FIELDS);
      return redirectWithToast(here, r.status === "confirmed" ? "signup_saved" : "signup_waitlisted");
    }
    const r = signUp({ ctx, occurrenceId: o.id, input });
    if (!r.ok) return refused(form, submission, r.problems, SIGNUP_FIELDS);
    return redirectWithToast(here, r.status === "confirmed" ? "signup_saved" : "signup_waitlisted");
  }

  if (intent === "cancel_signup") {
    if (!o.mySignupDetail) return fail("cancel_signup", [{ ns: "events", code: "not_active", field: null, params: {} }]);
    const r = await cancelSignup({ ctx, signupId: o.mySignupDetail.id });
    return r.ok ? redirectWithToast(`${here}#signup`, "signup_cancelled") : fail("cancel_signup", r.problems);
  }

  if (intent === "volunteer" || intent === "withdraw") {
    const submission = parseWithZod(formData, { schema: RoleSchema });
    if (submission.status !== "success") return data<ActionData>({ form: "role", result: submission.reply() }, { status: 400 });
    const v = submission.value;
    const r =
      v.intent === "volunteer"
        ? volunteer({ ctx, occurrenceId: o.id, role: v.role, personId: v.personId, householdId: v.householdId })
        : v.intent === "withdraw"
          ? withdraw({ ctx, assignmentId: v.assignmentId })
          : null;
    if (!r) return fail("role", [{ ns: "events", code: "not_a_meal", field: null, params: {} }]);
    return r.ok ? redirectWithToast(here, v.intent === "volunteer" ? "volunteer_saved" : "volunteer_withdrawn") : fail("role", r.problems);
  }

  if (intent === "slots") {
    const role = String(formData.get("role") ?? "");
    const form: FormName = (MEAL_ROLES as readonly string[]).includes(role) ? `slots_${role as MealRole}` : "role";
    const submission = parseWithZod(formData, { schema: RoleSchema });
    if (submission.status !== "success") return data<ActionData>({ form, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    if (v.intent !== "slots") return fail(form, [{ ns: "events", code: "not_a_meal", field: null, params: {} }]);
    const r = setRoleSlots({ ctx, occurrenceId: o.id, role: v.role, slots: v.slots });
    if (!r.ok) return refused(form, submission, r.problems, ["slots"]);
    return redirectWithToast(here, "role_slots_saved");
  }

  if (intent === "cost") {
    const submission = parseWithZod(formData, { schema: CostSchema });
    if (submission.status !== "success") return data<ActionData>({ form: "cost", result: submission.reply() }, { status: 400 });
    const r = recordCost({ ctx, occurrenceId: o.id, input: submission.value });
    if (!r.ok) return refused("cost", submission, r.problems, ["amount", "paidByHouseholdId", "note"]);
    return redirectWithToast(here, "cost_recorded");
  }

  if (intent === "remove_cost") {
    const costId = String(formData.get("costId") ?? "");
    const r = removeCost({ ctx, costId });
    return r.ok ? redirectWithToast(here, "cost_removed") : fail("cost", r.problems);
  }

  if (intent === "close") {
    // Only the confirmation step's button closes; any other post of "close" is asked again.
    if (formData.get("confirmed") !== "yes") return redirect(`${here}?confirm=close#close`);
    const r = closeMeal({ ctx, occurrenceId: o.id });
    return r.ok ? redirectWithToast(here, "meal_closed") : fail("close", r.problems);
  }

  return data<ActionData>({ form: "signup", errors: [t("errors.invalid")] }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.occurrence.title} — Maisonnée` : "Maisonnée" }];

export default function OccurrencePage() {
  const { t, i18n } = useTranslation("events");
  const { occurrence: o, groupId, timeZone, party, households, canManageCosts, canSetSlots, costToken, confirmClose } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const lang = i18n.language;
  const base = `/g/${groupId}/events/${o.id}`;
  const resultFor = (form: FormName) => (actionData?.form === form ? actionData.result : undefined);
  const errorsFor = (form: FormName) => (actionData?.form === form ? actionData.errors : undefined);
  const host = o.series.host;
  const confirmed = o.signups.filter((s) => s.status === "confirmed");
  const waiting = o.signups.filter((s) => s.status === "waitlisted");
  // A change refused after the page was loaded (e.g. a cost sent once the meal was closed): shown in the
  // costs section even when its form is no longer there.
  const closedNotice = t("errors.meal_closed");
  const costErrors = [...(errorsFor("cost") ?? []), ...((resultFor("cost")?.error?.[""] as string[] | undefined) ?? [])];

  return (
    <>
      <p>
        <Link to={`/g/${groupId}/calendar`}>{t("occurrence.back")}</Link>
      </p>
      <h1>{o.title}</h1>
      <p>
        <KindTag kind={o.kind} /> <OccurrenceStatusText o={o} />
      </p>
      {o.status === "cancelled" ? (
        <p className="form-errors" role="status">
          {t("occurrence.cancelled")}
          {o.cancelReason ? ` ${t("occurrence.cancel_reason", { reason: o.cancelReason })}` : null}
        </p>
      ) : null}

      <dl className="facts">
        <dt>{t("occurrence.when")}</dt>
        <dd>{formatSlotText(o.startsAt, o.endsAt, lang, timeZone)}</dd>
        <dt>{t("occurrence.where")}</dt>
        <dd>{o.placeName || t("occurrence.no_place")}</dd>
        {/* Meetings take attendance (meetings module), not sign-ups. */}
        {o.kind !== "meeting" ? (
          <>
            <dt>{t("occurrence.places")}</dt>
            <dd>
              <span data-testid="places-left">{placesText(t, o)}</span>
              {o.waiting ? ` · ${t("occurrence.waiting", { count: o.waiting })}` : null}
            </dd>
            <dt>{t("occurrence.deadline")}</dt>
            <dd>
              {formatDateTime(o.signupDeadline, lang, timeZone)}
              {o.deadlinePassed ? ` (${t("occurrence.deadline_passed")})` : null}
            </dd>
          </>
        ) : null}
        {o.series.organisers.length ? (
          <>
            <dt>{t("occurrence.organisers")}</dt>
            <dd>{o.series.organisers.map((p) => p.name).join(", ")}</dd>
          </>
        ) : null}
        {host ? (
          <>
            <dt>{t("occurrence.host")}</dt>
            <dd>{"name" in host ? host.name : host.text}</dd>
          </>
        ) : null}
        {o.series.materials ? (
          <>
            <dt>{t("fields.materials")}</dt>
            <dd>{o.series.materials}</dd>
          </>
        ) : null}
        {o.series.skills.length ? (
          <>
            <dt>{t("occurrence.skills")}</dt>
            <dd>{o.series.skills.join(", ")}</dd>
          </>
        ) : null}
        {o.note ? (
          <>
            <dt>{t("fields.note")}</dt>
            <dd>{o.note}</dd>
          </>
        ) : null}
      </dl>
      {o.description ? <p style={{ whiteSpace: "pre-line" }}>{o.description}</p> : null}
      {o.bookingProblem ? <p className="form-errors">{o.bookingProblem}</p> : null}
      <p className="actions">
        <a href={`${base}/ics`} download>
          {t("occurrence.ics")}
        </a>
        {o.flags.canEdit ? <Link to={`${base}/edit`}>{t("occurrence.edit")}</Link> : null}
        {o.kind === "meeting" ? <Link to={`/g/${groupId}/meetings?occurrence=${o.id}`}>{t("meetings:from_calendar")}</Link> : null}
      </p>

      {o.kind !== "meeting" ? (
        <section className="card" aria-labelledby="signup-title" id="signup">
          <h2 id="signup-title">{t("signup.title")}</h2>
          {o.mySignupDetail ? (
            <p>
              {t("signup.my_status")} <SignupStatusText status={o.mySignupDetail.status} position={o.mySignupDetail.position} />{" "}
              <span className="small">{t("signup.party", { count: o.mySignupDetail.places })}</span>
            </p>
          ) : null}
          {o.flags.canSignUp ? (
            <>
              {o.flags.full ? (
                <p className="badge-warn" style={{ padding: "0.5rem" }}>
                  {t("signup.full_waitlist")}
                </p>
              ) : null}
              <SignupForm
                id="signup-form"
                intent="signup"
                lastResult={resultFor("signup")}
                defaults={{ ...party, diets: [], allergies: "" }}
                childAgeLimit={o.childAgeLimit}
                submit={t("signup.submit")}
              />
            </>
          ) : o.mySignupDetail && o.flags.canChangeSignup ? (
            <>
              <details>
                <summary>{t("signup.change")}</summary>
                <SignupForm
                  id="change-form"
                  intent="change_signup"
                  lastResult={resultFor("signup")}
                  defaults={o.mySignupDetail}
                  childAgeLimit={o.childAgeLimit}
                  submit={t("signup.change_submit")}
                />
              </details>
              <div className="stack" style={{ marginTop: "1rem" }}>
                <FormErrors errors={errorsFor("cancel_signup")} />
                {/* Asks first (JavaScript off too): « Se désinscrire du repas du jeudi 10 décembre ? » */}
                <CancelSignupConfirm
                  date={formatWeekday(o.startsAt, i18n.language, timeZone)}
                  signupId={o.mySignupDetail.id}
                  anchor="signup"
                  label={t("signup.cancel")}
                >
                  <Form method="post" className="actions">
                    <input type="hidden" name="intent" value="cancel_signup" />
                    <button type="submit">{t("signup.confirm_cancel")}</button>
                  </Form>
                </CancelSignupConfirm>
              </div>
            </>
          ) : !o.mySignupDetail ? (
            <p className="muted">
              {o.status === "cancelled"
                ? t("occurrence.cancelled")
                : o.closed
                  ? t("statuses.closed")
                  : o.deadlinePassed
                    ? t("signup.closed")
                    : t("signup.not_possible")}
            </p>
          ) : null}
          <FormErrors errors={errorsFor("signup")} />
        </section>
      ) : null}

      {o.flags.canSignUpOthers && o.kind !== "meeting" ? (
        <section className="card" aria-labelledby="other-title">
          <h2 id="other-title">{t("signup.other_title")}</h2>
          <p className="hint">{t("signup.other_hint")}</p>
          <SignupForm
            id="other-form"
            intent="signup_other"
            lastResult={resultFor("other")}
            defaults={{ adults: 1, children: 0, infants: 0, guests: 0, diets: [], allergies: "" }}
            childAgeLimit={o.childAgeLimit}
            submit={t("signup.other_submit")}
            households={households}
          />
          <FormErrors errors={errorsFor("other")} />
        </section>
      ) : null}

      {o.flags.isMeal ? (
        <section className="card" aria-labelledby="roles-title" id="roles">
          <h2 id="roles-title">{t("meal.roles_title")}</h2>
          <FormErrors errors={errorsFor("role") ?? (resultFor("role")?.error?.[""] as string[] | undefined)} />
          <ul className="list">
            {o.roles.map((r) => {
              const mine = r.assignments.find((a) => a.mine);
              const free = r.slots - r.assignments.length;
              return (
                <li key={r.role}>
                  <strong>{t(`roles.${r.role}`)}</strong> <span className="small">{t("meal.slots", { taken: r.assignments.length, slots: r.slots })}</span>
                  {r.assignments.length ? (
                    <ul>
                      {r.assignments.map((a) => (
                        <li key={a.id}>
                          {a.personName ?? a.householdName}
                          {a.mine && o.flags.canVolunteer ? <WithdrawButton assignmentId={a.id} /> : null}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="muted small" style={{ margin: 0 }}>
                      {r.role === "head_cook" ? t("meal.no_head_cook") : t("meal.nobody")}
                    </p>
                  )}
                  {o.flags.canVolunteer && !mine && free > 0 ? <VolunteerButton role={r.role} /> : null}
                </li>
              );
            })}
          </ul>
          {canSetSlots ? (
            <details open={MEAL_ROLES.some((role) => actionData?.form === `slots_${role}`) || undefined}>
              <summary>{t("meal.slots_title")}</summary>
              <p className="hint">{t("meal.slots_hint")}</p>
              {MEAL_ROLES.map((role) => (
                <SlotsForm
                  key={role}
                  role={role}
                  slots={o.roles.find((r) => r.role === role)?.slots ?? 0}
                  lastResult={resultFor(`slots_${role}`)}
                  errors={errorsFor(`slots_${role}`)}
                />
              ))}
            </details>
          ) : null}
        </section>
      ) : null}

      {o.flags.isMeal && o.split ? (
        <section className="card" aria-labelledby="costs-title" id="costs">
          <h2 id="costs-title">{t("meal.costs_title")}</h2>
          {!o.flags.canRecordCost ? <FormErrors errors={costErrors} /> : null}
          {o.closed && !(!o.flags.canRecordCost && costErrors.includes(closedNotice)) ? <p className="muted">{closedNotice}</p> : null}
          {o.costs.length ? (
            <ul className="list">
              {o.costs.map((c) => (
                <li key={c.id}>
                  <strong>{formatEuros(c.amountCents, lang)}</strong> — {t("meal.paid_by", { name: c.paidByName })}
                  {c.note ? <span className="small"> · {c.note}</span> : null}
                  {o.flags.canRecordCost ? (
                    <ConfirmDetails summary={t("meal.remove_cost", { amount: formatEuros(c.amountCents, lang) })} question={t("meal.remove_cost_question")}>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove_cost" />
                        <input type="hidden" name="costId" value={c.id} />
                        <button type="submit" className="danger">
                          {t("meal.remove_cost_confirm", { amount: formatEuros(c.amountCents, lang) })}
                        </button>
                      </Form>
                    </ConfirmDetails>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("meal.no_costs")}</p>
          )}
          <dl className="facts">
            <dt>{t("meal.total")}</dt>
            <dd>{formatEuros(o.split.costCents, lang)}</dd>
            <dt>{t("meal.portions")}</dt>
            <dd>{(o.split.halfPortions / 2).toLocaleString(lang)}</dd>
            <dt>{t("meal.per_portion")}</dt>
            <dd>{o.split.perPortionCents == null ? "—" : formatEuros(Math.round(o.split.perPortionCents), lang)}</dd>
          </dl>
          {o.split.shares.length && o.split.costCents ? (
            <>
              <h3>{o.closed ? t("meal.shares_closed") : t("meal.shares")}</h3>
              <ul>
                {o.split.shares.map((s) => (
                  <li key={s.householdId}>
                    {s.householdName} : {formatEuros(s.cents, lang)} (
                    {t("meal.portions_count", { count: s.halfPortions / 2, n: (s.halfPortions / 2).toLocaleString(lang) })})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p>
            <Link to={`/g/${groupId}/events/balances`}>{t("meal.balances_link")}</Link>
          </p>
          {o.flags.canRecordCost && costToken ? (
            // A new key once a cost is added or removed: the form starts empty again after a success.
            <CostForm
              key={o.costs.map((c) => c.id).join(",")}
              token={costToken}
              lastResult={resultFor("cost")}
              errors={errorsFor("cost")}
              households={canManageCosts ? households : []}
            />
          ) : null}
        </section>
      ) : null}

      {o.kind !== "meeting" ? (
        <section className="card" aria-labelledby="signups-title">
          <h2 id="signups-title">{t("occurrence.signups_title", { count: confirmed.length })}</h2>
          {confirmed.length ? (
            <ul className="list">
              {confirmed.map((s) => (
                <SignupLine key={s.id} s={s} />
              ))}
            </ul>
          ) : (
            <p className="muted">{t("occurrence.no_signups")}</p>
          )}
          {o.totals.places ? (
            <p className="small">
              {t("occurrence.totals", {
                count: o.totals.places,
                details: [
                  t("occurrence.count_adults", { count: o.totals.adults }),
                  t("occurrence.count_children", { count: o.totals.children }),
                  t("occurrence.count_infants", { count: o.totals.infants }),
                  t("occurrence.count_guests", { count: o.totals.guests }),
                ].join(", "),
              })}
              {DIETS.filter((d) => o.totals.diets[d])
                .map((d) => ` · ${t(`diets.${d}`)} : ${o.totals.diets[d]}`)
                .join("")}
            </p>
          ) : null}
          {waiting.length ? (
            <>
              <h3>{t("occurrence.waitlist_title")}</h3>
              <ol className="list">
                {waiting.map((s) => (
                  <SignupLine key={s.id} s={s} />
                ))}
              </ol>
            </>
          ) : null}
        </section>
      ) : null}

      {o.flags.isMeal && o.split && o.flags.canClose ? (
        <section className="card" aria-labelledby="close-title" id="close">
          <h2 id="close-title">{confirmClose ? t("meal.close_confirm_title") : t("meal.close")}</h2>
          <FormErrors errors={errorsFor("close")} />
          {confirmClose ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="close" />
              <input type="hidden" name="confirmed" value="yes" />
              <p>{t("meal.close_confirm_text", { total: formatEuros(o.split.costCents, lang) })}</p>
              <div className="actions">
                <button type="submit">{t("meal.close_confirm")}</button>
                <Link to={`${base}#close`} className="button secondary">
                  {t("meal.close_cancel")}
                </Link>
              </div>
            </Form>
          ) : (
            <Form method="get" action={`${base}#close`} preventScrollReset className="stack">
              <input type="hidden" name="confirm" value="close" />
              <p className="hint">{t("meal.close_hint")}</p>
              <div className="actions">
                <button type="submit" className="secondary">
                  {t("meal.close")}
                </button>
              </div>
            </Form>
          )}
        </section>
      ) : null}
    </>
  );
}

type SignupLineData = ReturnType<typeof useLoaderData<typeof loader>>["occurrence"]["signups"][number];
function SignupLine({ s }: { s: SignupLineData }) {
  const { t } = useTranslation("events");
  const counts = [
    s.adults ? t("occurrence.count_adults", { count: s.adults }) : null,
    s.children ? t("occurrence.count_children", { count: s.children }) : null,
    s.infants ? t("occurrence.count_infants", { count: s.infants }) : null,
    s.guests ? t("occurrence.count_guests", { count: s.guests }) : null,
  ].filter(Boolean);
  return (
    <li>
      <strong>{s.householdName}</strong> — {counts.join(", ")}
      {s.status === "waitlisted" ? (
        <>
          {" "}
          <SignupStatusText status="waitlisted" position={s.position} />
        </>
      ) : null}
      {s.diets.length ? <span className="small"> · {s.diets.map((d) => t(`diets.${d}`)).join(", ")}</span> : null}
      {s.allergies ? <span className="small"> · {t("occurrence.allergies", { text: s.allergies })}</span> : null}
      {s.onBehalf ? <span className="small muted"> · {t("occurrence.on_behalf")}</span> : null}
    </li>
  );
}

type SignupDefaults = { adults: number; children: number; infants: number; guests: number; diets: string[]; allergies: string | null };

function SignupForm({
  id,
  intent,
  lastResult,
  defaults,
  childAgeLimit,
  submit,
  households,
}: {
  id: string;
  intent: "signup" | "signup_other" | "change_signup";
  lastResult?: SubmissionResult<string[]>;
  defaults: SignupDefaults;
  childAgeLimit: number;
  submit: string;
  households?: { value: string; label: string }[];
}) {
  const { t } = useTranslation("events");
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id,
    lastResult,
    constraint: getZodConstraint(SignupSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: {
      adults: String(defaults.adults),
      children: String(defaults.children),
      infants: String(defaults.infants),
      guests: String(defaults.guests),
      diets: defaults.diets,
      allergies: defaults.allergies ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
  });
  const dietsHint = `${fields.diets.id}-hint`;
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {households ? (
        <SelectField field={fields.householdId} label={t("signup.household")} options={households} placeholder={t("signup.choose_household")} />
      ) : null}
      <div className="counts">
        <TextField field={fields.adults} label={t("fields.adults")} type="number" inputMode="numeric" />
        <TextField field={fields.children} label={t("fields.children", { limit: childAgeLimit })} type="number" inputMode="numeric" />
        <TextField field={fields.infants} label={t("fields.infants")} type="number" inputMode="numeric" />
        <TextField field={fields.guests} label={t("fields.guests")} type="number" inputMode="numeric" />
      </div>
      <details open={defaults.diets.length > 0 || !!defaults.allergies || undefined}>
        <summary>{t("signup.diets_summary")}</summary>
        <fieldset aria-describedby={dietsHint}>
          <legend>{t("fields.diets")}</legend>
          <p id={dietsHint} className="hint">
            {t("signup.diets_hint")}
          </p>
          {getCollectionProps(fields.diets, { type: "checkbox", options: [...DIETS], ariaInvalid: "allErrors" }).map(({ key, ...props }) => (
            <label key={key} className="check">
              <input {...props} />
              {t(`diets.${props.value}`)}
            </label>
          ))}
          <ErrorList id={fields.diets.errorId} errors={[...new Set(Object.values(fields.diets.allErrors).flat())]} />
        </fieldset>
        <TextField field={fields.allergies} label={t("fields.allergies")} hint={t("signup.allergies_hint")} />
      </details>
      <div className="actions">
        <button type="submit" disabled={navigation.state === "submitting"}>
          {submit}
        </button>
      </div>
    </Form>
  );
}

function VolunteerButton({ role }: { role: MealRole }) {
  const { t } = useTranslation("events");
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="volunteer" />
      <input type="hidden" name="role" value={role} />
      <button type="submit" className="secondary" aria-label={t("meal.volunteer_for", { role: t(`roles.${role}`) })}>
        {t("meal.volunteer")}
      </button>
    </Form>
  );
}

function WithdrawButton({ assignmentId }: { assignmentId: string }) {
  const { t } = useTranslation("events");
  return (
    <Form method="post" style={{ display: "inline" }}>
      <input type="hidden" name="intent" value="withdraw" />
      <input type="hidden" name="assignmentId" value={assignmentId} />{" "}
      <button type="submit" className="link">
        {t("meal.withdraw")}
      </button>
    </Form>
  );
}

function CostForm({
  token,
  lastResult,
  errors,
  households,
}: {
  token: string;
  lastResult?: SubmissionResult<string[]>;
  errors?: string[];
  households: { value: string; label: string }[];
}) {
  const { t } = useTranslation("events");
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "cost-form",
    lastResult,
    constraint: getZodConstraint(CostSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CostSchema }),
  });
  return (
    <Form method="post" className="stack" style={{ marginTop: "1rem" }} {...getFormProps(form)}>
      <h3>{t("meal.record_cost")}</h3>
      <input type="hidden" name="intent" value="cost" />
      <input type="hidden" name="submissionId" value={token} />
      <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(errors ?? [])]} />
      <TextField field={fields.amount} label={t("fields.amount")} hint={t("meal.amount_hint")} inputMode="decimal" />
      {households.length ? (
        <SelectField field={fields.paidByHouseholdId} label={t("fields.paidByHouseholdId")} options={households} placeholder={t("meal.paid_by_head_cook")} />
      ) : null}
      <TextField field={fields.note} label={t("meal.cost_note")} />
      <div className="actions">
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("meal.record_cost_submit")}
        </button>
      </div>
    </Form>
  );
}

/** One role's number of places (facilitators); a plain form, so it works without JavaScript. */
function SlotsForm({ role, slots, lastResult, errors }: { role: MealRole; slots: number; lastResult?: SubmissionResult<string[]>; errors?: string[] }) {
  const { t } = useTranslation("events");
  const navigation = useNavigation();
  const roleName = t(`roles.${role}`);
  const [form, fields] = useAppForm({
    id: `slots-${role}`,
    lastResult,
    constraint: getZodConstraint(RoleSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: { intent: "slots", role, slots: String(slots) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RoleSchema }),
  });
  return (
    <Form method="post" className="stack" style={{ marginTop: "0.5rem" }} {...getFormProps(form)}>
      <input type="hidden" name="intent" value="slots" />
      <input type="hidden" name="role" value={role} />
      <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(errors ?? [])]} />
      <TextField field={fields.slots} label={t("meal.slots_label", { role: roleName })} type="number" inputMode="numeric" min={0} max={20} />
      <div className="actions">
        <button type="submit" className="secondary" disabled={navigation.state === "submitting"} aria-label={t("meal.slots_submit_for", { role: roleName })}>
          {t("meal.slots_submit")}
        </button>
      </div>
    </Form>
  );
}
