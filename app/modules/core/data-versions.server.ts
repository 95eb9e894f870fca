// The change counters (data_versions, bumped by triggers in the same transaction as every change, decision 010)
// read for results kept in memory: a result computed after reading a version is valid while the version holds.
import { db } from "~db/client.server";

/** Per group: the sum of its own counter and the programme-wide one ('*'), 0 when nothing was ever written. */
export function groupDataVersions(groupIds: string[]): Map<string, number> {
  const out = new Map<string, number>(groupIds.map((id) => [id, 0]));
  if (!groupIds.length) return out;
  const rows = db.$client
    .prepare(`select scope, version from data_versions where scope = '*' or scope in (${groupIds.map(() => "?").join(",")})`)
    .all(...groupIds.map((id) => `g:${id}`)) as { scope: string; version: number }[];
  const everywhere = rows.find((r) => r.scope === "*")?.version ?? 0;
  for (const id of groupIds) out.set(id, everywhere);
  for (const r of rows) if (r.scope !== "*") out.set(r.scope.slice(2), (out.get(r.scope.slice(2)) ?? 0) + r.version);
  return out;
}
