// `npm run db:restore FILE`: replaces the database with a backup. Stop the server first; the current file is
// kept beside it (…before-restore-<date>) so the restore can be undone.
import path from "node:path";
import { restoreDatabase } from "../db/backup";

const file = process.argv[2];
if (!file) {
  console.error("Usage : npm run db:restore -- data/backups/maisonnee-….db   (arrêtez le serveur avant)");
  process.exit(2);
}
const target = path.resolve(process.env.DATABASE_URL ?? "./data/maisonnee.db");

try {
  const { keptAs } = restoreDatabase(path.resolve(file), target);
  console.log(`Base restaurée depuis ${path.resolve(file)} vers ${target}.`);
  if (keptAs) console.log(`L'ancienne base est conservée : ${keptAs}`);
} catch (error) {
  console.error(`Restauration impossible : ${(error as Error).message}`);
  process.exit(1);
}
