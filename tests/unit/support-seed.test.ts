// The support demo: two support workers (the lead in two groups), about two years of follow-up in Villa
// Passerelle, a few households in Les Tilleuls with a referral, exits with their checks; twice is once.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "~db/client.server";
import * as schema from "~db/schema";
import { seedDemo } from "~db/seed";
import { seedSupportDemo } from "~db/seed-support";

const file = path.join(os.tmpdir(), `maisonnee-seed-support-${process.pid}-${Date.now()}.db`);
afterAll(() => {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
});

describe("support demo", () => {
  it("seeds the support workers, Villa Passerelle's two years and Les Tilleuls' few households", async () => {
    const db = openDb(file);
    await seedDemo(db);
    seedSupportDemo(db);
    const group = (name: string) => db.select().from(schema.groups).where(eq(schema.groups.name, name)).get()!;
    const passerelle = group("Villa Passerelle");
    const tilleuls = group("Les Tilleuls");
    const count = (table: string, groupId: string) =>
      (db.$client.prepare(`select count(*) as n from ${table} where group_id = ?`).get(groupId) as { n: number }).n;

    const lead = db.$client
      .prepare("select m.group_id, m.role, m.support_lead from memberships m join users u on u.id = m.user_id where u.email = ? order by m.group_id")
      .all("accompagnante@demo.maisonnee.fr") as { group_id: string; role: string; support_lead: number }[];
    expect(lead.map((m) => m.group_id).sort()).toEqual([passerelle.id, tilleuls.id].sort());
    expect(lead.every((m) => m.role === "support_worker" && m.support_lead === 1)).toBe(true);

    const actions = count("support_actions", passerelle.id);
    expect(actions).toBeGreaterThan(250);
    expect(actions).toBeLessThan(350);
    const households = count("households", passerelle.id);
    const followed = (
      db.$client.prepare("select count(distinct household_id) as n from support_episodes where group_id = ?").get(passerelle.id) as { n: number }
    ).n;
    expect(followed / households).toBeGreaterThan(0.75);
    expect(count("support_referrals", passerelle.id)).toBeGreaterThan(10);
    expect(count("support_exit_checks", passerelle.id)).toBeGreaterThanOrEqual(4);

    const tilleulsFollowed = (
      db.$client.prepare("select count(distinct household_id) as n from support_episodes where group_id = ?").get(tilleuls.id) as { n: number }
    ).n;
    expect(tilleulsFollowed).toBeGreaterThanOrEqual(3);
    expect(tilleulsFollowed).toBeLessThanOrEqual(4);
    expect(count("support_referrals", tilleuls.id)).toBeGreaterThanOrEqual(1);

    // Nothing dated after today; at most one open episode per household.
    const future = db.$client.prepare("select count(*) as n from support_actions where date > date('now', '+1 day')").get() as { n: number };
    expect(future.n).toBe(0);
    const total = db
      .select({ n: sql<number>`count(*)` })
      .from(schema.supportActions)
      .get()!.n;
    seedSupportDemo(db);
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(schema.supportActions)
        .get()!.n,
    ).toBe(total);
  });
});
