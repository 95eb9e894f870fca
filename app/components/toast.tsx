// A short confirmation after a redirect: the key travels in ?toast= so it works with JavaScript off.
import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function Toast() {
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const key = params.get("toast");
  if (!key || !/^[a-z_.]+$/.test(key) || !i18n.exists(`toasts.${key}`)) return null;
  return (
    <div className="toast" role="status">
      {t(`toasts.${key}`)}
    </div>
  );
}
