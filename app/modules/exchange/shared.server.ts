// What the exchange files share: the open states of an exchange and the two households of an exchange
// (giver, receiver) joined under their own names, a household's open exchange on a post.
import { aliasedTable, and, eq, inArray, or } from "drizzle-orm";
import { db } from "~db/client.server";
import { exchanges, households } from "~db/schema";
import { OPEN_EXCHANGE_STATUSES } from "~db/schema/enums";
import type { MemberContext } from "~/modules/access/access.server";

export type Ctx = MemberContext;
export type Q = Pick<typeof db, "select">;

export const OPEN = [...OPEN_EXCHANGE_STATUSES];
export const giverH = aliasedTable(households, "giver_h");
export const receiverH = aliasedTable(households, "receiver_h");

/** The open exchange a household has on a post, if any (one at a time). */
export function openExchangeOf(q: Q, ctx: Ctx, postId: string, householdId: string): { id: string } | undefined {
  return q
    .select({ id: exchanges.id })
    .from(exchanges)
    .where(
      and(
        eq(exchanges.groupId, ctx.groupId),
        eq(exchanges.postId, postId),
        inArray(exchanges.status, OPEN),
        or(eq(exchanges.giverHouseholdId, householdId), eq(exchanges.receiverHouseholdId, householdId)),
      ),
    )
    .get();
}
