import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { ErrorContent } from "~/components/error-page";
import { useTranslation } from "react-i18next";
import { SideNav, TabBar, groupNavItems, sideNavItems, withSupportItem } from "~/components/nav";
import { can, listMyGroups, requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";

export const access: AccessPolicy = "member";

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const groups = listMyGroups(ctx.userId);
  return {
    group: { id: ctx.group.id, name: ctx.group.name },
    otherGroups: groups.filter((g) => g.id !== ctx.groupId).map((g) => ({ id: g.id, name: g.name })),
    userName: ctx.user.name,
    support: can(ctx, "support:read"),
  };
}

export default function GroupShell() {
  const data = useLoaderData<typeof loader>();
  return (
    <Shell data={data}>
      <Outlet />
    </Shell>
  );
}

// An error in a page of the group (403, a household not found…) keeps the navigation around it;
// an error of the group itself (not a member: 404) shows the plain error page.
export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("routes/g.$groupId");
  if (!data) {
    return (
      <main className="error-page">
        <ErrorContent />
      </main>
    );
  }
  return (
    <Shell data={data}>
      <ErrorContent home={`/g/${data.group.id}`} />
    </Shell>
  );
}

function Shell({ data, children }: { data: ReturnType<typeof loader>; children: React.ReactNode }) {
  const { t } = useTranslation();
  const { group, otherGroups, userName } = data;
  const items = groupNavItems(group.id);
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        {t("nav.skip")}
      </a>
      <header className="topbar">
        {otherGroups.length > 0 ? (
          <details className="switcher">
            <summary>
              <span className="group-name">{group.name}</span>
              <span className="visually-hidden"> — {t("nav.switch_group")}</span>
            </summary>
            <ul>
              {otherGroups.map((g) => (
                <li key={g.id}>
                  <Link to={`/g/${g.id}`}>{g.name}</Link>
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <span className="group-name">{group.name}</span>
        )}
        <div className="row">
          <Link to="/account" className="small">
            <span className="visually-hidden">{t("nav.account")} : </span>
            {userName}
          </Link>
          <Form method="post" action="/logout">
            <button type="submit" className="link small" style={{ color: "#fff" }}>
              {t("nav.logout")}
            </button>
          </Form>
        </div>
      </header>
      <div className="layout">
        <SideNav items={data.support ? withSupportItem(sideNavItems(group.id), group.id) : sideNavItems(group.id)} />
        <main id="main" className="content">
          {children}
        </main>
      </div>
      <TabBar items={items} />
    </div>
  );
}
