// What the support files share: today in the group's zone, the follow-up checks' notice, and the audit line
// a support write leaves (no household, no content: decision 008). Refusals are rules.ts' problems.
import { db } from "~db/client.server";
import type { MemberContext } from "~/modules/access/access.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { todayIn } from "~/modules/core/dates";

export type Q = Pick<typeof db, "select" | "insert">;

/** How long before its date a follow-up check shows as due on the support worker's list. */
export const CHECK_NOTICE_DAYS = 30;

/**
 * Support writes go to the group's audit trail too, but without the household or any content: facilitators
 * read that trail, and the support records' details are for support workers only (decision 008).
 */
export function audit(q: Q, ctx: MemberContext, action: string, record: string) {
  recordAudit(q, { groupId: ctx.groupId, userId: ctx.userId, action, entity: "support", details: { record } });
}

export const today = (ctx: MemberContext, now = Date.now()) => todayIn(ctx.group.timeZone, now);

export function addDaysIso(date: string, days: number) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
