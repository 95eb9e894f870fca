// What server.mjs gets from the build (`build/server/index.js`, or Vite's `virtual:remix/server-build` in dev):
// Remix's ServerBuild, whose entry module is app/entry.server.tsx with everything it exports for the server —
// startup/shutdown, the session from a Cookie header, the page cache. server.mjs is checked against these types
// (`// @ts-check`, included in tsconfig.json), so renaming an export breaks `npm run typecheck`, not production.
import type { ServerBuild } from "@remix-run/node";

export type EntryServer = typeof import("./entry.server");

export type MaisonneeBuild = Omit<ServerBuild, "entry"> & {
  entry: { module: ServerBuild["entry"]["module"] & EntryServer };
};

/** The session as server.mjs hands it to Remix (load context `auth`). */
export type Auth = ReturnType<EntryServer["authenticateCookieHeader"]>;
