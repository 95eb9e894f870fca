// What the exchange files share: the open states of an exchange and the two households of an exchange
// (giver, receiver) joined under their own names.
import { aliasedTable } from "drizzle-orm";
import { db } from "~db/client.server";
import { households } from "~db/schema";
import { OPEN_EXCHANGE_STATUSES } from "~db/schema/enums";
import type { MemberContext } from "~/modules/access/access.server";

export type Ctx = MemberContext;
export type Q = Pick<typeof db, "select">;

export const OPEN = [...OPEN_EXCHANGE_STATUSES];
export const giverH = aliasedTable(households, "giver_h");
export const receiverH = aliasedTable(households, "receiver_h");
