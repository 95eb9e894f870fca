// "Réserver": the group's spaces, my household's bookings, the facilitators' queue, and the calendar feed
// of my household for the phone's own calendar.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/forms";
import { FeedList, NewFeed, StatusText, formatEuros, formatSlotText } from "~/components/bookings-home";
import { can, requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { listPendingApprovals } from "~/modules/bookings/approvals.server";
import { listMyBookings } from "~/modules/bookings/reading.server";
import { listSpaces } from "~/modules/bookings/spaces.server";
import { createFeed, listFeeds, revokeFeed } from "~/modules/calendar/feeds.server";
import { describeProblem } from "~/modules/bookings/rules";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { appLink } from "~/modules/core/origin.server";

export const access: AccessPolicy = "member";
// A pure read: kept and served again until the data it shows changes (page-cache.server.ts).
export const handle = { pageCache: true, i18n: ["bookings"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const now = Date.now();
  const mine = listMyBookings({ ctx, now });
  const active = (b: (typeof mine)[number]) => (b.status === "requested" || b.status === "confirmed") && b.endsAt.getTime() > now;
  const row = (b: (typeof mine)[number]) => ({
    id: b.id,
    spaceName: b.spaceName,
    spaceKind: b.spaceKind,
    startsAt: b.startsAt.getTime(),
    endsAt: b.endsAt.getTime(),
    status: b.status,
    canCancel: b.canCancel,
    feeCents: b.feeCents,
  });
  return {
    title: getT(resolveLang(request, ctx.user.locale))("bookings:index.title"),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    canManage: can(ctx, "space:manage"),
    hasHousehold: ctx.householdId != null,
    pending: can(ctx, "booking:approve") ? listPendingApprovals({ ctx }).length : null,
    spaces: listSpaces({ ctx }).map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      capacity: s.capacity,
      active: s.active,
      approvalRequired: s.approvalRequired,
      nightlyFeeCents: s.nightlyFeeCents,
    })),
    upcoming: mine
      .filter(active)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map(row),
    // The last ones, latest first: what was, what was cancelled or declined.
    past: mine
      .filter((b) => !active(b))
      .slice(0, 10)
      .map(row),
    feeds: listFeeds({ ctx }).map((f) => ({ id: f.id, scope: f.scope, name: f.scope === "space" ? f.spaceName : f.householdName })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const form = await request.formData();
  const intent = form.get("intent");
  const here = `/g/${ctx.groupId}/bookings`;
  if (intent === "revoke-feed") {
    const feedId = form.get("feedId");
    if (typeof feedId !== "string" || !feedId) return data({ feed: null, errors: [] as string[] }, { status: 400 });
    revokeFeed({ ctx, feedId });
    return redirectWithToast(here, "feed_revoked");
  }
  if (intent === "create-feed") {
    const result = createFeed({ ctx, scope: "household" });
    if (!result.ok) {
      const lang = resolveLang(request, ctx.user.locale);
      const t = getT(lang) as unknown as Parameters<typeof describeProblem>[0];
      return data({ feed: null, errors: result.problems.map((p) => describeProblem(t, p, lang, ctx.group.timeZone)) }, { status: 400 });
    }
    return data({ feed: feedUrls(result.path), errors: [] as string[] });
  }
  return data({ feed: null, errors: [] as string[] }, { status: 400 });
}

/** The feed's address, and the same as webcal:// (a phone opens its calendar app with it). */
function feedUrls(path: string) {
  const https = appLink(path);
  return { https, webcal: https.replace(/^https?:/, "webcal:") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function Bookings() {
  const { t, i18n } = useTranslation("bookings");
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/g/${d.groupId}`;
  const slot = (b: { startsAt: number; endsAt: number; spaceKind: (typeof d.spaces)[number]["kind"] }) =>
    formatSlotText(b.startsAt, b.endsAt, i18n.language, d.timeZone, b.spaceKind);
  return (
    <>
      <h1>{t("index.title")}</h1>
      <p className="muted">{t("index.intro")}</p>

      {d.pending != null ? (
        <p>
          <Link className={d.pending ? "button" : "button secondary"} to={`${base}/bookings/approvals`}>
            {t("index.pending", { count: d.pending })}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="spaces">
        <h2 id="spaces">{t("index.spaces")}</h2>
        {d.spaces.length ? (
          <ul className="list">
            {d.spaces.map((s) => (
              <li key={s.id}>
                <h3 style={{ margin: 0 }}>
                  <Link to={`${base}/spaces/${s.id}`}>{s.name}</Link>
                </h3>
                <p className="small" style={{ margin: "0.25rem 0 0" }}>
                  {t(`kinds.${s.kind}`)}
                  {s.capacity ? ` · ${t("space.capacity", { count: s.capacity })}` : ""}
                  {s.kind === "guest_unit" && s.nightlyFeeCents ? ` · ${t("space.fee_per_night", { fee: formatEuros(s.nightlyFeeCents, i18n.language) })}` : ""}
                </p>
                <p className="small" style={{ margin: "0.25rem 0 0" }}>
                  {s.active ? s.approvalRequired ? t("space.approval") : t("space.no_approval") : <span className="tag badge-warn">{t("space.inactive")}</span>}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{d.canManage ? t("index.no_spaces_manager") : t("index.no_spaces")}</p>
        )}
        <div className="actions">
          <Link className="button secondary" to={`${base}/bookings/calendar`}>
            {t("index.calendar")}
          </Link>
          {d.canManage ? (
            <Link className="button secondary" to={`${base}/spaces/new`}>
              {t("index.add_space")}
            </Link>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="mine">
        <h2 id="mine">{t("index.mine")}</h2>
        {d.upcoming.length ? (
          <ul className="list">
            {d.upcoming.map((b) => (
              <li key={b.id}>
                <p style={{ margin: 0 }}>
                  <strong>{b.spaceName}</strong> <StatusText status={b.status} />
                </p>
                <p className="small" style={{ margin: "0.25rem 0" }}>
                  {slot(b)}
                  {b.feeCents ? ` · ${formatEuros(b.feeCents, i18n.language)}` : ""}
                </p>
                <p className="row small" style={{ margin: 0 }}>
                  <Link to={`${base}/bookings/${b.id}`} style={{ padding: "0.5rem 0" }}>
                    {t("index.see")}
                    <span className="visually-hidden">
                      {" "}
                      — {b.spaceName}, {slot(b)}
                    </span>
                  </Link>
                  {b.canCancel ? (
                    <Link to={`${base}/bookings/${b.id}#cancel`} style={{ padding: "0.5rem 0" }}>
                      {t("index.cancel")}
                      <span className="visually-hidden">
                        {" "}
                        — {b.spaceName}, {slot(b)}
                      </span>
                    </Link>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("index.mine_none")}</p>
        )}
        {d.past.length ? (
          <details>
            <summary style={{ padding: "0.6rem 0", cursor: "pointer" }}>{t("index.past")}</summary>
            <ul className="list">
              {d.past.map((b) => (
                <li key={b.id}>
                  <Link to={`${base}/bookings/${b.id}`}>{b.spaceName}</Link> <StatusText status={b.status} />
                  <br />
                  <span className="small">{slot(b)}</span>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <section className="card" aria-labelledby="feeds">
        <h2 id="feeds">{t("feeds.title")}</h2>
        <p className="small">{t("feeds.intro_household")}</p>
        {actionData?.feed ? <NewFeed feed={actionData.feed} /> : null}
        <FormErrors errors={actionData?.errors} />
        {d.hasHousehold ? (
          <Form method="post">
            <input type="hidden" name="intent" value="create-feed" />
            <button type="submit" className="secondary">
              {t("feeds.add_household")}
            </button>
          </Form>
        ) : null}
        <FeedList feeds={d.feeds} />
      </section>
    </>
  );
}
