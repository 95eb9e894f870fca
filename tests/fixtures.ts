// Small factories for integration tests: a group, a household, a person with an account and a role.
import { db } from "~db/client.server";
import { groups, households, memberships, persons, users, type Role } from "~db/schema";
import type { MemberContext } from "~/modules/access/access.server";
import { requireMember } from "~/modules/access/access.server";
import { createSession, SESSION_COOKIE } from "~/modules/auth/session.server";

// Hashing is slow by design; tests share one precomputed argon2id hash of "correct horse battery".
export const TEST_PASSWORD = "correct horse battery";
const TEST_HASH = "$argon2id$v=19$m=19456,t=2,p=1$rlsFqLxkx0Iv483WaplgrA$6dgF4PPQru294KP2mN3w6/PULNng1IoLkYXUqDytAjE";

let n = 0;

export function makeGroup(name = `Groupe ${++n}`) {
  return db.insert(groups).values({ name, city: "Bourges", postcode: "18000", kind: "participatory" }).returning().get();
}

export function makeHousehold(groupId: string, name = `Foyer ${++n}`) {
  return db
    .insert(households)
    .values({ groupId, name, dwelling: `Appartement ${n}`, arrivalDate: "2024-03-01" })
    .returning()
    .get();
}

export function makeMember({ groupId, role = "resident", householdId, email }: { groupId: string; role?: Role; householdId?: string | null; email?: string }) {
  const k = ++n;
  const user = db
    .insert(users)
    .values({ email: email ?? `personne${k}@exemple.fr`, passwordHash: TEST_HASH, name: `Personne ${k}` })
    .returning()
    .get();
  let personId: string | null = null;
  if (householdId) {
    personId = db
      .insert(persons)
      .values({ groupId, householdId, userId: user.id, firstName: `Personne${k}` })
      .returning()
      .get().id;
  }
  db.insert(memberships)
    .values({ userId: user.id, groupId, role, householdId: householdId ?? null, personId })
    .run();
  return user;
}

export function requestAs(userId: string | null, url = "http://localhost/") {
  const headers = new Headers();
  if (userId) {
    const { token } = createSession(userId);
    headers.set("Cookie", `${SESSION_COOKIE}=${token}`);
  }
  return new Request(url, { headers });
}

export function ctxFor(userId: string, groupId: string): MemberContext {
  return requireMember(requestAs(userId), { groupId });
}

/** Runs fn and returns the Response it threw (module guards throw 403/404 Responses). */
export function thrownResponse(fn: () => unknown): Response {
  try {
    fn();
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("expected a thrown Response, nothing was thrown");
}

export async function thrownResponseAsync(fn: () => Promise<unknown>): Promise<Response> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("expected a thrown Response, nothing was thrown");
}
