import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { BookingsHomeSection } from "~/components/bookings-home";
import { EventsHomeSection } from "~/components/events-home";
import { ExchangeHomeSection } from "~/components/exchange-home";
import { MeetingsHomeSection } from "~/components/meetings-home";
import { getMeetingsHome } from "~/modules/meetings/meetings.server";
import { SupportHomeLink } from "~/components/support-home";
import { hasOwnSupportRecords } from "~/modules/support/actions.server";
import { getExchangeHome } from "~/modules/exchange/exchanges.server";
import { CharterHomeSection } from "~/components/charter-home";
import { getCharterHome } from "~/modules/charter/versions.server";
import { EvaluationHomeSection } from "~/components/evaluation-home";
import { getSurveyHome } from "~/modules/evaluation/surveys.server";
import { getBookingsHome } from "~/modules/bookings/home.server";
import { getEventsHome } from "~/modules/events/home.server";
import { NextMealCard, NEXT_MEAL_ANCHOR } from "~/components/next-meal";
import { getNextMeal, signUpWithDefaults } from "~/modules/events/next-meal.server";
import { cancelSignup } from "~/modules/events/signups.server";
import { describeProblem } from "~/modules/events/rules";
import { NextMealSchema } from "~/modules/events/schemas";
import { formInfo, replyFormDone, replyFormInvalid, replyFormProblems, type Translate } from "~/modules/core/form-reply.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { getHomeSummary } from "~/modules/households/households.server";
import { formatDate } from "~/modules/core/dates";

export const access: AccessPolicy = "member";
// A pure read of the group's data for this person: kept and served again until it changes (page-cache.server.ts).
// Home shows a few texts of every capability: only those sections travel with the page (tests/unit/i18n-handles.test.ts).
export const handle = {
  pageCache: true,
  i18n: [
    "bookings:errors",
    "bookings:feeds",
    "bookings:home",
    "bookings:index",
    "bookings:statuses",
    "charter:home",
    "evaluation:group",
    "evaluation:survey",
    "events:errors",
    "events:home",
    "events:kinds",
    "events:next_meal",
    "events:occurrence",
    "events:roles",
    "events:signup",
    "events:signup_statuses",
    "events:statuses",
    "exchange:errors",
    "exchange:home",
    "exchange:kinds",
    "exchange:my_exchanges",
    "exchange:new_this_week",
    "exchange:no_posts",
    "exchange:statuses",
    "meetings:action_item",
    "meetings:home",
    "support:home_intro",
    "support:home_link",
    "support:home_section",
    "support:member_view",
  ],
};

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const summary = getHomeSummary({ ctx });
  return {
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    firstName: ctx.user.name.split(" ")[0],
    now: Date.now(),
    canFacilitate: can(ctx, "member:invite"),
    ...summary,
    events: getEventsHome({ ctx }),
    nextMeal: getNextMeal({ ctx }),
    bookings: getBookingsHome({ ctx }),
    // A support worker has no household and no time bank (issue 7): no exchange section for them.
    exchange: can(ctx, "exchange:use") ? getExchangeHome({ ctx }) : null,
    support: can(ctx, "support:read"),
    ownSupport: hasOwnSupportRecords({ ctx }),
    charter: getCharterHome({ ctx }),
    survey: getSurveyHome({ ctx }),
    canReport: can(ctx, "report:write"),
    meetings: getMeetingsHome({ ctx }),
  };
}

/** The « prochain repas » card's two forms: with JavaScript a fetcher's answer, without a redirect to #repas-suivant. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const lang = resolveLang(request, ctx.user.locale);
  const t = getT(lang) as unknown as Translate;
  const formData = await request.formData();
  const info = formInfo(formData);
  const submission = parseWithZod(formData, { schema: NextMealSchema });
  if (submission.status !== "success") return replyFormInvalid(info, t, submission.reply().error);
  const v = submission.value;
  const r = v.intent === "next_meal_signup" ? signUpWithDefaults({ ctx, occurrenceId: v.occurrenceId }) : cancelSignup({ ctx, signupId: v.signupId });
  if (!r.ok) return replyFormProblems(info, r.problems, (p) => describeProblem(t, p, lang, ctx.group.timeZone), []);
  const toast = v.intent === "next_meal_cancel" ? "signup_cancelled" : "status" in r && r.status === "waitlisted" ? "signup_waitlisted" : "signup_saved";
  return replyFormDone(info, `/g/${ctx.groupId}#${NEXT_MEAL_ANCHOR}`, toast);
}

export default function Home() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("home.hello", { name: d.firstName })}</h1>
      <p className="muted">{t("home.today", { date: formatDate(d.now, i18n.language, d.timeZone, "long") })}</p>
      {d.support ? <SupportHomeLink groupId={d.groupId} /> : null}
      <CharterHomeSection data={d.charter} groupId={d.groupId} />
      <EvaluationHomeSection survey={d.survey} canReport={d.canReport} groupId={d.groupId} timeZone={d.timeZone} />

      <NextMealCard meal={d.nextMeal} groupId={d.groupId} timeZone={d.timeZone} />
      <EventsHomeSection data={d.events} groupId={d.groupId} timeZone={d.timeZone} />
      <BookingsHomeSection data={d.bookings} />
      {d.exchange ? <ExchangeHomeSection data={d.exchange} groupId={d.groupId} /> : null}
      <MeetingsHomeSection data={d.meetings} groupId={d.groupId} timeZone={d.timeZone} />

      <section className="card" aria-labelledby="my-household">
        <h2 id="my-household">{t("home.my_household")}</h2>
        {d.household ? (
          <>
            <p>
              <strong>{d.household.name}</strong>
              {d.household.dwelling ? ` — ${d.household.dwelling}` : null}
            </p>
            <p className="muted">{d.household.members.join(", ")}</p>
            <Link to={`/g/${d.groupId}/households/${d.household.id}`}>{t("home.see_household")}</Link>
            {d.ownSupport ? (
              <p style={{ marginBottom: 0 }}>
                <Link to={`/g/${d.groupId}/households/${d.household.id}/support`}>{t("support:member_view.home_link")}</Link>
              </p>
            ) : null}
          </>
        ) : (
          <p>{t("home.no_household")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="glance">
        <h2 id="glance">{t("home.group_glance")}</h2>
        <p>
          {t("home.households_count", { count: d.householdCount })} · {t("home.persons_count", { count: d.personCount })}
        </p>
        <h3>{t("home.recent_arrivals")}</h3>
        {d.recentArrivals.length ? (
          <ul>
            {d.recentArrivals.map((h) => (
              <li key={h.id}>
                {h.name} — {formatDate(h.arrivalDate, i18n.language, d.timeZone)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("home.no_recent_arrivals")}</p>
        )}
        <Link to={`/g/${d.groupId}/households`}>{t("home.directory")}</Link>
      </section>

      {d.canFacilitate ? (
        <section className="card" aria-labelledby="facilitation">
          <h2 id="facilitation">{t("home.facilitation")}</h2>
          <p>{t("home.pending_invitations", { count: d.pendingInvitations })}</p>
          <div className="actions">
            <Link className="button" to={`/g/${d.groupId}/invitations`}>
              {t("home.invite")}
            </Link>
            <Link className="button secondary" to={`/g/${d.groupId}/audit`}>
              {t("home.audit")}
            </Link>
          </div>
        </section>
      ) : null}
    </>
  );
}
