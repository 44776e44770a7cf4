// Vitest setup for tests that touch the database: a fresh SQLite file per test file by default, or the
// PostgreSQL database in DATABASE_URL when set (then tests seed unique data and clean up after
// themselves). Migrations run exactly as at the console's start.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

if (!process.env.DATABASE_URL?.startsWith("postgres")) {
  const dir = mkdtempSync(path.join(tmpdir(), "console-test-"));
  process.env.DATA_DIR = dir;
  process.env.DATABASE_URL = `file:${path.join(dir, "console.db")}`;
}

beforeAll(async () => {
  const { getConfig } = await import("../config");
  const { migrateDatabase } = await import("../migrate");
  const config = getConfig();
  await migrateDatabase(config.provider, config.databaseUrl);
});

afterAll(async () => {
  const { disconnectDb } = await import("../db");
  await disconnectDb();
});
