// `npm run db:reset` as a person types it: a plain Node process (tsx, no Vite) that deletes the file and
// re-creates the demo in it. It once seeded into the deleted file (opened by an import before the deletion)
// and left nothing behind while saying it had worked.
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("npm run db:reset", () => {
  it("leaves a database holding the demo groups where DATABASE_URL says", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "maisonnee-reset-")), "demo.db");
    fs.writeFileSync(file, "an old database to throw away");
    const output = execFileSync(process.execPath, ["--import", "tsx", "scripts/db-reset.ts"], {
      env: { ...process.env, DATABASE_URL: file, SEED_DEMO: "1" },
      encoding: "utf8",
    });
    expect(output).toContain("habitante@demo.maisonnee.fr");
    const handle = new Database(file, { readonly: true });
    const names = (handle.prepare("select name from groups order by name").all() as { name: string }[]).map((g) => g.name);
    handle.close();
    expect(names).toEqual(["Les Tilleuls", "Maison des Quatre Saisons", "Villa Passerelle"]);
  }, 120_000);
});
