// ESLint (flat config): type-aware typescript-eslint, React hooks, Next's rules; Prettier owns layout.
// `npm run lint` fails on any warning, and a disable comment must say why (`-- reason`).
import comments from "@eslint-community/eslint-plugin-eslint-comments/configs";
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import next from "@next/eslint-plugin-next";
import prettier from "eslint-config-prettier";
import boundaries from "eslint-plugin-boundaries";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores([
    "lib/generated/",
    ".next/",
    ".next-*/",
    "dist/",
    "dist-*/",
    "node_modules/",
    "data/",
    "test-results/",
    "playwright-report/",
    "e2e/screenshots/",
    "e2e/.auth/",
    "bench/results/",
    "next-env.d.ts",
  ]),
  { linterOptions: { reportUnusedDisableDirectives: "error" } },

  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      // Numbers and booleans in messages read fine; objects ("[object Object]") and null/undefined do not.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
      // Server actions and event handlers are passed as props that return promises by design.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // `onClick={() => setOpen(false)}` is plain React; a void result in a statement position still reports.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      // An async function without await is how a synchronous implementation honours a Promise-returning
      // interface (a route's handle, a store's lookup), and it turns a throw into a rejection.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // In a test a missing element is a failure either way; `rows[0]!` says so without an if and a throw.
    files: ["**/*.test.ts", "e2e/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
  {
    // vitest types its asymmetric matchers (expect.any, expect.stringContaining) as `any`.
    files: ["**/*.test.ts"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },

  // Plain JavaScript (configs, scripts, the e2e server starter, the benchmark) is outside tsconfig's program.
  {
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },

  {
    files: ["**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat["recommended-latest"]],
  },
  next.configs["core-web-vitals"],

  // The architecture (docs/architecture.md), kept by the linter on resolved paths:
  // - the pure token domain imports nothing server-side; the core imports no feature;
  // - features reach each other only through their public surfaces (index.ts, server.ts);
  // - what Next.js or server.ts compile (routes, pages, actions, client islands, lib/next, the process)
  //   reach server code only through the @console/server package (type-only imports are erased), so that
  //   each server module is loaded once per process; the package's own code never imports the package.
  {
    files: ["**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "e2e/**", "bench/**", "lib/testing/**", "lib/generated/**", "*.config.ts"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { typescript: { alwaysTryTypes: true } },
      "boundaries/include": ["app/**", "components/**", "lib/**", "modules/**", "api/**", "server.ts", "proxy.ts", "scripts/**"],
      "boundaries/ignore": ["**/*.css"],
      "boundaries/elements": [
        { type: "domain-node", pattern: "lib/tokens/{server,generate,hash,checksum,parse}.ts", mode: "full" },
        { type: "domain", pattern: "lib/tokens/**", mode: "full" },
        // Plain values every side reads: action results, dates, the audit catalogue's labels.
        { type: "shared", pattern: "lib/{action-result,format-date,audit/catalogue}.ts", mode: "full" },
        { type: "next-core", pattern: "lib/next/**", mode: "full" },
        { type: "core-entry", pattern: "lib/server.ts", mode: "full" },
        { type: "core", pattern: "lib/**", mode: "full" },
        { type: "feature-entry", pattern: "modules/*/server.ts", mode: "full", capture: ["feature"] },
        { type: "feature-public", pattern: "modules/*/index.ts", mode: "full", capture: ["feature"] },
        {
          type: "feature-next",
          pattern: "modules/*/**/{page.tsx,route.ts,actions.ts,layout.tsx,components/**}",
          mode: "full",
          capture: ["feature"],
        },
        // Plain values a feature's pages, client islands and server code all read (paths, messages).
        { type: "feature-shared", pattern: "modules/*/shared/**", mode: "full", capture: ["feature"] },
        { type: "feature", pattern: "modules/*/**", mode: "full", capture: ["feature"] },
        { type: "api", pattern: "api/**", mode: "full" },
        { type: "ui", pattern: "components/**", mode: "full" },
        { type: "route", pattern: "app/**", mode: "full" },
        { type: "process", pattern: "{server,proxy}.ts", mode: "full" },
        { type: "script", pattern: "scripts/**", mode: "full" },
      ],
    },
    rules: {
      "boundaries/element-types": [
        "error",
        {
          default: "disallow",
          message:
            "${file.type} may not import ${dependency.type} (${dependency.source}); docs/architecture.md lists what may import what.",
          rules: [
            { from: "domain", allow: ["domain"] },
            { from: "domain-node", allow: ["domain", "domain-node"] },
            { from: "shared", allow: ["domain", "shared"] },
            { from: ["core", "core-entry"], allow: ["core", "domain", "domain-node", "shared"] },
            {
              from: "feature",
              allow: [
                "core",
                "domain",
                "domain-node",
                "shared",
                "feature-entry",
                ["feature", { feature: "${from.feature}" }],
                ["feature-shared", { feature: "${from.feature}" }],
              ],
            },
            {
              from: "feature-entry",
              allow: ["core", "domain", "domain-node", "shared", ["feature", { feature: "${from.feature}" }]],
            },
            { from: "api", allow: ["api", "core", "domain", "domain-node", "shared", "feature-entry"] },
            {
              from: ["feature-next", "feature-public"],
              allow: [
                "domain",
                "shared",
                "ui",
                "next-core",
                "feature-public",
                ["feature-next", { feature: "${from.feature}" }],
                ["feature-shared", { feature: "${from.feature}" }],
              ],
            },
            { from: "next-core", allow: ["next-core", "domain", "shared"] },
            { from: "ui", allow: ["ui", "domain", "shared"] },
            { from: "route", allow: ["feature-next", "feature-public", "ui", "next-core", "shared"] },
            // Types of the server code are erased at compile time: they load nothing.
            {
              from: ["feature-next", "feature-public", "next-core", "ui", "route", "process", "script"],
              allow: ["core", "feature", "feature-entry", "api"],
              importKind: "type",
            },
          ],
        },
      ],
      "boundaries/external": [
        "error",
        {
          default: "allow",
          rules: [
            {
              // Inside the package, its modules import each other; the package name would load a second copy.
              from: ["core", "core-entry", "feature", "feature-entry", "api", "domain", "domain-node", "shared"],
              disallow: ["@console/server"],
              message: "Inside the server core, import the module itself, not @console/server.",
            },
            {
              from: ["domain", "shared"],
              disallow: ["node:*"],
              message: "The pure domain runs in browsers too: no Node modules.",
            },
          ],
        },
      ],
    },
  },
  {
    // Server code that Next.js would compile must come through the package (see the boundaries rule above),
    // and only this module reads the environment.
    files: ["**/*.{ts,tsx}"],
    ignores: ["lib/config/config.ts", "**/*.test.ts", "e2e/**", "bench/**", "lib/testing/**", "scripts/**", "*.config.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read the environment through lib/config/config.ts (one zod schema)." },
      ],
    },
  },

  comments.recommended,
  { rules: { "@eslint-community/eslint-comments/require-description": "error" } },

  prettier,
);
