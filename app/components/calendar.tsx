// A read-only calendar of the loader's events: FullCalendar 7 rendered on the server (list view, what a
// phone shows), switched after hydration to a week or month grid on wide screens, and a plain HTML agenda
// (an <ol> of days) that is what a browser without JavaScript shows. The page is paged by links
// (?start=YYYY-MM-DD&view=week|month) so the loader always holds the events of the visible range: the
// calendar's own navigation is off. Reused by every calendar of the app (bookings, later meals).
import FullCalendar, { type PluginInput } from "@fullcalendar/react";
import listPlugin from "@fullcalendar/react/list";
import frLocale from "@fullcalendar/react/locales/fr";
import classicTheme from "@fullcalendar/react/themes/classic";
import "@fullcalendar/react/skeleton.css";
import "@fullcalendar/react/themes/classic/theme.css";
import "@fullcalendar/react/themes/classic/palette.css";
import { Link, useNavigate } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import "./calendar.css";

export type CalendarEvent = {
  id: string;
  title: string;
  /** Instants as epoch ms or ISO strings (UTC), shown in `timeZone`; for an all-day event, dates
   *  'YYYY-MM-DD' (the end is the day after the last one). */
  start: number | string;
  end: number | string;
  /** Whole days (a guest stay): a bar over the days in the grids, « until … » in the agenda. */
  allDay?: boolean;
  url?: string;
  /** 0…7: one of the calendar's colours (a text label always goes with it). */
  colorKey?: number;
};

export type CalendarRange = "week" | "month";

export type CalendarProps = {
  events: CalendarEvent[];
  /** The first visible day ('YYYY-MM-DD'): the Monday of the week, or the first of the month. */
  initialDate: string;
  timeZone: string;
  locale: string;
  view?: CalendarRange;
  prevHref: string;
  nextHref: string;
  /** Links to the same dates as a week and as a month. */
  weekHref?: string;
  monthHref?: string;
  todayHref?: string;
  /** The range in words ("16 – 22 novembre 2026"), computed by the caller. */
  title: string;
  /** Now, from the server, so that "today" is the same on the server and in the browser. */
  now?: number;
  /** What a period without events says, and what the events are called (for screen readers). */
  emptyText?: string;
  eventsLabel?: string;
};

/** Dark enough for white text (contrast ≥ 4.5:1), and far enough apart to tell spaces apart. */
const CALENDAR_COLOURS = ["#1f5f4a", "#1d4ed8", "#9d174d", "#92400e", "#5b21b6", "#0e7490", "#374151", "#166534"] as const;
export const colourOf = (key = 0) => CALENDAR_COLOURS[((key % CALENDAR_COLOURS.length) + CALENDAR_COLOURS.length) % CALENDAR_COLOURS.length];

/** A phone only needs the list; the grids (most of FullCalendar's weight) load on wide screens only. */
const LIST_PLUGINS: PluginInput[] = [classicTheme, listPlugin];
let gridPlugins: Promise<PluginInput[]> | null = null;
const loadGridPlugins = () =>
  (gridPlugins ??= Promise.all([import("@fullcalendar/react/daygrid"), import("@fullcalendar/react/timegrid")]).then((mods) => mods.map((m) => m.default)));
const LOCALES = [frLocale];
/** Below this width the calendar is a list (an agenda), above it a grid. */
const WIDE = "(min-width: 600px)";

const pad = (n: number) => String(n).padStart(2, "0");
/**
 * Event times as "18:30 – 20:30", written here rather than by Intl's formatRange: Node's ICU puts thin
 * spaces around the dash and Chromium's plain ones, and the server's HTML would not match the hydrated page.
 */
function eventTime(info: { start: { hour: number; minute: number }; end?: { hour: number; minute: number } | null }) {
  const hm = (d: { hour: number; minute: number }) => `${pad(d.hour)}:${pad(d.minute)}`;
  return info.end ? `${hm(info.start)} – ${hm(info.end)}` : hm(info.start);
}

const iso = (v: number | string) => (typeof v === "number" ? new Date(v).toISOString() : v);

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(lang: string, timeZone: string, kind: "day" | "time" | "key") {
  const key = `${lang}|${timeZone}|${kind}`;
  let f = dayFormats.get(key);
  if (!f) {
    const locale = kind === "key" ? "en-CA" : lang === "en" ? "en-GB" : lang;
    f = new Intl.DateTimeFormat(
      locale,
      kind === "day"
        ? { weekday: "long", day: "numeric", month: "long", timeZone }
        : kind === "time"
          ? { hour: "2-digit", minute: "2-digit", timeZone }
          : { year: "numeric", month: "2-digit", day: "2-digit", timeZone },
    );
    dayFormats.set(key, f);
  }
  return f;
}

/** The local day an event starts on ('YYYY-MM-DD'), and its start as a sortable instant. */
function startOf(e: CalendarEvent, timeZone: string) {
  if (e.allDay) return { day: String(e.start), at: Date.parse(`${e.start}T00:00:00Z`) };
  const at = new Date(iso(e.start));
  return { day: dayFormat("en", timeZone, "key").format(at), at: at.getTime() };
}

/** A calendar date in words (« lundi 7 décembre »), whatever the zone. */
const dateLabel = (date: string, lang: string) => dayFormat(lang, "UTC", "day").format(new Date(`${date}T12:00:00Z`));

/** The events grouped by the local day they start on, in order (whole days first). */
function agendaDays(events: CalendarEvent[], lang: string, timeZone: string) {
  const days = new Map<string, CalendarEvent[]>();
  const sorted = events
    .map((e) => ({ e, ...startOf(e, timeZone) }))
    .sort((a, b) => a.day.localeCompare(b.day) || Number(!!b.e.allDay) - Number(!!a.e.allDay) || a.at - b.at);
  for (const { e, day } of sorted) days.set(day, [...(days.get(day) ?? []), e]);
  return [...days.entries()].map(([key, list]) => ({ key, label: dateLabel(key, lang), events: list }));
}

export function Calendar(props: CalendarProps) {
  const { t } = useTranslation("bookings");
  const { events, initialDate, timeZone, locale, view = "week", now } = props;
  const navigate = useNavigate();
  // The server renders the list (what a phone shows); a wide screen gets the grid once hydrated.
  const [grid, setGrid] = useState<PluginInput[] | null>(null);
  useEffect(() => {
    const query = window.matchMedia(WIDE);
    let live = true;
    const update = () => {
      if (!query.matches) return setGrid(null);
      loadGridPlugins().then(
        (plugins) => live && query.matches && setGrid(plugins),
        () => {}, // offline: the list stays
      );
    };
    update();
    query.addEventListener("change", update);
    return () => {
      live = false;
      query.removeEventListener("change", update);
    };
  }, []);
  const fcView = grid ? (view === "month" ? "dayGridMonth" : "timeGridWeek") : view === "month" ? "listMonth" : "listWeek";
  const days = agendaDays(events, locale, timeZone);

  return (
    <div className="cal">
      <nav className="cal-nav" aria-label={t("calendar.nav")}>
        <p className="cal-title" aria-live="polite">
          {props.title}
        </p>
        <ul className="cal-links">
          <li>
            <Link to={props.prevHref} preventScrollReset rel="prev">
              {view === "month" ? t("calendar.prev_month") : t("calendar.prev_week")}
            </Link>
          </li>
          {props.todayHref ? (
            <li>
              <Link to={props.todayHref} preventScrollReset>
                {t("calendar.today")}
              </Link>
            </li>
          ) : null}
          <li>
            <Link to={props.nextHref} preventScrollReset rel="next">
              {view === "month" ? t("calendar.next_month") : t("calendar.next_week")}
            </Link>
          </li>
          {props.weekHref && props.monthHref ? (
            <li>
              {view === "month" ? (
                <Link to={props.weekHref} preventScrollReset>
                  {t("calendar.show_week")}
                </Link>
              ) : (
                <Link to={props.monthHref} preventScrollReset>
                  {t("calendar.show_month")}
                </Link>
              )}
            </li>
          ) : null}
        </ul>
      </nav>

      <div className="cal-grid">
        <FullCalendar
          key={`${fcView}|${initialDate}`}
          plugins={grid ? [...LIST_PLUGINS, ...grid] : LIST_PLUGINS}
          locales={LOCALES}
          locale={locale}
          timeZone={timeZone}
          initialView={fcView}
          initialDate={initialDate}
          now={now}
          headerToolbar={false}
          height="auto"
          firstDay={1}
          events={events.map((e) => ({
            id: e.id,
            title: e.title,
            start: e.allDay ? String(e.start) : iso(e.start),
            end: e.allDay ? String(e.end) : iso(e.end),
            allDay: !!e.allDay,
            url: e.url,
            color: colourOf(e.colorKey),
            textColor: "#fff",
          }))}
          eventClick={(info) => {
            if (!info.event.url) return;
            info.jsEvent.preventDefault();
            navigate(info.event.url);
          }}
          noEventsText={props.emptyText ?? t("calendar.no_events")}
          eventsHint={props.eventsLabel ?? t("calendar.events_hint")}
          moreLinkHint={(n: number) => t("calendar.more_hint", { count: n })}
          navLinkHint={(date: string) => t("calendar.day_hint", { date })}
          closeHint={t("calendar.close")}
          prevHint={t("calendar.prev_week")}
          nextHint={t("calendar.next_week")}
          slotMinTime="07:00:00"
          slotMaxTime="24:00:00"
          allDaySlot
          listDaysClass="cal-list"
          dayMaxEvents={3}
          eventTimeFormat={eventTime}
          titleFormat={() => props.title}
          listItemEventTimeClass="cal-li-time"
          listItemEventTitleClass="cal-li-title"
        />
      </div>

      <div className="cal-agenda">
        {days.length ? (
          <ol className="list">
            {days.map((day) => (
              <li key={day.key}>
                <h3 className="cal-day">{day.label}</h3>
                <ul className="cal-day-events">
                  {day.events.map((e) => (
                    <li key={e.id} className="cal-agenda-event">
                      <span className="cal-swatch" style={{ background: colourOf(e.colorKey) }} aria-hidden="true" />
                      <span>
                        <span className="cal-time">
                          {e.allDay
                            ? t("calendar.until", { date: dateLabel(shiftDays(String(e.end), -1), locale) })
                            : `${dayFormat(locale, timeZone, "time").format(new Date(iso(e.start)))} – ${dayFormat(locale, timeZone, "time").format(new Date(iso(e.end)))}`}
                        </span>{" "}
                        {e.url ? <Link to={e.url}>{e.title}</Link> : e.title}
                      </span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{props.emptyText ?? t("calendar.no_events")}</p>
        )}
      </div>
    </div>
  );
}

// -------------------------------------------------------------------------------------------------
// The visible range, from the URL: pure date maths on calendar dates ('YYYY-MM-DD'), client-safe.

const DAY = 86_400_000;
const isDate = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
const shiftDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
function shiftMonths(date: string, months: number) {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export type VisibleRange = {
  view: CalendarRange;
  /** First day shown and the day after the last one ('YYYY-MM-DD'). */
  start: string;
  end: string;
  prev: string;
  next: string;
};

/**
 * The range a calendar page shows: `?view=week|month` (week by default) and `?start=YYYY-MM-DD` (any day
 * of it; today by default). A week starts on Monday.
 */
export function visibleRange(searchParams: URLSearchParams, today: string): VisibleRange {
  const view: CalendarRange = searchParams.get("view") === "month" ? "month" : "week";
  const asked = searchParams.get("start");
  const day = isDate(asked) && Math.abs(Date.parse(asked) - Date.parse(today)) < 5 * 366 * DAY ? asked : today;
  if (view === "month") {
    const start = `${day.slice(0, 7)}-01`;
    return { view, start, end: shiftMonths(start, 1), prev: shiftMonths(start, -1), next: shiftMonths(start, 1) };
  }
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const start = shiftDays(day, -weekday);
  return { view, start, end: shiftDays(start, 7), prev: shiftDays(start, -7), next: shiftDays(start, 7) };
}

/** The range in words: « 16 – 22 novembre 2026 » or « novembre 2026 ». */
export function rangeTitle(range: Pick<VisibleRange, "view" | "start" | "end">, lang: string): string {
  const locale = lang === "en" ? "en-GB" : lang;
  const at = (d: string) => new Date(`${d}T12:00:00Z`);
  if (range.view === "month") return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(at(range.start));
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).formatRange(
    at(range.start),
    at(shiftDays(range.end, -1)),
  );
}

/** The same page at another range: keeps the other query parameters, drops a toast. */
export function rangeHref(pathname: string, searchParams: URLSearchParams, change: { start?: string; view?: CalendarRange }): string {
  const params = new URLSearchParams(searchParams);
  params.delete("toast");
  params.delete("index");
  if (change.start) params.set("start", change.start);
  else if (change.start === "") params.delete("start");
  if (change.view) params.set("view", change.view);
  return `${pathname}?${params}`;
}
