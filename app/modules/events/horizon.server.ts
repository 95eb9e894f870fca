// Moving the horizon forward (the reminder job calls it): the occurrences of repeating series that the horizon now
// reaches are written, each with its place booked in the name of a facilitator, one transaction per series.
import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, or } from "drizzle-orm";
import { db } from "~db/client.server";
import { eventOccurrences, eventSeries, groups, memberships, spaces, users } from "~db/schema";
import { scopeForJob } from "~/modules/access/scope.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { createBooking } from "~/modules/bookings/bookings.server";
import { todayIn } from "~/modules/core/dates";
import { addDays, zonedToUtc } from "~/modules/core/recurrence";
import type { Ctx } from "./lookups.server";
import { bookingInput } from "./places.server";
import { horizonDate, planOccurrences } from "./rules";
import { insertOccurrence, ruleOf } from "./series.server";

/** A facilitator's context to book in the name of: the series' author if still a facilitator, else the group's first one. */
function actingContext(groupId: string, preferredUserId: string | null): Ctx | null {
  const rows = db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      isOperator: users.isOperator,
      role: memberships.role,
      householdId: memberships.householdId,
      personId: memberships.personId,
      group: { id: groups.id, name: groups.name, city: groups.city, kind: groups.kind, timeZone: groups.timeZone },
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(and(eq(memberships.groupId, groupId), inArray(memberships.role, ["facilitator", "group_admin"])))
    .orderBy(asc(memberships.createdAt))
    .all();
  const row = rows.find((r) => r.userId === preferredUserId) ?? rows[0];
  if (!row) return null;
  return {
    userId: row.userId,
    user: { id: row.userId, email: row.email, name: row.name, locale: row.locale, isOperator: row.isOperator },
    groupId,
    role: row.role,
    householdId: row.householdId,
    personId: row.personId,
    group: row.group,
  };
}

/**
 * Materialises the occurrences of repeating series that the horizon now reaches, and books their place in
 * the name of a facilitator, in one transaction per series (a slot the space refuses leaves the occurrence
 * without a booking, its problem code in bookingProblem for the facilitators to see). Idempotent: the series
 * and its rows are read again inside the write lock, and rows are keyed by their rule start.
 */
export function extendHorizons({ now = Date.now() }: { now?: number } = {}): { created: number } {
  const candidates = db
    .select({ id: eventSeries.id })
    .from(eventSeries)
    .where(and(isNotNull(eventSeries.rrule), or(isNull(eventSeries.untilDate), gt(eventSeries.untilDate, eventSeries.materialisedUntil))))
    .all();
  let created = 0;
  for (const candidate of candidates) {
    created += db.transaction(
      (tx) => {
        const found = tx
          .select({ series: eventSeries, space: spaces })
          .from(eventSeries)
          .leftJoin(spaces, eq(spaces.id, eventSeries.spaceId))
          .where(eq(eventSeries.id, candidate.id))
          .get();
        if (!found) return 0;
        const { series, space } = found;
        const target = horizonDate(todayIn(series.timeZone, now), space?.bookingWindowDays ?? null);
        if (target <= series.materialisedUntil) return 0;
        const fromDate = addDays(series.materialisedUntil, 1);
        const planned = planOccurrences(ruleOf(series), { fromDate, toDate: target });
        const existing = new Set(
          tx
            .select({ at: eventOccurrences.originalStartsAt })
            .from(eventOccurrences)
            .where(
              and(eq(eventOccurrences.seriesId, series.id), gte(eventOccurrences.originalStartsAt, new Date(zonedToUtc(`${fromDate}T00:00`, series.timeZone)))),
            )
            .all()
            .map((r) => r.at.getTime()),
        );
        const fresh = planned.filter((p) => !existing.has(p.originalStartsAt) && p.startsAt > now);
        const ctx = space ? actingContext(series.groupId, series.createdBy) : null;
        for (const p of fresh) {
          let bookingId: string | null = null;
          let problemCode: string | null = null;
          if (space && !ctx) problemCode = "no_facilitator";
          else if (space && ctx) {
            const r = createBooking({ ctx, input: bookingInput(space.id, p, series.timeZone, series.title, series.capacity), now, tx });
            if (r.ok) bookingId = r.bookings[0].id;
            else problemCode = r.problems[0]?.code ?? "overlap";
          }
          insertOccurrence(tx, scopeForJob(series.groupId), series, p, bookingId, problemCode);
        }
        tx.update(eventSeries).set({ materialisedUntil: target }).where(eq(eventSeries.id, series.id)).run();
        if (fresh.length)
          recordAudit(tx, {
            groupId: series.groupId,
            userId: null,
            action: "extend",
            entity: "event_series",
            entityId: series.id,
            details: { occurrences: fresh.length, until: target },
          });
        return fresh.length;
      },
      { behavior: "immediate" },
    );
  }
  return { created };
}
