import "server-only";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * How long a write waits for SQLite's write lock when another connection holds it (a backup tool, an
 * operator's `sqlite3`, another statement of this process) before it gives up and the request answers
 * 503. Below Prisma's transaction maxWait (lib/db/db.ts), so that this is the error a caller sees, and
 * short enough for the answer to arrive within 5 s.
 */
export const LOCK_WAIT_MS = 3_000;

/** A write that could not get SQLite's write lock in time: the request answers 503, nothing changed. */
export class DatabaseLockedError extends Error {
  override name = "DatabaseLockedError";
  readonly code = "SQLITE_BUSY";
  constructor(waitedMs: number) {
    super(`the database is locked by another connection (waited ${waitedMs} ms for its write lock)`);
  }
}

/**
 * SQLITE_BUSY (and its extended codes), as better-sqlite3 throws it or as Prisma's adapter wraps it
 * (a DriverAdapterError whose cause keeps the original code).
 */
export function isBusy(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code, cause } = error as { code?: unknown; cause?: { originalCode?: unknown } };
  return (
    (typeof code === "string" && code.startsWith("SQLITE_BUSY")) ||
    (typeof cause?.originalCode === "string" && cause.originalCode.startsWith("SQLITE_BUSY"))
  );
}

/**
 * Runs `attempt` again while it fails with SQLITE_BUSY, waiting between tries without blocking the event
 * loop (SQLite's own busy handler would sleep on it: every request of the process would wait), until
 * `deadline` (epoch ms); then throws DatabaseLockedError. A statement that failed with SQLITE_BUSY had no
 * effect, so trying it again is safe.
 */
export async function retryWhileBusy<T>(attempt: () => T | Promise<T>, deadline = Date.now() + LOCK_WAIT_MS): Promise<T> {
  const started = Date.now();
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      const left = deadline - Date.now();
      if (left <= 0) throw new DatabaseLockedError(Date.now() - started);
      await sleep(Math.min(pause, left));
    }
  }
}
