// Offers and requests: posted by a person on behalf of their household, listed and searched, paused,
// closed or reopened by their household or a facilitator.
import { and, desc, eq, or, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { exchangePosts, households, persons } from "~db/schema";
import type { ExchangeCategory, ExchangePostKind } from "~db/schema/enums";
import { can, requirePermission } from "~/modules/access/access.server";
import { ForbiddenError, NotFoundError } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { refuse } from "~/modules/core/result";
import { problem, type Result } from "./rules";
import type { PostInput, PostStatusInput } from "./schemas";
import { openExchangeOf, type Ctx, type Q } from "./shared.server";
import { careProblems } from "./settings.server";

export type Post = typeof exchangePosts.$inferSelect;

export type PostListItem = {
  id: string;
  kind: ExchangePostKind;
  title: string;
  category: ExchangeCategory;
  description: string;
  availability: string;
  status: Post["status"];
  householdId: string;
  householdName: string;
  personFirstName: string | null;
  createdAt: number;
};

const postColumns = {
  id: exchangePosts.id,
  kind: exchangePosts.kind,
  title: exchangePosts.title,
  category: exchangePosts.category,
  description: exchangePosts.description,
  availability: exchangePosts.availability,
  status: exchangePosts.status,
  householdId: exchangePosts.householdId,
  householdName: households.name,
  personFirstName: persons.firstName,
  createdAt: exchangePosts.createdAt,
};

export function postQuery() {
  return db
    .select(postColumns)
    .from(exchangePosts)
    .innerJoin(households, eq(households.id, exchangePosts.householdId))
    .leftJoin(persons, eq(persons.id, exchangePosts.personId))
    .$dynamic();
}
export const toPostItem = (r: Omit<PostListItem, "createdAt"> & { createdAt: Date }): PostListItem => ({ ...r, createdAt: r.createdAt.getTime() });

/** The group's active posts, newest first, filtered by kind, category and words of the title or description. */
export function listPosts({ ctx, kind, category, q }: { ctx: Ctx; kind?: ExchangePostKind; category?: ExchangeCategory; q?: string }): PostListItem[] {
  requirePermission(ctx, "exchange:use");
  const words = (q ?? "").trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  const escape = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return postQuery()
    .where(
      and(
        eq(exchangePosts.groupId, ctx.groupId),
        eq(exchangePosts.status, "active"),
        kind ? eq(exchangePosts.kind, kind) : undefined,
        category ? eq(exchangePosts.category, category) : undefined,
        ...words.map((w) =>
          or(sql`lower(${exchangePosts.title}) like ${escape(w)} escape '\\'`, sql`lower(${exchangePosts.description}) like ${escape(w)} escape '\\'`),
        ),
      ),
    )
    .orderBy(desc(exchangePosts.createdAt))
    .limit(200)
    .all()
    .map(toPostItem);
}

export function findPost(q: Q, ctx: Ctx, postId: string): Post {
  const post = q
    .select()
    .from(exchangePosts)
    .where(and(eq(exchangePosts.id, postId), eq(exchangePosts.groupId, ctx.groupId)))
    .get();
  if (!post) throw new NotFoundError();
  return post;
}

/** A post, with what the viewer may do: answer it (another household, active) or change its status (its household, a facilitator). */
export function getPost({ ctx, postId }: { ctx: Ctx; postId: string }): {
  post: PostListItem;
  canAnswer: boolean;
  canManage: boolean;
  myOpenExchangeId: string | null;
} {
  requirePermission(ctx, "exchange:use");
  const row = postQuery()
    .where(and(eq(exchangePosts.id, postId), eq(exchangePosts.groupId, ctx.groupId)))
    .get();
  if (!row) throw new NotFoundError();
  const post = toPostItem(row);
  const mine = ctx.householdId === post.householdId;
  const myOpen = ctx.householdId ? openExchangeOf(db, ctx, postId, ctx.householdId) : undefined;
  return {
    post,
    canAnswer: !!ctx.householdId && !mine && post.status === "active" && !myOpen,
    canManage: mine || can(ctx, "exchange:settle"),
    myOpenExchangeId: myOpen?.id ?? null,
  };
}

/** An offer or a request, by the person on behalf of their household. A care offer checks the care rules. */
export function createPost({ ctx, input, now = Date.now() }: { ctx: Ctx; input: PostInput; now?: number }): Result<{ id: string }> {
  requirePermission(ctx, "exchange:use");
  if (!ctx.householdId) return refuse(problem("no_household"));
  const householdId = ctx.householdId;
  if (input.kind === "offer") {
    const problems = careProblems(db, ctx, input.category, ctx.personId, now);
    if (problems.length) return refuse(...problems);
  }
  const id = db.transaction(
    (tx) => {
      const row = tx
        .insert(exchangePosts)
        .values({
          groupId: ctx.groupId,
          kind: input.kind,
          title: input.title,
          category: input.category,
          description: input.description ?? "",
          availability: input.availability ?? "",
          personId: ctx.personId,
          householdId,
          createdBy: ctx.userId,
          status: "active",
          createdAt: new Date(now),
          updatedAt: new Date(now),
        })
        .returning({ id: exchangePosts.id })
        .get();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "exchange_post", entityId: row.id, details: { ...input } });
      return row.id;
    },
    { behavior: "immediate" },
  );
  return { ok: true, id };
}

/** Pause, close or reopen a post: its household, or a facilitator. */
export function updatePostStatus({ ctx, postId, input }: { ctx: Ctx; postId: string; input: PostStatusInput }): { ok: true } {
  const post = findPost(db, ctx, postId);
  requirePermission(ctx, "exchange:use");
  if (post.householdId !== ctx.householdId && !can(ctx, "exchange:settle")) throw new ForbiddenError();
  db.transaction(
    (tx) => {
      tx.update(exchangePosts)
        .set({ status: input.status })
        .where(and(eq(exchangePosts.id, postId), eq(exchangePosts.groupId, ctx.groupId)))
        .run();
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "update",
        entity: "exchange_post",
        entityId: postId,
        details: { status: { before: post.status, after: input.status } },
      });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}
