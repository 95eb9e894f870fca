// The group's navigation: a bottom tab bar on phones, a side list on wide screens.
// A capability adds its entry here when it ships (calendar, bookings, exchange…).
import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type Item = { key: string; to: string; icon: string; end?: boolean };

const ICONS: Record<string, string> = {
  home: "M3 11 12 3l9 8v10h-6v-6H9v6H3z",
  group: "M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20c0-3 3-5 6-5s6 2 6 5zm12 0c0-2-.7-3.4-1.8-4.3.9-.4 1.8-.7 3.8-.7 3 0 6 2 6 5z",
  account: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9c0-4 4-6 8-6s8 2 8 6z",
};

export function groupNavItems(groupId: string): Item[] {
  return [
    { key: "home", to: `/g/${groupId}`, icon: "home", end: true },
    { key: "group", to: `/g/${groupId}/households`, icon: "group" },
    { key: "account", to: `/account`, icon: "account" },
  ];
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
  return (
    <nav className="tabbar" aria-label={t("nav.main")}>
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
