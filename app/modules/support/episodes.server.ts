// Support episodes (one open per household: partial unique index), the support worker's list (open episodes,
// referrals waiting, follow-up checks due after a departure) and a household's file, where episodes are
// closed and the 6/12-month checks recorded.
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { households, supportActions, supportEpisodes, supportExitChecks, supportPartners, supportReferrals } from "~db/schema";
import type { Destination } from "~db/schema/enums";
import type { MemberContext } from "~/modules/access/access.server";
import { getHousehold } from "~/modules/households/households.server";
import { findHousehold } from "~/modules/access/lookups.server";
import { CHECK_MILESTONES, type CheckMilestone, type HousedAnswer } from "./enums";
import { refuse } from "~/modules/core/result";
import { checkDates, problem, type Result } from "./rules";
import type { HouseholdFileInput, StartEpisodeInput } from "./schemas";
import { addDaysIso, audit, CHECK_NOTICE_DAYS, today } from "./shared.server";
import { assertSupport, type SupportContext } from "./access.server";
import { logAccess } from "./access-log.server";
import { actionRows } from "./actions.server";

/** The household file shows this many latest actions; the action list page shows them all. */
const LATEST_ACTIONS = 10;

// -------------------------------------------------------------------------------------------------
// The support worker's list

type DueCheck = {
  householdId: string;
  householdName: string;
  milestone: CheckMilestone;
  dueDate: string;
  departureDate: string;
  destination: Destination | null;
};

/** Follow-up checks of followed households that left: due within CHECK_NOTICE_DAYS (or overdue) and not recorded. */
function dueChecks(ctx: MemberContext, on: string): DueCheck[] {
  const departed = db
    .select({ id: households.id, name: households.name, departureDate: households.departureDate, destination: households.destination })
    .from(households)
    .where(
      and(
        eq(households.groupId, ctx.groupId),
        isNotNull(households.departureDate),
        lte(households.departureDate, on),
        sql`exists (select 1 from ${supportEpisodes} where ${supportEpisodes.householdId} = ${households.id})`,
      ),
    )
    .all();
  if (!departed.length) return [];
  const done = db
    .select({ householdId: supportExitChecks.householdId, milestone: supportExitChecks.milestone })
    .from(supportExitChecks)
    .where(eq(supportExitChecks.groupId, ctx.groupId))
    .all();
  const recorded = new Set(done.map((c) => `${c.householdId}:${c.milestone}`));
  const horizon = addDaysIso(on, CHECK_NOTICE_DAYS);
  const list: DueCheck[] = [];
  for (const h of departed) {
    const dates = checkDates(h.departureDate as string);
    for (const m of CHECK_MILESTONES) {
      if (recorded.has(`${h.id}:${m}`) || dates[m] > horizon) continue;
      list.push({
        householdId: h.id,
        householdName: h.name,
        milestone: m,
        dueDate: dates[m],
        departureDate: h.departureDate as string,
        destination: h.destination,
      });
    }
  }
  return list.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

export function getSupportHome({ ctx, now = Date.now() }: { ctx: SupportContext; now?: number }) {
  assertSupport(ctx);
  const on = today(ctx, now);
  const openEpisodes = db
    .select({
      id: supportEpisodes.id,
      householdId: supportEpisodes.householdId,
      householdName: households.name,
      dwelling: households.dwelling,
      startDate: supportEpisodes.startDate,
      goals: supportEpisodes.goals,
      lastActionDate: sql<
        string | null
      >`(select max(${supportActions.date}) from ${supportActions} where ${supportActions.householdId} = ${supportEpisodes.householdId})`,
    })
    .from(supportEpisodes)
    .innerJoin(households, eq(households.id, supportEpisodes.householdId))
    .where(and(eq(supportEpisodes.groupId, ctx.groupId), isNull(supportEpisodes.endDate)))
    .orderBy(asc(households.name))
    .all();
  const waitingReferrals = db
    .select({
      id: supportReferrals.id,
      householdId: supportReferrals.householdId,
      householdName: households.name,
      partnerName: supportPartners.name,
      field: supportPartners.field,
      date: supportReferrals.date,
      status: supportReferrals.status,
    })
    .from(supportReferrals)
    .innerJoin(households, eq(households.id, supportReferrals.householdId))
    .innerJoin(supportPartners, eq(supportPartners.id, supportReferrals.partnerId))
    .where(and(eq(supportReferrals.groupId, ctx.groupId), inArray(supportReferrals.status, ["sent", "taken_up"])))
    .orderBy(asc(supportReferrals.date))
    .all();
  const followed = new Set(openEpisodes.map((e) => e.householdId));
  const others = db
    .select({ id: households.id, name: households.name, dwelling: households.dwelling, departureDate: households.departureDate })
    .from(households)
    .where(and(eq(households.groupId, ctx.groupId), or(isNull(households.departureDate), gte(households.departureDate, on))))
    .orderBy(asc(households.name))
    .all()
    .filter((h) => !followed.has(h.id));
  db.transaction((tx) => logAccess(tx, ctx, null, "overview", now), { behavior: "immediate" });
  return { today: on, dueChecks: dueChecks(ctx, on), openEpisodes, waitingReferrals, otherHouseholds: others };
}

// -------------------------------------------------------------------------------------------------
// A household's file
type CheckRow = { milestone: CheckMilestone; dueDate: string; stillHoused: HousedAnswer | null; checkedOn: string | null };

export function getHouseholdFile({ ctx, householdId, now = Date.now() }: { ctx: SupportContext; householdId: string; now?: number }) {
  assertSupport(ctx);
  const { household, members } = getHousehold({ ctx, householdId });
  const episodes = db
    .select({
      id: supportEpisodes.id,
      startDate: supportEpisodes.startDate,
      endDate: supportEpisodes.endDate,
      goals: supportEpisodes.goals,
      entrySituation: supportEpisodes.entrySituation,
      outcome: supportEpisodes.outcome,
    })
    .from(supportEpisodes)
    .where(and(eq(supportEpisodes.groupId, ctx.groupId), eq(supportEpisodes.householdId, householdId)))
    .orderBy(desc(supportEpisodes.startDate))
    .all();
  const actionTotal =
    db
      .select({ n: count() })
      .from(supportActions)
      .where(and(eq(supportActions.groupId, ctx.groupId), eq(supportActions.householdId, householdId)))
      .get()?.n ?? 0;
  const referrals = db
    .select({
      id: supportReferrals.id,
      date: supportReferrals.date,
      status: supportReferrals.status,
      outcomeKind: supportReferrals.outcomeKind,
      partnerName: supportPartners.name,
      field: supportPartners.field,
    })
    .from(supportReferrals)
    .innerJoin(supportPartners, eq(supportPartners.id, supportReferrals.partnerId))
    .where(and(eq(supportReferrals.groupId, ctx.groupId), eq(supportReferrals.householdId, householdId)))
    .orderBy(desc(supportReferrals.date))
    .all();
  let checks: CheckRow[] = [];
  if (household.departureDate) {
    const recorded = db
      .select({ milestone: supportExitChecks.milestone, stillHoused: supportExitChecks.stillHoused, checkedOn: supportExitChecks.checkedOn })
      .from(supportExitChecks)
      .where(and(eq(supportExitChecks.groupId, ctx.groupId), eq(supportExitChecks.householdId, householdId)))
      .all();
    const dates = checkDates(household.departureDate);
    checks = CHECK_MILESTONES.map((m) => {
      const r = recorded.find((c) => c.milestone === m);
      return { milestone: m, dueDate: dates[m], stillHoused: r?.stillHoused ?? null, checkedOn: r?.checkedOn ?? null };
    });
  }
  db.transaction((tx) => logAccess(tx, ctx, householdId, "household_file", now), { behavior: "immediate" });
  return {
    today: today(ctx, now),
    household: {
      id: household.id,
      name: household.name,
      dwelling: household.dwelling,
      arrivalDate: household.arrivalDate,
      departureDate: household.departureDate,
      destination: household.destination,
    },
    members: members.map((m) => ({ id: m.id, firstName: m.firstName, birthYear: m.birthYear })),
    episodes,
    openEpisode: episodes.find((e) => e.endDate === null) ?? null,
    actions: actionRows(ctx, householdId, LATEST_ACTIONS),
    actionTotal,
    referrals,
    checks,
  };
}

// -------------------------------------------------------------------------------------------------
// Episodes

const isUniqueViolation = (e: unknown) => e instanceof Error && "code" in e && String((e as { code: unknown }).code).startsWith("SQLITE_CONSTRAINT_UNIQUE");

export function startEpisode({
  ctx,
  householdId,
  input,
  now = Date.now(),
}: {
  ctx: SupportContext;
  householdId: string;
  input: StartEpisodeInput;
  now?: number;
}): Result<{ id: string }> {
  assertSupport(ctx);
  findHousehold(ctx, householdId);
  if (input.startDate > today(ctx, now)) return refuse(problem("date_future", "startDate"));
  try {
    return db.transaction(
      (tx): Result<{ id: string }> => {
        const open = tx
          .select({ id: supportEpisodes.id })
          .from(supportEpisodes)
          .where(and(eq(supportEpisodes.householdId, householdId), isNull(supportEpisodes.endDate)))
          .get();
        if (open) return refuse(problem("episode_open"));
        const later = tx
          .select({ id: supportEpisodes.id })
          .from(supportEpisodes)
          .where(and(eq(supportEpisodes.householdId, householdId), gte(supportEpisodes.endDate, input.startDate)))
          .get();
        if (later) return refuse(problem("start_before_previous_end", "startDate"));
        const row = tx
          .insert(supportEpisodes)
          .values({
            groupId: ctx.groupId,
            householdId,
            startDate: input.startDate,
            goals: input.goals,
            entrySituation: input.entrySituation,
            createdBy: ctx.userId,
          })
          .returning({ id: supportEpisodes.id })
          .get();
        audit(tx, ctx, "create", "episode");
        return { ok: true, id: row.id };
      },
      { behavior: "immediate" },
    );
  } catch (e) {
    // Another request opened one between our check and our insert: the partial unique index caught it.
    if (isUniqueViolation(e)) return refuse(problem("episode_open"));
    throw e;
  }
}

/** The household file's forms: close the open episode, or record a follow-up check after the departure. */
export function actOnHouseholdFile({
  ctx,
  householdId,
  input,
  now = Date.now(),
}: {
  ctx: SupportContext;
  householdId: string;
  input: HouseholdFileInput;
  now?: number;
}): Result {
  assertSupport(ctx);
  const household = findHousehold(ctx, householdId);
  const on = today(ctx, now);
  if (input.intent === "close") {
    if (input.endDate > on) return refuse(problem("date_future", "endDate"));
    return db.transaction(
      (tx): Result => {
        const open = tx
          .select({ id: supportEpisodes.id, startDate: supportEpisodes.startDate })
          .from(supportEpisodes)
          .where(and(eq(supportEpisodes.groupId, ctx.groupId), eq(supportEpisodes.householdId, householdId), isNull(supportEpisodes.endDate)))
          .get();
        if (!open) return refuse(problem("no_open_episode"));
        if (input.endDate < open.startDate) return refuse(problem("end_before_start", "endDate"));
        tx.update(supportEpisodes).set({ endDate: input.endDate, outcome: input.outcome }).where(eq(supportEpisodes.id, open.id)).run();
        audit(tx, ctx, "update", "episode");
        return { ok: true };
      },
      { behavior: "immediate" },
    );
  }
  if (!household.departureDate) return refuse(problem("not_departed"));
  const milestone = input.milestone as CheckMilestone;
  const due = checkDates(household.departureDate)[milestone];
  if (input.checkedOn > on) return refuse(problem("date_future", "checkedOn"));
  if (input.checkedOn < addDaysIso(due, -CHECK_NOTICE_DAYS)) return refuse(problem("check_too_early", "checkedOn"));
  db.transaction(
    (tx) => {
      tx.insert(supportExitChecks)
        .values({ groupId: ctx.groupId, householdId, milestone, stillHoused: input.stillHoused, checkedOn: input.checkedOn, checkedBy: ctx.userId })
        .onConflictDoUpdate({
          target: [supportExitChecks.householdId, supportExitChecks.milestone],
          set: { stillHoused: input.stillHoused, checkedOn: input.checkedOn, checkedBy: ctx.userId },
        })
        .run();
      audit(tx, ctx, "update", "exit_check");
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}
