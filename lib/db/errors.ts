/**
 * Whether an error means the database cannot be used right now rather than a bug or bad input, and why:
 * - `disk_full`: the disk is full (SQLite's SQLITE_FULL, ENOSPC or EDQUOT from a file write, PostgreSQL's
 *   53100 disk_full);
 * - `locked`: another connection holds the lock a write needs for longer than a write waits (SQLite's
 *   write lock, lib/db/busy.ts; a PostgreSQL row past the pool's `lock_timeout`, 55P03 lock_not_available);
 * - `unavailable`: down, frozen, unreachable, its file gone or read-only.
 * Such errors become 503 answers with no driver text instead of 500s. Looks through Prisma's wrappers
 * (DriverAdapterError → cause) and node-postgres / better-sqlite3 / Node errors.
 */
export type DatabaseFault = "disk_full" | "locked" | "unavailable";

const PRISMA_CODES = new Set(["P1000", "P1001", "P1002", "P1003", "P1008", "P1017", "P2024", "P2037"]);
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "DatabaseAccessDenied",
  "ConnectionClosed",
  "TlsConnectionError",
  "AuthenticationFailed",
  "TooManyConnections",
  "SocketTimeout",
]);
const NODE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);
// SQLSTATE: 08 connection exceptions, 53 insufficient resources, 57 operator intervention
// (shutdown, statement timeout), 3D000 no such database, 28 authentication.
const SQLSTATE = /^(08|53|57|3D|28)/;
// SQLite primary result codes: READONLY, IOERR, CORRUPT, CANTOPEN, NOTADB, PERM.
const SQLITE_NAMES = /^SQLITE_(READONLY|IOERR|CORRUPT|CANTOPEN|NOTADB|PERM)/;
const SQLITE_PRIMARY = new Set([3, 8, 10, 11, 14, 26]);
const SQLITE_BUSY = 5;
const SQLITE_FULL = 13;
const MESSAGES =
  /timeout|timed out|Connection terminated|connection error|Can't reach database|readonly database|disk I\/O|unable to open database|no such table|not a database/i;
const DISK_FULL_CODES = new Set(["SQLITE_FULL", "ENOSPC", "EDQUOT", "53100"]);
const PG_LOCK_NOT_AVAILABLE = "55P03";
const DISK_FULL_MESSAGES = /database or disk is full|no space left on device|could not extend file/i;

type ErrorLike = {
  name?: unknown;
  code?: unknown;
  kind?: unknown;
  extendedCode?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
};

function faultOf(e: ErrorLike): DatabaseFault | null {
  const code = typeof e.code === "string" ? e.code : typeof e.originalCode === "string" ? e.originalCode : undefined;
  const sqlitePrimary = e.kind === "sqlite" && typeof e.extendedCode === "number" ? e.extendedCode & 0xff : undefined;
  const message = typeof e.message === "string" ? e.message : "";
  if ((code && DISK_FULL_CODES.has(code)) || sqlitePrimary === SQLITE_FULL || DISK_FULL_MESSAGES.test(message))
    return "disk_full";
  if (
    code?.startsWith("SQLITE_BUSY") ||
    code === PG_LOCK_NOT_AVAILABLE ||
    sqlitePrimary === SQLITE_BUSY ||
    /database is locked|due to lock timeout/i.test(message)
  )
    return "locked";
  if (e.name === "PrismaClientInitializationError") return "unavailable";
  if (code && (PRISMA_CODES.has(code) || NODE_CODES.has(code) || SQLITE_NAMES.test(code))) return "unavailable";
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return "unavailable";
  if (code?.length === 5 && SQLSTATE.test(code)) return "unavailable";
  if (sqlitePrimary !== undefined && SQLITE_PRIMARY.has(sqlitePrimary)) return "unavailable";
  if (MESSAGES.test(message)) return "unavailable";
  return null;
}

/** The fault an error shows, looking through its causes (the outermost known one wins), or null. */
export function databaseFaultOf(error: unknown): DatabaseFault | null {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const fault = faultOf(current);
    if (fault) return fault;
    current = (current as ErrorLike).cause;
  }
  return null;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return databaseFaultOf(error) !== null;
}
