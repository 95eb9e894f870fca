// The time bank: every household's balance (zero-sum movements of done exchanges) and a household's history.
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { exchangePosts, exchanges, households, timeMovements } from "~db/schema";
import { can, requirePermission } from "~/modules/access/access.server";
import { ForbiddenError } from "~/modules/access/errors";
import { findHousehold } from "~/modules/access/lookups.server";
import { isBelowMinimum } from "./rules";
import { giverH, receiverH, type Ctx } from "./shared.server";
import { settingsOf } from "./settings.server";

export type Balance = { householdId: string; householdName: string; minutes: number; belowMinimum: boolean };

/** Every household's balance (present households, and departed ones with a balance); flagged below the minimum. */
export function balances({ ctx }: { ctx: Ctx }): { balances: Balance[]; minBalanceMinutes: number } {
  requirePermission(ctx, "exchange:use");
  const { minBalanceMinutes } = settingsOf(db, ctx);
  const rows = db
    .select({
      householdId: households.id,
      householdName: households.name,
      departed: households.departureDate,
      minutes: sql<number>`coalesce(sum(${timeMovements.minutes}), 0)`,
    })
    .from(households)
    .leftJoin(timeMovements, and(eq(timeMovements.householdId, households.id), eq(timeMovements.groupId, ctx.groupId)))
    .where(eq(households.groupId, ctx.groupId))
    .groupBy(households.id)
    .orderBy(households.name)
    .all();
  return {
    minBalanceMinutes,
    balances: rows
      .filter((r) => !r.departed || r.minutes !== 0)
      .map((r) => ({
        householdId: r.householdId,
        householdName: r.householdName,
        minutes: Number(r.minutes),
        belowMinimum: isBelowMinimum(Number(r.minutes), minBalanceMinutes),
      })),
  };
}

type HistoryLine = { exchangeId: string; minutes: number; at: number; postTitle: string; otherHouseholdName: string; agreedDate: string | null };

/** A household's movements, newest first: its own household, or a facilitator. Another group's household → 404. */
export function history({ ctx, householdId }: { ctx: Ctx; householdId: string }): { householdName: string; balance: number; lines: HistoryLine[] } {
  const household = findHousehold(ctx, householdId);
  requirePermission(ctx, "exchange:use");
  if (householdId !== ctx.householdId && !can(ctx, "exchange:settle")) throw new ForbiddenError();
  const rows = db
    .select({
      exchangeId: exchanges.id,
      minutes: timeMovements.minutes,
      at: timeMovements.createdAt,
      postTitle: exchangePosts.title,
      giverHouseholdId: exchanges.giverHouseholdId,
      giverName: giverH.name,
      receiverName: receiverH.name,
      agreedDate: exchanges.agreedDate,
    })
    .from(timeMovements)
    .innerJoin(exchanges, eq(exchanges.id, timeMovements.exchangeId))
    .innerJoin(exchangePosts, eq(exchangePosts.id, exchanges.postId))
    .innerJoin(giverH, eq(giverH.id, exchanges.giverHouseholdId))
    .innerJoin(receiverH, eq(receiverH.id, exchanges.receiverHouseholdId))
    .where(and(eq(timeMovements.groupId, ctx.groupId), eq(timeMovements.householdId, householdId)))
    .orderBy(desc(timeMovements.createdAt))
    .all();
  const lines: HistoryLine[] = rows.map((r) => ({
    exchangeId: r.exchangeId,
    minutes: r.minutes,
    at: r.at.getTime(),
    postTitle: r.postTitle,
    otherHouseholdName: r.giverHouseholdId === householdId ? r.receiverName : r.giverName,
    agreedDate: r.agreedDate,
  }));
  return { householdName: household.name, balance: lines.reduce((s, l) => s + l.minutes, 0), lines };
}
