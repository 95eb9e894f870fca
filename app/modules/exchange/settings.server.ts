// The group's exchange settings (the minimum balance, care restricted to approved carers), the approved
// carers, and the care safeguards an offer or an exchange of care checks.
import { and, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { approvedCarers, exchangeSettings, households, persons } from "~db/schema";
import type { ExchangeCategory } from "~db/schema/enums";
import { requirePermission } from "~/modules/access/access.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { utcToZoned } from "~/modules/core/recurrence";
import { findPerson } from "~/modules/access/lookups.server";
import { checkCareGiver, type Problem } from "./rules";
import type { ExchangeSettingsInput } from "./schemas";
import type { Ctx, Q } from "./shared.server";

export type ExchangeSettings = { minBalanceMinutes: number; careRestricted: boolean };
const DEFAULT_SETTINGS: ExchangeSettings = { minBalanceMinutes: -600, careRestricted: false };

export function settingsOf(q: Q, ctx: Ctx): ExchangeSettings {
  const row = q
    .select({ minBalanceMinutes: exchangeSettings.minBalanceMinutes, careRestricted: exchangeSettings.careRestricted })
    .from(exchangeSettings)
    .where(eq(exchangeSettings.groupId, ctx.groupId))
    .get();
  return row ?? DEFAULT_SETTINGS;
}

export function getSettings({ ctx }: { ctx: Ctx }): ExchangeSettings {
  requirePermission(ctx, "exchange:use");
  return settingsOf(db, ctx);
}

export function updateSettings({ ctx, input }: { ctx: Ctx; input: ExchangeSettingsInput }): { ok: true } {
  requirePermission(ctx, "exchange:settle");
  const values = { minBalanceMinutes: input.minBalanceHours * 60, careRestricted: input.careRestricted ?? false };
  db.transaction(
    (tx) => {
      tx.insert(exchangeSettings)
        .values({ groupId: ctx.groupId, ...values })
        .onConflictDoUpdate({ target: exchangeSettings.groupId, set: values })
        .run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "update", entity: "exchange_settings", entityId: ctx.groupId, details: values });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

export function listApprovedCarers({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx, "exchange:use");
  return db
    .select({ personId: persons.id, firstName: persons.firstName, householdName: households.name })
    .from(approvedCarers)
    .innerJoin(persons, eq(persons.id, approvedCarers.personId))
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(approvedCarers.groupId, ctx.groupId))
    .orderBy(persons.firstName)
    .all();
}

export function approveCarer({ ctx, personId }: { ctx: Ctx; personId: string }): { ok: true } {
  findPerson(ctx, personId);
  requirePermission(ctx, "exchange:settle");
  db.transaction(
    (tx) => {
      tx.insert(approvedCarers).values({ groupId: ctx.groupId, personId, approvedBy: ctx.userId }).onConflictDoNothing().run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "approved_carer", entityId: personId });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

export function removeCarer({ ctx, personId }: { ctx: Ctx; personId: string }): { ok: true } {
  findPerson(ctx, personId);
  requirePermission(ctx, "exchange:settle");
  db.transaction(
    (tx) => {
      tx.delete(approvedCarers)
        .where(and(eq(approvedCarers.groupId, ctx.groupId), eq(approvedCarers.personId, personId)))
        .run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "delete", entity: "approved_carer", entityId: personId });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

/** The care safeguards for a giver (a person of the group, or unknown). */
export function careProblems(q: Q, ctx: Ctx, category: ExchangeCategory, giverPersonId: string | null, now: number): Problem[] {
  const settings = settingsOf(q, ctx);
  const giver = giverPersonId ? findPerson(ctx, giverPersonId, q) : null;
  const approved = giverPersonId
    ? !!q
        .select({ id: approvedCarers.id })
        .from(approvedCarers)
        .where(and(eq(approvedCarers.groupId, ctx.groupId), eq(approvedCarers.personId, giverPersonId)))
        .get()
    : false;
  const year = Number(utcToZoned(now, ctx.group.timeZone).date.slice(0, 4));
  return checkCareGiver({ category, giverBirthYear: giver?.birthYear ?? null, approved, careRestricted: settings.careRestricted, year });
}
