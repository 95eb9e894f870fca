// The friendly 404 / 403 / 500 content, in the page's language; never a stack trace in production.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function ErrorContent({ home = "/" }: { home?: string }) {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 404 ? "not_found" : status === 403 ? "forbidden" : "server";
  return (
    <>
      <h1>{t(`errors.page.${kind}.title`)}</h1>
      <p>{t(`errors.page.${kind}.text`)}</p>
      <p>
        <a href={home} className="button">
          {t("errors.page.home")}
        </a>
      </p>
      {process.env.NODE_ENV === "development" && error instanceof Error ? <pre className="dev-stack">{error.stack}</pre> : null}
    </>
  );
}
