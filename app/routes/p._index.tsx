// "My programmes": where a programme officer lands after logging in (see _index.tsx).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OfficerShell } from "~/components/evaluation-officer-shell";
import { listMyProgrammes, requireUser } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDayRange } from "~/modules/core/dates";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "authenticated";
export const handle = { i18n: ["evaluation"] };

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return { title: getT(resolveLang(request, user.locale))("evaluation:officer.programmes.title"), programmes: listMyProgrammes(user.id) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function MyProgrammes() {
  const { t, i18n } = useTranslation("evaluation");
  const { programmes } = useLoaderData<typeof loader>();
  return (
    <OfficerShell programme={null}>
      <h1>{t("officer.programmes.title")}</h1>
      {programmes.length ? (
        <ul className="list">
          {programmes.map((p) => (
            <li key={p.id}>
              <p style={{ margin: 0 }}>
                <Link to={`/p/${p.id}`}>
                  <strong>{p.name}</strong>
                </Link>
              </p>
              <p className="small muted" style={{ margin: "0.25rem 0 0" }}>
                {p.organisationName} · {t("officer.programmes.dates", formatDayRange(p.startsOn, p.endsOn, i18n.language))}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("officer.programmes.none")}</p>
      )}
    </OfficerShell>
  );
}

export { ErrorBoundary } from "~/components/evaluation-officer-error";
