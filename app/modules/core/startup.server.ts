// Start-up: migrations ran when the connection opened; an empty database gets the demo group.
import { count } from "drizzle-orm";
import { db } from "~db/client.server";
import { users } from "~db/schema";
import { seedDemo, type DemoLogin } from "~db/seed";

export async function startup({ printDemo = false }: { printDemo?: boolean } = {}): Promise<DemoLogin[] | null> {
  const empty = (db.select({ n: count() }).from(users).get()?.n ?? 0) === 0;
  if (!empty || process.env.SEED_DEMO === "0") return null;
  const logins = await seedDemo(db);
  if (printDemo) printLogins(logins);
  return logins;
}

export function printLogins(logins: DemoLogin[]) {
  console.log("\nDemo loaded. Logins (comptes de démonstration):");
  console.table(logins.map(({ role, email, password, note }) => ({ role, email, password, note })));
}
