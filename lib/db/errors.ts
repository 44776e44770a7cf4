/**
 * Whether an error means the database cannot be used right now (down, frozen, unreachable, its file
 * gone or read-only) rather than a bug or bad input: such errors become 503 "unavailable" answers, with
 * no driver text, instead of 500s. Looks through Prisma's wrappers (DriverAdapterError → cause) and
 * node-postgres / better-sqlite3 errors.
 */
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
// SQLite primary result codes: BUSY, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB, PERM.
const SQLITE_NAMES = /^SQLITE_(BUSY|READONLY|IOERR|CORRUPT|FULL|CANTOPEN|NOTADB|PERM)/;
const SQLITE_PRIMARY = new Set([3, 5, 8, 10, 11, 13, 14, 26]);
const MESSAGES =
  /timeout|timed out|Connection terminated|connection error|Can't reach database|readonly database|disk I\/O|unable to open database|database is locked|no such table|not a database/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const e = current as {
      name?: unknown;
      code?: unknown;
      kind?: unknown;
      extendedCode?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    if (e.name === "PrismaClientInitializationError") return true;
    if (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || NODE_CODES.has(e.code) || SQLITE_NAMES.test(e.code)))
      return true;
    if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
    if (e.kind === "postgres" && typeof e.code === "string" && SQLSTATE.test(e.code)) return true;
    if (typeof e.code === "string" && e.code.length === 5 && SQLSTATE.test(e.code)) return true;
    if (e.kind === "sqlite" && typeof e.extendedCode === "number" && SQLITE_PRIMARY.has(e.extendedCode & 0xff)) return true;
    if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
    current = e.cause;
  }
  return false;
}
