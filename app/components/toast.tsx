// A short confirmation after a redirect: the key travels in ?toast= so it works with JavaScript off.
import { useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function Toast() {
  const [params] = useSearchParams();
  // Keyed by the navigation: a second confirmation on the same page is a new element, so its fade-out starts
  // again (the old element had faded out after 5 s and the new text landed in it, invisible).
  const { key: navigation } = useLocation();
  const { t, i18n } = useTranslation();
  const key = params.get("toast");
  if (!key || !/^[a-z_.]+$/.test(key) || !i18n.exists(`toasts.${key}`)) return null;
  return (
    <div key={navigation} className="toast" role="status">
      {t(`toasts.${key}`)}
    </div>
  );
}
