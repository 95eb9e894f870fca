// The draft editor: a new draft (a copy of the version in force, same article keys), its title and its
// articles added, saved, removed and moved. Drafts only; one version in progress at a time.
import { and, eq, max } from "drizzle-orm";
import { db } from "~db/client.server";
import { charterArticles, charterVersions } from "~db/schema";
import { requirePermission } from "~/modules/access/access.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { newId } from "~/modules/core/ids";
import { refuse } from "~/modules/core/result";
import { canDo, problem, type Result } from "./rules";
import type { EditActionInput } from "./schemas";
import { articlesOf, findVersion, IMMEDIATE, inForce, inProgress, rendered, summary, type Ctx } from "./shared.server";

const DEFAULT_TITLE = "Charte des habitants";

/** The draft editor: a draft's articles as typed (Markdown), with their rendering for the preview. */
export function getDraft({ ctx, versionId }: { ctx: Ctx; versionId: string }) {
  const version = findVersion(db, ctx, versionId);
  requirePermission(ctx, "charter:manage");
  return { version: summary(version), editable: version.status === "draft", articles: rendered(articlesOf(db, versionId)) };
}

// -------------------------------------------------------------------------------------------------
// Drafts

/** A new draft, a copy of the version in force (same article keys) or empty; one in progress at a time. */
export function createDraft({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): Result<{ id: string }> {
  requirePermission(ctx, "charter:manage");
  return db.transaction((tx): Result<{ id: string }> => {
    const progress = inProgress(tx, ctx);
    if (progress) return refuse(problem("in_progress_exists", null, { number: progress.number, id: progress.id }));
    const current = inForce(tx, ctx);
    const number =
      (tx
        .select({ n: max(charterVersions.number) })
        .from(charterVersions)
        .where(eq(charterVersions.groupId, ctx.groupId))
        .get()?.n ?? 0) + 1;
    const id = newId();
    tx.insert(charterVersions)
      .values({
        id,
        groupId: ctx.groupId,
        number,
        title: current?.title ?? DEFAULT_TITLE,
        status: "draft",
        createdBy: ctx.userId,
        createdAt: new Date(now),
        updatedAt: new Date(now),
      })
      .run();
    const copied = current ? articlesOf(tx, current.id) : [];
    if (copied.length) {
      tx.insert(charterArticles)
        .values(copied.map((a) => ({ groupId: ctx.groupId, versionId: id, key: a.key, position: a.position, title: a.title, body: a.body })))
        .run();
    }
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "create",
      entity: "charter_version",
      entityId: id,
      details: { number, copiedFrom: current?.number ?? null },
    });
    return { ok: true, id };
  }, IMMEDIATE);
}

/** Positions 1..n in the current order, after a removal or a move. */
function renumber(tx: Pick<typeof db, "update">, order: string[]) {
  order.forEach((articleId, i) => {
    tx.update(charterArticles)
      .set({ position: i + 1 })
      .where(eq(charterArticles.id, articleId))
      .run();
  });
}

/** The draft editor's changes: the title, an article added, saved, removed or moved. Drafts only. */
export function editDraft({ ctx, versionId, input }: { ctx: Ctx; versionId: string; input: EditActionInput }): Result<{ articleId: string | null }> {
  findVersion(db, ctx, versionId);
  requirePermission(ctx, "charter:manage");
  return db.transaction((tx): Result<{ articleId: string | null }> => {
    const version = findVersion(tx, ctx, versionId);
    if (!canDo({ status: version.status, action: "edit", canManage: true, canComment: false }))
      return refuse(problem("not_allowed", null, { status: version.status }));
    const articles = articlesOf(tx, versionId);
    const audit = (action: string, entityId: string, details: Record<string, unknown>) =>
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action,
        entity: input.intent === "title" ? "charter_version" : "charter_article",
        entityId,
        details: { versionId, ...details },
      });
    const touch = () => tx.update(charterVersions).set({ updatedAt: new Date() }).where(eq(charterVersions.id, versionId)).run();
    if (input.intent === "title") {
      tx.update(charterVersions)
        .set({ title: input.title })
        .where(and(eq(charterVersions.id, versionId), eq(charterVersions.groupId, ctx.groupId)))
        .run();
      audit("update", versionId, { title: { before: version.title, after: input.title } });
      return { ok: true, articleId: null };
    }
    if (input.intent === "add") {
      const id = newId();
      tx.insert(charterArticles)
        .values({ id, groupId: ctx.groupId, versionId, key: newId(), position: articles.length + 1, title: input.title, body: input.body ?? "" })
        .run();
      touch();
      audit("create", id, { title: input.title });
      return { ok: true, articleId: id };
    }
    const index = articles.findIndex((a) => a.id === input.articleId);
    if (index < 0) return refuse(problem("article_unknown"));
    const article = articles[index];
    switch (input.intent) {
      case "save":
        tx.update(charterArticles)
          .set({ title: input.title, body: input.body ?? "" })
          .where(eq(charterArticles.id, article.id))
          .run();
        audit("update", article.id, { title: { before: article.title, after: input.title }, bodyChanged: article.body !== (input.body ?? "") });
        break;
      case "remove":
        tx.delete(charterArticles).where(eq(charterArticles.id, article.id)).run();
        renumber(
          tx,
          articles.filter((a) => a.id !== article.id).map((a) => a.id),
        );
        audit("delete", article.id, { title: article.title });
        break;
      case "up":
      case "down": {
        const to = input.intent === "up" ? index - 1 : index + 1;
        if (to < 0 || to >= articles.length) return { ok: true, articleId: article.id };
        const order = articles.map((a) => a.id);
        [order[index], order[to]] = [order[to], order[index]];
        renumber(tx, order);
        audit("move", article.id, { from: index + 1, to: to + 1 });
        break;
      }
    }
    touch();
    return { ok: true, articleId: input.intent === "remove" ? null : article.id };
  }, IMMEDIATE);
}
