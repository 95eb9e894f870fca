// The group's navigation: a bottom tab bar on phones, a side list on wide screens.
// A capability adds its entry here when it ships (calendar, bookings, exchange…).
import { NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

type Item = { key: string; to: string; icon: string; end?: boolean };

const ICONS: Record<string, string> = {
  home: "M3 11 12 3l9 8v10h-6v-6H9v6H3z",
  group:
    "M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20c0-3 3-5 6-5s6 2 6 5zm12 0c0-2-.7-3.4-1.8-4.3.9-.4 1.8-.7 3.8-.7 3 0 6 2 6 5z",
  // Two arrows passing each other: giving and receiving.
  exchange: "M7 4 3 8l4 4V9h9V7H7zm10 8v3H8v2h9v3l4-4z",
  account: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9c0-4 4-6 8-6s8 2 8 6z",
  // A folder (the support files).
  support: "M3 5h7l2 2h9v12H3zm2 4v8h14V9z",
  // A page of text with a signature line (the charter).
  charter: "M6 2h9l5 5v15H6zm8 1.5V8h4.5zM8 10v2h10v-2zm0 4v2h10v-2zm0 4v2h6v-2z",
  // Three people around a table (meetings).
  meetings:
    "M12 3a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5zM5 6a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm14 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4zM2 20v-3h20v3zm1-5c0-2 1-3 2-3s2 .5 2.5 1.5c.8-1.5 2.5-2.5 4.5-2.5s3.7 1 4.5 2.5C17 12.5 18 12 19 12s2 1 2 3z",
  // A calendar page with a grid of days.
  calendar:
    "M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2zM5 9h14v11H5zm2 2v2h2v-2zm4 0v2h2v-2zm4 0v2h2v-2zm-8 4v2h2v-2zm4 0v2h2v-2z",
  // A door with its handle (a room to book): not a calendar page, so that « Réserver » and « Calendrier »
  // do not look alike in the tab bar.
  book: "M5 2h14v19h2v2H3v-2h2zm2 2v17h10V4zm8.7 8.5a1.2 1.2 0 1 1-2.4 0 1.2 1.2 0 0 1 2.4 0z",
};

// Phones get five tabs; the account is in the top bar.
export function groupNavItems(groupId: string): Item[] {
  return [
    { key: "home", to: `/g/${groupId}`, icon: "home", end: true },
    { key: "calendar", to: `/g/${groupId}/calendar`, icon: "calendar" },
    { key: "book", to: `/g/${groupId}/bookings`, icon: "book" },
    { key: "exchange", to: `/g/${groupId}/exchange`, icon: "exchange" },
    { key: "group", to: `/g/${groupId}/households`, icon: "group" },
  ];
}

export function sideNavItems(groupId: string): Item[] {
  return [
    ...groupNavItems(groupId),
    { key: "charter", to: `/g/${groupId}/charter`, icon: "charter" },
    { key: "meetings", to: `/g/${groupId}/meetings`, icon: "meetings" },
    { key: "account", to: `/account`, icon: "account" },
  ];
}

/** Support workers get the support list in the wide-screen list, before the account (issue 7). */
export function withSupportItem(items: Item[], groupId: string): Item[] {
  const support: Item = { key: "support", to: `/g/${groupId}/support`, icon: "support" };
  const account = items.findIndex((i) => i.key === "account");
  return account < 0 ? [...items, support] : [...items.slice(0, account), support, ...items.slice(account)];
}

function Icon({ name }: { name: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="currentColor">
      <path d={ICONS[name]} />
    </svg>
  );
}

export function TabBar({ items }: { items: Item[] }) {
  const { t } = useTranslation();
  const bar = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // At large text the bar scrolls sideways (app.css); with JavaScript, the current tab is brought into view.
  useEffect(() => {
    const nav = bar.current;
    const current = nav?.querySelector<HTMLElement>('a[aria-current="page"]');
    if (!nav || !current || nav.scrollWidth <= nav.clientWidth) return;
    nav.scrollLeft = current.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
  }, [pathname]);
  return (
    <nav className="tabbar" aria-label={t("nav.main")} ref={bar}>
      {items.map((item) => (
        <NavLink key={item.key} to={item.to} end={item.end} prefetch="intent">
          <Icon name={item.icon} />
          <span>{t(`nav.${item.key}`)}</span>
        </NavLink>
      ))}
    </nav>
  );
}

export function SideNav({ items }: { items: Item[] }) {
  const { t } = useTranslation();
  return (
    <nav className="sidenav" aria-label={t("nav.main_wide")}>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <NavLink to={item.to} end={item.end} prefetch="intent">
              <Icon name={item.icon} />
              <span>{t(`nav.${item.key}`)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
