// The benchmark's baseline: a bare node:http server doing exactly the work of the console's
// GET /api/v1/token and nothing else: the same header parse, format and checksum check, SHA-256, one
// prepared indexed lookup (better-sqlite3, or a named pg query on a pool of 4 like the console's), the
// revoked and expired checks, the allowed-address check, and the same JSON answer and headers (with the
// expiry warning's Deprecation and Sunset once a token is inside its window). No router, no scopes table, no
// throttle, no last-use bookkeeping, no Next.js in the process. bench/run.mjs bundles it with esbuild
// (like the console's server) and runs it with plain node: BENCH_DATABASE_URL, PORT.
import Database from "better-sqlite3";
import { createServer, type ServerResponse } from "node:http";
import pg from "pg";
import { parseAuthorizationHeader } from "../../api/auth/header";
import { allowedCidrList, storedRangesAllow } from "../../lib/tokens";
import { DEFAULT_WARN_DAYS } from "../../modules/notifications/shared/settings-schema";
import { hashToken, isExpired, parseToken } from "../../lib/tokens/server";

type Row = {
  publicId: string;
  type: string;
  issuedTo: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  allowedCidrs: string | null;
};

/** pg's own parser lookup, by plain OID (its types want an enum member and promise `any`). */
const defaultTypeParser = pg.types.getTypeParser as (oid: number, format: "text" | "binary") => unknown;
const databaseUrl = process.env.BENCH_DATABASE_URL ?? "";
if (!databaseUrl) throw new Error("BENCH_DATABASE_URL is not set: bench/run.mjs starts this server.");
const COLUMNS = `"publicId", "type", "issuedTo", "createdAt", "expiresAt", "revokedAt", "allowedCidrs"`;

// The answer's constant parts, as the console computes them once per token type.
const SCOPES: Record<string, string[]> = {
  CONNECTOR: ["token:read", "token:rotate", "files:write", "files:read"],
  DEVELOPER: ["token:read", "token:rotate", "files:write", "files:read", "service_tokens:read", "audit_events:read"],
};
const OPERATIONS: Record<string, string[]> = {
  CONNECTOR: [
    "GET /api/v1/token",
    "POST /api/v1/token/rotate",
    "POST /api/v1/files",
    "GET /api/v1/files/{id}",
    "GET /api/v1/files/{id}/content",
    "GET /api/v1/openapi.json",
  ],
  DEVELOPER: [
    "GET /api/v1/token",
    "POST /api/v1/token/rotate",
    "POST /api/v1/files",
    "GET /api/v1/files/{id}",
    "GET /api/v1/files/{id}/content",
    "GET /api/v1/service-tokens",
    "POST /api/v1/service-tokens/identify",
    "GET /api/v1/audit-events",
    "GET /api/v1/openapi.json",
  ],
};
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
// From the first warning threshold (the largest `Warn before expiry (days)`, the default on the bench's
// console) on, an answer carries Deprecation and Sunset, as the console's does.
const WARN_WINDOW_MS = DEFAULT_WARN_DAYS[0] * 86_400_000;
const UNAUTHORIZED = JSON.stringify({ error: { code: "unknown", message: "The token is not recognised." } });

function lookupFor(url: string): (hash: string) => Row | undefined | Promise<Row | undefined> {
  if (url.startsWith("file:")) {
    const database = new Database(url.slice("file:".length), { fileMustExist: true, readonly: true, timeout: 5_000 });
    // Raw mode (the row as an array, in COLUMNS' order), as the console reads it.
    type Text = [
      publicId: string,
      type: string,
      issuedTo: string,
      createdAt: string,
      expiresAt: string,
      revokedAt: string | null,
      allowedCidrs: string | null,
    ];
    const select = database.prepare<[string], Text>(`SELECT ${COLUMNS} FROM "service_tokens" WHERE "tokenHash" = ?`).raw(true);
    return (hash) => {
      const row = select.get(hash);
      if (!row) return undefined;
      const revokedAt = row[5];
      return {
        publicId: row[0],
        type: row[1],
        issuedTo: row[2],
        createdAt: new Date(row[3]),
        expiresAt: new Date(row[4]),
        revokedAt: revokedAt === null ? null : new Date(revokedAt),
        allowedCidrs: row[6],
      };
    };
  }
  const { hostname, port, username, password, pathname } = new URL(url);
  const pool = new pg.Pool({
    host: hostname,
    port: Number(port || 5432),
    user: decodeURIComponent(username),
    password: decodeURIComponent(password),
    database: decodeURIComponent(pathname.slice(1)),
    max: 4,
    types: {
      // timestamp(3) columns hold UTC wall time, as the console reads them.
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === 1114
          ? (v: string) => new Date(`${v.replace(" ", "T")}Z`)
          : defaultTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
    },
  });
  const text = `SELECT ${COLUMNS} FROM "service_tokens" WHERE "tokenHash" = $1`;
  return async (hash) => (await pool.query<Row>({ name: "bench_lookup", text, values: [hash] })).rows[0];
}

const lookup = lookupFor(databaseUrl);

function answer(res: ServerResponse, row: Row | undefined, ip: string | null): void {
  const now = new Date();
  if (!row || row.revokedAt !== null || isExpired(row.expiresAt, now) || !storedRangesAllow(row.allowedCidrs, ip)) {
    res.writeHead(401, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(UNAUTHORIZED) });
    res.end(UNAUTHORIZED);
    return;
  }
  const expiresAt = row.expiresAt.toISOString();
  const body = JSON.stringify({
    id: row.publicId,
    type: row.type.toLowerCase(),
    issuedTo: row.issuedTo,
    createdAt: row.createdAt.toISOString(),
    expiresAt,
    scopes: SCOPES[row.type],
    operations: OPERATIONS[row.type],
    limits: { maxUploadBytes: MAX_UPLOAD_BYTES },
    allowedAddresses: allowedCidrList(row.allowedCidrs),
  });
  const common = {
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "x-token-expiration": expiresAt,
  };
  const warnFrom = row.expiresAt.getTime() - WARN_WINDOW_MS;
  res.writeHead(
    200,
    now.getTime() < warnFrom
      ? common
      : { ...common, deprecation: `@${Math.floor(warnFrom / 1000)}`, sunset: row.expiresAt.toUTCString() },
  );
  res.end(body);
}

const server = createServer((req, res) => {
  const header = parseAuthorizationHeader(req.headers.authorization);
  const parsed = header.kind === "bearer" ? parseToken(header.credential) : null;
  if (!parsed?.ok) {
    answer(res, undefined, null);
    return;
  }
  const ip = req.socket.remoteAddress ?? null;
  const row = lookup(hashToken(parsed.token));
  if (row instanceof Promise) {
    row.then(
      (r) => answer(res, r, ip),
      () => {
        res.writeHead(500).end();
      },
    );
  } else answer(res, row, ip);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("baseline: ready"));
process.on("SIGTERM", () => process.exit(0));
