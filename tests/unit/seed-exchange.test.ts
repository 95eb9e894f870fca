import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "~db/client.server";
import * as schema from "~db/schema";
import { seedDemo } from "~db/seed";
import { seedExchangeDemo } from "~db/seed-exchange";
import { HISTORY_TO } from "~db/seed-history";

const file = path.join(os.tmpdir(), `maisonnee-seed-exchange-${process.pid}-${Date.now()}.db`);
afterAll(() => {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
});

describe("exchange demo", () => {
  it("seeds posts and exchanges in Les Tilleuls, balances summing to zero, the resident party to the first exchange; twice is once", async () => {
    const db = openDb(file);
    await seedDemo(db);
    seedExchangeDemo(db);
    seedExchangeDemo(db);
    const tilleuls = db.select().from(schema.groups).where(eq(schema.groups.name, "Les Tilleuls")).get()!;
    // This demo's rows are the recent ones: db/seed-history.ts adds the two years before (checked in tests/integration/seed-history.test.ts).
    const recent = new Date(Date.parse(`${HISTORY_TO}T23:59:59Z`));
    const posts = db
      .select()
      .from(schema.exchangePosts)
      .where(and(eq(schema.exchangePosts.groupId, tilleuls.id), gt(schema.exchangePosts.createdAt, recent)))
      .all();
    expect(posts).toHaveLength(6);
    const done = db
      .select()
      .from(schema.exchanges)
      .where(and(eq(schema.exchanges.groupId, tilleuls.id), eq(schema.exchanges.status, "done"), gt(schema.exchanges.createdAt, recent)))
      .all();
    expect(done).toHaveLength(3);
    const allDone = db
      .select({ n: sql<number>`count(*)` })
      .from(schema.exchanges)
      .where(and(eq(schema.exchanges.groupId, tilleuls.id), eq(schema.exchanges.status, "done")))
      .get()!.n;
    const total = db
      .select({ s: sql<number>`sum(${schema.timeMovements.minutes})`, n: sql<number>`count(*)` })
      .from(schema.timeMovements)
      .where(eq(schema.timeMovements.groupId, tilleuls.id))
      .get()!;
    expect(total).toEqual({ s: 0, n: 2 * allDone });
    const resident = db
      .select({ householdId: schema.memberships.householdId })
      .from(schema.memberships)
      .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
      .where(and(eq(schema.users.email, "habitante@demo.maisonnee.fr"), eq(schema.memberships.groupId, tilleuls.id)))
      .get()!;
    const first = db.$client
      .prepare("select giver_household_id, receiver_household_id from exchanges where group_id = ? order by created_at limit 1")
      .get(tilleuls.id) as {
      giver_household_id: string;
      receiver_household_id: string;
    };
    expect(first.receiver_household_id).toBe(resident.householdId);
  });
});
