// Who reads and writes support records: support workers of the group only (anyone else: 404, decision 008);
// the support lead, named by a group administrator, also reads the access log.
import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { and, asc, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { memberships, users } from "~db/schema";
import { requireMember, requirePermission, type MemberContext } from "~/modules/access/access.server";
import { NotFoundError } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";

export type SupportContext = MemberContext & { supportLead: boolean };

/** Whether a member is a support worker of the group. */
export function isSupportWorker(ctx: Pick<MemberContext, "role">): boolean {
  return ctx.role === "support_worker";
}

/**
 * The one guard of every support route: a support worker of the group in the URL. Anyone else — another
 * role of the group, an operator, a funder, another group — gets 404, so the records' existence does not leak.
 */
export function requireSupportWorker(request: Request, params: Params, context?: AppLoadContext): SupportContext {
  return asSupportWorker(requireMember(request, params, context));
}

/** The same check for a member context already in hand. */
function asSupportWorker(ctx: MemberContext): SupportContext {
  if (!isSupportWorker(ctx)) throw new NotFoundError();
  const row = db
    .select({ supportLead: memberships.supportLead })
    .from(memberships)
    .where(and(eq(memberships.userId, ctx.userId), eq(memberships.groupId, ctx.groupId)))
    .get();
  if (!row) throw new NotFoundError();
  return { ...ctx, supportLead: row.supportLead };
}

export function assertSupport(ctx: MemberContext) {
  if (!isSupportWorker(ctx)) throw new NotFoundError();
}

// -------------------------------------------------------------------------------------------------
// Support leads, named by a group administrator

export function listSupportWorkers({ ctx }: { ctx: MemberContext }) {
  requirePermission(ctx, "member:invite:admin");
  return db
    .select({ membershipId: memberships.id, name: users.name, email: users.email, supportLead: memberships.supportLead })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.groupId, ctx.groupId), eq(memberships.role, "support_worker")))
    .orderBy(asc(users.name))
    .all();
}

export function setSupportLead({ ctx, membershipId, lead }: { ctx: MemberContext; membershipId: string; lead: boolean }): { ok: true } {
  requirePermission(ctx, "member:invite:admin");
  const row = db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.groupId, ctx.groupId), eq(memberships.role, "support_worker")))
    .get();
  if (!row) throw new NotFoundError();
  db.transaction(
    (tx) => {
      tx.update(memberships).set({ supportLead: lead }).where(eq(memberships.id, membershipId)).run();
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "update",
        entity: "membership",
        entityId: membershipId,
        details: { supportLead: lead },
      });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}
