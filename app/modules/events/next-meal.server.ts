// Home's « prochain repas »: which shared meal comes next (pickNextMeal in rules.ts) and signing the household up
// for it in one tap with its usual party (defaultParty, the same defaults as the meal page's form).
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { db } from "~db/client.server";
import { eventOccurrences, eventSeries, persons } from "~db/schema";
import { can } from "~/modules/access/access.server";
import { todayIn } from "~/modules/core/dates";
import { refuse } from "~/modules/core/result";
import { listQuery, toListItems, type OccurrenceListItem } from "./calendar.server";
import { findOccurrence, type Ctx } from "./lookups.server";
import { defaultParty, pickNextMeal, problem, type Party } from "./rules";
import { childAgeLimitOf } from "./settings.server";
import { signUp } from "./signups.server";

/** How many coming meals are read to find the first one still open (the others are past their deadline). */
const LOOKAHEAD = 12;

export type NextMeal = OccurrenceListItem & {
  /** The party a one-tap sign-up takes (the household's persons by age); null when the person has no household. */
  party: Party | null;
  full: boolean;
};

/** The household's usual party: its persons by age, the meal page's defaults. */
export function defaultSignupParty({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): Party {
  if (!ctx.householdId) return { adults: 1, children: 0, infants: 0, guests: 0 };
  const members = db
    .select({ birthYear: persons.birthYear })
    .from(persons)
    .where(and(eq(persons.groupId, ctx.groupId), eq(persons.householdId, ctx.householdId)))
    .all();
  return defaultParty(members, childAgeLimitOf(db, ctx), todayIn(ctx.group.timeZone, now));
}

/** The next shared meal open for sign-up, this week or later, with the household's sign-up if any (null: none coming). */
export function getNextMeal({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): NextMeal | null {
  const rows = listQuery()
    .where(
      and(
        eq(eventOccurrences.groupId, ctx.groupId),
        eq(eventSeries.kind, "shared_meal"),
        eq(eventOccurrences.status, "scheduled"),
        isNull(eventOccurrences.closedAt),
        gt(eventOccurrences.startsAt, new Date(now)),
      ),
    )
    .orderBy(asc(eventOccurrences.startsAt))
    .limit(LOOKAHEAD)
    .all();
  const next = pickNextMeal(toListItems(db, ctx, rows), now);
  if (!next) return null;
  const mayOwn = !!ctx.householdId && can(ctx, "signup:own");
  return {
    ...next,
    party: mayOwn ? defaultSignupParty({ ctx, now }) : null,
    full: next.capacity != null && next.taken >= next.capacity,
  };
}

/** One tap: signs the person's own household up for `occurrenceId` with its usual party, no diets (signUp's rules). */
export function signUpWithDefaults({ ctx, occurrenceId, now = Date.now() }: { ctx: Ctx; occurrenceId: string; now?: number }): ReturnType<typeof signUp> {
  findOccurrence(db, ctx, occurrenceId); // another group's meal: NotFound before anything else
  if (!ctx.householdId) return refuse(problem("no_household"));
  return signUp({ ctx, occurrenceId, input: { ...defaultSignupParty({ ctx, now }), diets: [], allergies: "" }, now });
}
