// The benchmark's baseline: a bare node:http server doing only the Bearer check — the same header parse,
// format/checksum check, SHA-256 and prepared indexed lookup — on the same database file, with no router,
// no scopes, no Next.js. Run by bench/bearer.mjs as `node --import tsx bench/baseline-server.ts`.
import Database from "better-sqlite3";
import { createServer } from "node:http";
import { parseAuthorizationHeader } from "../lib/api/auth/header";
import { hashToken, isExpired, parseToken } from "../lib/tokens/server";

type Row = { publicId: string; type: string; issuedTo: string; createdAt: string; expiresAt: string; revokedAt: string | null };

const file = process.env.BENCH_DB_FILE;
if (!file) throw new Error("BENCH_DB_FILE is not set: bench/bearer.mjs starts this server.");
const database = new Database(file, { fileMustExist: true });
const lookup = database.prepare<[string], Row>(
  `SELECT "publicId", "type", "issuedTo", "createdAt", "expiresAt", "revokedAt" FROM "service_tokens" WHERE "tokenHash" = ?`,
);
const UNAUTHORIZED = JSON.stringify({ error: { code: "unauthorized", message: "Invalid token." } });

const server = createServer((req, res) => {
  const header = parseAuthorizationHeader(req.headers.authorization);
  const parsed = header.kind === "bearer" ? parseToken(header.credential) : null;
  const row = parsed?.ok ? lookup.get(hashToken(parsed.token)) : undefined;
  if (!row || row.revokedAt !== null || isExpired(new Date(row.expiresAt), new Date())) {
    res.writeHead(401, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(UNAUTHORIZED) });
    res.end(UNAUTHORIZED);
    return;
  }
  const body = JSON.stringify({
    id: row.publicId,
    type: row.type.toLowerCase(),
    issuedTo: row.issuedTo,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
  });
  res.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("baseline: ready"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
