// What the events files share: the context and result types, finding a row of the group (another group's id is
// 404), who manages the calendar, and the errors of the triggers (the last guards) read as problems.
import { and, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { eventOccurrences, eventSeries, eventSignups } from "~db/schema";
import { can, type MemberContext } from "~/modules/access/access.server";
import { NotFoundError } from "~/modules/access/errors";
import type { Result as CoreResult } from "~/modules/core/result";
import type { Problem } from "./rules";

export type Ctx = MemberContext;
/** The database or a transaction: reads take either. */
export type Q = Pick<typeof db, "select">;

export type Series = typeof eventSeries.$inferSelect;
export type Occurrence = typeof eventOccurrences.$inferSelect;
export type Signup = typeof eventSignups.$inferSelect;
/** A write's answer: ok with its data, or the rules it broke (shown next to the fields, never a 500). */
export type Result<T extends object = object> = CoreResult<T, Problem>;

export const DAY = 86_400_000;

/** The party of a sign-up, as read with it: adults, children, infants, guests. */
export const partyColumns = {
  adults: eventSignups.adults,
  children: eventSignups.children,
  infants: eventSignups.infants,
  guests: eventSignups.guests,
};

export function findSeries(q: Q, ctx: Ctx, seriesId: string): Series {
  const row = q
    .select()
    .from(eventSeries)
    .where(and(eq(eventSeries.id, seriesId), eq(eventSeries.groupId, ctx.groupId)))
    .get();
  if (!row) throw new NotFoundError();
  return row;
}

export function findOccurrence(q: Q, ctx: Ctx, occurrenceId: string): { occ: Occurrence; series: Series } {
  const row = q
    .select({ occ: eventOccurrences, series: eventSeries })
    .from(eventOccurrences)
    .innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId))
    .where(and(eq(eventOccurrences.id, occurrenceId), eq(eventOccurrences.groupId, ctx.groupId)))
    .get();
  if (!row) throw new NotFoundError();
  return row;
}

export function findSignup(q: Q, ctx: Ctx, signupId: string): Signup {
  const row = q
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.id, signupId), eq(eventSignups.groupId, ctx.groupId)))
    .get();
  if (!row) throw new NotFoundError();
  return row;
}

export const isManager = (ctx: Ctx) => can(ctx, "event:manage");

export function triggerError(e: unknown): "event_full" | "meal_closed" | "role_full" | "unique" | null {
  for (let err = e; err; err = (err as { cause?: unknown }).cause) {
    if (!(err instanceof Error)) break;
    for (const code of ["event_full", "meal_closed", "role_full"] as const) if (err.message.includes(code)) return code;
    if (err.message.includes("UNIQUE constraint failed")) return "unique";
  }
  return null;
}
