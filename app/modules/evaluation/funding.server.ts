// Funding, group side: the co-funders a group records per year (planned and spent, in cents), and the
// grants of the programmes that fund it (read-only here: the programme sets them).
import { and, asc, desc, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { groupFunding, programmeGrants, programmes } from "~db/schema";
import type { MemberContext } from "~/modules/access/access.server";
import { requirePermission } from "~/modules/access/access.server";
import { NotFoundError } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Translate } from "~/modules/core/form-reply";
import { problemOf, refuse, type Problem, type Result } from "~/modules/core/result";
import type { FundingInput } from "./schemas";

type Ctx = MemberContext;
export type FundingRow = typeof groupFunding.$inferSelect;
export type FundingProblem = Problem<"funder_exists">;

/** A funding problem in the person's words. */
export function describeFundingProblem(t: Translate, p: FundingProblem): string {
  return t(`evaluation:errors.${p.code}`, p.params);
}

export function listFunding({ ctx }: { ctx: Ctx }): FundingRow[] {
  requirePermission(ctx, "funding:manage");
  return db
    .select()
    .from(groupFunding)
    .where(eq(groupFunding.groupId, ctx.groupId))
    .orderBy(desc(groupFunding.year), asc(groupFunding.kind), asc(groupFunding.funderName))
    .all();
}

export function listGrants({ ctx }: { ctx: Ctx }): { programmeName: string; year: number; amountCents: number }[] {
  requirePermission(ctx, "funding:manage");
  return db
    .select({ programmeName: programmes.name, year: programmeGrants.year, amountCents: programmeGrants.amountCents })
    .from(programmeGrants)
    .innerJoin(programmes, eq(programmes.id, programmeGrants.programmeId))
    .where(eq(programmeGrants.groupId, ctx.groupId))
    .orderBy(desc(programmeGrants.year), asc(programmes.name))
    .all();
}

/** Add a co-funder line, or change one (by id). One line per year, kind and funder name. */
export function saveFunding({ ctx, input }: { ctx: Ctx; input: FundingInput }): Result<{ id: string }, FundingProblem> {
  requirePermission(ctx, "funding:manage");
  const values = { year: input.year, kind: input.kind, funderName: input.funderName, plannedCents: input.planned, spentCents: input.spent };
  return db.transaction(
    (tx) => {
      const clash = tx
        .select({ id: groupFunding.id })
        .from(groupFunding)
        .where(
          and(
            eq(groupFunding.groupId, ctx.groupId),
            eq(groupFunding.year, input.year),
            eq(groupFunding.kind, input.kind),
            eq(groupFunding.funderName, input.funderName),
          ),
        )
        .get();
      if (clash && clash.id !== input.id) return refuse(problemOf("funder_exists", "funderName"));
      if (input.id) {
        const before = tx
          .select()
          .from(groupFunding)
          .where(and(eq(groupFunding.id, input.id), eq(groupFunding.groupId, ctx.groupId)))
          .get();
        if (!before) throw new NotFoundError();
        tx.update(groupFunding)
          .set(values)
          .where(and(eq(groupFunding.id, input.id), eq(groupFunding.groupId, ctx.groupId)))
          .run();
        recordAudit(tx, {
          groupId: ctx.groupId,
          userId: ctx.userId,
          action: "update",
          entity: "group_funding",
          entityId: input.id,
          details: { before: { ...before }, after: values },
        });
        return { ok: true as const, id: input.id };
      }
      const row = tx
        .insert(groupFunding)
        .values({ groupId: ctx.groupId, ...values, createdBy: ctx.userId })
        .returning({ id: groupFunding.id })
        .get();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "group_funding", entityId: row.id, details: values });
      return { ok: true as const, id: row.id };
    },
    { behavior: "immediate" },
  );
}

export function deleteFunding({ ctx, id }: { ctx: Ctx; id: string }): { ok: true } {
  requirePermission(ctx, "funding:manage");
  db.transaction(
    (tx) => {
      const before = tx
        .select()
        .from(groupFunding)
        .where(and(eq(groupFunding.id, id), eq(groupFunding.groupId, ctx.groupId)))
        .get();
      if (!before) throw new NotFoundError();
      tx.delete(groupFunding)
        .where(and(eq(groupFunding.id, id), eq(groupFunding.groupId, ctx.groupId)))
        .run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "delete", entity: "group_funding", entityId: id, details: { ...before } });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}
