// Access: who is logged in, and which group they may see. Anything of a group the person does not belong
// to answers 404, never 403, so the existence of a group or a household does not leak.
import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { redirect } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { groups, memberships, organisationMembers, organisations, programmes, type Role } from "~db/schema";
import {
  SESSION_COOKIE,
  readCookieHeader,
  sessionCookie,
  validateSessionToken,
  type SessionUser,
} from "~/modules/auth/session.server";
import "./context";
import type { Auth } from "./context";
import { forbidden, notFound } from "./errors";
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
  if (!user.isOperator) throw notFound();
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

export function requireMember(request: Request, params: Params, context?: AppLoadContext): MemberContext {
  const user = requireUser(request, context);
  const groupId = params.groupId;
  if (!groupId) throw notFound();
  const row = db
    .select({
      role: memberships.role,
      householdId: memberships.householdId,
      personId: memberships.personId,
      group: { id: groups.id, name: groups.name, city: groups.city, kind: groups.kind, timeZone: groups.timeZone },
    })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(and(eq(memberships.userId, user.id), eq(memberships.groupId, groupId)))
    .get();
  if (!row) throw notFound();
  return { userId: user.id, user, groupId, ...row };
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
  if (!programmeId) throw notFound();
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
      and(eq(organisationMembers.organisationId, programmes.organisationId), eq(organisationMembers.userId, user.id), eq(organisationMembers.role, "programme_officer")),
    )
    .where(eq(programmes.id, programmeId))
    .get();
  if (!programme) throw notFound();
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
  if (!can(ctx, permission)) throw forbidden();
}

export function listMyGroups(userId: string) {
  return db
    .select({ id: groups.id, name: groups.name, role: memberships.role })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(eq(memberships.userId, userId))
    .orderBy(groups.name)
    .all();
}
