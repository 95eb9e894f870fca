// The bookings section of Home (my next bookings, the requests waiting for a facilitator), and the small
// pieces every bookings page shows the same way: a slot in words, a fee, a status as text. Client-safe,
// light: Home imports this file, never the calendar.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { BookingStatus, SpaceKind } from "~db/schema/enums";
import type { BookingsHome } from "~/modules/bookings/home.server";
import { numberFormat } from "~/modules/core/numbers";

const rangeFormats = new Map<string, Intl.DateTimeFormat>();

/** A slot in words, in the group's zone: « samedi 21 mars 2026, 20:00 – 23:00 »; a stay by its dates: « 12 – 15 mars 2026 ». */
export function formatSlotText(startsAt: Date | number, endsAt: Date | number, lang: string, timeZone: string, kind?: SpaceKind): string {
  const withTime = kind !== "guest_unit";
  const key = `${lang}|${timeZone}|${withTime}`;
  let f = rangeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, {
      timeZone,
      weekday: withTime ? "long" : undefined,
      day: "numeric",
      month: "long",
      year: "numeric",
      ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
    });
    rangeFormats.set(key, f);
  }
  // ICU versions differ on the spaces around the dash (Node: thin spaces, Chromium: plain ones): one
  // form for both, or the server's HTML and the hydrated page would not match.
  return f
    .formatRange(new Date(startsAt), new Date(endsAt))
    .replace(/\u2009/g, " ")
    .replace(/\u202f/g, "\u00a0");
}

/** 1200 → « 12,00 € ». */
export function formatEuros(cents: number, lang: string): string {
  return numberFormat(lang === "en" ? "en-GB" : lang, { style: "currency", currency: "EUR" }).format(cents / 100);
}

/** The status in words; colour only backs the words up. */
export function StatusText({ status }: { status: BookingStatus }) {
  const { t } = useTranslation("bookings");
  if (status === "confirmed") return <span className="tag">{t(`statuses.${status}`)}</span>;
  if (status === "requested") return <span className="tag badge-warn">{t(`statuses.${status}`)}</span>;
  return (
    <span className="tag" style={{ background: "#eceeed", color: "#33302e" }}>
      {t(`statuses.${status}`)}
    </span>
  );
}

export function BookingsHomeSection({ data }: { data: BookingsHome }) {
  const { t, i18n } = useTranslation("bookings");
  const base = `/g/${data.groupId}/bookings`;
  return (
    <section className="card" aria-labelledby="home-bookings">
      <h2 id="home-bookings">{t("home.title")}</h2>
      {data.upcoming.length ? (
        <ul className="list">
          {data.upcoming.map((b) => (
            <li key={b.id}>
              <Link to={`${base}/${b.id}`}>{b.spaceName}</Link>
              <br />
              <span className="small">{formatSlotText(b.startsAt, b.endsAt, i18n.language, data.timeZone, b.spaceKind)}</span> <StatusText status={b.status} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("home.none")}</p>
      )}
      {data.pendingApprovals ? (
        <p>
          <Link to={`${base}/approvals`}>{t("index.pending", { count: data.pendingApprovals })}</Link>
        </p>
      ) : null}
      <div className="actions">
        <Link className="button" to={base}>
          {t("home.book")}
        </Link>
      </div>
    </section>
  );
}

// -------------------------------------------------------------------------------------------------
// Calendar feeds (iCal), on "Réserver" and on a space's page: each page's action handles the intents.

/** The address of a feed just made: shown once (only its hash is kept), ready to copy. */
export function NewFeed({ feed }: { feed: { https: string; webcal: string } }) {
  const { t } = useTranslation("bookings");
  return (
    <div className="stack" role="status" style={{ marginBottom: "1rem" }}>
      <p style={{ margin: 0 }}>
        <strong>{t("feeds.created")}</strong> {t("feeds.created_hint")}
      </p>
      <div className="field">
        <label htmlFor="feed-url">{t("feeds.url_label")}</label>
        <input id="feed-url" type="text" readOnly value={feed.https} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <p style={{ margin: 0 }}>
        <a href={feed.webcal}>{t("feeds.open_webcal")}</a>
      </p>
    </div>
  );
}

export function FeedList({ feeds }: { feeds: { id: string; scope: string; name: string | null }[] }) {
  const { t } = useTranslation("bookings");
  if (!feeds.length) return null;
  return (
    <>
      <h3>{t("feeds.mine")}</h3>
      <ul className="list">
        {feeds.map((f) => (
          <li key={f.id} className="spread">
            <span>{f.scope === "space" ? t("feeds.of_space", { name: f.name ?? "" }) : t("feeds.of_household", { name: f.name ?? "" })}</span>
            <Form method="post">
              <input type="hidden" name="intent" value="revoke-feed" />
              <input type="hidden" name="feedId" value={f.id} />
              <button type="submit" className="secondary">
                {t("feeds.revoke")}
                <span className="visually-hidden"> — {f.name}</span>
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </>
  );
}
