import { vitePlugin as remix } from "@remix-run/dev";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "~db": fileURLToPath(new URL("./db", import.meta.url)),
    },
  },
  server: { port: 3000 },
  // Native addons must stay out of Vite's dependency optimiser (see ../shared/STACK.md).
  optimizeDeps: {
    exclude: ["@node-rs/argon2", "better-sqlite3"],
    include: [
      "react",
      "react-dom",
      "react-i18next",
      "i18next",
      "@conform-to/react",
      "@conform-to/zod/v4",
      "zod",
      "@fullcalendar/react",
      "@fullcalendar/react/list",
      "@fullcalendar/react/daygrid",
      "@fullcalendar/react/timegrid",
      "@fullcalendar/react/themes/classic",
      "@fullcalendar/react/locales/fr",
    ],
  },
  build: { target: "es2019" },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
});
