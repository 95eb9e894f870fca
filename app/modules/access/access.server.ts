// Access: who is logged in, and which group they may see. Anything of a group the person does not belong
// to answers 404, never 403, so the existence of a group or a household does not leak.
import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { redirect } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { groups, households, memberships, organisationMembers, organisations, programmes, users, type Role } from "~db/schema";
import { SESSION_COOKIE, readCookieHeader, sessionCookie, validateSessionToken, type SessionUser } from "~/modules/auth/session.server";
import { todayIn } from "~/modules/core/dates";
import "./context";
import type { Auth } from "./context";
import { ForbiddenError, NotFoundError } from "./errors";
import { roleCan, type Permission } from "./permissions";

/** Validates the session cookie; the adapter calls it once per request and passes the result as load context. */
export function authenticate(request: Request): Auth {
  return authenticateCookieHeader(request.headers.get("Cookie"));
}

/** The same from the raw Cookie header: the server answers a kept page without building a Fetch Request. */
export function authenticateCookieHeader(header: string | null | undefined): Auth {
  const token = readCookieHeader(header, SESSION_COOKIE);
  if (!token) return null;
  const session = validateSessionToken(token);
  if (!session) return null;
  return session.refreshed ? { ...session, setCookie: sessionCookie(token, session.expiresAt) } : session;
}

export function getAuth(request: Request, context?: AppLoadContext): Auth {
  if (context && "auth" in context) return context.auth ?? null;
  return authenticate(request);
}

export function getUser(request: Request, context?: AppLoadContext): SessionUser | null {
  return getAuth(request, context)?.user ?? null;
}

export function requireUser(request: Request, context?: AppLoadContext): SessionUser {
  const user = getUser(request, context);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname.replace(/\.data$/, "") + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

export function requireOperator(request: Request, context?: AppLoadContext): SessionUser {
  const user = requireUser(request, context);
  if (!user.isOperator) throw new NotFoundError();
  return user;
}

export type MemberContext = {
  userId: string;
  user: SessionUser;
  groupId: string;
  role: Role;
  householdId: string | null;
  personId: string | null;
  group: { id: string; name: string; city: string; kind: string; timeZone: string };
};

/**
 * A membership tied to a household ends on the household's departure day, in the group's time zone (issue 16):
 * the row stays, so the group's history and figures keep it; undoing the departure gives the access back.
 * Derived here rather than stored on the membership, so that the departure date is the one fact to correct.
 */
function membershipEnded(departureDate: string | null, timeZone: string, now = Date.now()): boolean {
  return departureDate !== null && departureDate <= todayIn(timeZone, now);
}

export function requireMember(request: Request, params: Params, context?: AppLoadContext): MemberContext {
  const user = requireUser(request, context);
  const groupId = params.groupId;
  if (!groupId) throw new NotFoundError();
  const row = db
    .select({
      role: memberships.role,
      householdId: memberships.householdId,
      personId: memberships.personId,
      group: { id: groups.id, name: groups.name, city: groups.city, kind: groups.kind, timeZone: groups.timeZone },
      departureDate: households.departureDate,
    })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .leftJoin(households, eq(households.id, memberships.householdId))
    .where(and(eq(memberships.userId, user.id), eq(memberships.groupId, groupId)))
    .get();
  // A departed member is a non-member: 404, so the group reads the same to them as to a stranger.
  if (!row || membershipEnded(row.departureDate, row.group.timeZone)) throw new NotFoundError();
  const { departureDate: _d, ...member } = row;
  return { userId: user.id, user, groupId, ...member };
}

/** The person's memberships that have not ended (see membershipEnded). */
function activeMemberships(userId: string, now = Date.now()) {
  return db
    .select({ id: groups.id, name: groups.name, role: memberships.role, timeZone: groups.timeZone, departureDate: households.departureDate })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .leftJoin(households, eq(households.id, memberships.householdId))
    .where(eq(memberships.userId, userId))
    .orderBy(groups.name)
    .all()
    .filter((m) => !membershipEnded(m.departureDate, m.timeZone, now));
}

/** Whether the person is a member of the group today: what a calendar feed (no session) checks of its maker. */
export function isActiveMember(userId: string, groupId: string, now = Date.now()): boolean {
  return activeMemberships(userId, now).some((m) => m.id === groupId);
}

/**
 * Whether the person still has somewhere to go once signed in: a group they still belong to, a funder's
 * programmes, or the administration. Without any, their sessions have nothing left to open.
 */
export function hasAccessLeft(userId: string, now = Date.now()): boolean {
  if (activeMemberships(userId, now).length > 0) return true;
  const user = db.select({ isOperator: users.isOperator }).from(users).where(eq(users.id, userId)).get();
  if (!user) return false;
  if (user.isOperator) return true;
  return db.select({ userId: organisationMembers.userId }).from(organisationMembers).where(eq(organisationMembers.userId, userId)).get() !== undefined;
}

export type OfficerContext = {
  userId: string;
  user: SessionUser;
  programme: { id: string; name: string; description: string; startsOn: string; endsOn: string; organisationId: string; organisationName: string };
};

/**
 * Programme pages (`/p/:programmeId…`): only a programme officer of the funder that runs the programme.
 * Anyone else — residents, facilitators, operators, officers of another funder — gets 404, as for groups.
 */
export function requireOfficer(request: Request, params: Params, context?: AppLoadContext): OfficerContext {
  const user = requireUser(request, context);
  const programmeId = params.programmeId;
  if (!programmeId) throw new NotFoundError();
  const programme = db
    .select({
      id: programmes.id,
      name: programmes.name,
      description: programmes.description,
      startsOn: programmes.startsOn,
      endsOn: programmes.endsOn,
      organisationId: programmes.organisationId,
      organisationName: organisations.name,
    })
    .from(programmes)
    .innerJoin(organisations, eq(organisations.id, programmes.organisationId))
    .innerJoin(
      organisationMembers,
      and(
        eq(organisationMembers.organisationId, programmes.organisationId),
        eq(organisationMembers.userId, user.id),
        eq(organisationMembers.role, "programme_officer"),
      ),
    )
    .where(eq(programmes.id, programmeId))
    .get();
  if (!programme) throw new NotFoundError();
  return { userId: user.id, user, programme };
}

/** The programmes of every funder the person is a programme officer of. */
export function listMyProgrammes(userId: string) {
  return db
    .select({ id: programmes.id, name: programmes.name, startsOn: programmes.startsOn, endsOn: programmes.endsOn, organisationName: organisations.name })
    .from(organisationMembers)
    .innerJoin(programmes, eq(programmes.organisationId, organisationMembers.organisationId))
    .innerJoin(organisations, eq(organisations.id, programmes.organisationId))
    .where(and(eq(organisationMembers.userId, userId), eq(organisationMembers.role, "programme_officer")))
    .orderBy(programmes.name)
    .all();
}

export function can(ctx: Pick<MemberContext, "role">, permission: Permission): boolean {
  return roleCan(ctx.role, permission);
}

/** A member without the permission knows the group exists: 403 is right for them. */
export function requirePermission(ctx: MemberContext, permission: Permission): void {
  if (!can(ctx, permission)) throw new ForbiddenError();
}

export function listMyGroups(userId: string) {
  return activeMemberships(userId).map(({ id, name, role }) => ({ id, name, role }));
}
