// What the support files share: the form-shaped Result of support's writes, today in the group's zone, and
// the audit line a support write leaves (no household, no content: decision 008).
import { db } from "~db/client.server";
import type { MemberContext } from "~/modules/access/access.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { todayIn } from "~/modules/core/dates";

export type Q = Pick<typeof db, "select" | "insert">;
/** Field errors are i18n keys, keyed by the form's field names. */
export type Result<T = object> = ({ ok: true } & T) | { ok: false; fieldErrors: Record<string, string[]>; formErrors: string[] };
export const fieldError = (field: string, key: string): { ok: false; fieldErrors: Record<string, string[]>; formErrors: string[] } => ({
  ok: false,
  fieldErrors: { [field]: [key] },
  formErrors: [],
});

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
