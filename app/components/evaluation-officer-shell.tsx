// The frame of the programme pages (/p/:programmeId…): the programme's name and its sections, for a programme
// officer on a laptop first, usable at 360 px. No group navigation: an officer is not a member of the groups.
import { Link, NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import "./evaluation-officer.css";

export type ShellProgramme = { id: string; name: string; organisationName: string };

export function OfficerShell({ programme, children }: { programme: ShellProgramme | null; children: React.ReactNode }) {
  const { t } = useTranslation("evaluation");
  const base = programme ? `/p/${programme.id}` : null;
  return (
    <div className="app officer">
      <a href="#main" className="skip-link">
        {t("common:nav.skip")}
      </a>
      <header className="topbar officer-topbar">
        <Link to="/p" className="brand">
          Maisonnée
        </Link>
        {programme ? <span className="officer-programme">{programme.organisationName}</span> : null}
        <Link to="/account">{t("common:nav.account")}</Link>
      </header>
      {base ? (
        <nav className="officer-nav" aria-label={t("officer.nav.label")}>
          <NavLink to={base} end>
            {t("officer.nav.overview")}
          </NavLink>
          <NavLink to={`${base}/compare`}>{t("officer.nav.compare")}</NavLink>
          <NavLink to={`${base}/map`}>{t("officer.nav.map")}</NavLink>
          <NavLink to={`${base}/print`}>{t("officer.nav.print")}</NavLink>
          <NavLink to={`${base}/exports`}>{t("officer.nav.exports")}</NavLink>
        </nav>
      ) : null}
      <main id="main" className="content officer-main">
        {children}
      </main>
    </div>
  );
}
