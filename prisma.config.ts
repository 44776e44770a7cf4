// Prisma CLI configuration. The console never runs the Prisma CLI at run time (lib/server/platform/migrate.ts
// applies the committed SQL itself); the CLI is used to generate the two clients and to author
// migrations. `engine: "js"` with an adapter keeps every command offline: no engine is downloaded.
import path from "node:path";
import { defineConfig } from "prisma/config";

const provider = process.env.PRISMA_PROVIDER === "postgresql" ? "postgresql" : "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider),
  migrations: { path: path.join("prisma", provider, "migrations") },
  async adapter() {
    if (provider === "postgresql") {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      const url = new URL(process.env.DATABASE_URL ?? "postgresql://localhost/console");
      return new PrismaPg({
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: url.pathname.slice(1),
      });
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "file:./data/console.db" });
  },
});
