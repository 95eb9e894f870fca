// `npm run db:backup` / `db:restore`: a backup taken while writes go on is a consistent, checked database, and a
// restore brings back exactly what the backup held, keeping the replaced file aside.
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { backupDatabase, backupFileName, restoreDatabase, verifyDatabaseFile } from "~db/backup";
import { db } from "~db/client.server";
import { makeGroup, makeHousehold } from "../fixtures";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "maisonnee-backup-"));

/** Every row of every table, in a stable order: what "the same contents" means. */
function dump(file: string): Record<string, unknown[]> {
  const handle = new Database(file, { readonly: true });
  try {
    const tables = handle.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, handle.prepare(`select * from "${name}" order by 1`).all()]));
  } finally {
    handle.close();
  }
}

const source = () => process.env.DATABASE_URL as string;

describe("backup", () => {
  it("names files by date, sortable and without colons", () => {
    expect(backupFileName(new Date("2026-11-23T16:40:05.123Z"))).toBe("maisonnee-2026-11-23T16-40-05Z.db");
  });

  it("writes a verified copy while another connection keeps writing", async () => {
    const group = makeGroup("Les Sauvegardés");
    for (let i = 0; i < 200; i++) makeHousehold(group.id, `Foyer avant ${i}`);
    const dir = tmp();

    // A second connection writing between the backup's steps, as the server would.
    const writer = new Database(source());
    writer.pragma("busy_timeout = 5000");
    let written = 0;
    let stop = false;
    const insert = writer.prepare("insert into households (id, group_id, name, arrival_date, created_at, updated_at) values (?, ?, ?, '2025-01-01', 0, 0)");
    const pump = (async () => {
      while (!stop) {
        insert.run(`h-during-${written}`, group.id, `Foyer pendant ${written}`);
        written++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const result = await backupDatabase(source(), dir);
    stop = true;
    await pump;
    writer.close();

    expect(written, "the writer ran during the backup").toBeGreaterThan(0);
    expect(fs.existsSync(result.file)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".partial"))).toEqual([]);
    expect(verifyDatabaseFile(result.file)).toMatchObject({ ok: true });
    const copy = new Database(result.file, { readonly: true });
    const inCopy = (copy.prepare("select count(*) as n from households where group_id = ?").get(group.id) as { n: number }).n;
    copy.close();
    // Everything written before the backup started is in it; what came during may or may not be.
    expect(inCopy).toBeGreaterThanOrEqual(200);
    expect(inCopy).toBeLessThanOrEqual(200 + written);
  });

  it("refuses a file that is not one of our databases", () => {
    const dir = tmp();
    const junk = path.join(dir, "junk.db");
    fs.writeFileSync(junk, "pas une base");
    expect(verifyDatabaseFile(junk).ok).toBe(false);
    const target = path.join(dir, "live.db");
    fs.writeFileSync(target, "untouched");
    expect(() => restoreDatabase(junk, target)).toThrow(/refusing to restore/);
    expect(fs.readFileSync(target, "utf8")).toBe("untouched");
  });
});

describe("restore", () => {
  it("brings back exactly the backup's contents and keeps the replaced database aside", async () => {
    const group = makeGroup("Les Restaurés");
    makeHousehold(group.id, "Foyer Durand");
    const dir = tmp();
    const { file } = await backupDatabase(source(), dir);
    const expected = dump(file);

    // The "live" database moves on after the backup: a copy of the source that we then change.
    const live = path.join(dir, "live.db");
    await db.$client.backup(live);
    const handle = new Database(live);
    handle.prepare("delete from households where name = 'Foyer Durand'").run();
    handle
      .prepare("insert into households (id, group_id, name, arrival_date, created_at, updated_at) values ('h-after', ?, 'Foyer après', '2026-01-01', 0, 0)")
      .run(group.id);
    handle.close();
    expect(dump(live)).not.toEqual(expected);

    const { keptAs } = restoreDatabase(file, live);
    expect(dump(live)).toEqual(expected);
    expect(keptAs && fs.existsSync(keptAs)).toBeTruthy();
    const old = new Database(keptAs as string, { readonly: true });
    expect(old.prepare("select name from households where id = 'h-after'").get()).toEqual({ name: "Foyer après" });
    old.close();
  });
});
