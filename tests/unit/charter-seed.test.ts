// The charter demo: Les Tilleuls has version 1 replaced, version 2 in force signed by most adults but not by
// the demo resident (so her Home asks her), version 3 proposed with three comments; the two other groups
// have one version in force each. Seeding twice changes nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "~db/client.server";
import * as schema from "~db/schema";
import { seedDemo } from "~db/seed";
import { seedCharterDemo } from "~db/seed-charter";

const file = path.join(os.tmpdir(), `maisonnee-seed-charter-${process.pid}-${Date.now()}.db`);
afterAll(() => {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
});

describe("charter demo", () => {
  it("seeds the three groups' charters, the resident left to sign, comments on the proposal; twice is once", async () => {
    const db = openDb(file);
    await seedDemo(db);
    seedCharterDemo(db);
    const groupId = (name: string) => db.select().from(schema.groups).where(eq(schema.groups.name, name)).get()!.id;
    const versions = (name: string) =>
      db
        .select()
        .from(schema.charterVersions)
        .where(eq(schema.charterVersions.groupId, groupId(name)))
        .orderBy(schema.charterVersions.number)
        .all();
    const tilleuls = versions("Les Tilleuls");
    expect(tilleuls.map((v) => [v.number, v.status, v.adoptedOn?.slice(0, 4) ?? null])).toEqual([
      [1, "superseded", "2024"],
      [2, "adopted", "2026"],
      [3, "proposed", null],
    ]);
    const articles = db.select().from(schema.charterArticles).where(eq(schema.charterArticles.versionId, tilleuls[1].id)).all();
    expect(articles).toHaveLength(7);
    for (const name of ["Villa Passerelle", "Maison des Quatre Saisons"]) expect(versions(name).map((v) => v.status)).toEqual(["adopted"]);

    const jeanne = db
      .select({ personId: schema.memberships.personId })
      .from(schema.memberships)
      .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
      .where(eq(schema.users.email, "habitante@demo.maisonnee.fr"))
      .get()!;
    const signatures = db.select().from(schema.charterSignatures).where(eq(schema.charterSignatures.versionId, tilleuls[1].id)).all();
    expect(signatures.map((s) => s.personId)).not.toContain(jeanne.personId);
    const comments = db.select().from(schema.charterComments).where(eq(schema.charterComments.versionId, tilleuls[2].id)).all();
    expect(comments).toHaveLength(3);
    expect(comments.map((c) => c.personId)).toContain(jeanne.personId);

    seedCharterDemo(db);
    expect(versions("Les Tilleuls")).toHaveLength(3);
    expect(db.select().from(schema.charterSignatures).where(eq(schema.charterSignatures.versionId, tilleuls[1].id)).all()).toHaveLength(signatures.length);
    db.$client.close();
  });
});
