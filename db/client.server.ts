// The one SQLite connection of the process: WAL, foreign keys on, busy timeout; migrations applied on open.
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The `tx` of `db.transaction((tx) => …)`: a module write that accepts one joins the caller's transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

function migrationsFolder() {
  // From the source tree (dev, tests) and from build/server (production) alike.
  const candidates = [path.resolve(process.cwd(), "db/migrations"), path.resolve(import.meta.dirname ?? ".", "../../db/migrations")];
  const found = candidates.find((p) => fs.existsSync(path.join(p, "meta/_journal.json")));
  if (!found) throw new Error(`Migrations folder not found (looked in ${candidates.join(", ")})`);
  return found;
}

export function openDb(url = process.env.DATABASE_URL ?? "./data/maisonnee.db"): Db {
  if (url !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(url)), { recursive: true });
  const sqlite = new Database(url);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // A changed or deleted row's old bytes are zeroed in its page instead of lingering in free space (FAST: only where
  // the page is written anyway, so no extra I/O): an erased name or note leaves the file (decision 009).
  sqlite.pragma("secure_delete = FAST");
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: migrationsFolder() });
  // The query planner needs table statistics to choose between indexes; without them it guesses, and its guesses
  // do not follow a group's tables as they grow. 0x10002 analyses, with a bounded sample, the tables whose size
  // has changed much since the last statistics — as SQLite advises for a long-lived connection.
  // Then hourly, as the statistics of a table analysed small (sessions, on a new database) mislead the planner
  // once it has grown; a no-op while nothing has moved much.
  if (url !== ":memory:") {
    sqlite.pragma("optimize = 0x10002");
    setInterval(() => sqlite.open && sqlite.pragma("optimize"), 60 * 60_000).unref();
  }
  return db as Db;
}

// drizzle prepares every query anew: SQLite's compile step was 5 % of a page's CPU (bench/run.ts profile). A
// statement is reusable once it has run (better-sqlite3 is synchronous, and nothing here iterates lazily), so
// statements are kept by their SQL text. Modes a caller may have switched on are switched off again on reuse.
const STATEMENT_CACHE_SIZE = 1_000;
function cacheStatements(sqlite: Database.Database) {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      if (statement.reader) statement.raw(false);
      return statement;
    }
    statement = prepare(source);
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(source, statement);
    return statement;
  }) as Database.Database["prepare"];
}

/**
 * Ends a connection for good (a server stopping, decision 016): the write-ahead log is folded into the database
 * file and emptied first, so the file alone is the whole database. Another process still reading keeps the WAL
 * busy; its own close (the last one) checkpoints and removes it. Safe to call twice.
 */
export function closeDb(handle: Db = db): void {
  const sqlite = handle.$client;
  if (!sqlite.open) return;
  try {
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } catch (error) {
    console.error("database: the checkpoint before closing failed", error);
  }
  sqlite.close();
}

// One connection per process, kept across Vite dev-server reloads.
const globalForDb = globalThis as unknown as { __maisonneeDb?: Db };
export const db: Db = globalForDb.__maisonneeDb ?? (globalForDb.__maisonneeDb = openDb());
