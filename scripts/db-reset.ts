// `npm run db:reset`: throws away the local database and recreates it with the demo data.
import fs from "node:fs";
import path from "node:path";

const url = process.env.DATABASE_URL ?? "./data/maisonnee.db";

if (url !== ":memory:") {
  const file = path.resolve(url);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

// Imported only now, the seed too (some modules it uses import the client): the client opens the file and
// applies the migrations as soon as it loads, and a file opened before the deletion above would be lost with it.
const { db } = await import("../db/client.server");
const { seedDemo } = await import("../db/seed");
const logins = await seedDemo(db);

console.log(`Base de démonstration recréée : ${url === ":memory:" ? url : path.resolve(url)}`);
console.table(logins.map(({ role, email, password, note }) => ({ role, email, password, note })));
db.$client.close();
