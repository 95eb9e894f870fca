// The access log: every read of a support record writes a row (who, when, which household, what); only the
// support lead reads it.
import { desc, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { households, supportAccessLog, users } from "~db/schema";
import type { MemberContext } from "~/modules/access/access.server";
import { ForbiddenError } from "~/modules/access/errors";
import type { AccessWhat } from "./enums";
import { assertSupport, type SupportContext } from "./access.server";
import type { Q } from "./shared.server";

export function logAccess(q: Q, ctx: MemberContext, householdId: string | null, what: AccessWhat, now = Date.now()) {
  q.insert(supportAccessLog)
    .values({ groupId: ctx.groupId, userId: ctx.userId, householdId, what, at: new Date(now) })
    .run();
}

/** The log, newest first: the support lead only. */
export function listAccessLog({ ctx, limit = 100, offset = 0 }: { ctx: SupportContext; limit?: number; offset?: number }) {
  assertSupport(ctx);
  // A support worker knows the records exist: 403 is right for one who is not the lead.
  if (!ctx.supportLead) throw new ForbiddenError();
  return db
    .select({ id: supportAccessLog.id, at: supportAccessLog.at, what: supportAccessLog.what, userName: users.name, householdName: households.name })
    .from(supportAccessLog)
    .leftJoin(users, eq(users.id, supportAccessLog.userId))
    .leftJoin(households, eq(households.id, supportAccessLog.householdId))
    .where(eq(supportAccessLog.groupId, ctx.groupId))
    .orderBy(desc(supportAccessLog.at), desc(supportAccessLog.id))
    .limit(limit)
    .offset(offset)
    .all()
    .map((r) => ({ ...r, at: r.at.getTime() }));
}
