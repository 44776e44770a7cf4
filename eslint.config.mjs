// ESLint (flat config): type-aware typescript-eslint, React hooks, Next's rules; Prettier owns layout.
// `npm run lint` fails on any warning, and a disable comment must say why (`-- reason`).
import comments from "@eslint-community/eslint-plugin-eslint-comments/configs";
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import next from "@next/eslint-plugin-next";
import prettier from "eslint-config-prettier";
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

  comments.recommended,
  { rules: { "@eslint-community/eslint-comments/require-description": "error" } },

  prettier,
);
