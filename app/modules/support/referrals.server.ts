// Partners (who support workers refer households to, by field) and referrals (sent → taken up → closed with
// an outcome).
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { households, supportPartners, supportReferrals } from "~db/schema";
import type { MemberContext } from "~/modules/access/access.server";
import { NotFoundError } from "~/modules/access/errors";
import { findHousehold } from "~/modules/access/lookups.server";
import { refuse } from "~/modules/core/result";
import { problem, referralProblem, type Result } from "./rules";
import type { PartnerInput, ReferralInput, ReferralUpdateInput } from "./schemas";
import { audit, today } from "./shared.server";
import { assertSupport, type SupportContext } from "./access.server";
import { logAccess } from "./access-log.server";

export function listPartners({ ctx }: { ctx: SupportContext }) {
  assertSupport(ctx);
  return db
    .select({
      id: supportPartners.id,
      name: supportPartners.name,
      field: supportPartners.field,
      contact: supportPartners.contact,
      referrals: sql<number>`(select count(*) from ${supportReferrals} where ${supportReferrals.partnerId} = ${supportPartners.id})`.mapWith(Number),
    })
    .from(supportPartners)
    .where(eq(supportPartners.groupId, ctx.groupId))
    .orderBy(asc(supportPartners.field), asc(supportPartners.name))
    .all();
}

export function createPartner({ ctx, input }: { ctx: SupportContext; input: PartnerInput }): Result<{ id: string }> {
  assertSupport(ctx);
  const same = db
    .select({ id: supportPartners.id })
    .from(supportPartners)
    .where(and(eq(supportPartners.groupId, ctx.groupId), sql`lower(${supportPartners.name}) = lower(${input.name})`))
    .get();
  if (same) return refuse(problem("partner_exists", "name"));
  return db.transaction(
    (tx): Result<{ id: string }> => {
      const row = tx
        .insert(supportPartners)
        .values({ groupId: ctx.groupId, name: input.name, field: input.field, contact: input.contact ?? "" })
        .returning({ id: supportPartners.id })
        .get();
      audit(tx, ctx, "create", "partner");
      return { ok: true, id: row.id };
    },
    { behavior: "immediate" },
  );
}

export function createReferral({
  ctx,
  householdId,
  input,
  now = Date.now(),
}: {
  ctx: SupportContext;
  householdId: string;
  input: ReferralInput;
  now?: number;
}): Result<{ id: string }> {
  assertSupport(ctx);
  findHousehold(ctx, householdId);
  const partner = db
    .select({ id: supportPartners.id })
    .from(supportPartners)
    .where(and(eq(supportPartners.id, input.partnerId), eq(supportPartners.groupId, ctx.groupId)))
    .get();
  if (!partner) return refuse(problem("partner_not_found", "partnerId"));
  if (input.date > today(ctx, now)) return refuse(problem("date_future", "date"));
  return db.transaction(
    (tx): Result<{ id: string }> => {
      const row = tx
        .insert(supportReferrals)
        .values({ groupId: ctx.groupId, householdId, partnerId: partner.id, date: input.date, status: "sent", createdBy: ctx.userId })
        .returning({ id: supportReferrals.id })
        .get();
      audit(tx, ctx, "create", "referral");
      return { ok: true, id: row.id };
    },
    { behavior: "immediate" },
  );
}

function findReferral(q: Pick<typeof db, "select">, ctx: MemberContext, referralId: string) {
  const row = q
    .select({
      id: supportReferrals.id,
      householdId: supportReferrals.householdId,
      householdName: households.name,
      partnerName: supportPartners.name,
      partnerContact: supportPartners.contact,
      field: supportPartners.field,
      date: supportReferrals.date,
      status: supportReferrals.status,
      outcomeKind: supportReferrals.outcomeKind,
      outcomeText: supportReferrals.outcomeText,
      closedOn: supportReferrals.closedOn,
    })
    .from(supportReferrals)
    .innerJoin(households, eq(households.id, supportReferrals.householdId))
    .innerJoin(supportPartners, eq(supportPartners.id, supportReferrals.partnerId))
    .where(and(eq(supportReferrals.id, referralId), eq(supportReferrals.groupId, ctx.groupId)))
    .get();
  if (!row) throw new NotFoundError();
  return row;
}

export function getReferral({ ctx, referralId, now = Date.now() }: { ctx: SupportContext; referralId: string; now?: number }) {
  assertSupport(ctx);
  const referral = findReferral(db, ctx, referralId);
  db.transaction((tx) => logAccess(tx, ctx, referral.householdId, "referral", now), { behavior: "immediate" });
  return { today: today(ctx, now), referral };
}

export function updateReferral({
  ctx,
  referralId,
  input,
  now = Date.now(),
}: {
  ctx: SupportContext;
  referralId: string;
  input: ReferralUpdateInput;
  now?: number;
}): Result {
  assertSupport(ctx);
  findReferral(db, ctx, referralId);
  if (input.date > today(ctx, now)) return refuse(problem("date_future", "date"));
  return db.transaction(
    (tx): Result => {
      const current = findReferral(tx, ctx, referralId);
      const refused = referralProblem(current.status, input.status, input.outcomeKind);
      if (refused) return refuse(refused);
      if (input.date < current.date) return refuse(problem("before_referral", "date"));
      const closing = input.status === "closed";
      tx.update(supportReferrals)
        .set({
          status: input.status,
          outcomeKind: closing ? (input.outcomeKind ?? null) : null,
          outcomeText: input.outcomeText ?? "",
          closedOn: closing ? input.date : null,
          updatedAt: new Date(now),
        })
        .where(and(eq(supportReferrals.id, referralId), eq(supportReferrals.groupId, ctx.groupId)))
        .run();
      audit(tx, ctx, "update", "referral");
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}
