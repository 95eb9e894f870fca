// `npm run db:backup [DIR]`: an online backup of the database (safe while the server runs) to a dated file,
// by default in data/backups/.
import path from "node:path";
import { backupDatabase } from "../db/backup";

const source = path.resolve(process.env.DATABASE_URL ?? "./data/maisonnee.db");
const dir = path.resolve(process.argv[2] ?? path.join(path.dirname(source), "backups"));

try {
  const result = await backupDatabase(source, dir);
  console.log(`Sauvegarde écrite : ${result.file} (${(result.bytes / 1024).toFixed(0)} Kio, ${result.tables} tables, intégrité vérifiée)`);
} catch (error) {
  console.error(`Sauvegarde impossible : ${(error as Error).message}`);
  process.exit(1);
}
