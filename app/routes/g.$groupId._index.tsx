import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { BookingsHomeSection } from "~/components/bookings-home";
import { EventsHomeSection } from "~/components/events-home";
import { ExchangeHomeSection } from "~/components/exchange-home";
import { getExchangeHome } from "~/modules/exchange/exchange.server";
import { getBookingsHome } from "~/modules/bookings/home.server";
import { getEventsHome } from "~/modules/events/events.server";
import { getHomeSummary } from "~/modules/households/households.server";
import { formatDate } from "~/modules/core/dates";

export const access: AccessPolicy = "member";

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
    bookings: getBookingsHome({ ctx }),
    exchange: getExchangeHome({ ctx }),
  };
}

export default function Home() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("home.hello", { name: d.firstName })}</h1>
      <p className="muted">{t("home.today", { date: formatDate(d.now, i18n.language, d.timeZone, "long") })}</p>

      <EventsHomeSection data={d.events} groupId={d.groupId} timeZone={d.timeZone} />
      <BookingsHomeSection data={d.bookings} />
      <ExchangeHomeSection data={d.exchange} groupId={d.groupId} />

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
