// The programme's groups on a map at city level (officer). Leaflet and its stylesheet load on this page only,
// in the browser; the list below is the same information without JavaScript or without map tiles.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import leafletCss from "leaflet/dist/leaflet.css?url";
import { GroupsMap } from "~/components/evaluation-officer-map";
import { OfficerShell } from "~/components/evaluation-officer-shell";
import { requireOfficer } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { getMapGroups } from "~/modules/evaluation/officer.server";

export const access: AccessPolicy = "officer";
export const handle = { i18n: ["evaluation"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletCss }];

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const officer = requireOfficer(request, params, context);
  // Tiles only from a server the instance chose (and allowed in its Content-Security-Policy).
  return { programme: officer.programme, groups: getMapGroups({ officer }), tileUrl: process.env.MAP_TILE_URL || null };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.programme.name} — Maisonnée` : "Maisonnée" }];

export default function ProgrammeMap() {
  const { t } = useTranslation("evaluation");
  const d = useLoaderData<typeof loader>();
  const base = `/p/${d.programme.id}`;
  return (
    <OfficerShell programme={d.programme}>
      <h1>{t("officer.map.title")}</h1>
      <p className="muted">{t("officer.map.intro")}</p>
      <GroupsMap
        label={t("officer.map.label")}
        tileUrl={d.tileUrl}
        groups={d.groups.map((g) => ({ id: g.id, name: g.name, city: g.city, latitude: g.latitude, longitude: g.longitude, href: `${base}/groups/${g.id}` }))}
      />
      <h2 id="list-title">{t("officer.map.list")}</h2>
      <ul className="list" aria-labelledby="list-title">
        {d.groups.map((g) => (
          <li key={g.id}>
            <Link to={`${base}/groups/${g.id}`}>
              <strong>{g.name}</strong>
            </Link>{" "}
            — {g.city} ({g.postcode}) · {t(`common:group_kinds.${g.kind}`)}
          </li>
        ))}
      </ul>
      <p className="actions no-print">
        <a className="button secondary" href={`${base}/export/groups.csv`} download>
          {t("officer.export_csv")}
        </a>
      </p>
    </OfficerShell>
  );
}

export { ErrorBoundary } from "~/components/evaluation-officer-error";
