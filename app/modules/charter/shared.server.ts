// What the charter files share: finding a version of the group (else 404) and whether the viewer may read it,
// the version in force and the one in progress, a version's articles rendered, a version's summary.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { charterArticles, charterVersions } from "~db/schema";
import type { CharterStatus } from "~db/schema/charter";
import { can, requirePermission, type MemberContext } from "~/modules/access/access.server";
import { ForbiddenError, NotFoundError } from "~/modules/access/errors";
import { renderMarkdown } from "./markdown.server";

export type Ctx = MemberContext;
export type Q = Pick<typeof db, "select">;
export type Version = typeof charterVersions.$inferSelect;

export const IMMEDIATE = { behavior: "immediate" } as const;

export function findVersion(q: Q, ctx: Ctx, versionId: string): Version {
  const row = q
    .select()
    .from(charterVersions)
    .where(and(eq(charterVersions.id, versionId), eq(charterVersions.groupId, ctx.groupId)))
    .get();
  if (!row) throw new NotFoundError();
  return row;
}

/** A draft is the facilitators' work in progress: other members know the group, so 403. */
export function requireReadable(ctx: Ctx, version: Version) {
  requirePermission(ctx, "charter:read");
  if (version.status === "draft" && !can(ctx, "charter:manage")) throw new ForbiddenError();
}

// The literal 'adopted' (not a bound value) lets SQLite use the partial unique index.
export function inForce(q: Q, ctx: Ctx): Version | undefined {
  return q
    .select()
    .from(charterVersions)
    .where(and(eq(charterVersions.groupId, ctx.groupId), sql`${charterVersions.status} = 'adopted'`))
    .get();
}

export function inProgress(q: Q, ctx: Ctx): Version | undefined {
  return q
    .select()
    .from(charterVersions)
    .where(and(eq(charterVersions.groupId, ctx.groupId), inArray(charterVersions.status, ["draft", "proposed"])))
    .get();
}

export function articlesOf(q: Q, versionId: string) {
  return q
    .select({ id: charterArticles.id, key: charterArticles.key, position: charterArticles.position, title: charterArticles.title, body: charterArticles.body })
    .from(charterArticles)
    .where(eq(charterArticles.versionId, versionId))
    .orderBy(asc(charterArticles.position))
    .all();
}

type RenderedArticle = { id: string; key: string; number: number; title: string; body: string; html: string };
export function rendered(articles: ReturnType<typeof articlesOf>): RenderedArticle[] {
  return articles.map((a, i) => ({ id: a.id, key: a.key, number: i + 1, title: a.title, body: a.body, html: renderMarkdown(a.body) }));
}

export type VersionSummary = {
  id: string;
  number: number;
  title: string;
  status: CharterStatus;
  adoptedOn: string | null;
  supersededOn: string | null;
  adoptedDecisionId: string | null;
};

export function summary(v: Version): VersionSummary {
  return {
    id: v.id,
    number: v.number,
    title: v.title,
    status: v.status,
    adoptedOn: v.adoptedOn,
    supersededOn: v.supersededOn,
    adoptedDecisionId: v.adoptedDecisionId,
  };
}
