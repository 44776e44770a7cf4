// Throwaway databases for tests: a SQLite file in a new temp folder, or a new database on the
// PostgreSQL server that `baseUrl` points at (its role needs CREATEDB). Dropped by `drop()`.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseProvider } from "../config/config";
import { pgPoolConfig } from "../db/database-url";

export type ScratchDatabase = {
  provider: DatabaseProvider;
  url: string;
  /** A new temp folder (holding the SQLite file, if any), usable as DATA_DIR. */
  dir: string;
  drop(): Promise<void>;
};

export function isPostgresUrl(url: string | undefined): url is string {
  return /^postgres(ql)?:\/\//i.test(url ?? "");
}

async function onServer(baseUrl: string, run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client(pgPoolConfig(baseUrl));
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}

async function dropPostgresDatabase(baseUrl: string, name: string): Promise<void> {
  await onServer(baseUrl, async (client) => {
    // Ends connections the test left behind. Not DROP … WITH (FORCE): it also needs the right to end
    // autovacuum workers, which only a superuser has; a plain DROP stops those workers itself.
    await client.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = current_user AND pid <> pg_backend_pid()",
      [name],
    );
    await client.query(`DROP DATABASE IF EXISTS "${name}"`);
  });
}

export async function createScratchDatabase(baseUrl = process.env.DATABASE_URL): Promise<ScratchDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "console-test-"));
  const removeDir = async () => rmSync(dir, { recursive: true, force: true });
  if (isPostgresUrl(baseUrl)) {
    // The pid makes a database left behind by a killed run traceable to it.
    const name = `console_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    await onServer(baseUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return {
      provider: "postgresql",
      url: url.toString(),
      dir,
      drop: async () => {
        await dropPostgresDatabase(baseUrl, name);
        await removeDir();
      },
    };
  }
  return { provider: "sqlite", url: `file:${path.join(dir, "console.db")}`, dir, drop: removeDir };
}
