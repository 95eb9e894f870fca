// Support follow-up: episodes, actions, partners and referrals, follow-up checks after a departure, the
// access log and the counts funders get. Only support workers of the group read or write here (anyone
// else: 404, the records' existence is not revealed); every read of a record writes an access-log row.
import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import {
  groups,
  households,
  memberships,
  persons,
  supportAccessLog,
  supportActionPersons,
  supportActions,
  supportEpisodes,
  supportExitChecks,
  supportPartners,
  supportReferrals,
  users,
} from "~db/schema";
import { DESTINATIONS, type Destination } from "~db/schema/enums";
import type { MemberContext } from "~/modules/access/access.server";
import { requireScopePermission, type GroupScoped } from "~/modules/access/scope.server";
import { requireMember, requirePermission } from "~/modules/access/access.server";
import { forbidden, notFound } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { todayIn } from "~/modules/core/dates";
import { getHousehold } from "~/modules/households/households.server";
import {
  ACTION_KINDS,
  AID_SOURCES,
  CHECK_MILESTONES,
  HOUSED_ANSWERS,
  PARTNER_FIELDS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  RIGHTS,
  SUPPORT_TOPICS,
  type AccessWhat,
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
import { addMonths, checkDates, daysBetween, median, overlaps, referralProblem } from "./rules";
import type { ActionInput, HouseholdFileInput, PartnerInput, ReferralInput, ReferralUpdateInput, StartEpisodeInput } from "./schemas";

type Q = Pick<typeof db, "select" | "insert">;
export type SupportContext = MemberContext & { supportLead: boolean };
/** Field errors are i18n keys, keyed by the form's field names. */
export type Result<T = object> = ({ ok: true } & T) | { ok: false; fieldErrors: Record<string, string[]>; formErrors: string[] };
const fieldError = (field: string, key: string): { ok: false; fieldErrors: Record<string, string[]>; formErrors: string[] } => ({
  ok: false,
  fieldErrors: { [field]: [key] },
  formErrors: [],
});

/** How long before its date a follow-up check shows as due on the support worker's list. */
const CHECK_NOTICE_DAYS = 30;
/** The household file shows this many latest actions; the action list page shows them all. */
const LATEST_ACTIONS = 10;

// -------------------------------------------------------------------------------------------------
// Access

function isSupportWorker(ctx: Pick<MemberContext, "role">): boolean {
  return ctx.role === "support_worker";
}

/**
 * The one guard of every support route: a support worker of the group in the URL. Anyone else — another
 * role of the group, an operator, a funder, another group — gets 404, so the records' existence does not leak.
 */
export function requireSupportWorker(request: Request, params: Params, context?: AppLoadContext): SupportContext {
  return asSupportWorker(requireMember(request, params, context));
}

/** The same check for a member context already in hand (tests, other modules). */
export function asSupportWorker(ctx: MemberContext): SupportContext {
  if (!isSupportWorker(ctx)) throw notFound();
  const row = db
    .select({ supportLead: memberships.supportLead })
    .from(memberships)
    .where(and(eq(memberships.userId, ctx.userId), eq(memberships.groupId, ctx.groupId)))
    .get();
  if (!row) throw notFound();
  return { ...ctx, supportLead: row.supportLead };
}

function assertSupport(ctx: MemberContext) {
  if (!isSupportWorker(ctx)) throw notFound();
}

function logAccess(q: Q, ctx: MemberContext, householdId: string | null, what: AccessWhat, now = Date.now()) {
  q.insert(supportAccessLog).values({ groupId: ctx.groupId, userId: ctx.userId, householdId, what, at: new Date(now) }).run();
}

/**
 * Support writes go to the group's audit trail too, but without the household or any content: facilitators
 * read that trail, and the support records' details are for support workers only (decision 008).
 */
function audit(q: Q, ctx: MemberContext, action: string, record: string) {
  recordAudit(q, { groupId: ctx.groupId, userId: ctx.userId, action, entity: "support", details: { record } });
}

function findHousehold(q: Pick<typeof db, "select">, ctx: MemberContext, householdId: string) {
  const row = q
    .select({
      id: households.id,
      name: households.name,
      dwelling: households.dwelling,
      arrivalDate: households.arrivalDate,
      departureDate: households.departureDate,
      destination: households.destination,
    })
    .from(households)
    .where(and(eq(households.id, householdId), eq(households.groupId, ctx.groupId)))
    .get();
  if (!row) throw notFound();
  return row;
}

const today = (ctx: MemberContext, now = Date.now()) => todayIn(ctx.group.timeZone, now);

// -------------------------------------------------------------------------------------------------
// The support worker's list

export type DueCheck = { householdId: string; householdName: string; milestone: CheckMilestone; dueDate: string; departureDate: string; destination: Destination | null };

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
      list.push({ householdId: h.id, householdName: h.name, milestone: m, dueDate: dates[m], departureDate: h.departureDate as string, destination: h.destination });
    }
  }
  return list.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

function addDaysIso(date: string, days: number) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
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
      lastActionDate: sql<string | null>`(select max(${supportActions.date}) from ${supportActions} where ${supportActions.householdId} = ${supportEpisodes.householdId})`,
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

export type ActionRow = {
  id: string;
  date: string;
  kind: ActionKind;
  topics: Topic[];
  durationMinutes: number;
  note: string;
  aidCents: number | null;
  aidSource: AidSource | null;
  rightsOpened: Right[];
  authorName: string | null;
  personNames: string[];
};

function actionRows(ctx: MemberContext, householdId: string, limit?: number): ActionRow[] {
  const query = db
    .select({
      id: supportActions.id,
      date: supportActions.date,
      kind: supportActions.kind,
      topics: supportActions.topics,
      durationMinutes: supportActions.durationMinutes,
      note: supportActions.note,
      aidCents: supportActions.aidCents,
      aidSource: supportActions.aidSource,
      rightsOpened: supportActions.rightsOpened,
      authorName: users.name,
    })
    .from(supportActions)
    .leftJoin(users, eq(users.id, supportActions.createdBy))
    .where(and(eq(supportActions.groupId, ctx.groupId), eq(supportActions.householdId, householdId)))
    .orderBy(desc(supportActions.date), desc(supportActions.createdAt))
    .$dynamic();
  const rows = limit ? query.limit(limit).all() : query.all();
  const ids = rows.map((r) => r.id);
  const concerned = ids.length
    ? db
        .select({ actionId: supportActionPersons.actionId, firstName: persons.firstName })
        .from(supportActionPersons)
        .innerJoin(persons, eq(persons.id, supportActionPersons.personId))
        .where(and(eq(supportActionPersons.groupId, ctx.groupId), inArray(supportActionPersons.actionId, ids)))
        .all()
    : [];
  return rows.map((r) => ({ ...r, personNames: concerned.filter((c) => c.actionId === r.id).map((c) => c.firstName) }));
}

export type CheckRow = { milestone: CheckMilestone; dueDate: string; stillHoused: HousedAnswer | null; checkedOn: string | null };

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

/** Every action recorded for a household, newest first (the file shows the latest only). */
export function listActions({ ctx, householdId, now = Date.now() }: { ctx: SupportContext; householdId: string; now?: number }) {
  assertSupport(ctx);
  const household = findHousehold(db, ctx, householdId);
  const actions = actionRows(ctx, householdId);
  db.transaction((tx) => logAccess(tx, ctx, householdId, "action_list", now), { behavior: "immediate" });
  return { household: { id: household.id, name: household.name }, actions };
}

/** What the action form needs: the household and its persons (not a support record: no log row). */
export function getActionFormData({ ctx, householdId, now = Date.now() }: { ctx: SupportContext; householdId: string; now?: number }) {
  assertSupport(ctx);
  const { household, members } = getHousehold({ ctx, householdId });
  return { today: today(ctx, now), household: { id: household.id, name: household.name }, members: members.map((m) => ({ id: m.id, firstName: m.firstName })) };
}

// -------------------------------------------------------------------------------------------------
// Episodes

const isUniqueViolation = (e: unknown) => e instanceof Error && "code" in e && String((e as { code: unknown }).code).startsWith("SQLITE_CONSTRAINT_UNIQUE");

export function startEpisode({ ctx, householdId, input, now = Date.now() }: { ctx: SupportContext; householdId: string; input: StartEpisodeInput; now?: number }): Result<{ id: string }> {
  assertSupport(ctx);
  findHousehold(db, ctx, householdId);
  if (input.startDate > today(ctx, now)) return fieldError("startDate", "support:errors.date_future");
  try {
    return db.transaction(
      (tx): Result<{ id: string }> => {
        const open = tx
          .select({ id: supportEpisodes.id })
          .from(supportEpisodes)
          .where(and(eq(supportEpisodes.householdId, householdId), isNull(supportEpisodes.endDate)))
          .get();
        if (open) return { ok: false, fieldErrors: {}, formErrors: ["support:errors.episode_open"] };
        const later = tx
          .select({ id: supportEpisodes.id })
          .from(supportEpisodes)
          .where(and(eq(supportEpisodes.householdId, householdId), gte(supportEpisodes.endDate, input.startDate)))
          .get();
        if (later) return fieldError("startDate", "support:errors.start_before_previous_end");
        const row = tx
          .insert(supportEpisodes)
          .values({ groupId: ctx.groupId, householdId, startDate: input.startDate, goals: input.goals, entrySituation: input.entrySituation, createdBy: ctx.userId })
          .returning({ id: supportEpisodes.id })
          .get();
        audit(tx, ctx, "create", "episode");
        return { ok: true, id: row.id };
      },
      { behavior: "immediate" },
    );
  } catch (e) {
    // Another request opened one between our check and our insert: the partial unique index caught it.
    if (isUniqueViolation(e)) return { ok: false, fieldErrors: {}, formErrors: ["support:errors.episode_open"] };
    throw e;
  }
}

/** The household file's forms: close the open episode, or record a follow-up check after the departure. */
export function actOnHouseholdFile({ ctx, householdId, input, now = Date.now() }: { ctx: SupportContext; householdId: string; input: HouseholdFileInput; now?: number }): Result {
  assertSupport(ctx);
  const household = findHousehold(db, ctx, householdId);
  const on = today(ctx, now);
  if (input.intent === "close") {
    if (input.endDate > on) return fieldError("endDate", "support:errors.date_future");
    return db.transaction(
      (tx): Result => {
        const open = tx
          .select({ id: supportEpisodes.id, startDate: supportEpisodes.startDate })
          .from(supportEpisodes)
          .where(and(eq(supportEpisodes.groupId, ctx.groupId), eq(supportEpisodes.householdId, householdId), isNull(supportEpisodes.endDate)))
          .get();
        if (!open) return { ok: false, fieldErrors: {}, formErrors: ["support:errors.no_open_episode"] };
        if (input.endDate < open.startDate) return fieldError("endDate", "support:errors.end_before_start");
        tx.update(supportEpisodes).set({ endDate: input.endDate, outcome: input.outcome }).where(eq(supportEpisodes.id, open.id)).run();
        audit(tx, ctx, "update", "episode");
        return { ok: true };
      },
      { behavior: "immediate" },
    );
  }
  if (!household.departureDate) return { ok: false, fieldErrors: {}, formErrors: ["support:errors.not_departed"] };
  const milestone = input.milestone as CheckMilestone;
  const due = checkDates(household.departureDate)[milestone];
  if (input.checkedOn > on) return fieldError("checkedOn", "support:errors.date_future");
  if (input.checkedOn < addDaysIso(due, -CHECK_NOTICE_DAYS)) return fieldError("checkedOn", "support:errors.check_too_early");
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

// -------------------------------------------------------------------------------------------------
// Actions

export function recordAction({ ctx, householdId, input, now = Date.now() }: { ctx: SupportContext; householdId: string; input: ActionInput; now?: number }): Result<{ id: string }> {
  assertSupport(ctx);
  findHousehold(db, ctx, householdId);
  if (input.date > today(ctx, now)) return fieldError("date", "support:errors.date_future");
  const personIds = [...new Set(input.personIds)];
  if (personIds.length) {
    const found = db
      .select({ id: persons.id })
      .from(persons)
      .where(and(eq(persons.groupId, ctx.groupId), eq(persons.householdId, householdId), inArray(persons.id, personIds)))
      .all();
    if (found.length !== personIds.length) return fieldError("personIds", "support:errors.person_not_in_household");
  }
  return db.transaction(
    (tx): Result<{ id: string }> => {
      const episode = tx
        .select({ id: supportEpisodes.id })
        .from(supportEpisodes)
        .where(
          and(
            eq(supportEpisodes.householdId, householdId),
            lte(supportEpisodes.startDate, input.date),
            or(isNull(supportEpisodes.endDate), gte(supportEpisodes.endDate, input.date)),
          ),
        )
        .get();
      const row = tx
        .insert(supportActions)
        .values({
          groupId: ctx.groupId,
          householdId,
          episodeId: episode?.id ?? null,
          date: input.date,
          kind: input.kind,
          topics: input.topics,
          durationMinutes: input.durationMinutes,
          note: input.note ?? "",
          aidCents: input.aid,
          aidSource: input.aid !== null ? (input.aidSource ?? null) : null,
          rightsOpened: [...new Set(input.rights)],
          createdBy: ctx.userId,
          createdAt: new Date(now),
        })
        .returning({ id: supportActions.id })
        .get();
      if (personIds.length) tx.insert(supportActionPersons).values(personIds.map((personId) => ({ actionId: row.id, personId, groupId: ctx.groupId }))).run();
      audit(tx, ctx, "create", "action");
      return { ok: true, id: row.id };
    },
    { behavior: "immediate" },
  );
}

// -------------------------------------------------------------------------------------------------
// Partners and referrals

export function listPartners({ ctx }: { ctx: SupportContext }) {
  assertSupport(ctx);
  return db
    .select({
      id: supportPartners.id,
      name: supportPartners.name,
      field: supportPartners.field,
      contact: supportPartners.contact,
      referrals: sql<number>`(select count(*) from ${supportReferrals} where ${supportReferrals.partnerId} = ${supportPartners.id})`.mapWith(Number),
    })
    .from(supportPartners)
    .where(eq(supportPartners.groupId, ctx.groupId))
    .orderBy(asc(supportPartners.field), asc(supportPartners.name))
    .all();
}

export function createPartner({ ctx, input }: { ctx: SupportContext; input: PartnerInput }): Result<{ id: string }> {
  assertSupport(ctx);
  const same = db
    .select({ id: supportPartners.id })
    .from(supportPartners)
    .where(and(eq(supportPartners.groupId, ctx.groupId), sql`lower(${supportPartners.name}) = lower(${input.name})`))
    .get();
  if (same) return fieldError("name", "support:errors.partner_exists");
  return db.transaction(
    (tx): Result<{ id: string }> => {
      const row = tx
        .insert(supportPartners)
        .values({ groupId: ctx.groupId, name: input.name, field: input.field, contact: input.contact ?? "" })
        .returning({ id: supportPartners.id })
        .get();
      audit(tx, ctx, "create", "partner");
      return { ok: true, id: row.id };
    },
    { behavior: "immediate" },
  );
}

export function createReferral({ ctx, householdId, input, now = Date.now() }: { ctx: SupportContext; householdId: string; input: ReferralInput; now?: number }): Result<{ id: string }> {
  assertSupport(ctx);
  findHousehold(db, ctx, householdId);
  const partner = db
    .select({ id: supportPartners.id })
    .from(supportPartners)
    .where(and(eq(supportPartners.id, input.partnerId), eq(supportPartners.groupId, ctx.groupId)))
    .get();
  if (!partner) return fieldError("partnerId", "support:errors.partner_not_found");
  if (input.date > today(ctx, now)) return fieldError("date", "support:errors.date_future");
  return db.transaction(
    (tx): Result<{ id: string }> => {
      const row = tx
        .insert(supportReferrals)
        .values({ groupId: ctx.groupId, householdId, partnerId: partner.id, date: input.date, status: "sent", createdBy: ctx.userId })
        .returning({ id: supportReferrals.id })
        .get();
      audit(tx, ctx, "create", "referral");
      return { ok: true, id: row.id };
    },
    { behavior: "immediate" },
  );
}

function findReferral(q: Pick<typeof db, "select">, ctx: MemberContext, referralId: string) {
  const row = q
    .select({
      id: supportReferrals.id,
      householdId: supportReferrals.householdId,
      householdName: households.name,
      partnerName: supportPartners.name,
      partnerContact: supportPartners.contact,
      field: supportPartners.field,
      date: supportReferrals.date,
      status: supportReferrals.status,
      outcomeKind: supportReferrals.outcomeKind,
      outcomeText: supportReferrals.outcomeText,
      closedOn: supportReferrals.closedOn,
    })
    .from(supportReferrals)
    .innerJoin(households, eq(households.id, supportReferrals.householdId))
    .innerJoin(supportPartners, eq(supportPartners.id, supportReferrals.partnerId))
    .where(and(eq(supportReferrals.id, referralId), eq(supportReferrals.groupId, ctx.groupId)))
    .get();
  if (!row) throw notFound();
  return row;
}

export function getReferral({ ctx, referralId, now = Date.now() }: { ctx: SupportContext; referralId: string; now?: number }) {
  assertSupport(ctx);
  const referral = findReferral(db, ctx, referralId);
  db.transaction((tx) => logAccess(tx, ctx, referral.householdId, "referral", now), { behavior: "immediate" });
  return { today: today(ctx, now), referral };
}

export function updateReferral({ ctx, referralId, input, now = Date.now() }: { ctx: SupportContext; referralId: string; input: ReferralUpdateInput; now?: number }): Result {
  assertSupport(ctx);
  findReferral(db, ctx, referralId);
  if (input.date > today(ctx, now)) return fieldError("date", "support:errors.date_future");
  return db.transaction(
    (tx): Result => {
      const current = findReferral(tx, ctx, referralId);
      const problem = referralProblem(current.status, input.status, input.outcomeKind);
      if (problem) return fieldError(problem === "support:errors.outcome_required" ? "outcomeKind" : "status", problem);
      if (input.date < current.date) return fieldError("date", "support:errors.before_referral");
      const closing = input.status === "closed";
      tx.update(supportReferrals)
        .set({
          status: input.status,
          outcomeKind: closing ? (input.outcomeKind ?? null) : null,
          outcomeText: input.outcomeText ?? "",
          closedOn: closing ? input.date : null,
          updatedAt: new Date(now),
        })
        .where(and(eq(supportReferrals.id, referralId), eq(supportReferrals.groupId, ctx.groupId)))
        .run();
      audit(tx, ctx, "update", "referral");
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

// -------------------------------------------------------------------------------------------------
// The access log (the support lead only)

export function listAccessLog({ ctx, limit = 100, offset = 0 }: { ctx: SupportContext; limit?: number; offset?: number }) {
  assertSupport(ctx);
  // A support worker knows the records exist: 403 is right for one who is not the lead.
  if (!ctx.supportLead) throw forbidden();
  return db
    .select({ id: supportAccessLog.id, at: supportAccessLog.at, what: supportAccessLog.what, userName: users.name, householdName: households.name })
    .from(supportAccessLog)
    .leftJoin(users, eq(users.id, supportAccessLog.userId))
    .leftJoin(households, eq(households.id, supportAccessLog.householdId))
    .where(eq(supportAccessLog.groupId, ctx.groupId))
    .orderBy(desc(supportAccessLog.at), desc(supportAccessLog.id))
    .limit(limit)
    .offset(offset)
    .all()
    .map((r) => ({ ...r, at: r.at.getTime() }));
}

// -------------------------------------------------------------------------------------------------
// What a household sees about itself

/**
 * A household member sees which actions were recorded about their household: date, kind and topics —
 * never the notes, the amounts or who wrote. Support workers of the group see the same page. Anyone else
 * (another household, other roles, another group) gets 404.
 */
export function getHouseholdSupportView({ ctx, householdId, now = Date.now() }: { ctx: MemberContext; householdId: string; now?: number }) {
  const household = findHousehold(db, ctx, householdId);
  if (!isSupportWorker(ctx) && ctx.householdId !== householdId) throw notFound();
  const actions = db
    .select({ id: supportActions.id, date: supportActions.date, kind: supportActions.kind, topics: supportActions.topics })
    .from(supportActions)
    .where(and(eq(supportActions.groupId, ctx.groupId), eq(supportActions.householdId, householdId)))
    .orderBy(desc(supportActions.date), desc(supportActions.createdAt))
    .all();
  db.transaction((tx) => logAccess(tx, ctx, householdId, "household_view", now), { behavior: "immediate" });
  return { household: { id: household.id, name: household.name }, actions, isSupportWorker: isSupportWorker(ctx) };
}

// -------------------------------------------------------------------------------------------------
// Support leads, named by a group administrator

export function listSupportWorkers({ ctx }: { ctx: MemberContext }) {
  requirePermission(ctx, "member:invite:admin");
  return db
    .select({ membershipId: memberships.id, name: users.name, email: users.email, supportLead: memberships.supportLead })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.groupId, ctx.groupId), eq(memberships.role, "support_worker")))
    .orderBy(asc(users.name))
    .all();
}

export function setSupportLead({ ctx, membershipId, lead }: { ctx: MemberContext; membershipId: string; lead: boolean }): { ok: true } {
  requirePermission(ctx, "member:invite:admin");
  const row = db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.groupId, ctx.groupId), eq(memberships.role, "support_worker")))
    .get();
  if (!row) throw notFound();
  db.transaction(
    (tx) => {
      tx.update(memberships).set({ supportLead: lead }).where(eq(memberships.id, membershipId)).run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "membership", entityId: membershipId, details: { supportLead: lead } });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

/** Whether actions were recorded about the member's own household (Home links to what they may see). */
export function hasOwnSupportRecords({ ctx }: { ctx: MemberContext }): boolean {
  if (!ctx.householdId) return false;
  return !!db
    .select({ id: supportActions.id })
    .from(supportActions)
    .where(and(eq(supportActions.groupId, ctx.groupId), eq(supportActions.householdId, ctx.householdId)))
    .limit(1)
    .get();
}

/** Whether a member is a support worker of the group (for Home and the navigation). */
export function isSupportMember(ctx: Pick<MemberContext, "role">): boolean {
  return isSupportWorker(ctx);
}

// -------------------------------------------------------------------------------------------------
// Figures: counts only

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export type SupportFigures = {
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
 * names and no text: this is what evaluation and funders get. Taken by the group id (the caller authorises).
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
  const groupId = scope.groupId;
  const group = db.select({ id: groups.id, timeZone: groups.timeZone }).from(groups).where(eq(groups.id, groupId)).get();
  if (!group) throw notFound();
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
    .select({ kind: supportActions.kind, topics: supportActions.topics, aidCents: supportActions.aidCents, aidSource: supportActions.aidSource, rights: supportActions.rightsOpened })
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
  for (const e of episodes) if (!firstStart.has(e.householdId) || e.startDate < (firstStart.get(e.householdId) as string)) firstStart.set(e.householdId, e.startDate);
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
