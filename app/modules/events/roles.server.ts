// Meal roles: head cook, helpers, cleaners — taken by residents for themselves (or, by facilitators, for a person
// or household of the group), left, and their number of slots set per meal.
import { and, eq, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { eventOccurrences, mealAssignments, mealRoles } from "~db/schema";
import type { MealRole } from "~db/schema/enums";
import { can, requirePermission } from "~/modules/access/access.server";
import { ForbiddenError, NotFoundError } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { refuse } from "~/modules/core/result";
import { findHousehold, findPerson } from "~/modules/access/lookups.server";
import { findOccurrence, isManager, triggerError, type Ctx, type Occurrence, type Q, type Result, type Series } from "./lookups.server";
import { problem, type Problem } from "./rules";

export function roleRows(q: Q, occurrenceId: string) {
  return q.select().from(mealRoles).where(eq(mealRoles.occurrenceId, occurrenceId)).all();
}

export function isHeadCook(q: Q, ctx: Ctx, occurrenceId: string): boolean {
  if (!ctx.householdId && !ctx.personId) return false;
  const rows = q
    .select({ personId: mealAssignments.personId, householdId: mealAssignments.householdId })
    .from(mealAssignments)
    .innerJoin(mealRoles, eq(mealRoles.id, mealAssignments.roleId))
    .where(and(eq(mealAssignments.occurrenceId, occurrenceId), eq(mealRoles.role, "head_cook")))
    .all();
  return rows.some((r) => (r.personId ? r.personId === ctx.personId : r.householdId === ctx.householdId));
}

export function mealProblems(occ: Occurrence, series: Series): Problem[] {
  if (series.kind !== "shared_meal") return [problem("not_a_meal")];
  if (occ.closedAt) return [problem("meal_closed")];
  if (occ.status !== "scheduled") return [problem("not_scheduled")];
  return [];
}

/**
 * Takes a role of a meal (head cook, helper, cleaner): yourself (your person, or your household), or —
 * facilitators — a person or household of the group, recorded as on their behalf. Residents until the
 * meal starts; facilitators until it is closed.
 */
export function volunteer({
  ctx,
  occurrenceId,
  role,
  personId,
  householdId,
  now = Date.now(),
}: {
  ctx: Ctx;
  occurrenceId: string;
  role: MealRole;
  personId?: string;
  householdId?: string;
  now?: number;
}): Result<{ assignmentId: string }> {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  requirePermission(ctx, "signup:own");
  const someoneElse = (personId && personId !== ctx.personId) || (householdId && householdId !== ctx.householdId);
  let who: { householdId: string; personId: string | null };
  if (someoneElse) {
    requirePermission(ctx, "event:manage");
    if (personId) {
      const p = findPerson(ctx, personId);
      who = { householdId: p.householdId, personId: p.id };
    } else who = { householdId: findHousehold(ctx, householdId!).id, personId: null };
  } else {
    if (!ctx.householdId) return refuse(problem("no_household", "personId"));
    who = { householdId: ctx.householdId, personId: ctx.personId };
  }
  const early = mealProblems(occ, series);
  if (early.length) return refuse(...early);
  if (!isManager(ctx) && now >= occ.startsAt.getTime()) return refuse(problem("already_started"));
  return db.transaction(
    (tx): Result<{ assignmentId: string }> => {
      let roleRow = roleRows(tx, occ.id).find((r) => r.role === role);
      roleRow ??= tx
        .insert(mealRoles)
        .values({
          groupId: ctx.groupId,
          occurrenceId: occ.id,
          role,
          slots: role === "head_cook" ? 1 : role === "helper" ? series.helperSlots : series.cleanerSlots,
        })
        .returning()
        .get();
      const held = tx.select().from(mealAssignments).where(eq(mealAssignments.roleId, roleRow.id)).all();
      if (held.some((a) => (who.personId ? a.personId === who.personId : a.personId == null && a.householdId === who.householdId)))
        return refuse(problem("already_in_role", "role"));
      if (held.length >= roleRow.slots) return refuse(problem("role_full", "role", { slots: roleRow.slots }));
      let id: string;
      try {
        id = tx
          .insert(mealAssignments)
          .values({
            groupId: ctx.groupId,
            occurrenceId: occ.id,
            roleId: roleRow.id,
            householdId: who.householdId,
            personId: who.personId,
            createdBy: ctx.userId,
            onBehalf: !!someoneElse,
          })
          .returning({ id: mealAssignments.id })
          .get().id;
      } catch (e) {
        const code = triggerError(e);
        if (code === "role_full") return refuse(problem("role_full", "role", { slots: roleRow.slots }));
        if (code === "unique") return refuse(problem("already_in_role", "role"));
        if (code === "meal_closed") return refuse(problem("meal_closed"));
        throw e;
      }
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "volunteer",
        entity: "meal_assignment",
        entityId: id,
        details: { occurrenceId: occ.id, role, ...who },
      });
      return { ok: true, assignmentId: id };
    },
    { behavior: "immediate" },
  );
}

/** Leaves a role: your own assignment until the meal starts; facilitators any, until it is closed. */
export function withdraw({ ctx, assignmentId, now = Date.now() }: { ctx: Ctx; assignmentId: string; now?: number }): Result {
  const a = db
    .select()
    .from(mealAssignments)
    .where(and(eq(mealAssignments.id, assignmentId), eq(mealAssignments.groupId, ctx.groupId)))
    .get();
  if (!a) throw new NotFoundError();
  const mine = a.personId ? a.personId === ctx.personId : a.householdId === ctx.householdId;
  if (!isManager(ctx) && !(mine && can(ctx, "signup:own"))) throw new ForbiddenError();
  const { occ, series } = findOccurrence(db, ctx, a.occurrenceId);
  const early = mealProblems(occ, series).filter((p) => p.code !== "not_scheduled");
  if (early.length) return refuse(...early);
  if (!isManager(ctx) && now >= occ.startsAt.getTime()) return refuse(problem("already_started"));
  return db.transaction(
    (tx): Result => {
      const closed = tx.select({ closedAt: eventOccurrences.closedAt }).from(eventOccurrences).where(eq(eventOccurrences.id, occ.id)).get()?.closedAt;
      if (closed) return refuse(problem("meal_closed"));
      tx.delete(mealAssignments)
        .where(and(eq(mealAssignments.id, a.id), eq(mealAssignments.groupId, ctx.groupId)))
        .run();
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "withdraw",
        entity: "meal_assignment",
        entityId: a.id,
        details: { occurrenceId: occ.id, householdId: a.householdId, personId: a.personId },
      });
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/** How many people a role of one meal needs (facilitators); never fewer than already hold it. */
export function setRoleSlots({ ctx, occurrenceId, role, slots }: { ctx: Ctx; occurrenceId: string; role: MealRole; slots: number }): Result {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  requirePermission(ctx, "event:manage");
  const early = mealProblems(occ, series);
  if (early.length) return refuse(...early);
  return db.transaction(
    (tx): Result => {
      const row = roleRows(tx, occ.id).find((r) => r.role === role);
      const held = row
        ? tx
            .select({ n: sql<number>`count(*)` })
            .from(mealAssignments)
            .where(eq(mealAssignments.roleId, row.id))
            .get()!.n
        : 0;
      if (slots < held) return refuse(problem("slots_below_taken", "slots", { taken: held }));
      if (row) tx.update(mealRoles).set({ slots }).where(eq(mealRoles.id, row.id)).run();
      else tx.insert(mealRoles).values({ groupId: ctx.groupId, occurrenceId: occ.id, role, slots }).run();
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "update",
        entity: "meal_role",
        entityId: occ.id,
        details: { role, slots: { before: row?.slots ?? null, after: slots } },
      });
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}
