// The audit trail: who changed what in a group, and when. Written inside the same transaction as the change.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { db } from "~db/client.server";
import { auditLog, users } from "~db/schema";
import { requirePermission, type MemberContext } from "~/modules/access/access.server";

type Tx = Pick<Db, "insert">;

export function recordAudit(
  tx: Tx,
  entry: { groupId: string | null; userId: string | null; action: string; entity: string; entityId?: string | null; details?: Record<string, unknown> },
) {
  tx.insert(auditLog)
    .values({ ...entry, entityId: entry.entityId ?? null, details: entry.details ?? null })
    .run();
}

/** The group's trail, newest first; only for members with `audit:read` (403 otherwise). */
export function listAudit({ ctx, limit = 100, offset = 0 }: { ctx: MemberContext; limit?: number; offset?: number }) {
  requirePermission(ctx, "audit:read");
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      details: auditLog.details,
      at: auditLog.at,
      userName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(eq(auditLog.groupId, ctx.groupId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all();
}
