// What Home shows of the calendar: this week, what the household signed up for, meals calling for a head cook,
// the household's meal balance.
import { and, asc, eq, gt, inArray, or, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { eventOccurrences, mealAssignments, mealLedger, mealRoles } from "~db/schema";
import { MEAL_ROLES, type MealRole } from "~db/schema/enums";
import { todayIn } from "~/modules/core/dates";
import { addDays, zonedToUtc } from "~/modules/core/recurrence";
import { listOccurrences, listQuery, toListItems, type OccurrenceListItem } from "./calendar.server";
import { DAY, type Ctx } from "./lookups.server";
import { roleRows } from "./roles.server";

/** A meal without a head cook this close to its start calls for volunteers on Home. */
const VOLUNTEER_CALL_DAYS = 3;

type MyUpcomingItem = OccurrenceListItem & { myRoles: MealRole[] };

/** What the person's household is signed up for (or holds a role in), from now on, soonest first. */
export function listMyUpcoming({ ctx, now = Date.now(), limit = 20 }: { ctx: Ctx; now?: number; limit?: number }): MyUpcomingItem[] {
  if (!ctx.householdId) return [];
  const hh = ctx.householdId;
  const mine = or(
    sql`exists (select 1 from event_signups s where s.occurrence_id = ${eventOccurrences.id} and s.household_id = ${hh} and s.status <> 'cancelled')`,
    sql`exists (select 1 from meal_assignments a where a.occurrence_id = ${eventOccurrences.id} and a.household_id = ${hh})`,
  );
  const rows = listQuery()
    .where(and(eq(eventOccurrences.groupId, ctx.groupId), gt(eventOccurrences.endsAt, new Date(now)), mine))
    .orderBy(asc(eventOccurrences.startsAt))
    .limit(limit)
    .all();
  const items = toListItems(db, ctx, rows);
  const roles = items.length
    ? db
        .select({ occurrenceId: mealAssignments.occurrenceId, role: mealRoles.role, personId: mealAssignments.personId })
        .from(mealAssignments)
        .innerJoin(mealRoles, eq(mealRoles.id, mealAssignments.roleId))
        .where(
          and(
            eq(mealAssignments.householdId, hh),
            inArray(
              mealAssignments.occurrenceId,
              items.map((i) => i.id),
            ),
          ),
        )
        .all()
    : [];
  return items.map((i) => ({ ...i, myRoles: [...new Set(roles.filter((r) => r.occurrenceId === i.id).map((r) => r.role))] }));
}

type VolunteerCall = OccurrenceListItem & { missing: { role: MealRole; free: number }[] };

export type EventsHome = {
  /** Scheduled occurrences from today to 6 days later (the group's calendar days). */
  thisWeek: OccurrenceListItem[];
  /** The household's next sign-ups and roles (5 at most). */
  signedUp: MyUpcomingItem[];
  /** Shared meals starting within VOLUNTEER_CALL_DAYS days that still have no head cook. */
  callsForVolunteers: VolunteerCall[];
  /** The household's meal balance in cents (null without a household). */
  balanceCents: number | null;
};

/** What Home shows of the calendar. */
export function getEventsHome({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): EventsHome {
  const tz = ctx.group.timeZone;
  const today = todayIn(tz, now);
  const weekEnd = zonedToUtc(`${addDays(today, 7)}T00:00`, tz);
  const week = listOccurrences({ ctx, from: now, to: weekEnd }).filter((o) => o.status === "scheduled");
  const soon = listOccurrences({ ctx, from: now, to: now + VOLUNTEER_CALL_DAYS * DAY, kinds: ["shared_meal"] }).filter(
    (o) => o.status === "scheduled" && !o.closed && o.startsAt > now && o.headCookMissing,
  );
  const calls: VolunteerCall[] = soon.map((o) => {
    const roleList = roleRows(db, o.id);
    const counts = db
      .select({ roleId: mealAssignments.roleId, n: sql<number>`count(*)` })
      .from(mealAssignments)
      .where(eq(mealAssignments.occurrenceId, o.id))
      .groupBy(mealAssignments.roleId)
      .all();
    return {
      ...o,
      missing: roleList
        .map((r) => ({ role: r.role, free: r.slots - (counts.find((c) => c.roleId === r.id)?.n ?? 0) }))
        .filter((m) => m.free > 0)
        .sort((a, b) => MEAL_ROLES.indexOf(a.role) - MEAL_ROLES.indexOf(b.role)),
    };
  });
  const balanceCents = ctx.householdId
    ? (db
        .select({ n: sql<number>`coalesce(sum(${mealLedger.amountCents}), 0)` })
        .from(mealLedger)
        .where(and(eq(mealLedger.groupId, ctx.groupId), eq(mealLedger.householdId, ctx.householdId)))
        .get()?.n ?? 0)
    : null;
  return { thisWeek: week, signedUp: listMyUpcoming({ ctx, now, limit: 5 }), callsForVolunteers: calls, balanceCents };
}
