import "server-only";
import path from "node:path";
import type { PoolConfig } from "pg";

/** The SQLite file a `file:` URL names, resolved against the working directory. */
export function sqliteFilePath(databaseUrl: string): string {
  return path.resolve(/* turbopackIgnore: true */ databaseUrl.slice("file:".length).split("?")[0] ?? "");
}

/** Deadlines of every pooled PostgreSQL connection, so a stopped or frozen server fails fast (< 5 s). */
const PG_CONNECT_TIMEOUT_MS = 4_000;
const PG_QUERY_TIMEOUT_MS = 4_000;
/**
 * A wait for a lock ends sooner, as a "locked" error that lib/db/admission.ts tries again while the
 * database is well. PostgreSQL applies it to each wait, and an UPDATE of a contended row may wait more
 * than once (for the row, then for the transaction that holds it, again after a concurrent update), so
 * it is well under a quarter of the query deadline.
 */
const PG_LOCK_TIMEOUT_MS = 900;

/**
 * node-postgres lets `connectionString` override `database`, so the discrete fields are passed instead.
 * Deadlines: `connectionTimeoutMillis` bounds both a new connection and the wait for a free pooled one;
 * `query_timeout` is enforced by the client, so it also ends a query to a frozen server (which never
 * answers, so its own `statement_timeout` cannot fire); `statement_timeout` lets the server give up
 * too; `lock_timeout` ends a wait for another transaction's row lock before those, with an error of its
 * own (a busy database, not a gone one); keep-alive notices a dead peer on idle connections.
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
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    query_timeout: PG_QUERY_TIMEOUT_MS,
    statement_timeout: PG_QUERY_TIMEOUT_MS,
    lock_timeout: PG_LOCK_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

/**
 * The console's process opens two pools on one `connection_limit` (docs/operations.md): its main thread's
 * (the Bearer API's writes, background work) and its pages worker's (pages and server actions), each at
 * least one connection. A process whose pages run in its own isolate (development) opens the whole.
 */
export type ConnectionShare = "whole" | "api" | "pages";

export function connectionsOf(limit: number, share: ConnectionShare): number {
  if (share === "whole") return limit;
  return Math.max(1, share === "api" ? Math.ceil(limit / 2) : Math.floor(limit / 2));
}
