// Backups and restores of the one SQLite file. A backup uses SQLite's online backup API, so it is consistent
// even while the server writes (each step copies pages under a read lock; writers are not blocked for long).
// A restore never writes into a live database: it checks the backup, keeps the current file aside, then
// swaps the files — the server must be stopped (we cannot see another process holding the file open).
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";

export type BackupResult = { file: string; bytes: number; tables: number };

/** `maisonnee-2026-11-23T16-40-05Z.db`: sortable, no colon (Windows and scp dislike them). */
export function backupFileName(now = new Date()): string {
  return `maisonnee-${now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/:/g, "-")}.db`;
}

/** Checks that `file` is a SQLite database of this app: integrity ok and our migrations table present. */
export function verifyDatabaseFile(file: string): { ok: true; tables: number } | { ok: false; reason: string } {
  if (!fs.existsSync(file)) return { ok: false, reason: `no such file: ${file}` };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") return { ok: false, reason: `integrity_check: ${String(integrity)}` };
    const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
    if (!tables.some((t) => t.name === "__drizzle_migrations")) return { ok: false, reason: "not a Maisonnée database (no migrations table)" };
    return { ok: true, tables: tables.length };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  } finally {
    db?.close();
  }
}

/** Online backup of `source` into `targetDir` (created if needed), verified before it is reported. */
export async function backupDatabase(source: string, targetDir: string, now = new Date()): Promise<BackupResult> {
  fs.mkdirSync(targetDir, { recursive: true });
  const file = path.join(targetDir, backupFileName(now));
  const partial = `${file}.partial`;
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    // All remaining pages in each step: SQLite restarts a stepwise backup whenever another connection writes,
    // so small steps under a steady write load would never finish. One step is one read transaction, and in
    // WAL mode readers do not block the server's writers.
    await db.backup(partial, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
  } finally {
    db.close();
  }
  // A backup is one self-contained file: no -wal/-shm beside it to forget when copying it elsewhere.
  const copy = new Database(partial);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  const check = verifyDatabaseFile(partial);
  if (!check.ok) {
    fs.rmSync(partial, { force: true });
    throw new Error(`backup failed its check: ${check.reason}`);
  }
  // Only a verified file gets the final name: a crash mid-backup leaves a .partial, never a bad backup.
  fs.renameSync(partial, file);
  return { file, bytes: fs.statSync(file).size, tables: check.tables };
}

/**
 * Replaces `target` with the backup `file`. The current database (with its WAL folded in) is kept beside it as
 * `<target>.before-restore-<date>` so a wrong restore can be undone. Returns where the old file went.
 */
export function restoreDatabase(file: string, target: string, now = new Date()): { keptAs: string | null } {
  const check = verifyDatabaseFile(file);
  if (!check.ok) throw new Error(`refusing to restore ${file}: ${check.reason}`);
  let keptAs: string | null = null;
  if (fs.existsSync(target)) {
    // Fold the WAL into the main file so the copy we keep is complete on its own.
    const current = new Database(target);
    try {
      current.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      current.close();
    }
    keptAs = `${target}.before-restore-${backupFileName(now).replace(/^maisonnee-|\.db$/g, "")}`;
    fs.renameSync(target, keptAs);
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  fs.copyFileSync(file, `${target}.restoring`);
  fs.renameSync(`${target}.restoring`, target);
  return { keptAs };
}
