// The exchange figures the evaluation module reads: per month, exchanges done, hours, households, age bands.
import { aliasedTable, and, eq, gte, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { exchanges, persons } from "~db/schema";
import { requireScopePermission, type GroupScoped } from "~/modules/access/scope.server";
import { findGroup } from "~/modules/access/lookups.server";
import { AGE_BANDS, ageBand, type AgeBand } from "./rules";

type BandPair = { giver: AgeBand; receiver: AgeBand; minutes: number; exchanges: number };
type ExchangeMonthFigures = {
  month: string;
  exchangesDone: number;
  minutes: number;
  givingHouseholds: number;
  receivingHouseholds: number;
  /** Minutes between different age bands (both known and different) over all minutes; null with no minutes. */
  intergenerationalShare: number | null;
  byAgeBand: BandPair[];
};

/**
 * Per month of [from, to] (calendar dates, inclusive; a done exchange counts in the month of its agreed
 * date): exchanges done, minutes, distinct households giving and receiving, minutes by giver age band ×
 * receiver age band (from the birth years of the two persons, in the year of the exchange). Taken by a
 * scope: a member needs exchange:use.
 */
export function exchangeFigures({ scope, from, to }: { scope: GroupScoped; from: string; to: string }): {
  from: string;
  to: string;
  months: ExchangeMonthFigures[];
} {
  requireScopePermission(scope, "exchange:use");
  const groupId = findGroup(scope).id;
  const giverP = aliasedTable(persons, "giver_p");
  const receiverP = aliasedTable(persons, "receiver_p");
  const rows = db
    .select({
      agreedDate: exchanges.agreedDate,
      minutes: exchanges.minutes,
      giverHouseholdId: exchanges.giverHouseholdId,
      receiverHouseholdId: exchanges.receiverHouseholdId,
      giverBirthYear: giverP.birthYear,
      receiverBirthYear: receiverP.birthYear,
    })
    .from(exchanges)
    .leftJoin(giverP, eq(giverP.id, exchanges.giverPersonId))
    .leftJoin(receiverP, eq(receiverP.id, exchanges.receiverPersonId))
    .where(and(eq(exchanges.groupId, groupId), eq(exchanges.status, "done"), gte(exchanges.agreedDate, from), sql`${exchanges.agreedDate} <= ${to}`))
    .all();
  const months: ExchangeMonthFigures[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7);) {
    const inMonth = rows.filter((r) => r.agreedDate?.slice(0, 7) === m);
    const byAgeBand: BandPair[] = [];
    let between = 0;
    for (const r of inMonth) {
      const year = Number(m.slice(0, 4));
      const giver = ageBand(r.giverBirthYear, year);
      const receiver = ageBand(r.receiverBirthYear, year);
      const minutes = r.minutes ?? 0;
      const pair = byAgeBand.find((p) => p.giver === giver && p.receiver === receiver);
      if (pair) {
        pair.minutes += minutes;
        pair.exchanges += 1;
      } else byAgeBand.push({ giver, receiver, minutes, exchanges: 1 });
      if (giver !== "unknown" && receiver !== "unknown" && giver !== receiver) between += minutes;
    }
    byAgeBand.sort((a, b) => AGE_BANDS.indexOf(a.giver) - AGE_BANDS.indexOf(b.giver) || AGE_BANDS.indexOf(a.receiver) - AGE_BANDS.indexOf(b.receiver));
    const minutes = inMonth.reduce((s, r) => s + (r.minutes ?? 0), 0);
    months.push({
      month: m,
      exchangesDone: inMonth.length,
      minutes,
      givingHouseholds: new Set(inMonth.map((r) => r.giverHouseholdId)).size,
      receivingHouseholds: new Set(inMonth.map((r) => r.receiverHouseholdId)).size,
      intergenerationalShare: minutes ? between / minutes : null,
      byAgeBand,
    });
    const [y, mo] = m.split("-").map(Number);
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
  }
  return { from, to, months };
}
