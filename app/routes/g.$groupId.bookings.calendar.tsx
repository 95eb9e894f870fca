// Every space's bookings in one calendar: a colour per space, and its name in every event's title, so the
// colour is never the only sign. Paged by links (?start=&view=), usable without JavaScript.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Calendar, colourOf, rangeHref, rangeTitle, visibleRange } from "~/components/calendar";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { listBookings } from "~/modules/bookings/reading.server";
import { listSpaces } from "~/modules/bookings/spaces.server";
import { todayIn } from "~/modules/core/dates";
import { addDays, utcToZoned, zonedToUtc } from "~/modules/core/recurrence";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["bookings"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const lang = resolveLang(request, ctx.user.locale);
  const t = getT(lang);
  const tz = ctx.group.timeZone;
  const now = Date.now();
  const url = new URL(request.url);
  const range = visibleRange(url.searchParams, todayIn(tz, now));
  const spaces = listSpaces({ ctx });
  const colour = new Map(spaces.map((s, i) => [s.id, i]));
  const bookings = listBookings({ ctx, from: zonedToUtc(`${range.start}T00:00`, tz), to: zonedToUtc(`${range.end}T00:00`, tz) });
  return {
    title: t("bookings:calendar.title"),
    groupId: ctx.groupId,
    timeZone: tz,
    now,
    spaces: spaces.map((s) => ({ id: s.id, name: s.name, colorKey: colour.get(s.id) ?? 0 })),
    calendar: {
      events: bookings.map((b) => ({
        id: b.id,
        title: `${b.spaceName} — ${b.householdName ?? t("bookings:calendar.for_group")}${b.status === "requested" ? ` (${t("bookings:statuses.requested")})` : ""}`,
        ...(b.spaceKind === "guest_unit"
          ? { start: utcToZoned(b.startsAt.getTime(), tz).date, end: addDays(utcToZoned(b.endsAt.getTime(), tz).date, 1), allDay: true }
          : { start: b.startsAt.getTime(), end: b.endsAt.getTime() }),
        url: `/g/${ctx.groupId}/bookings/${b.id}`,
        colorKey: colour.get(b.spaceId) ?? 0,
      })),
      start: range.start,
      view: range.view,
      title: rangeTitle(range, lang),
      prevHref: rangeHref(url.pathname, url.searchParams, { start: range.prev }),
      nextHref: rangeHref(url.pathname, url.searchParams, { start: range.next }),
      todayHref: rangeHref(url.pathname, url.searchParams, { start: "" }),
      weekHref: rangeHref(url.pathname, url.searchParams, { view: "week" }),
      monthHref: rangeHref(url.pathname, url.searchParams, { view: "month" }),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function BookingsCalendar() {
  const { t, i18n } = useTranslation("bookings");
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/g/${d.groupId}/bookings`}>{t("booking.back")}</Link>
      </p>
      <h1>{t("calendar.title")}</h1>
      {d.spaces.length ? (
        <ul className="cal-legend" aria-label={t("calendar.legend")}>
          {d.spaces.map((s) => (
            <li key={s.id}>
              <span className="cal-swatch" style={{ background: colourOf(s.colorKey) }} aria-hidden="true" />
              <Link to={`/g/${d.groupId}/spaces/${s.id}`}>{s.name}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      <Calendar
        events={d.calendar.events}
        initialDate={d.calendar.start}
        timeZone={d.timeZone}
        locale={i18n.language}
        view={d.calendar.view}
        title={d.calendar.title}
        prevHref={d.calendar.prevHref}
        nextHref={d.calendar.nextHref}
        todayHref={d.calendar.todayHref}
        weekHref={d.calendar.weekHref}
        monthHref={d.calendar.monthHref}
        now={d.now}
        emptyText={t("calendar.no_bookings")}
        eventsLabel={t("calendar.bookings")}
      />
    </>
  );
}
