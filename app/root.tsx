import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { resolveLang } from "~/modules/i18n/i18n.server";
import { isLang, routeTranslationEntries } from "~/modules/i18n/config";
import { useEnsureTranslations } from "~/modules/i18n/client";
import { RouteTranslations } from "~/modules/i18n/inline";
import { PageLinks } from "~/components/page-links";
import { registerCssReader } from "~/components/page-links.server";
import { ErrorContent } from "~/components/error-page";
import { Toast } from "~/components/toast";
import { useNonce } from "~/modules/core/csp";
import stylesUrl from "~/styles/app.css?url";

export const access: AccessPolicy = "public";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Maisonnée" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  registerCssReader();
  const user = getUser(request, context);
  return {
    lang: resolveLang(request, user?.locale),
    user: user ? { name: user.name, isOperator: user.isOperator } : null,
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { i18n } = useTranslation();
  const lang = data?.lang ?? i18n.language ?? "fr";
  const nonce = useNonce();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1f5f4a" />
        <Meta />
        <PageLinks />
      </head>
      <body>
        {children}
        {/* After the page's markup, which the browser can then paint sooner; before the scripts that read it. */}
        <RouteTranslations lang={isLang(lang) ? lang : "fr"} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // A client-side navigation renders once the next page's translations are here (handle.i18n of its routes).
  const { i18n } = useTranslation();
  useEnsureTranslations(i18n, routeTranslationEntries(useMatches()));
  return (
    <>
      <Toast />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return (
    <main className="error-page">
      <ErrorContent />
    </main>
  );
}
