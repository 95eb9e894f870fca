// Evaluation, funder side: what a programme officer reads of the groups of a programme — the overview, each
// group's figures over time, comparisons, submitted reports, the map. Every figure passes through privacy.ts
// here, on the server, so a raw small count never reaches a loader's data, the HTML or a CSV.
import { and, asc, desc, eq, inArray, gt } from "drizzle-orm";
import { db } from "~db/client.server";
import { groups, programmeGroups, reportRevisions, reports } from "~db/schema";
import type { OfficerContext } from "~/modules/access/access.server";
import { NotFoundError } from "~/modules/access/errors";
import { programmeScopeForOfficer, scopeForOfficer, type GroupScope } from "~/modules/access/scope.server";
import { todayIn } from "~/modules/core/dates";
import {
  AGE_BANDS,
  HEADLINE_INDICATORS,
  INDICATORS,
  indicatorDef,
  isIndicatorKey,
  periodsBetween,
  type IndicatorKey,
  type Period,
  type PeriodKind,
} from "./indicators";
import { computeGroupIndicators, computeProgrammeIndicators } from "./indicators.server";
import {
  FLOW_KEYS,
  flowsGivenByStocks,
  protectGroupValues,
  protectTotal,
  SHOWN_NONE,
  trendOf,
  withholdGivenByStocks,
  type AdditiveLine,
  type Shown,
} from "./privacy";
import { DESTINATIONS } from "~db/schema/enums";

const ZONE = "Europe/Paris";

export type ProgrammeGroup = { id: string; name: string; city: string; postcode: string; kind: string };
export type Trend = "up" | "down" | "same" | null;
/** A group's shown figures for a period, or null: fewer than 5 households, narrative only. */
export type ShownValues = Record<string, Shown> | null;

// ---------------------------------------------------------------------------------------------------
// The indicator source (the group side's computation). The only place that reads raw values.

type Raw = { values: Partial<Record<IndicatorKey, number | null>>; denominators: Record<string, number | null | undefined> };

/**
 * Raw values of every group of `groupIds` for every period of `periods` (all of one kind, in order), keyed
 * groupId → periodKey, read for the whole programme at once by the group side's engine.
 */
function rawValues(officer: OfficerContext, groupIds: string[], periods: Period[], withExternal = true): Map<string, Map<string, Raw>> {
  const out = new Map<string, Map<string, Raw>>();
  if (!periods.length || !groupIds.length) return out;
  const wanted = new Set(groupIds);
  if (groupIds.length === 1) {
    // One group (its page): its own figures only, so the cost does not grow with the programme's size.
    const one = new Map<string, Raw>();
    for (const p of periods) {
      const r = computeGroupIndicators({ scope: scopeForOfficer(officer, groupIds[0]), from: p.from, to: p.to });
      one.set(p.key, { values: r.values, denominators: r.denominators });
    }
    out.set(groupIds[0], one);
    return out;
  }
  const result = computeProgrammeIndicators({
    scope: programmeScopeForOfficer(officer),
    from: periods[0].from,
    to: periods[periods.length - 1].to,
    periodKind: periods[0].kind,
    withExternal,
  });
  for (const row of result.rows) {
    if (!wanted.has(row.groupId)) continue;
    if (!out.has(row.groupId)) out.set(row.groupId, new Map());
    out.get(row.groupId)!.set(row.periodKey, { values: row.values, denominators: row.denominators });
  }
  return out;
}

/** The person counts that add up to another one (the breakdowns; decision 011 says why bands keep them safe). */
const AGE_KEYS = [...AGE_BANDS.map((b) => `persons_age_${b}`), "persons_age_unknown"];
const EXIT_KEYS = DESTINATIONS.map((d) => `exits_${d}`);
const ADDITIVE_LINES: AdditiveLine[] = [
  { total: "persons_present", parts: AGE_KEYS },
  { total: "departures", parts: EXIT_KEYS },
];

function shown(raw: Raw | undefined): ShownValues {
  if (!raw) return null;
  return protectGroupValues(INDICATORS, raw, "households_present");
}

const PERIOD_KINDS: readonly PeriodKind[] = ["month", "quarter", "year"];

/**
 * The groups of `groupIds` whose household bands, read over months, quarters and years together as an officer
 * may download them, would give their arrivals and departures away (decision 011: `flowsGivenByStocks`). `known`:
 * raw values already read for one kind (the page's own), not read again.
 */
function groupsWithFlowsGiven(officer: OfficerContext, groupIds: string[], known?: { kind: PeriodKind; raw: Map<string, Map<string, Raw>> }): Set<string> {
  const out = new Set<string>();
  if (!groupIds.length) return out;
  const kinds = PERIOD_KINDS.map((kind) => {
    const periods = completePeriods(officer, kind);
    // Households present only: the meetings', charter's and support's figures are not read for this.
    return { periods, raw: known?.kind === kind ? known.raw : rawValues(officer, groupIds, periods, false) };
  });
  for (const id of groupIds) {
    const series = kinds.map(({ periods, raw }) => ({ periods, values: periods.map((p) => shown(raw.get(id)?.get(p.key))) }));
    if (flowsGivenByStocks(series, "households_present")) out.add(id);
  }
  return out;
}

/** A group's whole series of one period kind, as shown; `withheld`: its household bands give its flows away. */
function shownSeries(raws: (Raw | undefined)[], kind: PeriodKind, withheld: boolean): ShownValues[] {
  const out = raws.map(shown);
  if (withheld) withholdGivenByStocks(out, [...FLOW_KEYS, ...EXIT_KEYS], { key: "households_present", holdsShorter: kind !== "month" });
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Groups and periods

function normalise(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

const COLLATOR = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

export function listProgrammeGroups({ officer, q, kind }: { officer: OfficerContext; q?: string; kind?: string }): ProgrammeGroup[] {
  const all = db
    .select({ id: groups.id, name: groups.name, city: groups.city, postcode: groups.postcode, kind: groups.kind })
    .from(programmeGroups)
    .innerJoin(groups, eq(groups.id, programmeGroups.groupId))
    .where(eq(programmeGroups.programmeId, officer.programme.id))
    .all()
    // In French alphabetical order (SQLite's puts « Les Érables » after « Les Violettes »).
    .sort((a, b) => COLLATOR.compare(a.name, b.name));
  const needle = q ? normalise(q.trim()) : "";
  return all.filter((g) => (!kind || g.kind === kind) && (!needle || normalise(`${g.name} ${g.city} ${g.postcode}`).includes(needle)));
}

/** A group of the officer's programme, or 404 (a group of another programme does not exist for them). */
function requireProgrammeGroup(officer: OfficerContext, groupId: string): ProgrammeGroup {
  const g = listProgrammeGroups({ officer }).find((x) => x.id === groupId);
  if (!g) throw new NotFoundError();
  return g;
}

/** The complete periods of the programme so far (the one under way is not complete), oldest first. */
export function completePeriods(officer: OfficerContext, kind: PeriodKind, today = todayIn(ZONE)): Period[] {
  const end = officer.programme.endsOn < today ? officer.programme.endsOn : today;
  return periodsBetween(kind, officer.programme.startsOn, end).filter((p) => p.to < today);
}

export function parsePeriodKind(value: string | null | undefined): PeriodKind {
  return value === "month" || value === "year" ? value : "quarter";
}

// ---------------------------------------------------------------------------------------------------
// Overview: groups × headline indicators for the latest complete period, with trends

export type OverviewRow = ProgrammeGroup & { values: ShownValues; trends: Record<string, Trend> };

export function getOverview({ officer, periodKind, q, kind }: { officer: OfficerContext; periodKind: PeriodKind; q?: string; kind?: string }) {
  const list = listProgrammeGroups({ officer, q, kind });
  const periods = completePeriods(officer, periodKind);
  const period = periods.at(-1) ?? null;
  const previous = periods.at(-2) ?? null;
  const indicators = [...HEADLINE_INDICATORS] as IndicatorKey[];
  const raw = period
    ? rawValues(
        officer,
        list.map((g) => g.id),
        previous ? [previous, period] : [period],
      )
    : new Map();
  // Households over a quarter or a year are withheld for a group whose bands give its flows away (decision 011).
  const withheld =
    period && periodKind !== "month"
      ? groupsWithFlowsGiven(
          officer,
          list.map((g) => g.id),
        )
      : new Set<string>();
  const rows: OverviewRow[] = list.map((g) => {
    const [now, before] = shownSeries(
      [raw.get(g.id)?.get(period?.key ?? ""), previous ? raw.get(g.id)?.get(previous.key) : undefined],
      periodKind,
      withheld.has(g.id),
    );
    const trends: Record<string, Trend> = {};
    for (const key of indicators) trends[key] = now && before ? trendOf(now[key], before[key]) : null;
    return { ...g, values: now, trends };
  });
  // Totals of the person counts over the groups that show figures, by bands as every count. A group with fewer
  // than 5 households is left out: its count would be the total minus the others, which every group's own page
  // shows (hiding them here would not help). So is a group whose count is withheld ("×"): the total would
  // give it back.
  const totals: Record<string, Shown> = {};
  for (const key of indicators) {
    if (!indicatorDef(key)?.personCount) continue;
    totals[key] = protectTotal(
      rows
        .filter((r) => r.values !== null && r.values[key]?.kind !== "complementary")
        .map((g) => {
          const v = raw.get(g.id)?.get(period?.key ?? "")?.values[key];
          return typeof v === "number" ? v : 0;
        }),
    );
  }
  for (const r of rows) {
    for (const key of indicators) if (r.values?.[key]?.kind !== "value") r.trends[key] = null;
    // Only the columns shown leave the server: every indicator of a hundred groups was half a megabyte of page.
    if (r.values) r.values = Object.fromEntries(indicators.map((k) => [k, r.values![k] ?? SHOWN_NONE]));
  }
  return { period, previous, periods, indicators, rows, totals };
}

// ---------------------------------------------------------------------------------------------------
// A group over time

export type SeriesPoint = { period: string; from: string; to: string; value: Shown };

/** `scope`: from scopeForOfficer (the group of this officer's programme, checked again here for its details). */
export function getGroupSeries({
  officer,
  scope,
  periodKind,
  keys,
}: {
  officer: OfficerContext;
  scope: GroupScope;
  periodKind: PeriodKind;
  keys?: IndicatorKey[];
}) {
  const group = requireProgrammeGroup(officer, scope.groupId);
  const periods = completePeriods(officer, periodKind);
  const all = rawValues(officer, [group.id], periods);
  const raw = all.get(group.id) ?? new Map<string, Raw>();
  const withheld = groupsWithFlowsGiven(officer, [group.id], { kind: periodKind, raw: all }).has(group.id);
  const values = shownSeries(
    periods.map((p) => raw.get(p.key)),
    periodKind,
    withheld,
  );
  const perPeriod = periods.map((p, i) => ({ period: p, values: values[i] }));
  const indicators = keys ?? ([...HEADLINE_INDICATORS] as IndicatorKey[]);
  const series: Record<string, SeriesPoint[]> = {};
  for (const key of indicators) {
    series[key] = perPeriod.map(({ period, values }) => ({
      period: period.key,
      from: period.from,
      to: period.to,
      value: values ? (values[key] ?? SHOWN_NONE) : SHOWN_NONE,
    }));
  }
  const latest = [...perPeriod].reverse().find((p) => p.values !== null) ?? null;
  // Breakdowns of the latest period with figures (age bands of the persons present, exits by destination),
  // from the protected values: the same cells hidden as in the series, the CSVs and the reports.
  const breakdowns = latest?.values
    ? {
        period: latest.period.key,
        ageBands: breakdown(latest.values, ADDITIVE_LINES[0]),
        exits: breakdown(latest.values, ADDITIVE_LINES[1]),
      }
    : null;
  return { group, periods, series, indicators, showsFigures: perPeriod.some((p) => p.values !== null), breakdowns };
}

function breakdown(values: Record<string, Shown>, line: AdditiveLine) {
  return { keys: [...line.parts], parts: line.parts.map((k) => values[k] ?? SHOWN_NONE), total: values[line.total] ?? SHOWN_NONE, totalKey: line.total };
}

// ---------------------------------------------------------------------------------------------------
// Comparison of 2–6 groups on a set of indicators, over time

export const MAX_COMPARED = 6;

export function getComparison({
  officer,
  groupIds,
  keys,
  periodKind,
}: {
  officer: OfficerContext;
  groupIds: string[];
  keys: string[];
  periodKind: PeriodKind;
}) {
  const all = listProgrammeGroups({ officer });
  const chosen = all.filter((g) => groupIds.includes(g.id)).slice(0, MAX_COMPARED);
  const indicators = keys.filter(isIndicatorKey).slice(0, 8) as IndicatorKey[];
  const periods = completePeriods(officer, periodKind);
  const raw =
    chosen.length >= 2
      ? rawValues(
          officer,
          chosen.map((g) => g.id),
          periods,
        )
      : new Map<string, Map<string, Raw>>();
  const withheld =
    chosen.length >= 2
      ? groupsWithFlowsGiven(
          officer,
          chosen.map((g) => g.id),
          { kind: periodKind, raw },
        )
      : new Set<string>();
  const byGroup = chosen.map((g) => ({
    group: g,
    values: shownSeries(
      periods.map((p) => raw.get(g.id)?.get(p.key)),
      periodKind,
      withheld.has(g.id),
    ),
  }));
  return { all, chosen, indicators, periods, byGroup, ready: chosen.length >= 2 && indicators.length >= 1 };
}

// ---------------------------------------------------------------------------------------------------
// Submitted reports (read-only here: the group side writes them). Only the narrative written for the
// funder and the frozen figures, through privacy — never who submitted it by name.

export function listGroupReports({ officer, scope }: { officer: OfficerContext; scope: GroupScope }) {
  const groupId = requireProgrammeGroup(officer, scope.groupId).id;
  const list = db
    .select({
      id: reports.id,
      periodKind: reports.periodKind,
      periodKey: reports.periodKey,
      periodFrom: reports.periodFrom,
      periodTo: reports.periodTo,
      currentRevision: reports.currentRevision,
    })
    .from(reports)
    .where(and(eq(reports.groupId, groupId), gt(reports.currentRevision, 0)))
    .orderBy(desc(reports.periodFrom))
    .all();
  const ids = list.map((r) => r.id);
  const revisions = ids.length
    ? db
        .select({
          reportId: reportRevisions.reportId,
          revision: reportRevisions.revision,
          submittedAt: reportRevisions.submittedAt,
          correctionNote: reportRevisions.correctionNote,
        })
        .from(reportRevisions)
        .where(and(eq(reportRevisions.groupId, groupId), inArray(reportRevisions.reportId, ids)))
        .orderBy(asc(reportRevisions.revision))
        .all()
    : [];
  return list.map((r) => ({
    ...r,
    revisions: revisions.filter((v) => v.reportId === r.id).map(({ reportId: _r, ...v }) => ({ ...v, submittedAt: v.submittedAt.getTime() })),
  }));
}

export function getReport({ officer, reportId, revision }: { officer: OfficerContext; reportId: string; revision?: number }) {
  const report = db.select().from(reports).where(eq(reports.id, reportId)).get();
  if (!report || report.currentRevision < 1) throw new NotFoundError();
  const group = requireProgrammeGroup(officer, report.groupId);
  const wanted = revision ?? report.currentRevision;
  const rev = db
    .select()
    .from(reportRevisions)
    .where(and(eq(reportRevisions.reportId, report.id), eq(reportRevisions.groupId, report.groupId), eq(reportRevisions.revision, wanted)))
    .get();
  if (!rev) throw new NotFoundError();
  const revisions = db
    .select({ revision: reportRevisions.revision, submittedAt: reportRevisions.submittedAt })
    .from(reportRevisions)
    .where(eq(reportRevisions.reportId, report.id))
    .orderBy(asc(reportRevisions.revision))
    .all()
    .map((r) => ({ revision: r.revision, submittedAt: r.submittedAt.getTime() }));
  const snap = readSnapshot(rev.snapshot);
  // The report's period belongs to the series the officer also reads: what they withhold, its frozen figures
  // withhold too (a report frozen before a correction is not modelled: decision 011).
  const [values] = shownSeries([snap ?? undefined], report.periodKind, snap ? groupsWithFlowsGiven(officer, [group.id]).has(group.id) : false);
  return {
    group,
    report: {
      id: report.id,
      periodKind: report.periodKind,
      periodKey: report.periodKey,
      periodFrom: report.periodFrom,
      periodTo: report.periodTo,
      currentRevision: report.currentRevision,
    },
    revision: {
      revision: rev.revision,
      submittedAt: rev.submittedAt.getTime(),
      highlights: rev.highlights,
      difficulties: rev.difficulties,
      // A story is for the funder only when the persons in it agreed.
      story: rev.storyConsent ? rev.story : "",
      correctionNote: rev.correctionNote,
    },
    revisions,
    values,
    hasFigures: values !== null,
  };
}

/** A snapshot holds computeGroupIndicators' result; older shapes nest it. Anything else: no figures. */
function readSnapshot(snapshot: Record<string, unknown>): Raw | null {
  const s = (snapshot?.indicators && typeof snapshot.indicators === "object" ? snapshot.indicators : snapshot) as Record<string, unknown>;
  if (!s || typeof s.values !== "object" || s.values === null) return null;
  return { values: s.values as Raw["values"], denominators: (s.denominators ?? {}) as Raw["denominators"] };
}

// ---------------------------------------------------------------------------------------------------
// Map: groups at city level

export function getMapGroups({ officer }: { officer: OfficerContext }) {
  const rows = db
    .select({
      id: groups.id,
      name: groups.name,
      city: groups.city,
      postcode: groups.postcode,
      kind: groups.kind,
      latitude: groups.latitude,
      longitude: groups.longitude,
    })
    .from(programmeGroups)
    .innerJoin(groups, eq(groups.id, programmeGroups.groupId))
    .where(eq(programmeGroups.programmeId, officer.programme.id))
    .orderBy(asc(groups.name))
    .all();
  // Two decimals (about a kilometre): the town, not the building.
  const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  return rows.map((g) => ({ ...g, latitude: round(g.latitude), longitude: round(g.longitude) }));
}
