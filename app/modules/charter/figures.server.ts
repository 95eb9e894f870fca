// The charter figures the evaluation module reads: the version in force on a day, and how many adults and
// households had signed it.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { charterSignatures, charterVersions, households, persons } from "~db/schema";
import type { GroupScoped } from "~/modules/access/scope.server";
import { todayIn } from "~/modules/core/dates";
import { findGroup } from "~/modules/access/lookups.server";
import { isAdult, isPresent } from "./rules";

type CharterFigures = {
  versionId: string | null;
  versionNumber: number | null;
  adoptedOn: string | null;
  adults: number;
  adultsSigned: number;
  households: number;
  householdsSigned: number;
};

/**
 * On `at` (a calendar date, default today in the group's time zone): the version in force that day (the
 * latest adopted on or before it), the adults of the households present that day (18+ in that year; birth
 * year unknown counts as adult), how many of them had signed it by that day, the present households with
 * at least one adult, and how many of them had at least one adult who signed. Taken by a scope
 * (the callers authorise: the evaluation engine, or a member who may record paper signatures).
 */
export function charterFigures({ scope, at }: { scope: GroupScoped; at?: string }): CharterFigures {
  const group = findGroup(scope);
  const groupId = group.id;
  const day = at ?? todayIn(group.timeZone);
  const version = db
    .select({ id: charterVersions.id, number: charterVersions.number, adoptedOn: charterVersions.adoptedOn })
    .from(charterVersions)
    .where(and(eq(charterVersions.groupId, groupId), inArray(charterVersions.status, ["adopted", "superseded"]), sql`${charterVersions.adoptedOn} <= ${day}`))
    .orderBy(desc(charterVersions.adoptedOn), desc(charterVersions.number))
    .get();
  const people = db
    .select({
      personId: persons.id,
      householdId: persons.householdId,
      birthYear: persons.birthYear,
      arrivalDate: households.arrivalDate,
      departureDate: households.departureDate,
    })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(persons.groupId, groupId))
    .all()
    .filter((p) => isPresent(p, day) && isAdult(p.birthYear, day));
  const signed = new Set(
    version
      ? db
          .select({ personId: charterSignatures.personId })
          .from(charterSignatures)
          .where(and(eq(charterSignatures.groupId, groupId), eq(charterSignatures.versionId, version.id), sql`${charterSignatures.signedOn} <= ${day}`))
          .all()
          .map((s) => s.personId)
      : [],
  );
  const householdIds = new Set(people.map((p) => p.householdId));
  const signedHouseholds = new Set(people.filter((p) => signed.has(p.personId)).map((p) => p.householdId));
  return {
    versionId: version?.id ?? null,
    versionNumber: version?.number ?? null,
    adoptedOn: version?.adoptedOn ?? null,
    adults: people.length,
    adultsSigned: people.filter((p) => signed.has(p.personId)).length,
    households: householdIds.size,
    householdsSigned: signedHouseholds.size,
  };
}
