// Home's way in for support workers, apart from support-ui.tsx so that Home does not download Conform.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Home: a visible way in for support workers. */
export function SupportHomeLink({ groupId }: { groupId: string }) {
  const { t } = useTranslation("support");
  return (
    <section className="card" aria-labelledby="home-support">
      <h2 id="home-support">{t("home_section")}</h2>
      <p className="muted">{t("home_intro")}</p>
      <Link className="button" to={`/g/${groupId}/support`}>
        {t("home_link")}
      </Link>
    </section>
  );
}
