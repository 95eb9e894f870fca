// CSV exports of the programme pages' tables, through the same privacy rules as the pages, and the export log:
// every download is recorded (who, programme, what, filters, when) before the file leaves.
// Files are written by `core/csv` (Excel's format, no live formula); in French, decimal commas (Excel fr reads
// "12.5" as text); in English, decimal points.
import { desc, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { exportLog, reports } from "~db/schema";
import type { OfficerContext } from "~/modules/access/access.server";
import { NotFoundError } from "~/modules/access/errors";
import { scopeForOfficer } from "~/modules/access/scope.server";
import { toCsv } from "~/modules/core/csv";
import { formatDateTime, formatPeriod } from "~/modules/core/dates";
import type { Lang } from "~/modules/i18n/config";
import { indicatorDef, type IndicatorKey } from "./indicators";
import { getComparison, getGroupSeries, getOverview, getReport, listProgrammeGroups, parsePeriodKind } from "./officer.server";
import { INDICATORS } from "./indicators";
import type { Shown } from "./privacy";

type T = (key: string, options?: Record<string, unknown>) => string;

export type CsvFile = { filename: string; body: string; rowCount: number; filters: Record<string, string | string[]> };

function csvCell(key: string, s: Shown | undefined, lang: Lang, t: T): string | number {
  if (!s) return "";
  // A band of a person count ("10 à 14"), as on the page: the file holds no more than the page (decision 011).
  if (s.kind === "band") return t("evaluation:officer.shown.range", { from: s.from, to: s.to });
  if (s.kind === "value") {
    const unit = indicatorDef(key)?.unit;
    // Ratios become percentages (the header says "%").
    const n = unit === "percent" ? Math.round(s.value * 1000) / 10 : Math.round(s.value * 100) / 100;
    return lang === "fr" ? String(n).replace(".", ",") : n;
  }
  return s.kind === "small" ? "< 5" : s.kind === "complementary" ? "×" : "";
}

function header(key: string, t: T): string {
  const unit = indicatorDef(key)?.unit;
  const name = t(`evaluation:glossary.${key}.name`);
  return unit === "percent" ? `${name} (%)` : unit === "euros" ? `${name} (€)` : name;
}

/** Builds the CSV of a table for the query of the page it comes from. 404 for an unknown table or an id outside the programme. */
export function buildExport({ officer, table, query, lang, t }: { officer: OfficerContext; table: string; query: URLSearchParams; lang: Lang; t: T }): CsvFile {
  const periodKind = parsePeriodKind(query.get("period"));
  const note = t("evaluation:officer.csv.note");
  switch (table) {
    case "overview": {
      const q = query.get("q") ?? "";
      const kind = query.get("kind") ?? "";
      const o = getOverview({ officer, periodKind, q, kind });
      const rows: (string | number)[][] = [
        [
          t("evaluation:officer.csv.group"),
          t("evaluation:officer.csv.city"),
          t("evaluation:officer.csv.kind"),
          t("evaluation:officer.period"),
          ...o.indicators.map((k) => header(k, t)),
        ],
      ];
      for (const r of o.rows) {
        rows.push([
          r.name,
          r.city,
          t(`common:group_kinds.${r.kind}`),
          o.period?.key ?? "",
          ...o.indicators.map((k) => (r.values ? csvCell(k, r.values[k], lang, t) : t("evaluation:officer.narrative_only_short"))),
        ]);
      }
      rows.push([t("evaluation:officer.total"), "", "", o.period?.key ?? "", ...o.indicators.map((k) => csvCell(k, o.totals[k], lang, t))]);
      rows.push([note]);
      return {
        filename: `vue-ensemble-${o.period?.key ?? "aucune-periode"}.csv`,
        body: toCsv(rows, lang),
        rowCount: o.rows.length,
        filters: { period: periodKind, q, kind },
      };
    }
    case "group": {
      const groupId = query.get("group") ?? "";
      const all = query.get("all") === "1";
      const keys = all ? (INDICATORS.map((i) => i.key) as IndicatorKey[]) : undefined;
      const s = getGroupSeries({ officer, scope: scopeForOfficer(officer, groupId), periodKind, keys });
      const rows: (string | number)[][] = [[t("evaluation:officer.period"), ...s.indicators.map((k) => header(k, t))]];
      s.periods.forEach((p, i) => rows.push([p.key, ...s.indicators.map((k) => csvCell(k, s.series[k][i]?.value, lang, t))]));
      if (!s.showsFigures) rows.push([t("evaluation:officer.narrative_only")]);
      rows.push([note]);
      return {
        filename: `${slug(s.group.name)}-${periodKind}.csv`,
        body: toCsv(rows, lang),
        rowCount: s.periods.length,
        filters: { period: periodKind, group: groupId, ...(all ? { all: "1" } : {}) },
      };
    }
    case "compare": {
      const groupIds = query.getAll("groups");
      const keys = query.getAll("indicators");
      const c = getComparison({ officer, groupIds, keys, periodKind });
      if (!c.ready) throw new NotFoundError();
      const rows: (string | number)[][] = [[t("evaluation:officer.csv.group"), t("evaluation:officer.period"), ...c.indicators.map((k) => header(k, t))]];
      for (const g of c.byGroup) {
        c.periods.forEach((p, i) => rows.push([g.group.name, p.key, ...c.indicators.map((k) => (g.values[i] ? csvCell(k, g.values[i]![k], lang, t) : ""))]));
      }
      rows.push([note]);
      return {
        filename: `comparaison-${periodKind}.csv`,
        body: toCsv(rows, lang),
        rowCount: rows.length - 2,
        filters: { period: periodKind, groups: c.chosen.map((g) => g.id), indicators: c.indicators },
      };
    }
    case "report": {
      const reportId = query.get("report") ?? "";
      const revision = Number(query.get("revision")) || undefined;
      const r = getReport({ officer, reportId, revision });
      const rows: (string | number)[][] = [[t("evaluation:officer.csv.indicator"), t("evaluation:officer.csv.value")]];
      if (r.values) for (const def of INDICATORS) rows.push([header(def.key, t), csvCell(def.key, r.values[def.key], lang, t)]);
      else rows.push([t("evaluation:officer.narrative_only")]);
      rows.push([note]);
      return {
        filename: `${slug(r.group.name)}-rapport-${r.report.periodKey}-v${r.revision.revision}.csv`,
        body: toCsv(rows, lang),
        rowCount: rows.length - 2,
        filters: { report: reportId, revision: String(r.revision.revision) },
      };
    }
    case "groups": {
      const list = listProgrammeGroups({ officer });
      const rows: (string | number)[][] = [
        [t("evaluation:officer.csv.group"), t("evaluation:officer.csv.city"), t("evaluation:officer.csv.postcode"), t("evaluation:officer.csv.kind")],
      ];
      for (const g of list) rows.push([g.name, g.city, g.postcode, t(`common:group_kinds.${g.kind}`)]);
      return { filename: "collectifs.csv", body: toCsv(rows, lang), rowCount: list.length, filters: {} };
    }
    case "exports": {
      const log = listExportLog({ officer });
      const rows: (string | number)[][] = [
        [
          t("evaluation:officer.exports.when"),
          t("evaluation:officer.exports.who"),
          t("evaluation:officer.exports.what"),
          t("evaluation:officer.exports.filters"),
          t("evaluation:officer.exports.rows"),
        ],
      ];
      // As the page shows them: the date in French, the table by its name.
      for (const e of log)
        rows.push([
          formatDateTime(e.at, lang, "Europe/Paris"),
          e.who,
          t(`evaluation:officer.exports.tables.${e.what}`, { defaultValue: e.what }),
          formatFilters(e.filters, { officer, t, lang }),
          e.rowCount,
        ]);
      return { filename: "journal-exports.csv", body: toCsv(rows, lang), rowCount: log.length, filters: {} };
    }
    default:
      throw new NotFoundError();
  }
}

function slug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * An export's filters as the journal shows them: « Période : trimestre · Collectifs : Les Tilleuls, Villa Passerelle »,
 * the groups and reports by their names, the indicators by theirs (the log stores ids and keys).
 */
export function formatFilters(filters: Record<string, string | string[]>, { officer, t, lang }: { officer: OfficerContext; t: T; lang: Lang }): string {
  const groupNames = new Map(listProgrammeGroups({ officer }).map((g) => [g.id, g.name]));
  const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filters)) {
    const values = list(value).filter((v) => v !== "");
    if (!values.length) continue;
    const label = t(`evaluation:officer.exports.filter_names.${key}`, { defaultValue: key });
    let shown: string;
    if (key === "period") shown = values.map((v) => t(`evaluation:officer.period_kind.${v}`, { defaultValue: v }).toLowerCase()).join(", ");
    else if (key === "group" || key === "groups") shown = values.map((v) => groupNames.get(v) ?? "—").join(", ");
    else if (key === "kind") shown = values.map((v) => t(`common:group_kinds.${v}`, { defaultValue: v })).join(", ");
    else if (key === "indicators") shown = values.map((v) => t(`evaluation:glossary.${v}.name`, { defaultValue: v })).join(", ");
    else if (key === "all") {
      parts.push(t("evaluation:officer.exports.filter_all"));
      continue;
    } else if (key === "report") {
      const r = db.select({ groupId: reports.groupId, periodKey: reports.periodKey }).from(reports).where(eq(reports.id, values[0])).get();
      shown = r ? `${groupNames.get(r.groupId) ?? "—"}, ${formatPeriod(r.periodKey, lang)}` : "—";
    } else shown = values.join(", ");
    parts.push(`${label}${lang === "fr" ? "\u00a0: " : ": "}${shown}`);
  }
  return parts.join(" · ");
}

/**
 * Records a download. Written before the file is sent: an export that is not logged does not leave. The exporter's
 * name is kept as it is now: the log is a record of what happened, and must not change when they rename themselves.
 */
export function logExport({
  officer,
  what,
  filters,
  rowCount,
}: {
  officer: OfficerContext;
  what: string;
  filters: Record<string, string | string[]>;
  rowCount: number;
}) {
  db.insert(exportLog).values({ programmeId: officer.programme.id, userId: officer.userId, userName: officer.user.name, what, filters, rowCount }).run();
}

export function listExportLog({ officer, limit = 200 }: { officer: OfficerContext; limit?: number }) {
  return db
    .select({ id: exportLog.id, what: exportLog.what, filters: exportLog.filters, rowCount: exportLog.rowCount, at: exportLog.at, who: exportLog.userName })
    .from(exportLog)
    .where(eq(exportLog.programmeId, officer.programme.id))
    .orderBy(desc(exportLog.at))
    .limit(limit)
    .all()
    .map((e) => ({ ...e, at: e.at.getTime(), who: e.who || "—" }));
}
