import "server-only";
import path from "node:path";
import type { PoolConfig } from "pg";

/** The SQLite file a `file:` URL names, resolved against the working directory. */
export function sqliteFilePath(databaseUrl: string): string {
  return path.resolve(/* turbopackIgnore: true */ databaseUrl.slice("file:".length).split("?")[0] ?? "");
}

/**
 * pg's options from a postgresql:// URL, as discrete fields: node-postgres lets a `connectionString`
 * override an explicit `database`, which would aim a second database (such as Prisma's migration
 * shadow database) at the URL's own.
 */
export function pgPoolConfig(databaseUrl: string): PoolConfig {
  const url = new URL(databaseUrl);
  const sslmode = url.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(url.hostname) || "localhost",
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: decodeURIComponent(url.pathname.slice(1)) || undefined,
    ssl: sslmode && sslmode !== "disable" ? { rejectUnauthorized: sslmode === "verify-full" } : undefined,
    max: Number(url.searchParams.get("connection_limit") ?? 10),
    connectionTimeoutMillis: 5_000,
  };
}
