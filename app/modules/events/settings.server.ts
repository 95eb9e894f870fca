// The group's settings for events: the age up to which a person counts as a child (half a portion). Defaults
// until a facilitator changes them.
import { eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { eventSettings } from "~db/schema";
import { requirePermission } from "~/modules/access/access.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Ctx, Q } from "./lookups.server";
import type { EventSettingsInput } from "./schemas";

const DEFAULT_CHILD_AGE_LIMIT = 12;

export function childAgeLimitOf(q: Q, ctx: Ctx): number {
  return (
    q.select({ limit: eventSettings.childAgeLimit }).from(eventSettings).where(eq(eventSettings.groupId, ctx.groupId)).get()?.limit ?? DEFAULT_CHILD_AGE_LIMIT
  );
}

/** The group's settings for events (defaults when never changed). */
export function getEventSettings({ ctx }: { ctx: Ctx }): { childAgeLimit: number } {
  return { childAgeLimit: childAgeLimitOf(db, ctx) };
}

/** The settings for their form: 403 without event:manage. */
export function getEventSettingsToManage({ ctx }: { ctx: Ctx }): { childAgeLimit: number } {
  requirePermission(ctx, "event:manage");
  return getEventSettings({ ctx });
}

export function updateEventSettings({ ctx, input }: { ctx: Ctx; input: EventSettingsInput }): { ok: true } {
  requirePermission(ctx, "event:manage");
  db.transaction(
    (tx) => {
      const before = childAgeLimitOf(tx, ctx);
      tx.insert(eventSettings)
        .values({ groupId: ctx.groupId, childAgeLimit: input.childAgeLimit })
        .onConflictDoUpdate({ target: eventSettings.groupId, set: { childAgeLimit: input.childAgeLimit, updatedAt: new Date() } })
        .run();
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "update",
        entity: "event_settings",
        entityId: ctx.groupId,
        details: { childAgeLimit: { before, after: input.childAgeLimit } },
      });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}
