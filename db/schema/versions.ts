// A change counter per scope, bumped by triggers (migration 0018) in the same transaction as the change itself:
// "g:<groupId>" for anything a group's pages show, "u:<userId>" for a person's account and memberships, "*" for
// groups, organisations and programmes. A page rendered for a user is still right while the sum of the counters
// it depends on has not moved — which is how the page cache (app/modules/core/page-cache.server.ts) stays exact.
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const dataVersions = sqliteTable("data_versions", {
  scope: text("scope").primaryKey(),
  version: integer("version").notNull().default(0),
});
