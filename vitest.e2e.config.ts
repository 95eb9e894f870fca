import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Browser and HTTP tests against the production build (`npm run test:e2e` builds first).
// One server for the whole run (tests/e2e/global-setup.ts), files one after the other: they share its
// database, its outbox and Chromium's two cores.
export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "~db": fileURLToPath(new URL("./db", import.meta.url)),
    },
  },
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
