// Group scopes (issue 15): the one way a module function is given a group that does not come from a
// MemberContext — an officer's programme group, an operator's group, a background job's group — or a whole
// programme (the indicator engine over its groups). Made only here.
import { and, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { groups, programmeGroups } from "~db/schema";
import type { SessionUser } from "~/modules/auth/session.server";
import { requirePermission, type MemberContext, type OfficerContext } from "./access.server";
import { NotFoundError } from "./errors";
import type { Permission } from "./permissions";

// A type-only brand: no other module can write a GroupScope literal, only call the functions below (or cast,
// which a reviewer sees). The kind says who it was made for; modules read `groupId` from it.
declare const checked: unique symbol;
export type GroupScope = { readonly kind: "officer" | "operator" | "job"; readonly groupId: string; readonly [checked]: true };

/** What a module function of a group takes: the member's own context, or a scope made here. */
export type GroupScoped = MemberContext | GroupScope;

const make = (kind: GroupScope["kind"], groupId: string) => ({ kind, groupId }) as GroupScope;

/** A group of the officer's programme, or 404 (a group of another programme does not exist for them). */
export function scopeForOfficer(officer: OfficerContext, groupId: string): GroupScope {
  const row = db
    .select({ groupId: programmeGroups.groupId })
    .from(programmeGroups)
    .where(and(eq(programmeGroups.programmeId, officer.programme.id), eq(programmeGroups.groupId, groupId)))
    .get();
  if (!row) throw new NotFoundError();
  return make("officer", groupId);
}

/** A group an instance operator administers (any group: operators see its frame, not its content), or 404. */
export function scopeForOperator(operator: Pick<SessionUser, "isOperator">, groupId: string): GroupScope {
  if (!operator.isOperator) throw new NotFoundError();
  if (!db.select({ id: groups.id }).from(groups).where(eq(groups.id, groupId)).get()) throw new NotFoundError();
  return make("operator", groupId);
}

/**
 * Code with no person behind it: background jobs (reminders), the indicator engine computing a programme's
 * groups for a caller that authorised the programme, the demo seed, tests. It reads nothing (the seed works
 * on another connection); the figure functions still answer 404 for an unknown group.
 */
export function scopeForJob(groupId: string): GroupScope {
  return make("job", groupId);
}

/** A programme whose groups a function reads: the officer's own programme (requireOfficer checked it), or a job's. */
export type ProgrammeScope = { readonly kind: "officer" | "job"; readonly programmeId: string; readonly [checked]: true };

/** The programme of an officer's pages. */
export function programmeScopeForOfficer(officer: OfficerContext): ProgrammeScope {
  return { kind: "officer", programmeId: officer.programme.id } as ProgrammeScope;
}

/** Code with no person behind it over a whole programme: the demo seed, benchmarks, tests. */
export function programmeScopeForJob(programmeId: string): ProgrammeScope {
  return { kind: "job", programmeId } as ProgrammeScope;
}

/**
 * The rule of a function that takes a GroupScoped: a member's own context must hold `permission` (403 otherwise,
 * they know the group); a scope made here was checked when it was made.
 */
export function requireScopePermission(scope: GroupScoped, permission: Permission): void {
  if ("role" in scope) requirePermission(scope, permission);
}
