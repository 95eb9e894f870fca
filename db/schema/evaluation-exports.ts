// The export log (issue 8 § 5): every CSV a programme officer downloads, with who, which programme, what,
// the filters and when — the funder's own record of what left the app, shown on /p/:programmeId/exports.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { id } from "./_shared";
import { users } from "./accounts";
import { programmes } from "./groups";

export const exportLog = sqliteTable(
  "export_log",
  {
    id: id(),
    programmeId: text("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    /** The exporter's display name when the file left (the log must not follow a later rename). */
    userName: text("user_name").notNull().default(""),
    /** The table exported, e.g. "overview", "group-indicators". */
    what: text("what").notNull(),
    /** The query that chose the rows (period, groups, indicators), as given. */
    filters: text("filters", { mode: "json" }).$type<Record<string, string | string[]>>().notNull().default({}),
    rowCount: integer("row_count").notNull().default(0),
    at: integer("at", { mode: "timestamp_ms" })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [index("export_log_programme_at_idx").on(t.programmeId, t.at)],
);
