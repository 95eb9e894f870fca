// ESLint (flat config, ESLint 10): `npm run lint`. Rules that keep docs/architecture.md true, plus
// typescript-eslint's recommended set (syntax only, not type-checked: a full run stays in seconds) and the
// rules of hooks. Unused exports are found by knip (knip.jsonc), not here: ESLint 10 removed the API that
// eslint-plugin-import(-x)'s `no-unused-modules` needs, so that rule is a no-op on it.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Only modules (and db/, scripts/, tests/, bench/) talk to the database: a route or a component calls a module.
const DATABASE_IMPORTS = {
  paths: [
    { name: "drizzle-orm", message: "Only app/modules/** query the database: call a module function." },
    { name: "better-sqlite3", message: "Only app/modules/** (and db/) open the database." },
  ],
  patterns: [
    {
      group: ["~db/client.server", "**/db/client.server", "**/client.server"],
      message: "Only app/modules/** import the database client: call a module function (docs/architecture.md, layers).",
    },
    { group: ["drizzle-orm/*"], message: "Only app/modules/** query the database: call a module function." },
    {
      regex: "(^|/)~?db/schema(/(?!enums$)[^/]+)?$",
      message: "Tables are the modules' business; only db/schema/enums.ts is client-safe.",
    },
  ],
};

export default defineConfig(
  {
    ignores: ["build/", "public/build/", "data/", "db/migrations/", "tmp/", ".cache/", "test-results/", "node_modules/"],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_`-prefixed names are deliberately unused (a destructured field left out, an unused callback argument).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      // Off: the control characters in our regular expressions are the point (NUL and C0 stripped from text and
      // iCal, ANSI colours taken out of logs).
      "no-control-regex": "off",
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    // The rules of hooks and exhaustive deps, plus the React Compiler's checks (components made during render,
    // setState in an effect, writes to globals in render…): the app does not use the compiler, but what they
    // catch is wrong with React 18 too. A deliberate exception says why on its line.
    rules: reactHooks.configs["recommended-latest"].rules,
  },
  {
    files: ["app/routes/**", "app/components/**", "app/root.tsx", "app/entry.client.tsx", "app/entry.server.tsx"],
    rules: { "no-restricted-imports": ["error", DATABASE_IMPORTS] },
  },
  {
    // One concern per module file (issue 15): split a file before it passes 600 lines of code.
    files: ["app/modules/**/*.{ts,tsx}"],
    rules: { "max-lines": ["error", { max: 600, skipBlankLines: true, skipComments: true }] },
  },
);
