import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PlainShell } from "~/components/plain-shell";
import { requireOperator } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { listGroupsForOperator, listOrganisations } from "~/modules/groups/admin.server";

export const access: AccessPolicy = "operator";
export const handle = { i18n: ["admin"] };

export function loader({ request, context }: LoaderFunctionArgs) {
  const operator = requireOperator(request, context);
  return {
    organisations: listOrganisations({ operator }),
    groups: listGroupsForOperator({ operator }),
  };
}

export const meta: MetaFunction = () => [{ title: "Administration — Maisonnée" }];

export default function AdminHome() {
  const { t } = useTranslation("admin");
  const { organisations, groups } = useLoaderData<typeof loader>();
  return (
    <PlainShell back={{ to: "/account", label: t("common:nav.account") }}>
      <h1>{t("home.title")}</h1>
      <p className="muted">{t("home.intro")}</p>

      <section aria-labelledby="groups-title">
        <div className="spread">
          <h2 id="groups-title">{t("home.groups")}</h2>
          <Link className="button" to="/admin/groups/new">
            {t("home.new_group")}
          </Link>
        </div>
        {groups.length ? (
          <ul className="list" style={{ marginTop: "0.75rem" }}>
            {groups.map((g) => (
              <li key={g.id}>
                <p style={{ margin: 0 }}>
                  <Link to={`/admin/groups/${g.id}`}>
                    <strong>{g.name}</strong>
                  </Link>{" "}
                  — {g.city}
                </p>
                <p className="small muted" style={{ margin: "0.25rem 0 0" }}>
                  {t(`common:group_kinds.${g.kind}`)} · {g.organisationName ?? t("home.no_organisation")} · {t("home.members", { count: g.memberCount })}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("home.no_groups")}</p>
        )}
      </section>

      <section aria-labelledby="organisations-title">
        <div className="spread">
          <h2 id="organisations-title">{t("home.organisations")}</h2>
          <Link className="button secondary" to="/admin/organisations/new">
            {t("home.new_organisation")}
          </Link>
        </div>
        {organisations.length ? (
          <ul className="list" style={{ marginTop: "0.75rem" }}>
            {organisations.map((o) => (
              <li key={o.id}>
                <p style={{ margin: 0 }}>
                  <strong>{o.name}</strong>
                </p>
                <p className="small muted" style={{ margin: "0.25rem 0 0" }}>
                  {t(`organisation_kinds.${o.kind}`)}
                  {o.kind === "association" ? ` · ${t("home.groups_count", { count: o.groupCount })}` : null}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("home.no_organisations")}</p>
        )}
      </section>
    </PlainShell>
  );
}
