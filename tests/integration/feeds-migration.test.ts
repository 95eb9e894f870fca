// Migration 0025 merges the events' feeds (event_feeds) into the bookings' (calendar_feeds): a URL given out before
// it still opens the same calendar. The database is built as it was at 0024 (its own migrations folder, stopping
// there), feeds are written in the old shape, then the app opens it and migrates: every old token is looked up in
// the one table. Nothing here may import the database client before that step (it would open and migrate the file).
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import * as schema from "~db/schema";

const DB_PATH = process.env.DATABASE_URL!;
const NOW = Date.parse("2027-03-01T08:00:00Z");
const at = (iso: string) => new Date(Date.parse(iso));
const hash = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** The migrations folder as it was before the merge: 0000…0024. */
function migrationsUpTo(last: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maisonnee-migrations-"));
  const journal = JSON.parse(fs.readFileSync("db/migrations/meta/_journal.json", "utf8")) as { entries: { idx: number; tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  fs.mkdirSync(path.join(dir, "meta"));
  fs.writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(`db/migrations/${e.tag}.sql`, path.join(dir, `${e.tag}.sql`));
  return dir;
}

const TOKENS = {
  space: "a".repeat(32),
  household: "b".repeat(32),
  group: "c".repeat(32),
  eventsOfHousehold: "d".repeat(32),
  revoked: "e".repeat(32),
};

/** The database at 0024, with feeds of both kinds made the old way. */
function buildBefore() {
  const sqlite = new Database(DB_PATH);
  sqlite.pragma("foreign_keys = ON");
  const old = drizzle(sqlite, { schema });
  migrate(old, { migrationsFolder: migrationsUpTo(24) });
  expect(sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'event_feeds'").get()).toBeTruthy();

  const group = old.insert(schema.groups).values({ name: "Les Tilleuls", city: "Bourges", postcode: "18000", kind: "participatory" }).returning().get();
  const household = old
    .insert(schema.households)
    .values({ groupId: group.id, name: "Foyer Marchand", dwelling: "A1", arrivalDate: "2024-03-01" })
    .returning()
    .get();
  const user = old.insert(schema.users).values({ email: "claire@exemple.fr", passwordHash: "x", name: "Claire" }).returning().get();
  old.insert(schema.memberships).values({ userId: user.id, groupId: group.id, role: "resident", householdId: household.id }).run();
  const space = old.insert(schema.spaces).values({ groupId: group.id, name: "Salle commune", kind: "common_room", active: true }).returning().get();
  const start = at("2027-03-11T08:00:00Z");
  const booking = old
    .insert(schema.bookings)
    .values({
      groupId: group.id,
      spaceId: space.id,
      householdId: household.id,
      createdBy: user.id,
      startsAt: start,
      endsAt: at("2027-03-11T10:00:00Z"),
      blockStart: start,
      blockEnd: at("2027-03-11T10:00:00Z"),
      status: "confirmed",
      purpose: "Couture",
    })
    .returning()
    .get();
  const series = old
    .insert(schema.eventSeries)
    .values({
      groupId: group.id,
      kind: "workshop",
      title: "Atelier vélo",
      startDate: "2027-03-13",
      startTime: "10:00",
      durationMinutes: 120,
      timeZone: "Europe/Paris",
      materialisedUntil: "2027-03-13",
      createdBy: user.id,
    })
    .returning()
    .get();
  const occurrence = old
    .insert(schema.eventOccurrences)
    .values({
      groupId: group.id,
      seriesId: series.id,
      originalStartsAt: at("2027-03-13T09:00:00Z"),
      startsAt: at("2027-03-13T09:00:00Z"),
      endsAt: at("2027-03-13T11:00:00Z"),
      placeText: "Cour",
    })
    .returning()
    .get();

  const created = NOW - 86_400_000;
  const bookingsFeed = sqlite.prepare(
    "insert into calendar_feeds (id, group_id, token_hash, scope, space_id, household_id, created_by, revoked_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  bookingsFeed.run("feed-space", group.id, hash(TOKENS.space), "space", space.id, null, user.id, null, created);
  bookingsFeed.run("feed-household", group.id, hash(TOKENS.household), "household", null, household.id, user.id, null, created);
  const eventsFeed = sqlite.prepare(
    "insert into event_feeds (id, group_id, token_hash, scope, household_id, created_by, revoked_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  eventsFeed.run("feed-group", group.id, hash(TOKENS.group), "group", null, user.id, null, created);
  eventsFeed.run("feed-events-household", group.id, hash(TOKENS.eventsOfHousehold), "household", household.id, user.id, null, created);
  eventsFeed.run("feed-revoked", group.id, hash(TOKENS.revoked), "group", null, user.id, created + 1000, created);
  sqlite.close();
  return { group, household, user, space, booking, occurrence };
}

describe("migration 0025: one table of calendar feeds", () => {
  it("keeps every token working, each at its own URL, with the same calendar; the revoked one stays revoked", async () => {
    const before = buildBefore();

    // The app opens the file: 0025 is applied.
    const { db } = await import("~db/client.server");
    const { feedCalendar, listEventFeeds, listFeeds } = await import("~/modules/calendar/feeds.server");
    const { renderCalendar } = await import("~/modules/core/ical");
    const client = db.$client;
    expect(client.prepare("select 1 from sqlite_master where type = 'table' and name = 'event_feeds'").get()).toBeUndefined();
    expect(client.prepare("select id, kind, scope, space_id, household_id, revoked_at, created_at from calendar_feeds order by id").all()).toEqual([
      {
        id: "feed-events-household",
        kind: "events",
        scope: "household",
        space_id: null,
        household_id: before.household.id,
        revoked_at: null,
        created_at: NOW - 86_400_000,
      },
      { id: "feed-group", kind: "events", scope: "group", space_id: null, household_id: null, revoked_at: null, created_at: NOW - 86_400_000 },
      {
        id: "feed-household",
        kind: "bookings",
        scope: "household",
        space_id: null,
        household_id: before.household.id,
        revoked_at: null,
        created_at: NOW - 86_400_000,
      },
      {
        id: "feed-revoked",
        kind: "events",
        scope: "group",
        space_id: null,
        household_id: null,
        revoked_at: NOW - 86_400_000 + 1000,
        created_at: NOW - 86_400_000,
      },
      { id: "feed-space", kind: "bookings", scope: "space", space_id: before.space.id, household_id: null, revoked_at: null, created_at: NOW - 86_400_000 },
    ]);

    const space = feedCalendar(TOKENS.space, "bookings", NOW)!;
    expect(space).toMatchObject({
      name: "Salle commune — Les Tilleuls",
      events: [{ id: before.booking.id, summary: "Foyer Marchand", description: "", status: "confirmed" }],
    });
    const household = feedCalendar(TOKENS.household, "bookings", NOW)!;
    expect(household).toMatchObject({
      name: "Foyer Marchand — Les Tilleuls",
      events: [{ id: before.booking.id, summary: "Salle commune", description: "Couture" }],
    });
    const group = feedCalendar(TOKENS.group, "events", NOW)!;
    expect(group).toMatchObject({
      name: "Les Tilleuls",
      events: [{ id: before.occurrence.id, summary: "Atelier vélo", location: "Cour", status: "confirmed" }],
    });
    expect(renderCalendar(group)).toContain("SUMMARY:Atelier vélo");
    // The household signed up for nothing: its events feed is there, and empty.
    expect(feedCalendar(TOKENS.eventsOfHousehold, "events", NOW)).toEqual({ name: "Foyer Marchand — Les Tilleuls", product: "events", events: [] });
    expect(feedCalendar(TOKENS.revoked, "events", NOW)).toBeNull();
    // A token opens its own kind only, as when they were two tables.
    expect(feedCalendar(TOKENS.space, "events", NOW)).toBeNull();
    expect(feedCalendar(TOKENS.group, "bookings", NOW)).toBeNull();

    // The person's lists, as the pages show them.
    const { requireMember } = await import("~/modules/access/access.server");
    const { createSession, SESSION_COOKIE } = await import("~/modules/auth/session.server");
    const session = createSession(before.user.id);
    const ctx = requireMember(new Request("http://localhost/", { headers: { Cookie: `${SESSION_COOKIE}=${session.token}` } }), { groupId: before.group.id });
    expect(
      listFeeds({ ctx })
        .map((f) => f.id)
        .sort(),
    ).toEqual(["feed-household", "feed-space"]);
    expect(
      listEventFeeds({ ctx })
        .map((f) => f.id)
        .sort(),
    ).toEqual(["feed-events-household", "feed-group"]);

    // Its change counter still moves with it (the triggers were made again on the new table).
    const version = () =>
      (client.prepare("select version from data_versions where scope = ?").get(`g:${before.group.id}`) as { version: number } | undefined)?.version ?? 0;
    const v = version();
    client.prepare("update calendar_feeds set revoked_at = ? where id = 'feed-group'").run(NOW);
    expect(version()).toBe(v + 1);
    expect(feedCalendar(TOKENS.group, "events", NOW)).toBeNull();
  });
});
