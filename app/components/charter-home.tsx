// Home's charter card: shown only when there is something to do — sign the version in force (after a new
// version is adopted everyone is asked again), or give one's opinion on a proposed version.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { getCharterHome } from "~/modules/charter/versions.server";

export function CharterHomeSection({ data, groupId }: { data: ReturnType<typeof getCharterHome>; groupId: string }) {
  const { t } = useTranslation("charter");
  if (!data.toSign && !data.proposed) return null;
  const base = `/g/${groupId}/charter`;
  return (
    <section className="card" aria-labelledby="home-charter">
      <h2 id="home-charter">{t("home.title")}</h2>
      {data.toSign ? (
        <>
          <p>{data.toSign.firstVersion ? t("home.sign_first", { number: data.toSign.number }) : t("home.sign_new", { number: data.toSign.number })}</p>
          <div className="actions">
            <Link className="button" to={`${base}#sign`}>
              {t("home.read_and_sign")}
            </Link>
          </div>
        </>
      ) : null}
      {data.proposed ? (
        <p>
          {t("home.proposed", { number: data.proposed.number })} <Link to={`${base}/${data.proposed.id}`}>{t("home.give_opinion")}</Link>
        </p>
      ) : null}
    </section>
  );
}
