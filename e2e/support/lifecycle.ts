// Token lifecycle helpers for the e2e specs: set a seeded token's allowed addresses and read what the
// console stored, straight in the console's database (SQLite file, or E2E_DATABASE_URL on PostgreSQL).
import Database from "better-sqlite3";
import path from "node:path";
import pg from "pg";
import { testDatabaseUrl } from "./api";
import { startChild } from "./child-process";

async function withDatabase<T>(sqlite: (db: Database.Database) => T, postgres: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = testDatabaseUrl();
  if (url.startsWith("file:")) {
    const db = new Database(path.resolve(url.slice("file:".length).split("?")[0]!), { timeout: 10_000 });
    try {
      return sqlite(db);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await postgres(client);
  } finally {
    await client.end();
  }
}

/** Sets a token's allowed ranges (canonical CIDR text, one per line), as the console stores them. */
export function setAllowedCidrs(publicId: string, cidrs: string[] | null): Promise<void> {
  const text = cidrs ? cidrs.join("\n") : null;
  return withDatabase(
    (db) => {
      db.prepare(`UPDATE "service_tokens" SET "allowedCidrs" = ? WHERE "publicId" = ?`).run(text, publicId);
    },
    async (client) => {
      await client.query(`UPDATE "service_tokens" SET "allowedCidrs" = $1 WHERE "publicId" = $2`, [text, publicId]);
    },
  );
}

export type StoredLifecycle = {
  revokedAt: unknown;
  revokeReason: string | null;
  replacedByPublicId: string | null;
  replacesPublicId: string | null;
};

export function storedLifecycle(publicId: string): Promise<StoredLifecycle | undefined> {
  const sql = `SELECT "revokedAt", "revokeReason", "replacedByPublicId", "replacesPublicId" FROM "service_tokens" WHERE "publicId" = `;
  return withDatabase(
    (db) => db.prepare(`${sql}?`).get(publicId) as StoredLifecycle | undefined,
    async (client) => (await client.query(`${sql}$1`, [publicId])).rows[0] as StoredLifecycle | undefined,
  );
}

export function auditCount(action: string, targetId: string): Promise<number> {
  const sql = `SELECT COUNT(*) AS n FROM "audit_events" WHERE "action" = `;
  return withDatabase(
    (db) => (db.prepare(`${sql}? AND ("targetId" = ? OR "actorId" = ?)`).get(action, targetId, targetId) as { n: number }).n,
    async (client) =>
      Number(
        (await client.query<{ n: string }>(`${sql}$1 AND ("targetId" = $2 OR "actorId" = $2)`, [action, targetId])).rows[0]?.n,
      ),
  );
}

/** How many audit events of `action` were recorded from the client address `ip`. */
export function auditCountFrom(action: string, ip: string): Promise<number> {
  const sql = `SELECT COUNT(*) AS n FROM "audit_events" WHERE "action" = `;
  return withDatabase(
    (db) => (db.prepare(`${sql}? AND "ip" = ?`).get(action, ip) as { n: number }).n,
    async (client) => Number((await client.query<{ n: string }>(`${sql}$1 AND "ip" = $2`, [action, ip])).rows[0]?.n),
  );
}

/**
 * A second console process on the same data folder and build, with other settings (e.g. TRUST_PROXY=1).
 * Resolves once it serves; stop it with `stop()`.
 */
export async function startSecondConsole(
  port: number,
  extraEnv: Record<string, string>,
): Promise<{ baseURL: string; stop(): Promise<void> }> {
  const dataDir = process.env.DATA_DIR;
  if (!dataDir) throw new Error("DATA_DIR is not set: run through playwright.config.ts.");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    NEXT_DIST_DIR: ".next-e2e",
    PORT: String(port),
    HOST: "127.0.0.1",
    AUTH_SECRET: "e2e-session-secret-not-for-production-0123456789",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  const child = await startChild("the second console", process.execPath, [path.join("dist-e2e", "server.mjs")], {
    env,
    ready: { printed: "console: ready on" },
    timeoutMs: 60_000,
  });
  return { baseURL: `http://127.0.0.1:${port}`, stop: () => child.stop() };
}

export type StoredToken = {
  expiresAt: Date;
  description: string | null;
  allowedCidrs: string | null;
  revokeReason: string | null;
  revokeReasonText: string | null;
  notifyEmails: string | null;
  replacedByPublicId: string | null;
};

/** A token's stored lifecycle columns, by public ID (dates decoded from either database). */
export async function storedToken(publicId: string): Promise<StoredToken | undefined> {
  const sql = `SELECT "expiresAt", "description", "allowedCidrs", "revokeReason", "revokeReasonText", "notifyEmails", "replacedByPublicId" FROM "service_tokens" WHERE "publicId" = `;
  const row = await withDatabase(
    (db) => db.prepare(`${sql}?`).get(publicId) as (Omit<StoredToken, "expiresAt"> & { expiresAt: string }) | undefined,
    async (client) =>
      (await client.query(`${sql}$1`, [publicId])).rows[0] as
        (Omit<StoredToken, "expiresAt"> & { expiresAt: string | Date }) | undefined,
  );
  if (!row) return undefined;
  const raw = row.expiresAt;
  const expiresAt = raw instanceof Date ? raw : new Date(/[zZ]|[+-]\d\d:\d\d$/.test(raw) ? raw : `${raw.replace(" ", "T")}Z`);
  return { ...row, expiresAt };
}

/** Sets (or with null removes) the token policy row, as Settings > Token Policy stores it. */
export function setTokenPolicy(
  policy: { connectorMaxDays: number; developerMaxDays: number; defaultExpiration: string; revokeUnusedDays?: number } | null,
): Promise<void> {
  return withDatabase(
    (db) => {
      db.prepare(`DELETE FROM "token_policy"`).run();
      if (policy) {
        db.prepare(
          `INSERT INTO "token_policy" ("id", "connectorMaxDays", "developerMaxDays", "defaultExpiration", "revokeUnusedDays", "updatedByName") VALUES ('default', ?, ?, ?, ?, 'e2e')`,
        ).run(policy.connectorMaxDays, policy.developerMaxDays, policy.defaultExpiration, policy.revokeUnusedDays ?? null);
      }
    },
    async (client) => {
      await client.query(`DELETE FROM "token_policy"`);
      if (policy) {
        await client.query(
          `INSERT INTO "token_policy" ("id", "connectorMaxDays", "developerMaxDays", "defaultExpiration", "revokeUnusedDays", "updatedByName") VALUES ('default', $1, $2, $3, $4, 'e2e')`,
          [policy.connectorMaxDays, policy.developerMaxDays, policy.defaultExpiration, policy.revokeUnusedDays ?? null],
        );
      }
    },
  );
}

/**
 * Moves a token's expiry by `ms` (negative: earlier), which is how a test lets time pass for one token
 * without sleeping: an overlap "ends" when its stored expiry is reached.
 */
export async function shiftExpiry(publicId: string, ms: number): Promise<void> {
  const current = (await storedToken(publicId))?.expiresAt;
  if (!current) throw new Error(`no token ${publicId}`);
  const next = new Date(current.getTime() + ms);
  await withDatabase(
    (db) => {
      db.prepare(`UPDATE "service_tokens" SET "expiresAt" = ? WHERE "publicId" = ?`).run(
        next.toISOString().replace("Z", "+00:00"),
        publicId,
      );
    },
    async (client) => {
      await client.query(`UPDATE "service_tokens" SET "expiresAt" = $1 WHERE "publicId" = $2`, [
        next.toISOString().replace("Z", ""),
        publicId,
      ]);
    },
  );
}
