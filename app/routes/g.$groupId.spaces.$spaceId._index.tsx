// A space: its rules in plain words, its calendar, and the booking form. Two steps that both work without
// JavaScript: "Vérifier" (intent preview) shows which dates are free, which are not and why, and the fee
// of a stay; "Réserver" (intent book) books. The rules are the bookings module's; their sentences are
// made here, on the server, and come back as the fields' errors.
import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FeedList, NewFeed, StatusText, formatEuros, formatSlotText } from "~/components/bookings-home";
import { Calendar, rangeHref, rangeTitle, visibleRange, type CalendarEvent } from "~/components/calendar";
import { ErrorList, FormErrors, SelectField, TextField, useAppForm } from "~/components/forms";
import { can, requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { createBooking, previewBooking } from "~/modules/bookings/bookings.server";
import { listClosures } from "~/modules/bookings/closures.server";
import type { Space } from "~/modules/bookings/lookups.server";
import { listBookings } from "~/modules/bookings/reading.server";
import { describeProblem, type Problem } from "~/modules/bookings/rules";
import { getSpace } from "~/modules/bookings/spaces.server";
import { createFeed, listFeeds, revokeFeed } from "~/modules/calendar/feeds.server";
import { BookingSchema } from "~/modules/bookings/schemas";
import { todayIn } from "~/modules/core/dates";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { addDays, utcToZoned, zonedToUtc } from "~/modules/core/recurrence";
import { listHouseholdOptions } from "~/modules/households/households.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { RECURRENCE_FREQS } from "~db/schema/enums";
import { appLink } from "~/modules/core/origin.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["bookings"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const space = getSpace({ ctx, spaceId: params.spaceId ?? "" });
  const lang = resolveLang(request, ctx.user.locale);
  const t = getT(lang);
  const tz = ctx.group.timeZone;
  const now = Date.now();
  const url = new URL(request.url);
  const range = visibleRange(url.searchParams, todayIn(tz, now));
  const from = zonedToUtc(`${range.start}T00:00`, tz);
  const to = zonedToUtc(`${range.end}T00:00`, tz);
  const closures = listClosures({ ctx, spaceId: space.id });
  const events: CalendarEvent[] = [
    ...listBookings({ ctx, from, to, spaceId: space.id }).map((b) => ({
      id: b.id,
      title: `${b.householdName ?? t("bookings:calendar.for_group")}${b.status === "requested" ? ` (${t("bookings:statuses.requested")})` : ""}`,
      ...eventTimes(b, tz),
      url: `/g/${ctx.groupId}/bookings/${b.id}`,
      colorKey: b.status === "requested" ? 3 : 0,
    })),
    ...closures
      .filter((c) => c.startsAt.getTime() < to && c.endsAt.getTime() > from)
      .map((c) => ({
        id: c.id,
        title: t("bookings:calendar.closed", { reason: c.reason }),
        start: c.startsAt.getTime(),
        end: c.endsAt.getTime(),
        colorKey: 6,
      })),
  ];
  const mayBook = can(ctx, "booking:create") && space.active && (ctx.householdId != null || can(ctx, "booking:approve"));
  return {
    title: space.name,
    groupId: ctx.groupId,
    timeZone: tz,
    now,
    space: spaceView(space),
    closures: closures.filter((c) => c.endsAt.getTime() > now).map((c) => closureView(c, tz)),
    canManage: can(ctx, "space:manage"),
    mayBook,
    noHousehold: ctx.householdId == null && !can(ctx, "booking:approve"),
    hasHousehold: ctx.householdId != null,
    households: can(ctx, "booking:approve") ? listHouseholdOptions({ ctx }) : null,
    feeds: listFeeds({ ctx })
      .filter((f) => f.spaceId === space.id)
      .map((f) => ({ id: f.id, scope: f.scope, name: f.spaceName })),
    calendar: {
      events,
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

function spaceView(s: Space) {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    description: s.description,
    capacity: s.capacity,
    active: s.active,
    bookingWindowDays: s.bookingWindowDays,
    minNoticeHours: s.minNoticeHours,
    minMinutes: s.minMinutes,
    maxMinutes: s.maxMinutes,
    quotaHoursPerMonth: s.quotaHoursPerMonth,
    quotaBookingsPerMonth: s.quotaBookingsPerMonth,
    quotaNightsPerYear: s.quotaNightsPerYear,
    approvalRequired: s.approvalRequired,
    bufferMinutes: s.bufferMinutes,
    quietStart: s.quietStart,
    quietEnd: s.quietEnd,
    checkInTime: s.checkInTime,
    checkOutTime: s.checkOutTime,
    nightlyFeeCents: s.nightlyFeeCents,
    maxNights: s.maxNights,
    houseRules: s.houseRules,
  };
}

/** The householdId a facilitator picks to book for the group itself (the module's FOR_THE_GROUP, which is server-side). */
const FOR_THE_GROUP = "group";

/** The fields each kind of space shows: a problem about another field is a form error. */
const ROOM_FIELDS = new Set(["householdId", "date", "startTime", "endTime", "endDate", "purpose", "guests", "freq", "until", "acknowledgeRules"]);
const STAY_FIELDS = new Set(["householdId", "arrivalDate", "departureDate", "purpose", "guests", "acknowledgeRules"]);

/**
 * The booking schema reads "no arrival date, no departure date" as a room booking and asks for a date
 * and times: on a guest room's form, those are the arrival and departure that are missing.
 */
function parseBooking(formData: FormData, kind: string) {
  const submission = parseWithZod(formData, { schema: BookingSchema });
  if (kind === "guest_unit" && submission.status === "error" && submission.error) {
    const e = submission.error;
    if (e.date || e.startTime || e.endTime) {
      delete e.date;
      delete e.startTime;
      delete e.endTime;
      e.arrivalDate ??= ["errors.required"];
      e.departureDate ??= ["errors.required"];
    }
  }
  return submission;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const space = getSpace({ ctx, spaceId: params.spaceId ?? "" });
  const formData = await request.formData();
  const intent = formData.get("intent");
  const lang = resolveLang(request, ctx.user.locale);
  const t = getT(lang) as unknown as Translate;
  const here = `/g/${ctx.groupId}/spaces/${space.id}`;
  const say = (p: Problem) => describeProblem(t, p, lang, ctx.group.timeZone, space.kind);

  if (intent === "revoke-feed") {
    const feedId = formData.get("feedId");
    if (typeof feedId !== "string" || !feedId) return data({ kind: "invalid" as const }, { status: 400 });
    revokeFeed({ ctx, feedId });
    return redirectWithToast(here, "feed_revoked");
  }
  if (intent === "create-feed") {
    const feed = createFeed({ ctx, scope: "space", spaceId: space.id });
    if (!feed.ok) return data({ kind: "feed" as const, feed: null, errors: feed.problems.map(say) }, { status: 400 });
    const https = appLink(feed.path);
    return data({ kind: "feed" as const, feed: { https, webcal: https.replace(/^https?:/, "webcal:") }, errors: [] as string[] });
  }
  if (intent !== "preview" && intent !== "book") return data({ kind: "invalid" as const }, { status: 400 });

  formData.set("spaceId", space.id);
  const submission = parseBooking(formData, space.kind);
  if (submission.status !== "success") return data({ kind: "booking" as const, result: submission.reply(), preview: null }, { status: 400 });
  const input = { ...submission.value, spaceId: space.id };
  const visible = space.kind === "guest_unit" ? STAY_FIELDS : ROOM_FIELDS;
  const refuse = (problems: Problem[]) => {
    const status = problems.some((p) => p.code === "overlap") ? 409 : 400;
    return data({ kind: "booking" as const, result: replyWithProblems(submission, problems, say, { fields: visible }), preview: null }, { status });
  };

  if (intent === "preview") {
    const preview = previewBooking({ ctx, input });
    if (!preview.ok) return refuse(preview.problems);
    if (preview.problems.length) return refuse(preview.problems);
    return data({
      kind: "booking" as const,
      result: submission.reply(),
      preview: {
        slots: preview.slots.map((s) => ({
          when: formatSlotText(s.startsAt, s.endsAt, lang, ctx.group.timeZone, space.kind),
          free: s.problems.length === 0,
          reasons: s.problems.map(say),
          fee: s.feeCents ? formatEuros(s.feeCents, lang) : null,
          nights: s.nights,
        })),
        total: preview.totalFeeCents ? formatEuros(preview.totalFeeCents, lang) : null,
      },
    });
  }

  const result = await createBooking({ ctx, input });
  if (!result.ok) return refuse(result.problems);
  const requested = result.bookings[0].status === "requested";
  if (result.bookings.length === 1 && result.skipped.length === 0) {
    return redirectWithToast(`/g/${ctx.groupId}/bookings/${result.bookings[0].id}`, requested ? "booking_requested" : "booking_confirmed");
  }
  // A repeating booking: what was booked, and the dates that were not, with why.
  return data({
    kind: "done" as const,
    requested,
    booked: result.bookings.map((b) => ({ id: b.id, when: formatSlotText(b.startsAt, b.endsAt, lang, ctx.group.timeZone, space.kind) })),
    skipped: result.skipped.map((s) => ({ when: formatSlotText(s.startsAt, s.endsAt, lang, ctx.group.timeZone, space.kind), reasons: s.problems.map(say) })),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

/** 90 → « 1 h 30 », 45 → « 45 min ». */
function duration(minutes: number, t: (key: string, o?: Record<string, unknown>) => string) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return t("rules.minutes", { count: m });
  return m ? t("rules.hours_minutes", { h, m: String(m).padStart(2, "0") }) : t("rules.hours", { count: h });
}

export default function SpacePage() {
  const { t, i18n } = useTranslation("bookings");
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const s = d.space;
  const stay = s.kind === "guest_unit";
  const lang = i18n.language;
  const base = `/g/${d.groupId}`;

  const rules: string[] = [];
  if (s.capacity) rules.push(t("space.capacity", { count: s.capacity }));
  rules.push(s.approvalRequired ? t("rules.approval") : t("rules.no_approval"));
  if (s.bookingWindowDays) rules.push(t("rules.window", { count: s.bookingWindowDays }));
  if (s.minNoticeHours) rules.push(t("rules.notice", { count: s.minNoticeHours }));
  if (!stay && s.minMinutes) rules.push(t("rules.min_length", { duration: duration(s.minMinutes, t) }));
  if (!stay && s.maxMinutes) rules.push(t("rules.max_length", { duration: duration(s.maxMinutes, t) }));
  if (stay && s.maxNights) rules.push(t("rules.max_nights", { count: s.maxNights }));
  if (s.quotaHoursPerMonth) rules.push(t("rules.quota_hours", { count: s.quotaHoursPerMonth }));
  if (s.quotaBookingsPerMonth) rules.push(t("rules.quota_bookings", { count: s.quotaBookingsPerMonth }));
  if (stay && s.quotaNightsPerYear) rules.push(t("rules.quota_nights", { count: s.quotaNightsPerYear }));
  if (s.bufferMinutes) rules.push(t("rules.buffer", { duration: duration(s.bufferMinutes, t) }));
  if (!stay && s.quietStart && s.quietEnd) rules.push(t("rules.quiet", { start: s.quietStart, end: s.quietEnd }));
  if (stay) rules.push(t("rules.check_in_out", { checkIn: s.checkInTime ?? "15:00", checkOut: s.checkOutTime ?? "11:00" }));
  if (stay) rules.push(s.nightlyFeeCents ? t("rules.fee", { fee: formatEuros(s.nightlyFeeCents, lang) }) : t("rules.free"));

  return (
    <>
      <p>
        <Link to={`${base}/bookings`}>{t("space.back")}</Link>
      </p>
      <h1>{s.name}</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        {t(`kinds.${s.kind}`)}
        {s.active ? null : (
          <>
            {" "}
            <span className="tag badge-warn">{t("space.inactive")}</span>
          </>
        )}
      </p>
      {s.description ? <p style={{ whiteSpace: "pre-line" }}>{s.description}</p> : null}
      {d.canManage ? (
        <p>
          <Link to={`${base}/spaces/${s.id}/edit`}>{t("space.edit")}</Link>
        </p>
      ) : null}

      <section aria-labelledby="rules">
        <h2 id="rules">{t("space.rules")}</h2>
        <ul>
          {rules.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        {d.closures.length ? (
          <>
            <h3>{t("space.closures")}</h3>
            <ul>
              {d.closures.map((c) => (
                <li key={c.id}>
                  {formatSlotText(c.startsAt, c.endsAt, lang, d.timeZone, c.wholeDays ? "guest_unit" : undefined)} — {c.reason}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="calendar">
        <h2 id="calendar">{t("space.calendar")}</h2>
        <Calendar
          events={d.calendar.events}
          initialDate={d.calendar.start}
          timeZone={d.timeZone}
          locale={lang}
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
      </section>

      <section className="card" aria-labelledby="book">
        <h2 id="book">{stay ? t("form.title_stay") : t("form.title_room")}</h2>
        {actionData?.kind === "done" ? (
          <Done done={actionData} groupId={d.groupId} />
        ) : d.mayBook ? (
          <BookingForm
            lastResult={actionData?.kind === "booking" ? actionData.result : undefined}
            preview={actionData?.kind === "booking" ? actionData.preview : null}
          />
        ) : (
          <p>{!s.active ? t("form.inactive") : d.noHousehold ? t("errors.no_household") : t("form.not_allowed")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="feeds">
        <h2 id="feeds">{t("feeds.title")}</h2>
        <p className="small">{t("feeds.intro_space", { name: s.name })}</p>
        {actionData?.kind === "feed" && actionData.feed ? <NewFeed feed={actionData.feed} /> : null}
        <FormErrors errors={actionData?.kind === "feed" ? actionData.errors : undefined} />
        <Form method="post">
          <input type="hidden" name="intent" value="create-feed" />
          <button type="submit" className="secondary">
            {t("feeds.add_space")}
          </button>
        </Form>
        <FeedList feeds={d.feeds} />
      </section>
    </>
  );
}

type Preview = {
  slots: { when: string; free: boolean; reasons: string[]; fee: string | null; nights: number }[];
  total: string | null;
} | null;

function BookingForm({ lastResult, preview }: { lastResult?: SubmissionResult<string[]>; preview: Preview }) {
  const { t } = useTranslation("bookings");
  const d = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const s = d.space;
  const stay = s.kind === "guest_unit";
  const [form, fields] = useAppForm({
    id: "booking",
    lastResult,
    constraint: getZodConstraint(BookingSchema),
    defaultValue: { spaceId: s.id, householdId: "", guests: "0", freq: "none" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseBooking(formData, s.kind),
  });
  const busy = navigation.state === "submitting";
  // Facilitators' bookings are confirmed at once, even where residents' wait for approval.
  const waits = s.approvalRequired && !d.households;
  const householdOptions = d.households
    ? [
        ...(d.hasHousehold ? [{ value: FOR_THE_GROUP, label: t("form.for_group") }] : []),
        ...d.households.map((h) => ({ value: h.id, label: h.dwelling ? `${h.name} — ${h.dwelling}` : h.name })),
      ]
    : null;
  const ack = getInputProps(fields.acknowledgeRules, { type: "checkbox" });
  const freeCount = preview?.slots.filter((x) => x.free).length ?? 0;
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="spaceId" value={s.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {householdOptions ? (
        <SelectField
          field={fields.householdId}
          label={t("form.household")}
          hint={t("form.household_hint")}
          placeholder={d.hasHousehold ? t("form.for_my_household") : t("form.for_group")}
          options={householdOptions}
        />
      ) : null}
      {stay ? (
        <>
          <TextField field={fields.arrivalDate} label={t("form.arrival")} type="date" hint={t("form.arrival_hint", { time: s.checkInTime ?? "15:00" })} />
          <TextField
            field={fields.departureDate}
            label={t("form.departure")}
            type="date"
            hint={t("form.departure_hint", { time: s.checkOutTime ?? "11:00" })}
          />
        </>
      ) : (
        <>
          <TextField field={fields.date} label={t("form.date")} type="date" />
          <div className="row" style={{ alignItems: "flex-start" }}>
            <div style={{ flex: "1 1 8rem", minWidth: 0 }}>
              <TextField field={fields.startTime} label={t("form.start_time")} type="time" />
            </div>
            <div style={{ flex: "1 1 8rem", minWidth: 0 }}>
              <TextField field={fields.endTime} label={t("form.end_time")} type="time" />
            </div>
          </div>
          <TextField field={fields.endDate} label={t("form.end_date")} type="date" hint={t("form.end_date_hint")} />
        </>
      )}
      <TextField
        field={fields.guests}
        label={t("form.guests")}
        type="number"
        inputMode="numeric"
        min={0}
        hint={s.capacity ? t("space.capacity", { count: s.capacity }) : undefined}
      />
      <TextField field={fields.purpose} label={t("form.purpose")} hint={t("form.purpose_hint")} />
      {stay ? null : (
        <fieldset style={{ minWidth: 0 }}>
          <legend>{t("form.repeat")}</legend>
          <div className="stack">
            <SelectField field={fields.freq} label={t("form.freq")} options={RECURRENCE_FREQS.map((f) => ({ value: f, label: t(`form.freqs.${f}`) }))} />
            <TextField field={fields.until} label={t("form.until")} type="date" hint={t("form.until_hint")} />
          </div>
        </fieldset>
      )}
      {s.houseRules ? (
        <div className="field">
          <h3 style={{ margin: 0 }}>{t("form.house_rules")}</h3>
          <div style={{ whiteSpace: "pre-line", background: "var(--bg)", padding: "0.75rem", borderRadius: "var(--radius)" }}>{s.houseRules}</div>
          <div className="check">
            <input {...ack} key={ack.key} />
            <label htmlFor={fields.acknowledgeRules.id}>{t("form.acknowledge")}</label>
          </div>
          <ErrorList id={fields.acknowledgeRules.errorId} errors={fields.acknowledgeRules.errors} />
        </div>
      ) : null}

      {preview ? (
        <div className="card" role="status" aria-labelledby="preview-title" style={{ margin: 0, background: "var(--bg)" }}>
          <h3 id="preview-title" style={{ marginTop: 0 }}>
            {t("preview.title")}
          </h3>
          {preview.slots.length > 1 ? <p>{t("preview.summary", { free: freeCount, count: preview.slots.length })}</p> : null}
          <ul className="list">
            {preview.slots.map((slot) => (
              <li key={slot.when}>
                <strong>{slot.when}</strong>
                <br />
                {slot.free ? (
                  <span>
                    <span className="tag">{t("preview.free")}</span>
                    {slot.fee ? ` ${t("preview.fee", { fee: slot.fee, count: slot.nights })}` : null}
                  </span>
                ) : (
                  <>
                    <span className="tag badge-warn">{t("preview.not_possible")}</span>
                    <ul className="field-errors">
                      {slot.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  </>
                )}
              </li>
            ))}
          </ul>
          {preview.total ? (
            <p>
              <strong>{t("preview.total", { fee: preview.total })}</strong>
            </p>
          ) : null}
          <p className="small" style={{ marginBottom: 0 }}>
            {freeCount === 0 ? t("preview.nothing_free") : waits ? t("preview.then_request") : t("preview.then_book")}
          </p>
        </div>
      ) : null}

      <div className="actions">
        <button type="submit" name="intent" value="preview" className="secondary" disabled={busy}>
          {t("form.check")}
        </button>
        <button type="submit" name="intent" value="book" disabled={busy}>
          {waits ? t("form.request") : t("form.book")}
        </button>
      </div>
    </Form>
  );
}

function Done({
  done,
  groupId,
}: {
  done: { requested: boolean; booked: { id: string; when: string }[]; skipped: { when: string; reasons: string[] }[] };
  groupId: string;
}) {
  const { t } = useTranslation("bookings");
  return (
    <div role="status">
      <p>
        <strong>{done.requested ? t("result.requested", { count: done.booked.length }) : t("result.confirmed", { count: done.booked.length })}</strong>
      </p>
      <ul className="list">
        {done.booked.map((b) => (
          <li key={b.id}>
            <Link to={`/g/${groupId}/bookings/${b.id}`}>{b.when}</Link> <StatusText status={done.requested ? "requested" : "confirmed"} />
          </li>
        ))}
      </ul>
      {done.skipped.length ? (
        <>
          <h3>{t("result.skipped", { count: done.skipped.length })}</h3>
          <ul className="list">
            {done.skipped.map((x) => (
              <li key={x.when}>
                <strong>{x.when}</strong>
                <ul className="field-errors">
                  {x.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link to={`/g/${groupId}/bookings`}>{t("result.see_mine")}</Link>
      </p>
    </div>
  );
}

/** A guest stay shows as whole days, arrival to departure; anything else by its times. */
function eventTimes(b: { spaceKind: string; startsAt: Date; endsAt: Date }, timeZone: string) {
  if (b.spaceKind !== "guest_unit") return { start: b.startsAt.getTime(), end: b.endsAt.getTime() };
  return { start: utcToZoned(b.startsAt.getTime(), timeZone).date, end: addDays(utcToZoned(b.endsAt.getTime(), timeZone).date, 1), allDay: true };
}

/** A closure of whole days (midnight to midnight) is shown by its dates, its last day included. */
function closureView(c: { id: string; startsAt: Date; endsAt: Date; reason: string }, timeZone: string) {
  const wholeDays = utcToZoned(c.startsAt.getTime(), timeZone).time === "00:00" && utcToZoned(c.endsAt.getTime(), timeZone).time === "00:00";
  return { id: c.id, startsAt: c.startsAt.getTime(), endsAt: wholeDays ? c.endsAt.getTime() - 1 : c.endsAt.getTime(), wholeDays, reason: c.reason };
}
