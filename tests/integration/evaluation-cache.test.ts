// The programme overview is computed with a few grouped queries, and the other capabilities' figures are
// kept per group and period until the group changes (indicator_cache).
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import * as schema from "~db/schema";
import { seedDemo } from "~db/seed";
import { recordAudit } from "~/modules/audit/audit.server";
import { computeGroupIndicators, computeProgrammeIndicators } from "~/modules/evaluation/indicators.server";

describe("programme indicators on the demo", () => {
  it("match the group page, with and without the kept figures; a change in the group recomputes them", async () => {
    await seedDemo(db);
    const programme = db.select().from(schema.programmes).get()!;
    const args = { programmeId: programme.id, from: "2025-01-01", to: "2026-12-31", periodKind: "quarter" as const };
    // Speed is measured in bench/evaluation.ts; here, that the kept figures are the same as fresh ones.
    const cold = computeProgrammeIndicators(args);
    const warm = computeProgrammeIndicators(args);
    expect(warm.rows).toEqual(cold.rows);
    const tilleuls = db.select().from(schema.groups).where(eq(schema.groups.name, "Les Tilleuls")).get()!;
    for (const row of cold.rows.filter((r) => r.groupId === tilleuls.id)) {
      expect(row.values, row.periodKey).toEqual(computeGroupIndicators({ groupId: tilleuls.id, from: row.from, to: row.to }).values);
    }
    // The demo has meetings, a charter and (in Villa Passerelle) support: their indicators are there.
    expect(cold.rows.some((r) => r.values.meetings_held != null)).toBe(true);
    expect(cold.rows.some((r) => r.values.charter_households_signed_share != null)).toBe(true);
    // A change recorded in the group after the figures were kept: they are computed again.
    const before = db.select().from(schema.indicatorCache).where(eq(schema.indicatorCache.groupId, tilleuls.id)).all();
    expect(before.length).toBe(8);
    await new Promise((r) => setTimeout(r, 5));
    db.transaction((tx) => recordAudit(tx, { groupId: tilleuls.id, userId: null, action: "update", entity: "test", entityId: null }));
    computeProgrammeIndicators(args);
    const after = db.select().from(schema.indicatorCache).where(eq(schema.indicatorCache.groupId, tilleuls.id)).all();
    expect(Math.min(...after.map((r) => r.computedAt))).toBeGreaterThan(Math.max(...before.map((r) => r.computedAt)));
  });
});
