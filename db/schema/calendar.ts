// The secret calendar URLs a phone subscribes to, of both kinds: bookings (/ical/<token>.ics: a space's, or a
// household's) and events (/ical/events/<token>.ics: the group's calendar, or what a household signed up for).
// Only the token's SHA-256 is stored; revoking ends the URL (app/modules/calendar/feeds.server.ts).
import { relations } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./_shared";
import { users } from "./accounts";
import { spaces } from "./bookings";
import { ALL_FEED_SCOPES, FEED_KINDS } from "./enums";
import { groups } from "./groups";
import { households } from "./households";

export { ALL_FEED_SCOPES, FEED_KINDS, type FeedKind } from "./enums";

export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    id: id(),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    kind: text("kind", { enum: FEED_KINDS }).notNull(),
    /** bookings: "space" or "household"; events: "group" or "household". */
    scope: text("scope", { enum: ALL_FEED_SCOPES }).notNull(),
    spaceId: text("space_id").references(() => spaces.id, { onDelete: "cascade" }),
    householdId: text("household_id").references(() => households.id, { onDelete: "cascade" }),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("calendar_feeds_group_idx").on(t.groupId), index("calendar_feeds_created_by_idx").on(t.createdBy)],
);

export const calendarFeedsRelations = relations(calendarFeeds, ({ one }) => ({
  space: one(spaces, { fields: [calendarFeeds.spaceId], references: [spaces.id] }),
  household: one(households, { fields: [calendarFeeds.householdId], references: [households.id] }),
}));
