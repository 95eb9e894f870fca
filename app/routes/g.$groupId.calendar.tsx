// The group calendar: shared meals, workshops, celebrations — week, month (FullCalendar, a list on phones)
// or a plain list; filtered by kind with ?kinds= (a GET form: works without JavaScript); a colour AND the
// kind's name on every event; each event links to its date's page. Below: calendar feeds (iCal) for the
// phone's own calendar — the group's, or my household's — shown once, listed, revocable.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EVENT_FEED_SCOPES, EVENT_KINDS, type EventKind } from "~db/schema/enums";
import { Calendar, colourOf, rangeHref, rangeTitle, visibleRange } from "~/components/calendar";
import { KIND_COLOUR_KEYS, OccurrenceStatusText, SignupStatusText, formatSlotText, placesText } from "~/components/events-home";
import { FormErrors } from "~/components/form-errors";
import { can, requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate, todayIn } from "~/modules/core/dates";
import { redirectWithToast } from "~/modules/core/http.server";
import { zonedToUtc } from "~/modules/core/recurrence";
import { createEventFeed, listEventFeeds, revokeEventFeed } from "~/modules/calendar/feeds.server";
import { listOccurrences } from "~/modules/events/calendar.server";
import { describeProblem } from "~/modules/events/rules";
import { EventFeedSchema } from "~/modules/events/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { appLink } from "~/modules/core/origin.server";

export const access: AccessPolicy = "member";
// A pure read: kept and served again until the data it shows changes (page-cache.server.ts).
export const handle = { pageCache: true, i18n: ["bookings", "events"] };

const isKind = (v: string): v is EventKind => (EVENT_KINDS as readonly string[]).includes(v);

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const lang = resolveLang(request, ctx.user.locale);
  const t = getT(lang);
  const tz = ctx.group.timeZone;
  const now = Date.now();
  const url = new URL(request.url);
  const sp = url.searchParams;
  // ?kinds=shared_meal,workshop or ?kinds=shared_meal&kinds=workshop (the filter form's checkboxes).
  const kinds = [
    ...new Set(
      sp
        .getAll("kinds")
        .flatMap((v) => v.split(","))
        .filter(isKind),
    ),
  ];
  const listView = sp.get("view") === "list";
  const rangeParams = new URLSearchParams(sp);
  if (listView) rangeParams.set("view", "month");
  const range = visibleRange(rangeParams, todayIn(tz, now));
  const occurrences = listOccurrences({
    ctx,
    from: zonedToUtc(`${range.start}T00:00`, tz),
    to: zonedToUtc(`${range.end}T00:00`, tz),
    kinds: kinds.length ? kinds : undefined,
  });
  const kindLabel = (k: EventKind) => t(`events:kinds.${k}`);
  return {
    title: t("events:calendar.title"),
    groupId: ctx.groupId,
    timeZone: tz,
    now,
    kinds,
    listView,
    canCreate: can(ctx, "event:create"),
    hasHousehold: !!ctx.householdId,
    feeds: listEventFeeds({ ctx }),
    occurrences,
    start: range.start,
    view: range.view,
    rangeTitle: rangeTitle(range, lang),
    events: occurrences.map((o) => ({
      id: o.id,
      // The kind's name in the title: the colour is never the only sign; a cancelled date says so.
      title: `${kindLabel(o.kind)} — ${o.title}${o.status === "cancelled" ? ` (${t("events:statuses.cancelled")})` : ""}${o.mySignup ? ` · ${t(`events:signup_statuses.${o.mySignup.status}`)}` : ""}`,
      start: o.startsAt,
      end: o.endsAt,
      url: `/g/${ctx.groupId}/events/${o.id}`,
      colorKey: KIND_COLOUR_KEYS[o.kind],
    })),
    links: {
      prev: rangeHref(url.pathname, sp, { start: range.prev }),
      next: rangeHref(url.pathname, sp, { start: range.next }),
      today: rangeHref(url.pathname, sp, { start: "" }),
      week: rangeHref(url.pathname, sp, { view: "week" }),
      month: rangeHref(url.pathname, sp, { view: "month" }),
      list: rangeHref(url.pathname, sp, { view: "list" as "month" }),
    },
  };
}

type ActionData = { feed: { https: string; webcal: string } | null; errors: string[] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const form = await request.formData();
  const intent = form.get("intent");
  const here = `/g/${ctx.groupId}/calendar`;
  if (intent === "revoke-feed") {
    const feedId = form.get("feedId");
    if (typeof feedId !== "string" || !feedId) return data<ActionData>({ feed: null, errors: [] }, { status: 400 });
    revokeEventFeed({ ctx, feedId });
    return redirectWithToast(here, "feed_revoked");
  }
  if (intent === "create-feed") {
    const parsed = EventFeedSchema.safeParse({ scope: form.get("scope") });
    const lang = resolveLang(request, ctx.user.locale);
    const t = getT(lang);
    if (!parsed.success) return data<ActionData>({ feed: null, errors: [t("errors.invalid")] }, { status: 400 });
    const result = createEventFeed({ ctx, scope: parsed.data.scope });
    if (!result.ok) {
      return data<ActionData>(
        { feed: null, errors: result.problems.map((p) => describeProblem(t as unknown as Parameters<typeof describeProblem>[0], p, lang, ctx.group.timeZone)) },
        { status: 400 },
      );
    }
    const https = appLink(result.path);
    return data<ActionData>({ feed: { https, webcal: https.replace(/^https?:/, "webcal:") }, errors: [] });
  }
  return data<ActionData>({ feed: null, errors: [] }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function GroupCalendar() {
  const { t, i18n } = useTranslation("events");
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const lang = i18n.language;
  return (
    <>
      <h1>{t("calendar.title")}</h1>
      <p className="actions">
        {d.canCreate ? (
          <Link className="button" to={`/g/${d.groupId}/events/new`}>
            {t("calendar.new_event")}
          </Link>
        ) : null}
        <Link className="button secondary" to={`/g/${d.groupId}/events/balances`}>
          {t("calendar.meal_balances")}
        </Link>
      </p>

      <Form method="get" className="card" aria-labelledby="filter-title">
        <h2 id="filter-title" className="small" style={{ margin: 0 }}>
          {t("calendar.filter")}
        </h2>
        {d.listView ? <input type="hidden" name="view" value="list" /> : d.view === "month" ? <input type="hidden" name="view" value="month" /> : null}
        <input type="hidden" name="start" value={d.start} />
        <ul className="cal-legend" style={{ listStyle: "none", padding: 0 }}>
          {EVENT_KINDS.map((k) => (
            <li key={k}>
              <label className="check">
                <input type="checkbox" name="kinds" value={k} defaultChecked={d.kinds.includes(k)} />
                <span
                  className="cal-swatch"
                  style={{ background: colourOf(KIND_COLOUR_KEYS[k]), display: "inline-block", width: "1rem", height: "1rem", borderRadius: "3px" }}
                  aria-hidden="true"
                />
                {t(`kinds.${k}`)}
              </label>
            </li>
          ))}
        </ul>
        <p className="hint">{t("calendar.filter_hint")}</p>
        <div className="actions">
          <button type="submit" className="secondary">
            {t("calendar.filter_submit")}
          </button>
          {d.kinds.length ? <Link to={`/g/${d.groupId}/calendar`}>{t("calendar.filter_reset")}</Link> : null}
        </div>
      </Form>

      {d.listView ? (
        <section aria-labelledby="list-title">
          <h2 id="list-title">{d.rangeTitle}</h2>
          <ul className="actions" style={{ listStyle: "none", padding: 0 }}>
            <li>
              <Link to={d.links.prev} rel="prev">
                {t("calendar.prev_month")}
              </Link>
            </li>
            <li>
              <Link to={d.links.next} rel="next">
                {t("calendar.next_month")}
              </Link>
            </li>
            <li>
              <Link to={d.links.week}>{t("calendar.show_week")}</Link>
            </li>
            <li>
              <Link to={d.links.month}>{t("calendar.show_month")}</Link>
            </li>
          </ul>
          {d.occurrences.length ? (
            <ul className="list">
              {d.occurrences.map((o) => (
                <li key={o.id}>
                  <span className="tag" style={{ background: colourOf(KIND_COLOUR_KEYS[o.kind]), color: "#fff" }}>
                    {t(`kinds.${o.kind}`)}
                  </span>{" "}
                  <Link to={`/g/${d.groupId}/events/${o.id}`}>{o.title}</Link> <OccurrenceStatusText o={o} />
                  <br />
                  <span className="small">{formatSlotText(o.startsAt, o.endsAt, lang, d.timeZone)}</span>
                  {o.placeName ? <span className="small"> — {o.placeName}</span> : null}
                  <br />
                  {o.mySignup ? (
                    <SignupStatusText status={o.mySignup.status} position={o.mySignup.position} />
                  ) : (
                    <span className="small">{placesText(t, o)}</span>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("calendar.no_events")}</p>
          )}
        </section>
      ) : (
        <>
          <p>
            <Link to={d.links.list}>{t("calendar.show_list")}</Link>
          </p>
          <Calendar
            events={d.events}
            initialDate={d.start}
            timeZone={d.timeZone}
            locale={lang}
            view={d.view}
            title={d.rangeTitle}
            prevHref={d.links.prev}
            nextHref={d.links.next}
            todayHref={d.links.today}
            weekHref={d.links.week}
            monthHref={d.links.month}
            now={d.now}
          />
        </>
      )}

      <section className="card" aria-labelledby="feeds-title" style={{ marginTop: "1rem" }}>
        <h2 id="feeds-title">{t("feeds.title")}</h2>
        <p className="small">{t("feeds.intro")}</p>
        <FormErrors errors={actionData?.errors} />
        {actionData?.feed ? (
          <div className="stack" role="status" style={{ marginBottom: "1rem" }}>
            <p style={{ margin: 0 }}>
              <strong>{t("feeds.created")}</strong> {t("feeds.created_hint")}
            </p>
            <div className="field">
              <label htmlFor="event-feed-url">{t("feeds.url_label")}</label>
              <input id="event-feed-url" type="text" readOnly value={actionData.feed.https} onFocus={(e) => e.currentTarget.select()} />
            </div>
            <p style={{ margin: 0 }}>
              <a href={actionData.feed.webcal}>{t("feeds.open_webcal")}</a>
            </p>
          </div>
        ) : null}
        <div className="actions">
          {EVENT_FEED_SCOPES.filter((s) => s === "group" || d.hasHousehold).map((scope) => (
            <Form method="post" key={scope}>
              <input type="hidden" name="intent" value="create-feed" />
              <input type="hidden" name="scope" value={scope} />
              <button type="submit" className="secondary">
                {t(`feeds.add_${scope}`)}
              </button>
            </Form>
          ))}
        </div>
        {d.feeds.length ? (
          <>
            <h3>{t("feeds.mine")}</h3>
            <ul className="list">
              {d.feeds.map((f) => (
                <li key={f.id}>
                  {t(`feed_scopes.${f.scope}`)} <span className="small muted">({t("feeds.since", { date: formatDate(f.createdAt, lang, d.timeZone) })})</span>
                  <Form method="post" style={{ display: "inline" }}>
                    <input type="hidden" name="intent" value="revoke-feed" />
                    <input type="hidden" name="feedId" value={f.id} />{" "}
                    <button type="submit" className="link" aria-label={t("feeds.revoke_label", { name: t(`feed_scopes.${f.scope}`) })}>
                      {t("feeds.revoke")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </>
  );
}
