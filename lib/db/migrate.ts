// Applies the committed SQL migrations (prisma/<provider>/migrations/NNNN_name/migration.sql) at start.
// The Prisma CLI is not used at run time: with driver adapters its wasm schema engine is slow and has
// bugs (docs/architecture.md), and a console on an appliance must start on its own. Each applied
// migration is recorded with a checksum, so an edited or unknown migration stops the start with one line.
import "server-only";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseProvider } from "../config/config";
import { pgPoolConfig, sqliteFilePath } from "./database-url";

export class DatabaseStartupError extends Error {
  override name = "DatabaseStartupError";
}

type Migration = { name: string; checksum: string; sql: string };
type Applied = { name: string; checksum: string };

const TABLE = "_console_migrations";
// Arbitrary constant: serialises migrations of several console instances sharing one PostgreSQL database.
const PG_LOCK_KEY = 72_707_001;

export function migrationsDir(provider: DatabaseProvider, root = process.cwd()): string {
  return path.join(root, "prisma", provider, "migrations");
}

export function loadMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new DatabaseStartupError(`No migrations found in ${dir}.`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** The migrations still to apply, or an error when the database does not match this version. */
function pendingMigrations(local: Migration[], applied: Applied[]): Migration[] {
  const byName = new Map(local.map((m) => [m.name, m]));
  for (const row of applied) {
    const known = byName.get(row.name);
    if (!known) {
      throw new DatabaseStartupError(
        `The database has migration "${row.name}", which this version of the console does not know: it was set up by a newer version.`,
      );
    }
    if (known.checksum !== row.checksum) {
      throw new DatabaseStartupError(
        `Migration "${row.name}" differs from the one applied to the database: the migration files were changed after they were applied.`,
      );
    }
  }
  const done = new Set(applied.map((row) => row.name));
  return local.filter((m) => !done.has(m.name));
}

function migrateSqlite(databaseUrl: string, migrations: Migration[]): string[] {
  const file = sqliteFilePath(databaseUrl);
  mkdirSync(path.dirname(file), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { timeout: 10_000 });
  } catch (error) {
    throw new DatabaseStartupError(`Cannot open the SQLite database ${file}: ${(error as Error).message}.`);
  }
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const run = sqlite.transaction(() => {
      const applied = sqlite.prepare(`SELECT name, checksum FROM ${TABLE} ORDER BY name`).all() as Applied[];
      const pending = pendingMigrations(migrations, applied);
      const record = sqlite.prepare(`INSERT INTO ${TABLE} (name, checksum, applied_at) VALUES (?, ?, ?)`);
      for (const m of pending) {
        sqlite.exec(m.sql);
        record.run(m.name, m.checksum, new Date().toISOString());
      }
      return pending.map((m) => m.name);
    });
    // IMMEDIATE takes the write lock first, so two processes starting together do not both migrate.
    return run.immediate();
  } finally {
    sqlite.close();
  }
}

function describePgError(error: unknown, databaseUrl: string): string {
  const { host, port, database, user } = pgPoolConfig(databaseUrl);
  const where = `${host}:${port}/${database ?? ""}`;
  const e = error as { code?: string; message?: string };
  if (e.code === "ECONNREFUSED") return `Cannot reach the PostgreSQL server at ${where}: connection refused.`;
  if (e.code === "ENOTFOUND" || e.code === "EAI_AGAIN") return `Cannot resolve the PostgreSQL host "${host}".`;
  if (e.code === "28P01" || e.code === "28000") return `PostgreSQL refused the credentials of user "${user}" at ${where}.`;
  if (e.code === "3D000") return `The PostgreSQL database "${database}" does not exist at ${host}:${port}.`;
  if (e.message?.includes("timeout")) return `Timed out connecting to the PostgreSQL server at ${where}.`;
  return `PostgreSQL error at ${where}: ${(e.message ?? String(error)).split("\n")[0]}`;
}

async function migratePostgres(databaseUrl: string, migrations: Migration[]): Promise<string[]> {
  // No query deadlines here: a migration may take long, and so may the wait for another instance's lock.
  const client = new pg.Client({
    ...pgPoolConfig(databaseUrl),
    query_timeout: undefined,
    statement_timeout: undefined,
    lock_timeout: undefined,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseStartupError(describePgError(error, databaseUrl));
  }
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`,
    );
    const { rows } = await client.query<Applied>(`SELECT name, checksum FROM ${TABLE} ORDER BY name`);
    const pending = pendingMigrations(migrations, rows);
    for (const m of pending) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO ${TABLE} (name, checksum, applied_at) VALUES ($1, $2, now())`, [m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new DatabaseStartupError(`Migration "${m.name}" failed: ${(error as Error).message}`);
      }
    }
    return pending.map((m) => m.name);
  } catch (error) {
    if (error instanceof DatabaseStartupError) throw error;
    throw new DatabaseStartupError(describePgError(error, databaseUrl));
  } finally {
    await client.end().catch(() => {});
  }
}

/** Brings the database up to this version's schema; returns the names of the migrations it applied. */
export async function migrateDatabase(provider: DatabaseProvider, databaseUrl: string, root = process.cwd()): Promise<string[]> {
  const migrations = loadMigrations(migrationsDir(provider, root));
  return provider === "postgresql" ? migratePostgres(databaseUrl, migrations) : migrateSqlite(databaseUrl, migrations);
}
