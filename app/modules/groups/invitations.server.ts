// Invitations: a facilitator (or an operator, for a new group's first facilitator) invites a person by
// email into a household with a role. Single-use token, only its hash stored, valid 14 days.
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { db } from "~db/client.server";
import { groups, households, invitations, memberships, persons, users, type Role } from "~db/schema";
import type { MemberContext } from "~/modules/access/access.server";
import { requirePermission } from "~/modules/access/access.server";
import { invitableRoles } from "~/modules/access/permissions";
import { NotFoundError } from "~/modules/access/errors";
import type { GroupScope } from "~/modules/access/scope.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { hashPassword } from "~/modules/auth/password.server";
import { createSession, generateToken, hashToken } from "~/modules/auth/session.server";
import { todayIn } from "~/modules/core/dates";
import { refuse } from "~/modules/core/result";
import type { Lang } from "~/modules/i18n/config";
import { appLink } from "~/modules/core/origin.server";
import { getT } from "~/modules/i18n/i18n.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { problem, rulePassword, type Result } from "./rules";

const INVITATION_TTL = 14 * 24 * 60 * 60 * 1000;

type InviteResult = Result<{ invitationId: string; token: string }>;

async function issue({
  groupId,
  invitedBy,
  inviterName,
  email,
  role,
  householdId,
  lang,
}: {
  groupId: string;
  invitedBy: string;
  inviterName: string;
  email: string;
  role: Role;
  householdId: string | null;
  lang: Lang;
}): Promise<InviteResult> {
  const existing = db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.groupId, groupId), eq(users.email, email)))
    .get();
  if (existing) return refuse(problem("already_member", "email"));
  const group = db.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId)).get();
  if (!group) throw new NotFoundError();
  const token = generateToken();
  const invitationId = db.transaction((tx) => {
    const row = tx
      .insert(invitations)
      .values({ tokenHash: hashToken(token), groupId, email, role, householdId, invitedBy, expiresAt: new Date(Date.now() + INVITATION_TTL) })
      .returning({ id: invitations.id })
      .get();
    recordAudit(tx, { groupId, userId: invitedBy, action: "invite", entity: "invitation", entityId: row.id, details: { email, role, householdId } });
    const t = getT(lang);
    enqueueMail(tx, {
      to: email,
      subject: t("auth:invite.mail_subject", { group: group.name }),
      text: t("auth:invite.mail_text", { inviter: inviterName, group: group.name, link: appLink(`/invite/${token}`) }),
    });
    return row.id;
  });
  return { ok: true, invitationId, token };
}

export async function createInvitation({
  ctx,
  input,
  lang,
}: {
  ctx: MemberContext;
  input: { email: string; role: Role; householdId?: string };
  lang: Lang;
}): Promise<InviteResult> {
  requirePermission(ctx, "member:invite");
  if (!invitableRoles(ctx.role).includes(input.role)) return refuse(problem("role_not_allowed", "role"));
  let householdId: string | null = null;
  if (input.householdId && input.householdId !== "new" && input.householdId !== "none") {
    const h = db
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.id, input.householdId), eq(households.groupId, ctx.groupId)))
      .get();
    if (!h) return refuse(problem("household_not_found", "householdId"));
    householdId = h.id;
  }
  // A resident always lives in a household: without one chosen, a new one is made when they accept.
  return issue({ groupId: ctx.groupId, invitedBy: ctx.userId, inviterName: ctx.user.name, email: input.email, role: input.role, householdId, lang });
}

/** An operator invites the first facilitator of a group they created; `scope` from scopeForOperator. */
export function inviteFirstFacilitator({
  operator,
  scope,
  email,
  lang,
}: {
  operator: { id: string; name: string };
  scope: GroupScope;
  email: string;
  lang: Lang;
}) {
  if (scope.kind !== "operator") throw new NotFoundError();
  return issue({ groupId: scope.groupId, invitedBy: operator.id, inviterName: operator.name, email, role: "group_admin", householdId: null, lang });
}

export function listPendingInvitations({ ctx }: { ctx: MemberContext }) {
  requirePermission(ctx, "member:invite");
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, householdName: households.name })
    .from(invitations)
    .leftJoin(households, eq(households.id, invitations.householdId))
    .where(and(eq(invitations.groupId, ctx.groupId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())))
    .orderBy(desc(invitations.createdAt))
    .all();
}

export function revokeInvitation({ ctx, invitationId }: { ctx: MemberContext; invitationId: string }) {
  requirePermission(ctx, "member:invite");
  db.transaction((tx) => {
    const r = tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, invitationId), eq(invitations.groupId, ctx.groupId), isNull(invitations.acceptedAt)))
      .run();
    if (r.changes !== 1) throw new NotFoundError();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "revoke", entity: "invitation", entityId: invitationId });
  });
}

export function findInvitation(token: string) {
  return (
    db
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        groupId: invitations.groupId,
        householdId: invitations.householdId,
        personId: invitations.personId,
        groupName: groups.name,
        city: groups.city,
        timeZone: groups.timeZone,
        householdName: households.name,
        inviterName: users.name,
      })
      .from(invitations)
      .innerJoin(groups, eq(groups.id, invitations.groupId))
      .leftJoin(households, eq(households.id, invitations.householdId))
      .leftJoin(users, eq(users.id, invitations.invitedBy))
      .where(
        and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())),
      )
      .get() ?? null
  );
}

export function accountExists(email: string) {
  return !!db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
}

class AlreadyUsed extends Error {}

type Invitation = NonNullable<ReturnType<typeof findInvitation>>;

/** Marks the invitation used and makes the membership, all or nothing. */
function join(tx: Parameters<Parameters<typeof db.transaction>[0]>[0], invitation: Invitation, userId: string, name: string) {
  const used = tx
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .run();
  if (used.changes !== 1) return false;
  let householdId = invitation.householdId;
  if (!householdId && invitation.role === "resident") {
    const lastName = name.trim().split(/\s+/).slice(1).join(" ") || name.trim();
    householdId = tx
      .insert(households)
      .values({ groupId: invitation.groupId, name: `Foyer ${lastName}`, arrivalDate: todayIn(invitation.timeZone) })
      .returning({ id: households.id })
      .get().id;
  }
  let personId: string | null = null;
  if (householdId) {
    const [firstName, ...rest] = name.trim().split(/\s+/);
    personId = tx
      .insert(persons)
      .values({ groupId: invitation.groupId, householdId, userId, firstName, lastName: rest.join(" ") || null })
      .returning({ id: persons.id })
      .get().id;
  }
  tx.insert(memberships).values({ userId, groupId: invitation.groupId, role: invitation.role, householdId, personId }).onConflictDoNothing().run();
  recordAudit(tx, {
    groupId: invitation.groupId,
    userId,
    action: "join",
    entity: "membership",
    entityId: userId,
    details: { role: invitation.role, householdId },
  });
  return true;
}

/** A new person accepts: the account, the membership and their place in the household, in one transaction. */
export async function acceptInvitationWithNewAccount({
  token,
  name,
  password,
  locale,
}: {
  token: string;
  name: string;
  password: string;
  locale: Lang;
}): Promise<Result<{ groupId: string; session: ReturnType<typeof createSession> }>> {
  const invitation = findInvitation(token);
  if (!invitation || accountExists(invitation.email)) return refuse(problem("invitation_invalid"));
  const refused = rulePassword(password, invitation.email);
  if (refused.length) return refuse(...refused);
  const passwordHash = await hashPassword(password);
  let userId: string;
  try {
    userId = db.transaction((tx) => {
      const user = tx.insert(users).values({ email: invitation.email, passwordHash, name, locale }).returning({ id: users.id }).get();
      if (!join(tx, invitation, user.id, name)) throw new AlreadyUsed();
      return user.id;
    });
  } catch (error) {
    // A double submit: the first request made the account, this one must not make a second.
    if (error instanceof AlreadyUsed || (error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") {
      return refuse(problem("invitation_invalid"));
    }
    throw error;
  }
  return { ok: true as const, groupId: invitation.groupId, session: createSession(userId) };
}

/** Someone who already has an account (logged in with the invited email) joins another group. */
export function acceptInvitationAsUser({ token, user }: { token: string; user: { id: string; email: string; name: string } }): Result<{ groupId: string }> {
  const invitation = findInvitation(token);
  if (!invitation || invitation.email !== user.email) return refuse(problem("invitation_invalid"));
  const ok = db.transaction((tx) => join(tx, invitation, user.id, user.name));
  if (!ok) return refuse(problem("invitation_invalid"));
  return { ok: true as const, groupId: invitation.groupId };
}
