// Helpers for the Bearer API specs: seeding tokens straight into the test server's database, and an HTTP
// client that can choose its source address. Every 127.x.y.z address reaches the loopback interface on
// Linux, so each test that makes failed authentications sends them from its own random address: the
// per-address throttle (20 failures a minute) then never spills over into other tests or specs.
import Database from "better-sqlite3";
import { randomInt, randomUUID } from "node:crypto";
import http, { type IncomingHttpHeaders } from "node:http";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { errorBodySchema } from "@/api/schemas";
import { generatePublicId, generateToken, type TokenType } from "@/lib/tokens/server";

export type SeedSpec = {
  type: TokenType;
  issuedTo?: string;
  /** Default: 30 days ahead. */
  expiresAt?: Date;
  /** Default: now (or just before the expiry, when that is earlier). */
  createdAt?: Date;
  revoked?: boolean;
};

export type SeededToken = { token: string; publicId: string; id: string; hint: string; type: TokenType; expiresAt: Date };

/**
 * The database of the console under test: its data folder's SQLite file (playwright.config.ts passes the
 * webServer's data folder to the specs as DATA_DIR), or E2E_DATABASE_URL when a console on PostgreSQL is
 * tested by hand.
 */
export function testDatabaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const dataDir = process.env.DATA_DIR;
  if (!dataDir) throw new Error("DATA_DIR is not set: run the API specs through playwright.config.ts (its webServer sets it).");
  return `file:${path.join(path.resolve(dataDir), "console.db")}`;
}

/** Prisma's SQLite adapter stores DateTime as ISO 8601 with "+00:00"; PostgreSQL columns are UTC timestamps. */
function sqliteTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

const INSERT_COLUMNS = `"id", "publicId", "type", "issuedTo", "tokenHash", "hint", "createdAt", "createdById", "createdByName", "expiresAt", "revokedAt", "revokedById", "revokedByName"`;

/**
 * Inserts tokens the way createServiceToken stores them (hash and hint only) and returns the plaintexts;
 * into the shared console's database unless `url` names another's.
 */
export async function seedTokens(specs: SeedSpec[], url = testDatabaseUrl()): Promise<SeededToken[]> {
  const now = new Date();
  const rows = specs.map((spec) => {
    const { token, hash, hint } = generateToken(spec.type);
    const expiresAt = spec.expiresAt ?? new Date(now.getTime() + 30 * 24 * 3600 * 1000);
    return {
      seeded: { token, publicId: generatePublicId(), id: randomUUID(), hint, type: spec.type, expiresAt },
      hash,
      issuedTo: spec.issuedTo ?? `e2e ${spec.type.toLowerCase()}`,
      createdAt: spec.createdAt ?? new Date(Math.min(now.getTime(), expiresAt.getTime() - 1000)),
      revokedAt: spec.revoked ? now : null,
    };
  });
  if (url.startsWith("file:")) {
    const sqlite = new Database(path.resolve(url.slice("file:".length).split("?")[0]!), { timeout: 10_000 });
    try {
      const insert = sqlite.prepare(
        `INSERT INTO "service_tokens" (${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      sqlite.transaction(() => {
        for (const r of rows) {
          insert.run(
            r.seeded.id,
            r.seeded.publicId,
            r.seeded.type,
            r.issuedTo,
            r.hash,
            r.seeded.hint,
            sqliteTime(r.createdAt),
            "e2e",
            "e2e-seed",
            sqliteTime(r.seeded.expiresAt),
            r.revokedAt && sqliteTime(r.revokedAt),
            r.revokedAt && "e2e",
            r.revokedAt && "e2e-seed",
          );
        }
      })();
    } finally {
      sqlite.close();
    }
  } else {
    await withPg(url, async (client) => {
      const utc = (d: Date | null) => d && d.toISOString().replace("Z", "");
      for (const r of rows) {
        await client.query(
          `INSERT INTO "service_tokens" (${INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [
            r.seeded.id,
            r.seeded.publicId,
            r.seeded.type,
            r.issuedTo,
            r.hash,
            r.seeded.hint,
            utc(r.createdAt),
            "e2e",
            "e2e-seed",
            utc(r.seeded.expiresAt),
            utc(r.revokedAt),
            r.revokedAt && "e2e",
            r.revokedAt && "e2e-seed",
          ],
        );
      }
    });
  }
  return rows.map((r) => r.seeded);
}

/** Revokes a token in the database directly, as another console instance sharing it would. */
export async function revokeInDatabase(publicId: string): Promise<void> {
  const url = testDatabaseUrl();
  if (url.startsWith("file:")) {
    const sqlite = new Database(path.resolve(url.slice("file:".length).split("?")[0]!), { timeout: 10_000 });
    try {
      sqlite
        .prepare(
          `UPDATE "service_tokens" SET "revokedAt" = ?, "revokedById" = 'e2e', "revokedByName" = 'e2e-seed' WHERE "publicId" = ?`,
        )
        .run(sqliteTime(new Date()), publicId);
    } finally {
      sqlite.close();
    }
  } else {
    await withPg(url, (client) =>
      client.query(
        `UPDATE "service_tokens" SET "revokedAt" = $1, "revokedById" = 'e2e', "revokedByName" = 'e2e-seed' WHERE "publicId" = $2`,
        [new Date().toISOString().replace("Z", ""), publicId],
      ),
    );
  }
}

async function withPg<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const parsed = new URL(url);
  const client = new pg.Client({
    host: decodeURIComponent(parsed.hostname),
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    database: decodeURIComponent(parsed.pathname.slice(1)) || undefined,
  });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh loopback source address, so this test's failed authentications are throttled on their own. */
export function freshAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

export type ApiResponse = {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  /** The parsed body, for a schema to check or `toEqual` to compare. */
  json(): unknown;
  /** The error of an error response; throws unless the body is the API's error body. */
  error(): { code: string; message: string };
};

export type ApiRequest = {
  method?: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** The whole Authorization header, when a test needs it malformed. */
  authorization?: string;
  headers?: Record<string, string | number>;
  body?: Buffer | string;
  /** Source address (127.x.y.z); default 127.0.0.1. */
  from?: string;
};

/** A client for the console under test; always connects over IPv4 loopback so `from` can be chosen. */
export function apiClient(baseURL: string) {
  const base = new URL(baseURL);
  const port = Number(base.port || 80);
  return function call(pathAndQuery: string, options: ApiRequest = {}): Promise<ApiResponse> {
    const headers: Record<string, string | number> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.authorization !== undefined) headers.authorization = options.authorization;
    if (options.body !== undefined && headers["content-length"] === undefined)
      headers["content-length"] = Buffer.byteLength(options.body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          path: pathAndQuery,
          method: options.method ?? "GET",
          headers: { host: base.host, ...headers },
          localAddress: options.from ?? "127.0.0.1",
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const body = Buffer.concat(chunks);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body,
              text: () => body.toString("utf8"),
              json: () => JSON.parse(body.toString("utf8")) as unknown,
              error: () => errorBodySchema.parse(JSON.parse(body.toString("utf8"))).error,
            });
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(options.body);
    });
  };
}

/** A multipart/form-data body with the given file parts (and optional text fields). */
export function multipart(parts: { field: string; filename?: string; contentType?: string; content: Buffer | string }[]): {
  body: Buffer;
  contentType: string;
} {
  const boundary = `----e2e${randomUUID().replaceAll("-", "")}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      part.filename === undefined
        ? `form-data; name="${part.field}"`
        : `form-data; name="${part.field}"; filename="${part.filename}"`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${
      part.filename === undefined ? "" : `Content-Type: ${part.contentType ?? "application/octet-stream"}\r\n`
    }\r\n`;
    chunks.push(
      Buffer.from(head, "utf8"),
      Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content, "utf8"),
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Sends raw bytes (a request node's client would refuse to write) and reads the response's status and text. */
export function rawRequest(baseURL: string, request: string): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(request));
    let text = "";
    socket.setEncoding("latin1").on("data", (chunk: string) => (text += chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }));
    socket.setTimeout(10_000, () => socket.destroy(new Error("no answer within 10 s")));
  });
}
