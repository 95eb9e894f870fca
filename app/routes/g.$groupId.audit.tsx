import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { listAudit } from "~/modules/audit/audit.server";
import { formatDate, formatDateTime } from "~/modules/core/dates";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["admin", "households:destinations", "households:profile_tags"] };

const PAGE_SIZE = 50;

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const raw = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const page = Number.isInteger(raw) && raw >= 1 && raw <= 100_000 ? raw : 1;
  // One more row than shown tells whether an older page exists, without counting the whole log.
  const rows = listAudit({ ctx, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
  return {
    groupId: ctx.groupId,
    groupName: ctx.group.name,
    timeZone: ctx.group.timeZone,
    page,
    hasNext: rows.length > PAGE_SIZE,
    entries: rows.slice(0, PAGE_SIZE),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Journal — ${data.groupName} — Maisonnée` : "Maisonnée" }];

export default function AuditLog() {
  const { t, i18n } = useTranslation("admin");
  const { groupId, timeZone, page, hasNext, entries } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p className="muted">{t("audit.intro")}</p>
      {entries.length ? (
        <ol className="list" aria-label={t("audit.list_label", { page })}>
          {entries.map((e) => {
            const summary = summarise(t, e.details, lang, timeZone);
            return (
              <li key={e.id}>
                <p className="small muted" style={{ margin: 0 }}>
                  <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, lang, timeZone)}</time>
                </p>
                <p style={{ margin: "0.15rem 0" }}>
                  <strong>{e.userName ?? t("audit.someone")}</strong> {eventLabel(t, e.action, e.entity)}
                </p>
                {summary.length ? (
                  <ul className="small" style={{ margin: 0, paddingLeft: "1.1rem", overflowWrap: "anywhere" }}>
                    {summary.map((line, i) => (
                      <li key={i}>{line}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <p>{page > 1 ? t("audit.page_empty") : t("audit.empty")}</p>
      )}
      {page > 1 || hasNext ? (
        <nav aria-label={t("audit.pagination")} className="spread" style={{ marginTop: "1rem" }}>
          {page > 1 ? (
            <Link className="button secondary" to={page === 2 ? `/g/${groupId}/audit` : `/g/${groupId}/audit?page=${page - 1}`}>
              {t("audit.newer")}
            </Link>
          ) : (
            <span />
          )}
          <span className="small muted">{t("audit.page", { page })}</span>
          {hasNext ? (
            <Link className="button secondary" to={`/g/${groupId}/audit?page=${page + 1}`}>
              {t("audit.older")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}

// Keys cannot hold the dots some actions carry ("demo.seed").
const keyOf = (s: string) => s.replace(/[^a-z0-9_]/gi, "_");

/** "a modifié un foyer": a sentence for known pairs, else the action and the entity side by side. */
function eventLabel(t: TFunction, action: string, entity: string) {
  const a = keyOf(action);
  const e = keyOf(entity);
  const entityLabel = t(`audit.entities.${e}`, { defaultValue: entity });
  return t(`audit.events.${a}_${e}`, {
    defaultValue: t("audit.events.fallback", { action: t(`audit.actions.${a}`, { defaultValue: action }), entity: entityLabel }),
  });
}

type Details = Record<string, unknown> | null;

const HIDDEN_FIELDS = new Set(["intent"]);

/** Short readable lines: "Nom : A → B" for updates, "Nom : A" otherwise; ids (…Id) are left out. */
function summarise(t: TFunction, details: Details, lang: string, timeZone: string): string[] {
  if (!details || typeof details !== "object") return [];
  const label = (key: string) => t(`audit.fields.${keyOf(key)}`, { defaultValue: key });
  const show = (key: string) => !HIDDEN_FIELDS.has(key) && !/Id$/.test(key) && key !== "id";
  const before = details.before as Details;
  const after = details.after as Details;
  if (before && after && typeof before === "object" && typeof after === "object") {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(show);
    const changed = keys.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
    if (!changed.length) return [t("audit.no_change")];
    return changed.map((k) =>
      t("audit.change", { field: label(k), before: value(t, k, before[k], lang, timeZone), after: value(t, k, after[k], lang, timeZone) }),
    );
  }
  return Object.entries(details)
    .filter(([k, v]) => show(k) && v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0))
    .slice(0, 6)
    .map(([k, v]) => t("audit.fact", { field: label(k), value: value(t, k, v, lang, timeZone) }));
}

function value(t: TFunction, key: string, v: unknown, lang: string, timeZone: string): string {
  if (v === null || v === undefined || v === "") return t("audit.empty_value");
  if (typeof v === "boolean") return v ? t("audit.yes") : t("audit.no");
  if (key === "role" && typeof v === "string") return t(`common:roles.${v}`, { defaultValue: v });
  if (key === "status" && typeof v === "string") return t(`audit.statuses.${v}`, { defaultValue: v });
  if (key === "kind" && typeof v === "string") return t(`common:group_kinds.${v}`, { defaultValue: t(`organisation_kinds.${v}`, { defaultValue: v }) });
  if (key === "tags" && Array.isArray(v)) return v.map((tag) => t(`households:profile_tags.${keyOf(String(tag))}`, { defaultValue: String(tag) })).join(", ");
  if (key === "destination" && typeof v === "string") return t(`households:destinations.${keyOf(v)}`, { defaultValue: v });
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v, lang, timeZone);
  if (Array.isArray(v)) return v.map(String).join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  const text = String(v);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
