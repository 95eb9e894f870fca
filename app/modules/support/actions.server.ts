// Support actions: recorded by a support worker for a household (its persons, topics, aid, rights opened),
// listed in its file; what the household itself sees of them (date, kind and topics only).
import { and, desc, eq, gte, inArray, isNull, lte, or } from "drizzle-orm";
import { db } from "~db/client.server";
import { persons, supportActionPersons, supportActions, supportEpisodes, users } from "~db/schema";
import type { MemberContext } from "~/modules/access/access.server";
import { NotFoundError } from "~/modules/access/errors";
import { getHousehold } from "~/modules/households/households.server";
import { findHousehold } from "~/modules/access/lookups.server";
import { refuse } from "~/modules/core/result";
import type { ActionKind, AidSource, Right, Topic } from "./enums";
import { problem, type Result } from "./rules";
import type { ActionInput } from "./schemas";
import { audit, today } from "./shared.server";
import { assertSupport, isSupportWorker, type SupportContext } from "./access.server";
import { logAccess } from "./access-log.server";

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

export function actionRows(ctx: MemberContext, householdId: string, limit?: number): ActionRow[] {
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

/** Every action recorded for a household, newest first (the file shows the latest only). */
export function listActions({ ctx, householdId, now = Date.now() }: { ctx: SupportContext; householdId: string; now?: number }) {
  assertSupport(ctx);
  const household = findHousehold(ctx, householdId);
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
// Actions

export function recordAction({
  ctx,
  householdId,
  input,
  now = Date.now(),
}: {
  ctx: SupportContext;
  householdId: string;
  input: ActionInput;
  now?: number;
}): Result<{ id: string }> {
  assertSupport(ctx);
  findHousehold(ctx, householdId);
  if (input.date > today(ctx, now)) return refuse(problem("date_future", "date"));
  const personIds = [...new Set(input.personIds)];
  if (personIds.length) {
    const found = db
      .select({ id: persons.id })
      .from(persons)
      .where(and(eq(persons.groupId, ctx.groupId), eq(persons.householdId, householdId), inArray(persons.id, personIds)))
      .all();
    if (found.length !== personIds.length) return refuse(problem("person_not_in_household", "personIds"));
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
      if (personIds.length)
        tx.insert(supportActionPersons)
          .values(personIds.map((personId) => ({ actionId: row.id, personId, groupId: ctx.groupId })))
          .run();
      audit(tx, ctx, "create", "action");
      return { ok: true, id: row.id };
    },
    { behavior: "immediate" },
  );
}

// -------------------------------------------------------------------------------------------------
// What a household sees about itself

/**
 * A household member sees which actions were recorded about their household: date, kind and topics —
 * never the notes, the amounts or who wrote. Support workers of the group see the same page. Anyone else
 * (another household, other roles, another group) gets 404.
 */
export function getHouseholdSupportView({ ctx, householdId, now = Date.now() }: { ctx: MemberContext; householdId: string; now?: number }) {
  const household = findHousehold(ctx, householdId);
  if (!isSupportWorker(ctx) && ctx.householdId !== householdId) throw new NotFoundError();
  const actions = db
    .select({ id: supportActions.id, date: supportActions.date, kind: supportActions.kind, topics: supportActions.topics })
    .from(supportActions)
    .where(and(eq(supportActions.groupId, ctx.groupId), eq(supportActions.householdId, householdId)))
    .orderBy(desc(supportActions.date), desc(supportActions.createdAt))
    .all();
  db.transaction((tx) => logAccess(tx, ctx, householdId, "household_view", now), { behavior: "immediate" });
  return { household: { id: household.id, name: household.name }, actions, isSupportWorker: isSupportWorker(ctx) };
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
