// The two queries of Bearer authentication: the token lookup every API request runs, and the batched
// write of tokens' last use.
//
// Why not Prisma here (every other query uses it; the figures are in bench/README.md):
// - as a Prisma `findUnique` by the unique hash, the lookup made GET /api/v1/token about ten times
//   slower than the same lookup as a prepared statement, which is what the bare baseline does;
// - one Prisma `updateMany` per token starves the event loop for seconds when many tokens are first
//   used at once, where one multi-row UPDATE takes milliseconds.
// So the lookup is a prepared statement on a connection of its own (better-sqlite3 for SQLite, a named,
// server-side prepared pg query for PostgreSQL), and last uses are written in batches, one statement
// per batch.
//
// The lookup selects only what authentication needs, never the hash, and caches nothing: every call
// reads the database, so a token revoked by any instance fails on its very next use.
import "server-only";
import Database from "better-sqlite3";
import pg from "pg";
import { getConfig } from "@/lib/config/config";
import { isBusy, retryWhileBusy } from "@/lib/db/busy";
import { pgPoolConfig, sqliteFilePath } from "@/lib/db/database-url";
import { db } from "@/lib/db/db";
import { tokenTypeOf } from "@/lib/tokens";
import { NativeDate } from "../clock";
import type { AuthenticatedToken } from "./authenticate";
import { utcFromText } from "./utc-text";

/**
 * What authentication needs of a stored token: the token as API routes see it (AuthenticatedToken),
 * whether it was revoked, and whether it was rotated (the rotate route sees rotated tokens after their
 * overlap, to detect reuse). A row of a type this code does not know is not returned.
 */
export type BearerTokenRow = AuthenticatedToken & { revokedAt: Date | null; replacedByPublicId: string | null };

/** A token's use to record: its row id, when, and from where. */
export type TokenUse = { id: string; at: Date; ip: string | null };

type Store = {
  /**
   * Synchronous with SQLite (better-sqlite3 is synchronous; awaiting it would only add promise and
   * microtask work to every request), a promise with PostgreSQL.
   */
  lookup(tokenHash: string): BearerTokenRow | null | Promise<BearerTokenRow | null>;
  /** Sets lastUsedAt/lastUsedIp of each token unless it was already set less than `minIntervalMs` before. */
  recordUses(uses: TokenUse[], minIntervalMs: number): Promise<void>;
};

const COLUMNS = `"id", "publicId", "type", "issuedTo", "hint", "createdAt", "expiresAt", "revokedAt", "allowedCidrs", "replacedByPublicId"`;

/**
 * A row as the drivers give it in array mode (better-sqlite3's raw mode, pg's rowMode "array"): the
 * columns of COLUMNS, in their order; timestamps as SQLite stores them (`T`), or already read (pg).
 */
type ColumnsRow<T> = [
  id: string,
  publicId: string,
  type: string,
  issuedTo: string,
  hint: string,
  createdAt: T,
  expiresAt: T,
  revokedAt: T | null,
  allowedCidrs: string | null,
  replacedByPublicId: string | null,
];

/** The token of a row, its timestamps read by `date`; null without a row or for a type this code does not know. */
function bearerRow<T>(row: ColumnsRow<T> | undefined, date: (value: T) => Date): BearerTokenRow | null {
  const type = row ? tokenTypeOf(row[2]) : null;
  if (!row || !type) return null;
  const revokedAt = row[7];
  return {
    id: row[0],
    publicId: row[1],
    type,
    issuedTo: row[3],
    hint: row[4],
    createdAt: date(row[5]),
    expiresAt: date(row[6]),
    revokedAt: revokedAt === null ? null : date(revokedAt),
    allowedCidrs: row[8],
    replacedByPublicId: row[9],
  };
}
/**
 * Prisma's SQLite adapter writes DateTime as ISO 8601 text ("2025-01-31T12:00:00.000+00:00"); a column
 * DEFAULT writes "2025-01-31 12:00:00" (UTC, no zone); the adapter's other format is epoch milliseconds.
 */
export function sqliteDate(value: string | number): Date {
  if (typeof value === "number") return new NativeDate(value);
  // "YYYY-MM-DD HH:MM:SS[.SSS]" (a space at 10, too short for a zone) is UTC; the ISO forms carry theirs.
  return (
    utcFromText(value) ??
    new NativeDate(value.charCodeAt(10) === 32 && value.length <= 23 ? `${value.replace(" ", "T")}Z` : value)
  );
}

/** As Prisma's SQLite adapter writes a DateTime, so that text comparisons with its values hold. */
const sqliteText = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** Uses per UPDATE statement: 4 parameters each, well below SQLite's 32,766. */
const USES_PER_STATEMENT = 500;

function sqliteStore(databaseUrl: string): Store {
  // No busy timeout: better-sqlite3 would wait it out synchronously, stopping every request of the process.
  // In WAL mode a read never waits for a writer; should SQLite still answer SQLITE_BUSY (a WAL being
  // recovered), the lookup is tried again asynchronously instead.
  const connection = new Database(sqliteFilePath(databaseUrl), { fileMustExist: true, timeout: 0 });
  // Raw mode: the row comes as an array, so better-sqlite3 does not build an object property by property
  // (each column's name looked up and added), which cost a tenth of a request (bench/README.md).
  const select = connection
    .prepare<[string], ColumnsRow<string | number>>(`SELECT ${COLUMNS} FROM "service_tokens" WHERE "tokenHash" = ?`)
    .raw(true);
  const find = (tokenHash: string): BearerTokenRow | null => bearerRow(select.get(tokenHash), sqliteDate);
  return {
    lookup(tokenHash) {
      try {
        return find(tokenHash);
      } catch (error) {
        if (!isBusy(error)) throw error;
        return retryWhileBusy(() => find(tokenHash));
      }
    },
    // Written through Prisma's connection, as one statement per 500 uses: its adapter waits for the write
    // lock without blocking the event loop (lib/db/sqlite-adapter.ts).
    async recordUses(uses, minIntervalMs) {
      for (let i = 0; i < uses.length; i += USES_PER_STATEMENT) {
        const chunk = uses.slice(i, i + USES_PER_STATEMENT);
        const values = chunk.map(() => "(?, ?, ?, ?)").join(", ");
        await db().$executeRawUnsafe(
          `UPDATE "service_tokens" SET "lastUsedAt" = u.column2, "lastUsedIp" = u.column3 FROM (VALUES ${values}) AS u
           WHERE "service_tokens"."id" = u.column1 AND ("service_tokens"."lastUsedAt" IS NULL OR "service_tokens"."lastUsedAt" < u.column4)`,
          ...chunk.flatMap((use) => [use.id, sqliteText(use.at), use.ip, sqliteText(new Date(use.at.getTime() - minIntervalMs))]),
        );
      }
    },
  };
}

// Prisma stores DateTime in `timestamp(3)` columns as UTC wall time; pg would read them as local time.
const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;
const utcTimestamp = (value: string) => utcFromText(value) ?? new NativeDate(`${value.replace(" ", "T")}Z`);

/** A UTC wall-clock timestamp for a `timestamp(3)` column (a Date would be sent in local time). */
const utcText = (date: Date) => date.toISOString().replace("T", " ").replace("Z", "");

/** pg's own parser lookup, by plain OID (its types want an enum member and promise `any`). */
const defaultTypeParser = pg.types.getTypeParser as (oid: number, format: "text" | "binary") => unknown;

function postgresStore(databaseUrl: string): Store {
  const pool = new pg.Pool({
    ...pgPoolConfig(databaseUrl),
    max: 4,
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === TIMESTAMP_WITHOUT_TIME_ZONE && format !== "binary"
          ? utcTimestamp
          : defaultTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
    },
  });
  pool.on("error", (error) => console.error(`api: token lookup connection error: ${error.message}`));
  const select = `SELECT ${COLUMNS} FROM "service_tokens" WHERE "tokenHash" = $1`;
  // One statement for the whole batch: the uses arrive as three parallel arrays.
  const update = `UPDATE "service_tokens" AS t SET "lastUsedAt" = u.at, "lastUsedIp" = u.ip
    FROM unnest($1::text[], $2::timestamp(3)[], $3::text[]) AS u(id, at, ip)
    WHERE t."id" = u.id AND (t."lastUsedAt" IS NULL OR t."lastUsedAt" < u.at - make_interval(secs => $4::double precision / 1000))`;
  return {
    async lookup(tokenHash) {
      // Array mode, as SQLite's raw mode: pg does not build an object per row from a template.
      const result = await pool.query<ColumnsRow<Date>>({
        name: "console_bearer_lookup",
        text: select,
        values: [tokenHash],
        rowMode: "array",
      });
      return bearerRow(result.rows[0], (date) => date);
    },
    async recordUses(uses, minIntervalMs) {
      await pool.query({
        name: "console_bearer_last_used",
        text: update,
        values: [uses.map((u) => u.id), uses.map((u) => utcText(u.at)), uses.map((u) => u.ip), minIntervalMs],
      });
    },
  };
}

let store: Store | undefined;

function bearerStore(): Store {
  if (!store) {
    const { provider, databaseUrl } = getConfig();
    store = provider === "postgresql" ? postgresStore(databaseUrl) : sqliteStore(databaseUrl);
  }
  return store;
}

/** The row, or with PostgreSQL a promise of it: callers continue synchronously when they can. */
export function findServiceTokenByHash(tokenHash: string): BearerTokenRow | null | Promise<BearerTokenRow | null> {
  return bearerStore().lookup(tokenHash);
}

/** Writes a batch of last uses in one statement or transaction; see last-used.ts. */
export function writeTokenUses(uses: TokenUse[], minIntervalMs: number): Promise<void> {
  return bearerStore().recordUses(uses, minIntervalMs);
}
