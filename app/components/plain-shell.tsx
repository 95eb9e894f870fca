// The frame of pages outside a group (account, administration): a top bar and the content.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function PlainShell({ children, back }: { children: React.ReactNode; back?: { to: string; label: string } }) {
  const { t } = useTranslation();
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        {t("nav.skip")}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          Maisonnée
        </Link>
        {back ? <Link to={back.to}>{back.label}</Link> : null}
      </header>
      <main id="main" className="content" style={{ paddingBottom: "2rem", margin: "0 auto" }}>
        {children}
      </main>
    </div>
  );
}
