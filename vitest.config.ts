import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      // `server-only` throws outside React Server Components; tests run the same modules in plain Node.
      "server-only": here("./lib/testing/server-only-stub.ts"),
      "@": here("./"),
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
