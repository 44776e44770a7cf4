import "server-only";
import { registerSingleCopy } from "@/lib/single-copy";
import { getConfig } from "../config/config";
import { db } from "../db/db";

registerSingleCopy("lib/auth/throttle");

/**
 * Failed-authentication counters in the database, so that every instance sharing it counts together
 * (sign-in and the Bearer API). One fixed window per key: the first failure opens it, and once a key
 * has `limit` failures in its window it is refused until the window closes. Each failure is one atomic
 * upsert, so racing instances never lose a count.
 */
export type FailureCounter = { windowStart: number; failures: number };

export type ThrottleDecision = { limited: false } | { limited: true; retryAfterSeconds: number };

export function decide(counter: FailureCounter | undefined, limit: number, windowMs: number, now: number): ThrottleDecision {
  if (!counter || counter.failures < limit) return { limited: false };
  const waitMs = counter.windowStart + windowMs - now;
  if (waitMs <= 0) return { limited: false };
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** Raw SQL for either provider: `?` placeholders for SQLite, `$n` for PostgreSQL, one value per use. */
function query(strings: TemplateStringsArray, ...values: unknown[]): [string, ...unknown[]] {
  const pg = getConfig().provider === "postgresql";
  const text = strings.reduce((sql, part, i) => `${sql}${pg ? `$${i}` : "?"}${part}`);
  return [text, ...values];
}

type Row = { key: string; windowStart: bigint | number; failures: bigint | number };
const toCounter = (row: Row): FailureCounter => ({ windowStart: Number(row.windowStart), failures: Number(row.failures) });

/** The counters of `keys` whose window is still open at `now` (closed windows count as none). */
export async function readFailureCounters(keys: string[], windowMs: number, now: number): Promise<Map<string, FailureCounter>> {
  const rows = await Promise.all(
    keys.map((key) =>
      db().$queryRawUnsafe<Row[]>(
        ...query`SELECT "key", "windowStart", "failures" FROM "auth_throttles" WHERE "key" = ${key} AND "windowStart" > ${BigInt(now - windowMs)}`,
      ),
    ),
  ).then((results) => results.flat());
  return new Map(rows.map((row) => [row.key, toCounter(row)]));
}

/** Counts one failure for `key`, opening a new window when the last one has closed; returns the counter after. */
export async function addFailure(key: string, windowMs: number, now: number): Promise<FailureCounter> {
  purgeClosedWindows(now);
  const since = BigInt(now - windowMs);
  const rows = await db().$queryRawUnsafe<Row[]>(
    ...query`INSERT INTO "auth_throttles" ("key", "windowStart", "failures") VALUES (${key}, ${BigInt(now)}, 1)
     ON CONFLICT ("key") DO UPDATE SET
       "failures" = CASE WHEN "auth_throttles"."windowStart" <= ${since} THEN 1 ELSE "auth_throttles"."failures" + 1 END,
       "windowStart" = CASE WHEN "auth_throttles"."windowStart" <= ${since} THEN excluded."windowStart" ELSE "auth_throttles"."windowStart" END
     RETURNING "key", "windowStart", "failures"`,
  );
  const row = rows[0];
  // INSERT … ON CONFLICT … RETURNING always returns the row it wrote.
  if (!row) throw new Error(`auth_throttles: the upsert of ${key} returned no row`);
  return toCounter(row);
}

export async function clearFailures(key: string): Promise<void> {
  await db().$executeRawUnsafe(...query`DELETE FROM "auth_throttles" WHERE "key" = ${key}`);
}

const PURGE_EVERY_MS = 60_000;
let lastPurge = 0;

/** Drops counters whose window closed long ago, at most once a minute per process, off the request's path. */
function purgeClosedWindows(now: number): void {
  if (now - lastPurge < PURGE_EVERY_MS) return;
  lastPurge = now;
  const horizon = Math.max(getConfig().signInWindowMs, 60_000) * 2;
  db()
    .$executeRawUnsafe(...query`DELETE FROM "auth_throttles" WHERE "windowStart" < ${BigInt(now - horizon)}`)
    .catch(() => {});
}
