// Each test file gets its own fresh database and outbox (vitest runs each file in its own process).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maisonnee-test-"));
process.env.DATABASE_URL = path.join(dir, "test.db");
process.env.OUTBOX_DIR = path.join(dir, "outbox");
process.env.SEED_DEMO = "0";
delete (globalThis as { __maisonneeDb?: unknown }).__maisonneeDb;
