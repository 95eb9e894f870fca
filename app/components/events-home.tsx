// The calendar's section of Home (this week, what my household signed up for, the call for volunteers, my
// meal balance) and the small pieces every events page shows the same way: a kind as colour AND words, a
// sign-up status in words, a slot in words. Client-safe and light: Home imports this file, never the calendar.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { EventKind } from "~db/schema/enums";
import { formatEuros, formatSlotText } from "~/components/bookings-home";
import type { OccurrenceListItem } from "~/modules/events/calendar.server";
import type { EventsHome } from "~/modules/events/home.server";

export { formatEuros, formatSlotText };

/** One colour per kind, dark enough for white text (≥ 4.5:1); the kind's name always goes with it. Same values as the calendar's palette. */
export const KIND_COLOUR_KEYS: Record<EventKind, number> = { shared_meal: 0, workshop: 1, celebration: 2, meeting: 4, other: 6 };
const KIND_HEX: Record<EventKind, string> = { shared_meal: "#1f5f4a", workshop: "#1d4ed8", celebration: "#9d174d", meeting: "#5b21b6", other: "#374151" };

export function KindTag({ kind }: { kind: EventKind }) {
  const { t } = useTranslation("events");
  return (
    <span className="tag" style={{ background: KIND_HEX[kind], color: "#fff" }}>
      {t(`kinds.${kind}`)}
    </span>
  );
}

/** My household's sign-up in words (confirmed, or its place on the waiting list). */
export function SignupStatusText({ status, position }: { status: "confirmed" | "waitlisted"; position: number | null }) {
  const { t } = useTranslation("events");
  if (status === "confirmed") return <span className="tag">{t("signup_statuses.confirmed")}</span>;
  return <span className="tag badge-warn">{position ? t("signup.waitlist_position", { position }) : t("signup_statuses.waitlisted")}</span>;
}

/** Cancelled, moved or closed occurrences say so in words. */
export function OccurrenceStatusText({ o }: { o: Pick<OccurrenceListItem, "status" | "moved" | "closed"> }) {
  const { t } = useTranslation("events");
  if (o.status === "cancelled") return <span className="tag badge-warn">{t("statuses.cancelled")}</span>;
  if (o.closed) return <span className="tag">{t("statuses.closed")}</span>;
  if (o.moved) return <span className="tag badge-warn">{t("statuses.moved")}</span>;
  return null;
}

/** « 3 places left of 30 », or nothing without a limit. */
export function placesText(t: (k: string, o?: Record<string, unknown>) => string, o: Pick<OccurrenceListItem, "capacity" | "taken">) {
  if (o.capacity == null) return t("occurrence.no_limit");
  return t("occurrence.places_left", { count: Math.max(0, o.capacity - o.taken), capacity: o.capacity });
}

/** Home's calendar section: `data` is getEventsHome's result; times are shown in the group's `timeZone`. */
export function EventsHomeSection({ data, groupId, timeZone = "Europe/Paris" }: { data: EventsHome; groupId: string; timeZone?: string }) {
  const { t, i18n } = useTranslation("events");
  const lang = i18n.language;
  const tz = timeZone;
  const base = `/g/${groupId}/events`;
  return (
    <section className="card" aria-labelledby="home-events">
      <h2 id="home-events">{t("home.title")}</h2>

      {data.callsForVolunteers.length ? (
        <div className="stack" style={{ marginBottom: "1rem" }}>
          <h3 id="home-volunteers">{t("home.volunteers")}</h3>
          <ul className="list" aria-labelledby="home-volunteers">
            {data.callsForVolunteers.map((o) => (
              <li key={o.id}>
                <Link to={`${base}/${o.id}#roles`}>{o.title}</Link>
                <br />
                <span className="small">{formatSlotText(o.startsAt, o.endsAt, lang, tz)}</span>
                <br />
                <span className="small">{o.missing.map((m) => t("home.missing", { role: t(`roles.${m.role}`), count: m.free })).join(" · ")}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <h3 id="home-week">{t("home.this_week")}</h3>
      {data.thisWeek.length ? (
        <ul className="list" aria-labelledby="home-week">
          {data.thisWeek.map((o) => (
            <li key={o.id}>
              <Link to={`${base}/${o.id}`}>{o.title}</Link> <KindTag kind={o.kind} />
              <br />
              <span className="small">{formatSlotText(o.startsAt, o.endsAt, lang, tz)}</span>
              {o.placeName ? <span className="small"> — {o.placeName}</span> : null}
              <br />
              {o.mySignup ? <SignupStatusText status={o.mySignup.status} position={o.mySignup.position} /> : <span className="small">{placesText(t, o)}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("home.nothing_this_week")}</p>
      )}

      <h3 id="home-signed">{t("home.signed_up")}</h3>
      {data.signedUp.length ? (
        <ul className="list" aria-labelledby="home-signed">
          {data.signedUp.map((o) => (
            <li key={o.id}>
              <Link to={`${base}/${o.id}`}>{o.title}</Link>
              <br />
              <span className="small">{formatSlotText(o.startsAt, o.endsAt, lang, tz)}</span>
              <br />
              {o.mySignup ? <SignupStatusText status={o.mySignup.status} position={o.mySignup.position} /> : null}
              {o.myRoles.map((r) => (
                <span key={r} className="tag">
                  {t(`roles.${r}`)}
                </span>
              ))}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("home.none_signed_up")}</p>
      )}

      {data.balanceCents != null ? (
        <p>
          {t("home.balance")} <strong>{formatEuros(data.balanceCents, lang)}</strong> <Link to={`${base}/balances`}>{t("home.see_balances")}</Link>
        </p>
      ) : null}

      <div className="actions">
        <Link className="button" to={`/g/${groupId}/calendar`}>
          {t("home.open_calendar")}
        </Link>
      </div>
    </section>
  );
}

// -------------------------------------------------------------------------------------------------
// The event form's fields (new event, and "this date and the following"): EventSchema's names.
