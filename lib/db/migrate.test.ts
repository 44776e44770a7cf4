import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pgPoolConfig, sqliteFilePath } from "./database-url";
import { DatabaseStartupError, loadMigrations, migrateDatabase, migrationsDir } from "./migrate";
import { createScratchDatabase, isPostgresUrl, type ScratchDatabase } from "../testing/scratch-database";

// Runs against a new, empty database of the provider under test (SQLite, or PostgreSQL when
// DATABASE_URL points there), not the test file's own database.
let scratch: ScratchDatabase;
let tempRoots: string[] = [];

beforeEach(async () => {
  scratch = await createScratchDatabase(process.env.DATABASE_URL);
});

afterEach(async () => {
  await scratch.drop();
  for (const dir of tempRoots) rmSync(dir, { recursive: true, force: true });
  tempRoots = [];
});

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  if (scratch.provider === "sqlite") {
    const sqlite = new Database(sqliteFilePath(scratch.url));
    try {
      const statement = sqlite.prepare(sql.replace(/\$\d+/g, "?"));
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client(pgPoolConfig(scratch.url));
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function tables(): Promise<string[]> {
  const sql =
    scratch.provider === "sqlite"
      ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
      : "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'";
  return (await query<{ name: string }>(sql)).map((row) => row.name).sort();
}

/** A copy of this version's migrations under a temp root, to edit without touching the real ones. */
function copyOfMigrations(): { root: string; dir: string } {
  const root = mkdtempSync(path.join(tmpdir(), "console-migrations-"));
  tempRoots.push(root);
  const dir = migrationsDir(scratch.provider, root);
  cpSync(migrationsDir(scratch.provider), dir, { recursive: true });
  return { root, dir };
}

async function startupError(run: Promise<unknown>): Promise<DatabaseStartupError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseStartupError);
  const message = (error as Error).message;
  expect(message).not.toContain("\n");
  expect(message.length).toBeLessThan(300);
  return error as DatabaseStartupError;
}

describe("migrateDatabase", () => {
  it("creates every table of a fresh database and records each migration", async () => {
    const local = loadMigrations(migrationsDir(scratch.provider)).map((m) => m.name);
    expect(local.length).toBeGreaterThan(0);

    expect(await migrateDatabase(scratch.provider, scratch.url)).toEqual(local);

    expect(await tables()).toEqual(
      expect.arrayContaining(["_console_migrations", "audit_events", "service_tokens", "stored_files", "users"]),
    );
    const recorded = await query<{ name: string }>("SELECT name FROM _console_migrations ORDER BY name");
    expect(recorded.map((row) => row.name)).toEqual(local);
  });

  it("applies nothing the second time and keeps the data", async () => {
    await migrateDatabase(scratch.provider, scratch.url);
    await query(`INSERT INTO users (id, username, "displayName", "passwordHash", role) VALUES ($1, $2, $3, $4, $5)`, [
      "u1",
      "kept",
      "Kept",
      "x",
      "VIEWER",
    ]);

    expect(await migrateDatabase(scratch.provider, scratch.url)).toEqual([]);
    expect(await query("SELECT username FROM users")).toEqual([{ username: "kept" }]);
  });

  it("stops with one clear line when an applied migration's file was changed", async () => {
    await migrateDatabase(scratch.provider, scratch.url);
    const { root, dir } = copyOfMigrations();
    const [first] = loadMigrations(dir);
    appendFileSync(path.join(dir, first!.name, "migration.sql"), "\n-- edited after it was applied\n");

    const error = await startupError(migrateDatabase(scratch.provider, scratch.url, root));
    expect(error.message).toBe(
      `Migration "${first!.name}" differs from the one applied to the database: the migration files were changed after they were applied.`,
    );
  });

  it("stops with one clear line when the database has a migration this version does not know", async () => {
    await migrateDatabase(scratch.provider, scratch.url);
    await query("INSERT INTO _console_migrations (name, checksum, applied_at) VALUES ($1, $2, $3)", [
      "9999_from_the_future",
      "0".repeat(64),
      new Date().toISOString(),
    ]);

    const error = await startupError(migrateDatabase(scratch.provider, scratch.url));
    expect(error.message).toMatch(
      /^The database has migration "9999_from_the_future", which this version of the console does not know/,
    );
  });

  it("applies a new migration on top of the applied ones", async () => {
    await migrateDatabase(scratch.provider, scratch.url);
    const { root, dir } = copyOfMigrations();
    mkdirSync(path.join(dir, "9000_more"));
    writeFileSync(path.join(dir, "9000_more", "migration.sql"), "CREATE TABLE extra_test_table (id TEXT PRIMARY KEY);\n");

    expect(await migrateDatabase(scratch.provider, scratch.url, root)).toEqual(["9000_more"]);
    expect(await tables()).toContain("extra_test_table");
  });
});

describe("0006_token_search", () => {
  it("indexes the tokens a database already had for search, and the ones added or renamed later", async () => {
    const { root, dir } = copyOfMigrations();
    rmSync(path.join(dir, "0006_token_search"), { recursive: true });
    await migrateDatabase(scratch.provider, scratch.url, root);
    const insert = `INSERT INTO service_tokens ("id", "publicId", "type", "issuedTo", "tokenHash", "hint", "createdAt", "createdById", "createdByName", "expiresAt")
      VALUES ($1, $2, 'CONNECTOR', $3, $4, 'opc_con_…Wx9z', '2030-01-01T00:00:00.000+00:00', 'u', 'alice', '2031-01-01T00:00:00.000+00:00')`;
    await query(insert, ["a", "tok_OLDAAAAAAA", "Billing exporter", "h1"]);

    expect(await migrateDatabase(scratch.provider, scratch.url)).toEqual(["0006_token_search"]);
    await query(insert, ["b", "tok_NEWAAAAAAA", "Mail relay", "h2"]);
    await query(`UPDATE service_tokens SET "issuedTo" = 'Billing archive' WHERE "publicId" = 'tok_NEWAAAAAAA'`);

    if (scratch.provider === "sqlite") {
      const found = async (term: string) =>
        (await query<{ publicId: string }>(`SELECT "publicId" FROM service_tokens_search WHERE terms MATCH $1`, [`"${term}"`]))
          .map((r) => r.publicId)
          .sort();
      expect(await found("billing")).toEqual(["tok_NEWAAAAAAA", "tok_OLDAAAAAAA"]);
      expect(await found("EXPORTER")).toEqual(["tok_OLDAAAAAAA"]);
      expect(await found("relay")).toEqual([]);
      expect(await found("x9z")).toEqual(["tok_NEWAAAAAAA", "tok_OLDAAAAAAA"]); // the hint's last characters
      expect(await found("opc")).toEqual([]); // not its prefix, which every token shares
      const stats = await query<{ idx: string }>(`SELECT "idx" FROM sqlite_stat1 WHERE "tbl" = 'service_tokens'`);
      expect(stats.length).toBeGreaterThan(10);
    } else {
      const indexes = await query<{ indexname: string; indexdef: string }>(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'service_tokens'`,
      );
      const names = indexes.map((i) => i.indexname);
      for (const column of ["publicId", "issuedTo", "description", "createdByName", "hint"]) {
        expect(names).toContain(`service_tokens_${column}_trgm_idx`);
      }
      expect(indexes.find((i) => i.indexname === "service_tokens_revokedAt_lastUsedAt_publicId_idx")?.indexdef).toContain(
        "NULLS FIRST",
      );
    }
  });
});

describe("0054_token_lifetime_stored", () => {
  it("keeps every token, its files and rotation retries, and stores each lifetime, also for later writes", async () => {
    const { root, dir } = copyOfMigrations();
    rmSync(path.join(dir, "0054_token_lifetime_stored"), { recursive: true });
    await migrateDatabase(scratch.provider, scratch.url, root);
    const sqliteObjects = `SELECT "type", "name", "sql" FROM sqlite_master WHERE "tbl_name" = 'service_tokens' AND "name" NOT LIKE 'sqlite_%' ORDER BY "name"`;
    const indexesBefore =
      scratch.provider === "sqlite"
        ? (await query<{ type: string; name: string }>(sqliteObjects)).filter((o) => o.type === "index").map((o) => o.name)
        : [];
    const insert = `INSERT INTO service_tokens ("id", "publicId", "type", "issuedTo", "tokenHash", "hint", "createdAt", "createdById", "createdByName", "expiresAt")
      VALUES ($1, $2, 'CONNECTOR', 'Billing exporter', $3, 'opc_con_…Wx9z', $4, 'u', 'alice', $5)`;
    await query(insert, ["a", "tok_AAAAAAAAAA", "h1", "2030-01-01T00:00:00.000+00:00", "2030-07-01T00:00:00.250+00:00"]);
    await query(insert, ["b", "tok_BBBBBBBBBB", "h2", "2030-01-01T00:00:00.000+00:00", "2030-01-31T00:00:00.000+00:00"]);
    await query(
      `INSERT INTO stored_files ("id", "name", "size", "sha256", "contentType", "status", "tokenId") VALUES ('f', 'report.pdf', 1, 'x', 'application/pdf', 'COMPLETE', 'a')`,
    );
    await query(
      `INSERT INTO token_rotation_retries ("tokenId", "keyHash", "overlapSeconds", "salt", "successorPublicId", "createdAt") VALUES ('b', 'k', 0, 's', 'tok_CCCCCCCCCC', '2030-01-01T00:00:00.000+00:00')`,
    );

    expect(await migrateDatabase(scratch.provider, scratch.url)).toEqual(["0054_token_lifetime_stored"]);
    // A new token, a shortened expiry (as a rotation writes it), and (SQLite) a stray write of the column.
    await query(insert, ["c", "tok_CCCCCCCCCC", "h3", "2030-02-01T00:00:00.000+00:00", "2030-02-02T00:00:01.500+00:00"]);
    await query(`UPDATE service_tokens SET "expiresAt" = '2030-01-02T00:00:00.000+00:00' WHERE "id" = 'b'`);
    if (scratch.provider === "sqlite") await query(`UPDATE service_tokens SET "lifetimeMs" = 1 WHERE "id" = 'c'`);

    const lifetimes = await query<{ id: string; lifetimeMs: number | string }>(
      `SELECT "id", "lifetimeMs" FROM service_tokens ORDER BY "id"`,
    );
    expect(lifetimes.map((r) => [r.id, Number(r.lifetimeMs)])).toEqual([
      ["a", 181 * 86_400_000 + 250],
      ["b", 86_400_000],
      ["c", 86_401_500],
    ]);
    expect(await query(`SELECT "id", "tokenId" FROM stored_files`)).toEqual([{ id: "f", tokenId: "a" }]);
    expect(await query(`SELECT "tokenId" FROM token_rotation_retries`)).toEqual([{ tokenId: "b" }]);

    if (scratch.provider === "sqlite") {
      const objects = await query<{ type: string; name: string; sql: string }>(sqliteObjects);
      expect(objects.filter((o) => o.type === "index").map((o) => o.name)).toEqual(indexesBefore);
      expect(objects.find((o) => o.type === "table")?.sql).not.toContain("GENERATED");
      // The count of tokens over a limit reads the index alone, as "Only over the policy" does.
      const plan = await query<{ detail: string }>(
        `EXPLAIN QUERY PLAN SELECT COUNT(*) FROM service_tokens WHERE "revokedAt" IS NULL AND +"expiresAt" > $1 AND (("type" = 'CONNECTOR' AND "lifetimeMs" > $2) OR ("type" = 'DEVELOPER' AND "lifetimeMs" > $3))`,
        ["2030-01-01T00:00:00.000+00:00", 1, 1],
      );
      expect(plan.map((p) => p.detail).filter((d) => d.startsWith("SEARCH"))).toEqual([
        expect.stringContaining("USING COVERING INDEX service_tokens_revokedAt_type_lifetimeMs_expiresAt_publicId_idx"),
        expect.stringContaining("USING COVERING INDEX service_tokens_revokedAt_type_lifetimeMs_expiresAt_publicId_idx"),
      ]);
      expect(await query(`PRAGMA foreign_key_check`)).toEqual([]);
      const stats = await query<{ stat: string }>(
        `SELECT "stat" FROM sqlite_stat1 WHERE "idx" = 'service_tokens_revokedAt_type_lifetimeMs_expiresAt_publicId_idx'`,
      );
      expect(stats).toHaveLength(1);
    }
  });
});

describe("migrateDatabase with an unreachable PostgreSQL server", () => {
  it("gives one clear line", async () => {
    const error = await startupError(migrateDatabase("postgresql", "postgresql://nobody:x@127.0.0.1:1/none"));
    expect(error.message).toBe("Cannot reach the PostgreSQL server at 127.0.0.1:1/none: connection refused.");
  });

  it("names an unresolvable host", async () => {
    const error = await startupError(migrateDatabase("postgresql", "postgresql://nobody:x@no-such-host.invalid:5432/none"));
    expect(error.message).toBe('Cannot resolve the PostgreSQL host "no-such-host.invalid".');
  });
});

describe.runIf(isPostgresUrl(process.env.DATABASE_URL))("migrateDatabase with a reachable PostgreSQL server", () => {
  const server = () => new URL(process.env.DATABASE_URL!);

  it("names the user whose credentials were refused", async () => {
    const url = server();
    url.username = "console_no_such_role";
    url.password = "wrong";
    const error = await startupError(migrateDatabase("postgresql", url.toString()));
    expect(error.message).toBe(
      `PostgreSQL refused the credentials of user "console_no_such_role" at ${url.hostname}:${url.port || 5432}${url.pathname}.`,
    );
  });

  it("names a database that does not exist", async () => {
    const url = server();
    url.pathname = "/console_no_such_database";
    const error = await startupError(migrateDatabase("postgresql", url.toString()));
    expect(error.message).toBe(
      `The PostgreSQL database "console_no_such_database" does not exist at ${url.hostname}:${url.port || 5432}.`,
    );
  });
});
