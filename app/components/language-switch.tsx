// Changes the interface language for someone not logged in (a cookie); works without JavaScript.
import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const other = i18n.language === "en" ? "fr" : "en";
  return (
    <Form method="post" action="/set-language" className="lang-switch">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <input type="hidden" name="lang" value={other} />
      <button type="submit" className="secondary" lang={other}>
        {t("language.switch_to")}
      </button>
    </Form>
  );
}
