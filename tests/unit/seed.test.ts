import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "~db/client.server";
import * as schema from "~db/schema";
import { DEMO_PASSWORD, seedDemo, type DemoLogin } from "~db/seed";

const files: string[] = [];

async function freshSeededDb() {
  const file = path.join(os.tmpdir(), `maisonnee-seed-${process.pid}-${Date.now()}-${files.length}.db`);
  files.push(file);
  const db = openDb(file);
  const logins = await seedDemo(db);
  return { db, logins };
}

// Everything the PRNG decides, without the random ids and timestamps.
function snapshot(db: Db) {
  return db
    .select({
      group: schema.groups.name,
      household: schema.households.name,
      dwelling: schema.households.dwelling,
      arrival: schema.households.arrivalDate,
      departure: schema.households.departureDate,
      firstName: schema.persons.firstName,
      birthYear: schema.persons.birthYear,
      tags: schema.persons.tags,
    })
    .from(schema.persons)
    .innerJoin(schema.households, eq(schema.households.id, schema.persons.householdId))
    .innerJoin(schema.groups, eq(schema.groups.id, schema.households.groupId))
    .orderBy(asc(schema.groups.name), asc(schema.households.name), asc(schema.persons.firstName))
    .all();
}

describe("seedDemo", () => {
  let db: Db;
  let logins: DemoLogin[];

  beforeAll(async () => {
    ({ db, logins } = await freshSeededDb());
  });

  afterAll(() => {
    db.$client.close();
    for (const file of files) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  });

  it("creates three groups of different kinds funded by one programme", () => {
    const groups = db.select().from(schema.groups).all();
    expect(groups).toHaveLength(3);
    expect(groups.map((g) => g.kind).sort()).toEqual(["intergenerational", "participatory", "transitional"]);
    expect(db.select().from(schema.programmeGroups).all()).toHaveLength(3);
  });

  it("creates at least 40 households, each with at least one person", () => {
    const households = db.select().from(schema.households).all();
    expect(households.length).toBeGreaterThanOrEqual(40);
    const withPersons = new Set(
      db
        .select({ householdId: schema.persons.householdId })
        .from(schema.persons)
        .all()
        .map((p) => p.householdId),
    );
    for (const h of households) expect(withPersons.has(h.id)).toBe(true);
  });

  it("gives Les Tilleuls 15 households, flat 16 being the common room", () => {
    const [tilleuls] = db.select().from(schema.groups).where(eq(schema.groups.name, "Les Tilleuls")).all();
    const dwellings = db.select({ dwelling: schema.households.dwelling }).from(schema.households).where(eq(schema.households.groupId, tilleuls.id)).all();
    expect(dwellings).toHaveLength(15);
    expect(dwellings.map((d) => d.dwelling)).not.toContain("Appartement 16");
  });

  it("creates an account for each demo login, all with the demo password", () => {
    expect(logins.map((l) => l.role)).toEqual([
      "operator",
      "programme_officer",
      "group_admin",
      "facilitator",
      "resident",
      "resident_other_group",
      "facilitator_other_group",
    ]);
    for (const login of logins) {
      expect(login.password).toBe(DEMO_PASSWORD);
      expect(db.select().from(schema.users).where(eq(schema.users.email, login.email)).get()).toBeDefined();
    }
  });

  it("links each resident account to a person of its household in its group", () => {
    const residents = db
      .select({ membership: schema.memberships, person: schema.persons })
      .from(schema.memberships)
      .innerJoin(schema.persons, eq(schema.persons.id, schema.memberships.personId))
      .where(eq(schema.memberships.role, "resident"))
      .all();
    expect(residents).toHaveLength(2);
    for (const { membership, person } of residents) {
      expect(person.userId).toBe(membership.userId);
      expect(person.householdId).toBe(membership.householdId);
      expect(person.groupId).toBe(membership.groupId);
    }
  });

  it("only uses known profile tags, with child and senior matching the birth year", () => {
    const known = new Set<string>(schema.PROFILE_TAGS);
    for (const person of db.select().from(schema.persons).all()) {
      for (const tag of person.tags) expect(known.has(tag)).toBe(true);
      const age = 2026 - (person.birthYear ?? 0);
      expect(person.tags.includes("child")).toBe(age < 18);
      expect(person.tags.includes("senior")).toBe(age >= 65);
    }
  });

  it("records where the households that left the transitional group went", () => {
    const [passerelle] = db.select().from(schema.groups).where(eq(schema.groups.kind, "transitional")).all();
    const departed = db
      .select()
      .from(schema.households)
      .where(and(eq(schema.households.groupId, passerelle.id), isNotNull(schema.households.departureDate)))
      .all();
    expect(departed.length).toBeGreaterThanOrEqual(3);
    for (const h of departed) {
      expect(h.destination).not.toBeNull();
      expect(h.departureDate! > h.arrivalDate).toBe(true);
    }
    expect(departed.map((h) => h.destination).sort()).toEqual(["durable_social_housing", "durable_social_housing", "temporary_accommodation"]);
  });

  it("produces the same demo every time", async () => {
    const second = await freshSeededDb();
    expect(snapshot(second.db)).toEqual(snapshot(db));
    second.db.$client.close();
  });
});
