import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { auditLog, households, persons, users } from "~db/schema";
import {
  addPerson,
  createHousehold,
  getHousehold,
  listDirectory,
  recordDeparture,
  removePerson,
  updateHousehold,
  updatePerson,
} from "~/modules/households/households.server";
import { PersonSchema } from "~/modules/households/schemas";
import { ctxFor, makeGroup, makeHousehold, makeMember, thrownResponse } from "../fixtures";

const group = makeGroup();
const other = makeGroup();
const mine = makeHousehold(group.id, "Foyer Marchand");
const neighbours = makeHousehold(group.id, "Foyer Benali");
const elsewhere = makeHousehold(other.id, "Foyer Stoica");
const resident = makeMember({ groupId: group.id, householdId: mine.id });
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const otherResident = makeMember({ groupId: other.id, householdId: elsewhere.id });

describe("a resident and their household", () => {
  it("edits their own household and the change is audited", () => {
    const ctx = ctxFor(resident.id, group.id);
    expect(
      updateHousehold({ ctx, householdId: mine.id, input: { name: "Foyer Marchand-Petit", dwelling: "Appartement 6", arrivalDate: "2001-01-01" } }),
    ).toEqual({ ok: true });
    const row = db.select().from(households).where(eq(households.id, mine.id)).get()!;
    expect(row.name).toBe("Foyer Marchand-Petit");
    // A resident does not move their arrival date: it feeds the funders' figures.
    expect(row.arrivalDate).toBe(mine.arrivalDate);
    const audit = db.select().from(auditLog).where(eq(auditLog.entityId, mine.id)).all();
    expect(audit.at(-1)).toMatchObject({ userId: resident.id, action: "update", entity: "household" });
  });
  it("cannot edit a neighbour's household (403) nor see another group's (404)", () => {
    const ctx = ctxFor(resident.id, group.id);
    expect(thrownResponse(() => updateHousehold({ ctx, householdId: neighbours.id, input: { name: "x" } })).status).toBe(403);
    expect(thrownResponse(() => getHousehold({ ctx, householdId: elsewhere.id })).status).toBe(404);
    expect(thrownResponse(() => updateHousehold({ ctx, householdId: elsewhere.id, input: { name: "x" } })).status).toBe(404);
    expect(db.select().from(households).where(eq(households.id, neighbours.id)).get()!.name).toBe("Foyer Benali");
  });
  it("adds, edits and removes a member of the household", () => {
    const ctx = ctxFor(resident.id, group.id);
    const { id } = addPerson({ ctx, householdId: mine.id, input: { firstName: "Lucas", birthYear: 2016, tags: ["child"] } });
    updatePerson({ ctx, householdId: mine.id, personId: id, input: { firstName: "Lucas", lastName: "Marchand", birthYear: 2016, tags: ["child"] } });
    expect(getHousehold({ ctx, householdId: mine.id }).members.find((m) => m.id === id)).toMatchObject({ lastName: "Marchand", tags: ["child"] });
    removePerson({ ctx, householdId: mine.id, personId: id });
    expect(db.select().from(persons).where(eq(persons.id, id)).get()).toBeUndefined();
  });
  it("cannot create a household or record a departure", () => {
    const ctx = ctxFor(resident.id, group.id);
    expect(thrownResponse(() => createHousehold({ ctx, input: { name: "Foyer X", dwelling: "", arrivalDate: "2025-01-01" } })).status).toBe(403);
    expect(
      thrownResponse(() => recordDeparture({ ctx, householdId: neighbours.id, input: { departureDate: "2026-01-01", destination: "family" } })).status,
    ).toBe(403);
  });
});

describe("a facilitator", () => {
  it("records an arrival and a departure; a departed household leaves the directory", () => {
    const ctx = ctxFor(facilitator.id, group.id);
    const { id } = createHousehold({ ctx, input: { name: "Foyer Nouveau", dwelling: "Appartement 9", arrivalDate: "2025-09-01" } });
    expect(listDirectory({ ctx }).map((h) => h.id)).toContain(id);
    expect(recordDeparture({ ctx, householdId: id, input: { departureDate: "2025-08-01", destination: "durable_social_housing" } })).toMatchObject({
      ok: false,
      problems: [{ code: "departure_before_arrival", field: "departureDate" }],
    });
    expect(db.select().from(households).where(eq(households.id, id)).get()!.departureDate).toBeNull();
    expect(recordDeparture({ ctx, householdId: id, input: { departureDate: "2026-02-01", destination: "durable_social_housing" } })).toMatchObject({
      ok: true,
    });
    expect(listDirectory({ ctx }).map((h) => h.id)).not.toContain(id);
    expect(listDirectory({ ctx, includeDeparted: true }).find((h) => h.id === id)).toMatchObject({ departureDate: "2026-02-01" });
  });
});

describe("the directory", () => {
  it("shows contact details only where the person chose to", () => {
    db.update(users).set({ phone: "06 39 98 00 01", showPhone: true, showEmail: false }).where(eq(users.id, resident.id)).run();
    const ctx = ctxFor(otherResident.id, other.id);
    expect(listDirectory({ ctx }).map((h) => h.name)).toEqual(["Foyer Stoica"]);
    const mineInDirectory = listDirectory({ ctx: ctxFor(facilitator.id, group.id) }).find((h) => h.id === mine.id)!;
    expect(mineInDirectory.persons[0]).toMatchObject({ phone: "06 39 98 00 01", email: null });
  });
});

describe("person form schema", () => {
  it("refuses a birth year in the future and unknown tags", () => {
    const r = PersonSchema.safeParse({ firstName: "Ana", birthYear: new Date().getFullYear() + 1, tags: ["vip"] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual(expect.arrayContaining(["errors.year_invalid", "errors.invalid"]));
  });
});
