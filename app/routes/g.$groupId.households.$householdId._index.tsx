// A household's page: its facts, its members, and the links to edit them for those who may.
// Facilitators record or cancel the household's departure from here.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate, todayIn } from "~/modules/core/dates";
import { redirectWithToast } from "~/modules/core/http.server";
import { canEditHousehold, canEditPrivacy, cancelDeparture, getHousehold } from "~/modules/households/households.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["households"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const { household, members } = getHousehold({ ctx, householdId: params.householdId ?? "" });
  const today = todayIn(ctx.group.timeZone);
  return {
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    today,
    currentYear: Number(today.slice(0, 4)),
    isOwn: ctx.householdId === household.id,
    canEdit: canEditHousehold(ctx, household.id),
    canEditPrivacy: canEditPrivacy(ctx, household.id),
    canDepart: can(ctx, "household:depart"),
    household: {
      id: household.id,
      name: household.name,
      dwelling: household.dwelling,
      arrivalDate: household.arrivalDate,
      departureDate: household.departureDate,
      destination: household.destination,
    },
    members,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const householdId = params.householdId ?? "";
  const formData = await request.formData();
  if (formData.get("intent") !== "cancel_departure") return data({ error: "errors.invalid" }, { status: 400 });
  cancelDeparture({ ctx, householdId }); // 404 for another group's household, 403 without household:depart
  return redirectWithToast(`/g/${ctx.groupId}/households/${householdId}`, "departure_cancelled");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.household.name} — Maisonnée` : "Maisonnée" }];

export default function HouseholdPage() {
  const { t, i18n } = useTranslation("households");
  const d = useLoaderData<typeof loader>();
  const h = d.household;
  const base = `/g/${d.groupId}/households/${h.id}`;
  const date = (value: string) => formatDate(value, i18n.language, d.timeZone);
  const left = h.departureDate !== null && h.departureDate <= d.today;
  return (
    <>
      <p>
        <Link to={`/g/${d.groupId}/households`}>{t("household.back")}</Link>
      </p>
      <h1>{h.name}</h1>
      {d.isOwn ? (
        <p>
          <span className="tag">{t("household.your_household")}</span>
        </p>
      ) : null}

      <section className="card">
        <dl style={{ margin: 0 }}>
          <Fact term={t("household.dwelling")}>{h.dwelling || t("household.no_dwelling")}</Fact>
          <Fact term={t("household.arrival")}>{date(h.arrivalDate)}</Fact>
          {h.departureDate ? <Fact term={t("household.departure")}>{date(h.departureDate)}</Fact> : null}
          {h.destination ? <Fact term={t("household.destination")}>{t(`destinations.${h.destination}`)}</Fact> : null}
        </dl>
        {d.canEdit ? (
          <div className="actions" style={{ marginTop: "1rem" }}>
            <Link className="button secondary" to={`${base}/edit`}>
              {t("household.edit")}
            </Link>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="members">
        <h2 id="members">{t("household.members")}</h2>
        {d.members.length === 0 ? <p className="muted">{t("household.no_members")}</p> : null}
        <ul className="list">
          {d.members.map((p) => {
            const name = [p.firstName, p.lastName].filter(Boolean).join(" ");
            const age = p.birthYear ? d.currentYear - p.birthYear : null;
            return (
              <li key={p.id}>
                <h3 style={{ margin: 0 }}>{name}</h3>
                {p.birthYear ? (
                  <p className="muted" style={{ margin: 0 }}>
                    {t("household.born_in", { year: p.birthYear })}
                    {age ? ` · ${t("household.age", { count: age })}` : null}
                  </p>
                ) : p.ageBand ? (
                  <p className="muted" style={{ margin: 0 }}>
                    {t(`age_bands.${p.ageBand}`)}
                  </p>
                ) : null}
                {p.tags.length > 0 ? (
                  <ul aria-label={t("household.tags")} style={{ listStyle: "none", padding: 0, margin: "0.25rem 0 0", display: "flex", flexWrap: "wrap" }}>
                    {p.tags.map((tag) => (
                      <li key={tag} className="tag">
                        {t(`profile_tags.${tag}`)}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {p.hasAccount ? (
                  <p className="small" style={{ margin: "0.25rem 0 0" }}>
                    <span aria-hidden="true">✓ </span>
                    {t("household.has_account")}
                  </p>
                ) : null}
                {p.sharing ? (
                  <p className="small" style={{ margin: "0.25rem 0 0" }}>
                    {t("household.shared_with_group", {
                      birthYear: t(`privacy.birth_year_summary.${p.sharing.birthYearVisibility}`),
                      sensitive: t(p.sharing.sensitiveTagsVisible ? "privacy.sensitive_summary.shown" : "privacy.sensitive_summary.hidden"),
                    })}
                  </p>
                ) : null}
                {d.canEdit || d.canEditPrivacy ? (
                  <p className="row" style={{ margin: "0.5rem 0 0" }}>
                    {d.canEdit ? <Link to={`${base}/persons/${p.id}`}>{t("household.edit_person", { name: p.firstName })}</Link> : null}
                    {d.canEditPrivacy ? <Link to={`${base}/persons/${p.id}/privacy`}>{t("household.edit_privacy", { name: p.firstName })}</Link> : null}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
        {d.canEdit ? (
          <div className="actions">
            <Link className="button" to={`${base}/persons/new`}>
              {t("household.add_person")}
            </Link>
          </div>
        ) : null}
      </section>

      {d.canDepart ? (
        <section aria-labelledby="departure" style={{ marginTop: "2rem" }}>
          <h2 id="departure">{t("household.departure_section")}</h2>
          {h.departureDate ? (
            <>
              <p>{left ? t("household.departed", { date: date(h.departureDate) }) : t("household.leaving", { date: date(h.departureDate) })}</p>
              <div className="actions">
                <Link className="button secondary" to={`${base}/departure`}>
                  {t("household.edit_departure")}
                </Link>
              </div>
              <Form method="post" className="stack" style={{ marginTop: "1rem" }}>
                <p className="hint" id="cancel-departure-hint">
                  {t("household.cancel_departure_hint")}
                </p>
                <div className="actions">
                  <button type="submit" name="intent" value="cancel_departure" className="secondary" aria-describedby="cancel-departure-hint">
                    {t("household.cancel_departure")}
                  </button>
                </div>
              </Form>
            </>
          ) : (
            <>
              <p>{t("household.not_departed")}</p>
              <div className="actions">
                <Link className="button secondary" to={`${base}/departure`}>
                  {t("household.record_departure")}
                </Link>
              </div>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}

/** One term and its value; the value goes under the term when the line is too narrow (phones, large text). */
function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="row" style={{ alignItems: "baseline", gap: "0 1rem" }}>
      <dt className="muted" style={{ minWidth: "7rem" }}>
        {term}
      </dt>
      <dd style={{ margin: 0 }}>{children}</dd>
    </div>
  );
}
