// The programme overview is computed with a few grouped queries, and the other capabilities' figures are
// kept per group and period until the group changes (indicator_cache).
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import * as schema from "~db/schema";
import { seedDemo } from "~db/seed";
import { recordAudit } from "~/modules/audit/audit.server";
import { computeGroupIndicators, computeProgrammeIndicators } from "~/modules/evaluation/indicators.server";
import { programmeScopeForJob, scopeForJob } from "~/modules/access/scope.server";

describe("programme indicators on the demo", () => {
  it("match the group page, with and without the kept figures; a change in the group recomputes them", async () => {
    await seedDemo(db);
    const programme = db.select().from(schema.programmes).get()!;
    const args = { scope: programmeScopeForJob(programme.id), from: "2025-01-01", to: "2026-12-31", periodKind: "quarter" as const };
    // Speed is measured in bench/evaluation.ts; here, that the kept figures are the same as fresh ones.
    const cold = computeProgrammeIndicators(args);
    const warm = computeProgrammeIndicators(args);
    expect(warm.rows).toEqual(cold.rows);
    const tilleuls = db.select().from(schema.groups).where(eq(schema.groups.name, "Les Tilleuls")).get()!;
    for (const row of cold.rows.filter((r) => r.groupId === tilleuls.id)) {
      expect(row.values, row.periodKey).toEqual(computeGroupIndicators({ scope: scopeForJob(tilleuls.id), from: row.from, to: row.to }).values);
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

  it("keeps a complete period's figures only while the group's data is unchanged", () => {
    const programme = db.select().from(schema.programmes).get()!;
    const args = { scope: programmeScopeForJob(programme.id), from: "2025-01-01", to: "2025-12-31", periodKind: "quarter" as const };
    const first = computeProgrammeIndicators(args);
    expect(computeProgrammeIndicators(args).rows).toEqual(first.rows);
    const [tilleuls, other] = ["Les Tilleuls", "Villa Passerelle"].map((name) => db.select().from(schema.groups).where(eq(schema.groups.name, name)).get()!);
    const q4 = (rows: typeof first.rows, groupId: string) => rows.find((r) => r.groupId === groupId && r.periodKey === "2025-Q4")!;
    // A household recorded today as having lived there since 2025: the past quarter's count moves at once.
    db.insert(schema.households).values({ groupId: tilleuls.id, name: "Foyer arrivé en 2025", dwelling: "B12", arrivalDate: "2025-06-01" }).run();
    const after = computeProgrammeIndicators(args);
    expect(q4(after.rows, tilleuls.id).values.households_present).toBe((q4(first.rows, tilleuls.id).values.households_present ?? 0) + 1);
    expect(q4(after.rows, other.id)).toEqual(q4(first.rows, other.id));
    // Kept figures still count the days since the last activity from now.
    const later = computeProgrammeIndicators({ ...args, now: Date.now() + 3 * 24 * 60 * 60 * 1000 });
    const days = q4(after.rows, tilleuls.id).values.days_since_last_activity;
    expect(days).not.toBeNull();
    expect(q4(later.rows, tilleuls.id).values.days_since_last_activity).toBe(days! + 3);
  });
});
