import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { SERVER_ENTRIES } from "./scripts/server-package.mjs";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      // `server-only` throws outside React Server Components; tests run the same modules in plain Node.
      "server-only": here("./lib/testing/server-only-stub.ts"),
      "@": here("./"),
      // The built package is what a process loads; tests load its sources (one module graph either way).
      ...Object.fromEntries(Object.entries(SERVER_ENTRIES).map(([name, file]) => [`@console/server/${name}`, here(`./${file}`)])),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "modules/**/*.test.ts", "api/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    setupFiles: ["./lib/testing/setup-db.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
