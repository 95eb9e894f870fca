// The group directory: every present household with its dwelling and people; contact details only where
// the person chose to show them. Facilitators may also list the households that left.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate, todayIn } from "~/modules/core/dates";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { listDepartures, listDirectory } from "~/modules/households/households.server";

export const access: AccessPolicy = "member";
// A pure read: kept and served again until the data it shows changes (page-cache.server.ts).
export const handle = { pageCache: true, i18n: ["households", "charter:collectif_link", "meetings:collectif"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const canFacilitate = can(ctx, "household:update:any");
  const showDeparted = canFacilitate && new URL(request.url).searchParams.get("departed") === "1";
  // "Appartement 2" before "Appartement 10": the module sorts dwellings as plain strings.
  // Households that left come last, the most recent first.
  const today = todayIn(ctx.group.timeZone);
  const leftOn = (h: { departureDate: string | null }) => (h.departureDate && h.departureDate <= today ? h.departureDate : "");
  const households = listDirectory({ ctx, includeDeparted: showDeparted }).sort(
    (a, b) =>
      (leftOn(a) ? 1 : 0) - (leftOn(b) ? 1 : 0) ||
      leftOn(b).localeCompare(leftOn(a)) ||
      a.dwelling.localeCompare(b.dwelling, "fr", { numeric: true }) ||
      a.name.localeCompare(b.name, "fr"),
  );
  const destinations = showDeparted ? new Map(listDepartures({ ctx }).map((d) => [d.id, d.destination])) : null;
  return {
    title: getT(resolveLang(request, ctx.user.locale))("households:directory.title"),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    today,
    ownHouseholdId: ctx.householdId,
    canFacilitate,
    canInvite: can(ctx, "member:invite"),
    canAudit: can(ctx, "audit:read"),
    showDeparted,
    households: households.map((h) => ({ ...h, destination: destinations?.get(h.id) ?? null })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

// Plain links in a row still get a finger-sized target.
const tapTarget = { display: "inline-block", padding: "0.6rem 0" };

export default function Directory() {
  const { t, i18n } = useTranslation("households");
  const d = useLoaderData<typeof loader>();
  const date = (value: string) => formatDate(value, i18n.language, d.timeZone);
  return (
    <>
      <h1>{t("directory.title")}</h1>
      <p className="muted">{t("directory.intro")}</p>
      <p>
        <Link style={tapTarget} to={`/g/${d.groupId}/charter`}>
          {t("charter:collectif_link")}
        </Link>
      </p>
      <p className="row">
        <Link style={tapTarget} to={`/g/${d.groupId}/meetings`}>
          {t("meetings:collectif.meetings")}
        </Link>
        <Link style={tapTarget} to={`/g/${d.groupId}/meetings/decisions`}>
          {t("meetings:collectif.register")}
        </Link>
      </p>

      {d.canFacilitate ? (
        <section className="card" aria-labelledby="facilitation">
          <h2 id="facilitation">{t("directory.facilitation")}</h2>
          <div className="actions">
            <Link className="button" to={`/g/${d.groupId}/households/new`}>
              {t("directory.add_household")}
            </Link>
          </div>
          <ul className="row" style={{ listStyle: "none", padding: 0, margin: "0.5rem 0 0" }}>
            {d.canInvite ? (
              <li>
                <Link style={tapTarget} to={`/g/${d.groupId}/invitations`}>
                  {t("directory.invitations")}
                </Link>
              </li>
            ) : null}
            {d.canAudit ? (
              <li>
                <Link style={tapTarget} to={`/g/${d.groupId}/audit`}>
                  {t("directory.audit")}
                </Link>
              </li>
            ) : null}
            <li>
              {d.showDeparted ? (
                <Link style={tapTarget} to={`/g/${d.groupId}/households`}>
                  {t("directory.hide_departed")}
                </Link>
              ) : (
                <Link style={tapTarget} to={`/g/${d.groupId}/households?departed=1`}>
                  {t("directory.show_departed")}
                </Link>
              )}
            </li>
          </ul>
        </section>
      ) : null}

      <p>
        <strong>{t("directory.count", { count: d.households.length })}</strong>
        {d.showDeparted ? <span className="muted"> — {t("directory.showing_departed")}</span> : null}
      </p>

      {d.households.length === 0 ? (
        <p>{t("directory.empty")}</p>
      ) : (
        <ul className="list" aria-label={t("directory.list_label")}>
          {d.households.map((h) => {
            const isOwn = h.id === d.ownHouseholdId;
            const left = h.departureDate !== null && h.departureDate <= d.today;
            return (
              <li key={h.id} style={left ? { background: "var(--bg)" } : undefined}>
                <h2 style={{ margin: 0 }}>
                  <Link to={`/g/${d.groupId}/households/${h.id}`}>{h.name}</Link>
                </h2>
                <p className="muted" style={{ margin: "0.1rem 0 0.25rem" }}>
                  {h.dwelling || t("directory.no_dwelling")}
                </p>
                {isOwn || h.departureDate ? (
                  <p style={{ margin: "0 0 0.25rem" }}>
                    {isOwn ? <span className="tag">{t("directory.your_household")}</span> : null}{" "}
                    {h.departureDate ? (
                      <span className="tag badge-warn">
                        {left ? t("directory.departed_on", { date: date(h.departureDate) }) : t("directory.leaving_on", { date: date(h.departureDate) })}
                      </span>
                    ) : null}
                    {h.destination ? <span className="small"> {t("directory.destination", { destination: t(`destinations.${h.destination}`) })}</span> : null}
                  </p>
                ) : null}
                {h.persons.length === 0 ? (
                  <p className="muted small" style={{ margin: 0 }}>
                    {t("directory.no_members")}
                  </p>
                ) : (
                  <ul style={{ margin: 0, paddingLeft: "1.25rem" }}>
                    {h.persons.map((p, i) => (
                      <li key={i}>
                        {[p.firstName, p.lastName].filter(Boolean).join(" ")}
                        {p.email ? (
                          <div className="small" style={{ overflowWrap: "anywhere" }}>
                            {t("directory.email")} <a href={`mailto:${p.email}`}>{p.email}</a>
                          </div>
                        ) : null}
                        {p.phone ? (
                          <div className="small">
                            {t("directory.phone")} <a href={`tel:${p.phone.replace(/[^\d+]/g, "")}`}>{p.phone}</a>
                          </div>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
