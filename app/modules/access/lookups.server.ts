// Group-scoped lookups (issue 15): the rows every module names by id — a person, a household, the group
// itself — read only within the caller's group. Another group's id reads as one that does not exist: 404.
import { and, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { groups, households, persons } from "~db/schema";
import { NotFoundError } from "./errors";
import type { GroupScoped } from "./scope.server";

/** The app's connection or a transaction: a lookup inside a write reads what the write sees. */
type Q = Pick<typeof db, "select">;

type PersonRow = typeof persons.$inferSelect;
type HouseholdRow = typeof households.$inferSelect;

/** A person of the group, or undefined: for a form naming someone, where a stranger is the form's problem. */
export function lookupPerson(scope: GroupScoped, personId: string, q: Q = db): PersonRow | undefined {
  return q
    .select()
    .from(persons)
    .where(and(eq(persons.id, personId), eq(persons.groupId, scope.groupId)))
    .get();
}

/** A person of the group, or 404. */
export function findPerson(scope: GroupScoped, personId: string, q: Q = db): PersonRow {
  const person = lookupPerson(scope, personId, q);
  if (!person) throw new NotFoundError();
  return person;
}

/** A household of the group, or 404. */
export function findHousehold(scope: GroupScoped, householdId: string, q: Q = db): HouseholdRow {
  const household = q
    .select()
    .from(households)
    .where(and(eq(households.id, householdId), eq(households.groupId, scope.groupId)))
    .get();
  if (!household) throw new NotFoundError();
  return household;
}

/**
 * The group of a scope, or 404. A member's context and the officer's and operator's scopes were checked when
 * made; a job's scope was not (its group may be gone), so the figure functions ask here.
 */
export function findGroup(scope: GroupScoped, q: Q = db): { id: string; name: string; timeZone: string } {
  const group = q.select({ id: groups.id, name: groups.name, timeZone: groups.timeZone }).from(groups).where(eq(groups.id, scope.groupId)).get();
  if (!group) throw new NotFoundError();
  return group;
}
