// The indicators, computed from the life recorded in the app. One engine computes any set of groups × any
// set of periods with a handful of grouped queries (households, events, exchanges, bookings, surveys,
// funding, last activity), so a programme overview of 12 groups × 36 months stays a few queries; the
// group page calls the same engine for one group and one period, so both always show the same figures.
// Values are RAW (never suppressed: privacy.ts does that for officers); null means "no data". The reads are in
// indicator-facts.server.ts, the maths in indicator-values.server.ts; here, the two entry points and what they keep.
import { db, type Db } from "~db/client.server";
import { groupDataVersions } from "~/modules/core/data-versions.server";
import { NotFoundError } from "~/modules/access/errors";
import { requireScopePermission, scopeForJob, type GroupScoped, type ProgrammeScope } from "~/modules/access/scope.server";
import { todayIn } from "~/modules/core/dates";
import { periodsBetween, type IndicatorKey, type PeriodKind } from "./indicators";
import { externalFigures } from "./external.server";
import { DAY, loadGroups, placeholders, type GroupRow, type Range } from "./indicator-shared.server";
import { loadFacts } from "./indicator-facts.server";
import { computeOne, type ExternalValues } from "./indicator-values.server";

export type CompletenessStatus = "ok" | "no_data" | "partial";
export type GroupIndicators = {
  groupId: string;
  from: string;
  to: string;
  values: Record<IndicatorKey, number | null>;
  /** How many people / rows / hours a percent or a mean is computed on (keys named by denominatorKey). */
  denominators: Record<string, number>;
  completeness: { key: IndicatorKey; status: CompletenessStatus }[];
  /** The group's last recorded change (audit trail), ISO string, or null. */
  lastActivityAt: string | null;
};

// The other capabilities' figures, kept per group and period (indicator_cache): valid on the same day while
// the group's audit trail has nothing newer. Their figure functions cost a few ms each; a programme overview
// would call them for every group × period.
type CacheRow = { periodFrom: string; periodTo: string; today: string; data: ExternalValues; computedAt: number };
function loadCache(groupIds: string[], only?: { from: string; to: string }): Map<string, CacheRow> {
  const rows = db.$client
    .prepare(
      `select group_id as groupId, period_from as periodFrom, period_to as periodTo, today, data, computed_at as computedAt from indicator_cache
       where group_id in (${placeholders(groupIds.length)})${only ? " and period_from = ? and period_to = ?" : ""}`,
    )
    .all(...groupIds, ...(only ? [only.from, only.to] : [])) as (Omit<CacheRow, "data"> & { groupId: string; data: string })[];
  return new Map(rows.map((r) => [`${r.groupId}|${r.periodFrom}|${r.periodTo}`, { ...r, data: JSON.parse(r.data) as ExternalValues }]));
}
function saveCache(rows: (CacheRow & { groupId: string })[]) {
  const stmt = db.$client.prepare(
    `insert into indicator_cache (group_id, period_from, period_to, today, data, computed_at) values (?, ?, ?, ?, ?, ?)
     on conflict (group_id, period_from, period_to) do update set today = excluded.today, data = excluded.data, computed_at = excluded.computed_at`,
  );
  db.$client.transaction(() => {
    for (const r of rows) stmt.run(r.groupId, r.periodFrom, r.periodTo, r.today, JSON.stringify(r.data), r.computedAt);
  })();
}

/**
 * The indicators of one group over [from, to] (calendar dates, inclusive, in the group's zone). Raw numbers,
 * not suppressed; null = no data. Taken by a scope (a member's context, an officer's programme group, a job):
 * the group was checked where the scope was made; a member needs `report:write`.
 */
export function computeGroupIndicators({
  scope,
  from,
  to,
  now = Date.now(),
  database = db,
}: {
  scope: GroupScoped;
  from: string;
  to: string;
  now?: number;
  /** Another connection (the demo seed on a fresh file): the other modules' figures read the app's connection, so they are left out. */
  database?: Db;
}): GroupIndicators {
  // Raw figures: a member needs report:write (the evaluation pages); an officer's page protects them after.
  requireScopePermission(scope, "report:write");
  const groupId = scope.groupId;
  const [group] = loadGroups(database.$client, [groupId]);
  if (!group) throw new NotFoundError();
  const range = { key: `${from}..${to}`, from, to };
  const facts = loadFacts(database.$client, [group], [range], now);
  let external: ExternalValues | null = null;
  if (database === db) {
    const today = todayIn(group.timeZone, now);
    const hit = loadCache([groupId], { from, to }).get(`${groupId}|${from}|${to}`);
    if (hit && hit.today === today && hit.computedAt > (facts.lastActivity.get(groupId) ?? 0)) external = hit.data;
    else {
      // Checked above; the other modules' figures are read for the engine (support gives counts only), not for the member.
      external = externalFigures({ scope: scopeForJob(groupId), from, to, today });
      saveCache([{ groupId, periodFrom: from, periodTo: to, today, data: external, computedAt: now }]);
    }
  }
  return computeOne(facts, group, range, now, external);
}

type ProgrammeIndicatorRow = GroupIndicators & { periodKey: string };
type ProgrammeIndicators = {
  programmeId: string;
  from: string;
  to: string;
  periodKind: PeriodKind;
  groupIds: string[];
  periods: { key: string; from: string; to: string }[];
  /** One row per group × period (groups in the programme's order by name, periods in time order). */
  rows: ProgrammeIndicatorRow[];
};

/**
 * Every group of a programme × every period of `periodKind` touching [from, to], with the same engine as the
 * group page (a few grouped queries over all groups at once). Raw numbers: the officer side suppresses.
 * Taken by a programme scope (access/scope.server: an officer of the programme's funder, or a job); unknown
 * programme → 404.
 */
export function computeProgrammeIndicators({
  scope,
  from,
  to,
  periodKind,
  now = Date.now(),
  withExternal = true,
}: {
  scope: ProgrammeScope;
  from: string;
  to: string;
  periodKind: PeriodKind;
  now?: number;
  /** Meetings, charter and support figures come from their modules, one call per group × period; false leaves them out (null). */
  withExternal?: boolean;
}): ProgrammeIndicators {
  const { programmeId } = scope;
  const programme = db.$client.prepare(`select id from programmes where id = ?`).get(programmeId);
  if (!programme) throw new NotFoundError();
  const groupIds = (
    db.$client
      .prepare(`select g.id from programme_groups pg join groups g on g.id = pg.group_id where pg.programme_id = ? order by g.name`)
      .all(programmeId) as { id: string }[]
  ).map((r) => r.id);
  const periods = periodsBetween(periodKind, from, to).map((p) => ({ key: p.key, from: p.from, to: p.to }));
  const groupsList = loadGroups(db.$client, groupIds);
  const byId = new Map(groupsList.map((g) => [g.id, g]));
  const rows: ProgrammeIndicatorRow[] = [];
  if (groupsList.length && periods.length) {
    // Complete periods of a group whose data has not changed are taken from memory; the others computed.
    const versions = groupDataVersions(groupIds);
    const kept = new Map<string, GroupIndicators>();
    const stale: GroupRow[] = [];
    for (const id of groupIds) {
      const group = byId.get(id)!;
      const today = todayIn(group.timeZone, now);
      let all = true;
      for (const p of periods) {
        const row = p.to < today ? keptRows.get(id, p, withExternal, versions.get(id)!, today, now) : null;
        if (row) kept.set(`${id}|${p.key}`, row);
        else all = false;
      }
      if (!all) stale.push(group);
    }
    const facts = stale.length ? loadFacts(db.$client, stale, periods, now) : null;
    const cache = withExternal && stale.length ? loadCache(stale.map((g) => g.id)) : new Map<string, CacheRow>();
    const fresh: (CacheRow & { groupId: string })[] = [];
    for (const id of groupIds) {
      const group = byId.get(id)!;
      const today = todayIn(group.timeZone, now);
      for (const p of periods) {
        const hit = kept.get(`${id}|${p.key}`);
        if (hit) {
          rows.push({ ...hit, periodKey: p.key });
          continue;
        }
        let ext: ExternalValues | null = null;
        if (withExternal) {
          const last = facts!.lastActivity.get(id) ?? 0;
          const extHit = cache.get(`${id}|${p.from}|${p.to}`);
          if (extHit && extHit.today === today && extHit.computedAt > last) ext = extHit.data;
          else {
            // A group of this programme (read above from programme_groups), for a caller that authorised the programme.
            ext = externalFigures({ scope: scopeForJob(id), from: p.from, to: p.to, today });
            fresh.push({ groupId: id, periodFrom: p.from, periodTo: p.to, today, data: ext, computedAt: now });
          }
        }
        const row = computeOne(facts!, group, p, now, ext);
        if (p.to < today) keptRows.set(id, p, withExternal, versions.get(id)!, today, row);
        rows.push({ ...row, periodKey: p.key });
      }
    }
    if (fresh.length) saveCache(fresh);
  }
  return { programmeId, from, to, periodKind, groupIds, periods, rows };
}

// A programme of a hundred groups took a second and more to compute (bench/run.ts, seed:large) and every
// overview, comparison and export asks again. A complete period's figures only change when the group's data
// does (or, for the days since the last activity, with time, which is recomputed on the way out), so they are
// kept in memory against the group's change counter, per process, at most KEPT_ROWS of them.
const KEPT_ROWS = 50_000;
function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object") {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
type KeptRow = { version: number; today: string; row: GroupIndicators };
const keptRows = {
  entries: new Map<string, KeptRow>(),
  key: (groupId: string, p: Range, withExternal: boolean) => `${groupId}|${p.from}|${p.to}|${withExternal ? 1 : 0}`,
  get(groupId: string, p: Range, withExternal: boolean, version: number, today: string, now: number): GroupIndicators | null {
    const e = this.entries.get(this.key(groupId, p, withExternal));
    if (!e || e.version !== version || e.today !== today) return null;
    const last = e.row.lastActivityAt == null ? null : Date.parse(e.row.lastActivityAt);
    // The kept row is frozen (a caller changing it would throw); only its values are copied, to set the days.
    return { ...e.row, values: { ...e.row.values, days_since_last_activity: last == null ? null : Math.max(0, Math.floor((now - last) / DAY)) } };
  },
  set(groupId: string, p: Range, withExternal: boolean, version: number, today: string, row: GroupIndicators) {
    if (this.entries.size >= KEPT_ROWS) this.entries.delete(this.entries.keys().next().value!);
    // A frozen copy: the caller's rows are its own to change.
    this.entries.set(this.key(groupId, p, withExternal), { version, today, row: deepFreeze(structuredClone(row)) });
  },
};
