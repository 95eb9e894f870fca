// The support figures evaluation and funders get: counts only, no names and no text.
import { and, count, eq, gte, inArray, isNotNull, lte } from "drizzle-orm";
import { db } from "~db/client.server";
import { households, persons, supportActions, supportEpisodes, supportExitChecks, supportPartners, supportReferrals } from "~db/schema";
import { DESTINATIONS, type Destination } from "~db/schema/enums";
import { requireScopePermission, type GroupScoped } from "~/modules/access/scope.server";
import { todayIn } from "~/modules/core/dates";
import { findGroup } from "~/modules/access/lookups.server";
import {
  ACTION_KINDS,
  AID_SOURCES,
  HOUSED_ANSWERS,
  PARTNER_FIELDS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  RIGHTS,
  SUPPORT_TOPICS,
  type ActionKind,
  type AidSource,
  type CheckMilestone,
  type Field,
  type HousedAnswer,
  type OutcomeKind,
  type ReferralStatus,
  type Right,
  type Topic,
} from "./enums";
import { checkDates, daysBetween, median, overlaps } from "./rules";

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

type SupportFigures = {
  householdsFollowed: number;
  personsFollowed: number;
  actionsByKind: Record<ActionKind, number>;
  actionsByTopic: Record<Topic, number>;
  interviews: number;
  medianSupportDays: number | null;
  referralsByField: Record<Field, number>;
  referralsByOutcome: Record<ReferralStatus | OutcomeKind, number>;
  aidCents: number;
  aidBySource: Record<AidSource, number>;
  rightsOpened: Record<Right, number>;
  exitsByDestination: Record<Destination, number>;
  stillHoused6: Record<HousedAnswer, number>;
  stillHoused12: Record<HousedAnswer, number>;
};

/**
 * The support figures of a group for the period [from, to] (calendar dates, inclusive). Counts only, no
 * names and no text: this is what evaluation and funders get. Taken by a scope: a member needs support:read.
 * - households followed: an episode overlapping the period; persons followed: the persons of those households;
 * - actions, aid and rights: actions dated in the period; interviews: individual interviews among them;
 * - median support days: episodes that ended in the period, from start to end;
 * - referrals: sent in the period, by the partner's field, and by status and (closed ones) outcome;
 * - exits: followed households (an episode started before they left) that left in the period, by destination;
 * - still housed at 6 / 12 months: those households whose check date falls in the period; a check not
 *   recorded once its date has passed counts as unknown.
 */
export function supportFigures({ scope, from, to, now = Date.now() }: { scope: GroupScoped; from: string; to: string; now?: number }): SupportFigures {
  requireScopePermission(scope, "support:read");
  const group = findGroup(scope);
  const groupId = group.id;
  const episodes = db
    .select({ householdId: supportEpisodes.householdId, startDate: supportEpisodes.startDate, endDate: supportEpisodes.endDate })
    .from(supportEpisodes)
    .where(eq(supportEpisodes.groupId, groupId))
    .all();
  const followed = [...new Set(episodes.filter((e) => overlaps(e, from, to)).map((e) => e.householdId))];
  const personsFollowed = followed.length
    ? (db
        .select({ n: count() })
        .from(persons)
        .where(and(eq(persons.groupId, groupId), inArray(persons.householdId, followed)))
        .get()?.n ?? 0)
    : 0;

  const actions = db
    .select({
      kind: supportActions.kind,
      topics: supportActions.topics,
      aidCents: supportActions.aidCents,
      aidSource: supportActions.aidSource,
      rights: supportActions.rightsOpened,
    })
    .from(supportActions)
    .where(and(eq(supportActions.groupId, groupId), gte(supportActions.date, from), lte(supportActions.date, to)))
    .all();
  const actionsByKind = zeroes(ACTION_KINDS);
  const actionsByTopic = zeroes(SUPPORT_TOPICS);
  const aidBySource = zeroes(AID_SOURCES);
  const rightsOpened = zeroes(RIGHTS);
  let aidCents = 0;
  for (const a of actions) {
    actionsByKind[a.kind] += 1;
    for (const t of new Set(a.topics)) if (t in actionsByTopic) actionsByTopic[t] += 1;
    if (a.aidCents && a.aidSource) {
      aidCents += a.aidCents;
      aidBySource[a.aidSource] += a.aidCents;
    }
    for (const r of new Set(a.rights)) if (r in rightsOpened) rightsOpened[r] += 1;
  }

  const ended = episodes.filter((e) => e.endDate !== null && e.endDate >= from && e.endDate <= to);
  const medianSupportDays = median(ended.map((e) => daysBetween(e.startDate, e.endDate as string)));

  const referrals = db
    .select({ field: supportPartners.field, status: supportReferrals.status, outcomeKind: supportReferrals.outcomeKind })
    .from(supportReferrals)
    .innerJoin(supportPartners, eq(supportPartners.id, supportReferrals.partnerId))
    .where(and(eq(supportReferrals.groupId, groupId), gte(supportReferrals.date, from), lte(supportReferrals.date, to)))
    .all();
  const referralsByField = zeroes(PARTNER_FIELDS);
  const referralsByOutcome = zeroes([...REFERRAL_STATUSES, ...REFERRAL_OUTCOMES] as const);
  for (const r of referrals) {
    referralsByField[r.field] += 1;
    referralsByOutcome[r.status] += 1;
    if (r.status === "closed" && r.outcomeKind) referralsByOutcome[r.outcomeKind] += 1;
  }

  // Exits: the departure and its destination belong to the households module; read, not copied.
  const firstStart = new Map<string, string>();
  for (const e of episodes)
    if (!firstStart.has(e.householdId) || e.startDate < (firstStart.get(e.householdId) as string)) firstStart.set(e.householdId, e.startDate);
  const departed = db
    .select({ id: households.id, departureDate: households.departureDate, destination: households.destination })
    .from(households)
    .where(and(eq(households.groupId, groupId), isNotNull(households.departureDate)))
    .all()
    .filter((h) => firstStart.has(h.id) && (firstStart.get(h.id) as string) <= (h.departureDate as string));
  const exitsByDestination = zeroes(DESTINATIONS);
  for (const h of departed) {
    const d = h.departureDate as string;
    if (d >= from && d <= to) exitsByDestination[h.destination ?? "unknown"] += 1;
  }
  const checks = departed.length
    ? db
        .select({ householdId: supportExitChecks.householdId, milestone: supportExitChecks.milestone, stillHoused: supportExitChecks.stillHoused })
        .from(supportExitChecks)
        .where(eq(supportExitChecks.groupId, groupId))
        .all()
    : [];
  const on = todayIn(group.timeZone, now);
  const housed = (m: CheckMilestone) => {
    const tally = zeroes(HOUSED_ANSWERS);
    for (const h of departed) {
      const due = checkDates(h.departureDate as string)[m];
      if (due < from || due > to) continue;
      const answer = checks.find((c) => c.householdId === h.id && c.milestone === m)?.stillHoused;
      if (answer) tally[answer] += 1;
      else if (due <= on) tally.unknown += 1;
    }
    return tally;
  };

  return {
    householdsFollowed: followed.length,
    personsFollowed,
    actionsByKind,
    actionsByTopic,
    interviews: actionsByKind.individual_interview,
    medianSupportDays,
    referralsByField,
    referralsByOutcome,
    aidCents,
    aidBySource,
    rightsOpened,
    exitsByDestination,
    stillHoused6: housed(6),
    stillHoused12: housed(12),
  };
}
