// Comments on a proposed version, on one of its articles or on the whole, by members or noted by a
// facilitator for a resident (at a meeting, on a paper sheet).
import { and, asc, eq } from "drizzle-orm";
import { db } from "~db/client.server";
import { charterComments, persons, users } from "~db/schema";
import { requirePermission } from "~/modules/access/access.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { newId } from "~/modules/core/ids";
import { refuse } from "~/modules/core/result";
import { findPerson } from "~/modules/access/lookups.server";
import { canDo, problem, type Result } from "./rules";
import { articlesOf, findVersion, IMMEDIATE, requireReadable, type Ctx, type Q } from "./shared.server";

export type CommentView = { id: string; articleKey: string | null; body: string; authorName: string | null; notedByName: string | null; createdAt: number };

/** A version's comments, oldest first. */
export function commentsOf(q: Q, ctx: Ctx, versionId: string): CommentView[] {
  return q
    .select({
      id: charterComments.id,
      articleKey: charterComments.articleKey,
      body: charterComments.body,
      userId: charterComments.userId,
      userName: users.name,
      personUserId: persons.userId,
      firstName: persons.firstName,
      lastName: persons.lastName,
      createdAt: charterComments.createdAt,
    })
    .from(charterComments)
    .leftJoin(users, eq(users.id, charterComments.userId))
    .leftJoin(persons, eq(persons.id, charterComments.personId))
    .where(and(eq(charterComments.groupId, ctx.groupId), eq(charterComments.versionId, versionId)))
    .orderBy(asc(charterComments.createdAt))
    .all()
    .map((c) => {
      // A resident's words noted by someone else (a facilitator, from a meeting or a paper sheet) say so.
      const noted = c.firstName != null && c.personUserId !== c.userId;
      return {
        id: c.id,
        articleKey: c.articleKey,
        body: c.body,
        authorName: c.firstName != null ? [c.firstName, c.lastName].filter(Boolean).join(" ") : c.userName,
        notedByName: noted ? c.userName : null,
        createdAt: c.createdAt.getTime(),
      };
    });
}

/** A comment on a proposed version, on one of its articles or on the whole. */
export function addComment({
  ctx,
  versionId,
  articleKey,
  body,
  onBehalfOf = null,
  now = Date.now(),
}: {
  ctx: Ctx;
  versionId: string;
  articleKey: string | null;
  body: string;
  /** A facilitator noting a resident's words: that person of the group. */
  onBehalfOf?: string | null;
  now?: number;
}): Result {
  const found = findVersion(db, ctx, versionId);
  requireReadable(ctx, found);
  requirePermission(ctx, "charter:comment");
  if (onBehalfOf) {
    requirePermission(ctx, "charter:manage");
    findPerson(ctx, onBehalfOf);
  }
  return db.transaction((tx): Result => {
    const version = findVersion(tx, ctx, versionId);
    if (!canDo({ status: version.status, action: "comment", canManage: false, canComment: true })) return refuse(problem("comments_closed", "body"));
    if (articleKey && !articlesOf(tx, versionId).some((a) => a.key === articleKey)) return refuse(problem("article_unknown", "articleKey"));
    const id = newId();
    const personId = onBehalfOf || ctx.personId;
    tx.insert(charterComments)
      .values({ id, groupId: ctx.groupId, versionId, articleKey: articleKey || null, userId: ctx.userId, personId, body, createdAt: new Date(now) })
      .run();
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "comment",
      entity: "charter_version",
      entityId: versionId,
      details: { commentId: id, articleKey: articleKey || null, personId },
    });
    return { ok: true };
  }, IMMEDIATE);
}
