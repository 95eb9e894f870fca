// The operator's administration of the instance: organisations and groups, before any member exists.
// Every function takes the operator and refuses anyone else (404, like requireOperator).
import { and, asc, count, desc, eq, gt, isNull } from "drizzle-orm";
import type { z } from "zod";
import { db } from "~db/client.server";
import { groups, households, invitations, memberships, organisations, type Role } from "~db/schema";
import { NotFoundError } from "~/modules/access/errors";
import type { GroupScope } from "~/modules/access/scope.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { SessionUser } from "~/modules/auth/session.server";
import type { Translate } from "~/modules/core/form-reply";
import { problemOf, refuse, type Problem, type Result } from "~/modules/core/result";
import type { GroupInput, OrganisationSchema } from "./schemas";

type Operator = Pick<SessionUser, "id" | "isOperator">;
export type OrganisationInput = z.infer<typeof OrganisationSchema>;

function assertOperator(operator: Operator) {
  if (!operator.isOperator) throw new NotFoundError();
}

export function listOrganisations({ operator }: { operator: Operator }) {
  assertOperator(operator);
  const rows = db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, groupCount: count(groups.id) })
    .from(organisations)
    .leftJoin(groups, eq(groups.organisationId, organisations.id))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.name))
    .all();
  return rows;
}

export function createOrganisation({ operator, input }: { operator: Operator; input: OrganisationInput }) {
  assertOperator(operator);
  return db.transaction((tx) => {
    const row = tx.insert(organisations).values({ name: input.name, kind: input.kind }).returning({ id: organisations.id }).get();
    recordAudit(tx, { groupId: null, userId: operator.id, action: "create", entity: "organisation", entityId: row.id, details: { ...input } });
    return row;
  });
}

export function listGroupsForOperator({ operator }: { operator: Operator }) {
  assertOperator(operator);
  const memberCounts = db
    .select({ groupId: memberships.groupId, n: count().as("n") })
    .from(memberships)
    .groupBy(memberships.groupId)
    .as("member_counts");
  return db
    .select({
      id: groups.id,
      name: groups.name,
      city: groups.city,
      kind: groups.kind,
      organisationName: organisations.name,
      memberCount: memberCounts.n,
    })
    .from(groups)
    .leftJoin(organisations, eq(organisations.id, groups.organisationId))
    .leftJoin(memberCounts, eq(memberCounts.groupId, groups.id))
    .orderBy(asc(groups.name))
    .all()
    .map((g) => ({ ...g, memberCount: g.memberCount ?? 0 }));
}

/** The associations a group can be attached to (a funder funds groups through programmes, it does not hold them). */
export function listAssociations({ operator }: { operator: Operator }) {
  assertOperator(operator);
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.kind, "association"))
    .orderBy(asc(organisations.name))
    .all();
}

export type AdminProblem = Problem<"organisation_invalid", "organisationId">;
type CreateGroupResult = Result<{ groupId: string }, AdminProblem>;

/** An administration problem in the operator's words. */
export function describeAdminProblem(t: Translate, p: AdminProblem): string {
  return t(`admin:errors.${p.code}`, p.params);
}

export function createGroup({ operator, input }: { operator: Operator; input: GroupInput }): CreateGroupResult {
  assertOperator(operator);
  return db.transaction((tx): CreateGroupResult => {
    // Checked inside the transaction so the organisation cannot change kind or vanish in between.
    if (input.organisationId) {
      const org = tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(and(eq(organisations.id, input.organisationId), eq(organisations.kind, "association")))
        .get();
      if (!org) return refuse(problemOf("organisation_invalid", "organisationId"));
    }
    const row = tx
      .insert(groups)
      .values({
        name: input.name,
        city: input.city,
        postcode: input.postcode,
        kind: input.kind,
        organisationId: input.organisationId || null,
        timeZone: input.timeZone,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
      })
      .returning({ id: groups.id })
      .get();
    recordAudit(tx, { groupId: row.id, userId: operator.id, action: "create", entity: "group", entityId: row.id, details: { ...input } });
    return { ok: true, groupId: row.id };
  });
}

/** `scope`: from scopeForOperator (an operator, an existing group). */
export function getGroupForOperator({ operator, scope }: { operator: Operator; scope: GroupScope }) {
  assertOperator(operator);
  const groupId = scope.groupId;
  const group = db
    .select({
      id: groups.id,
      name: groups.name,
      city: groups.city,
      postcode: groups.postcode,
      kind: groups.kind,
      timeZone: groups.timeZone,
      latitude: groups.latitude,
      longitude: groups.longitude,
      createdAt: groups.createdAt,
      organisationName: organisations.name,
    })
    .from(groups)
    .leftJoin(organisations, eq(organisations.id, groups.organisationId))
    .where(eq(groups.id, groupId))
    .get();
  if (!group) throw new NotFoundError();
  const byRole = db.select({ role: memberships.role, n: count() }).from(memberships).where(eq(memberships.groupId, groupId)).groupBy(memberships.role).all();
  const membershipCounts = Object.fromEntries(byRole.map((r) => [r.role, r.n])) as Partial<Record<Role, number>>;
  const householdCount = db.select({ n: count() }).from(households).where(eq(households.groupId, groupId)).get()?.n ?? 0;
  return {
    group,
    membershipCount: byRole.reduce((sum, r) => sum + r.n, 0),
    membershipCounts,
    householdCount,
  };
}

export function listGroupInvitations({ operator, scope }: { operator: Operator; scope: GroupScope }) {
  assertOperator(operator);
  const groupId = scope.groupId;
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.groupId, groupId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())))
    .orderBy(desc(invitations.createdAt))
    .all();
}
