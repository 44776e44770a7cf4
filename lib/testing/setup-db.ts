// Vitest setup: every test file gets a database of its own, migrated exactly as at the console's start.
// By default a fresh SQLite file; when DATABASE_URL is a postgresql:// URL, a fresh database created on
// that server (dropped afterwards), so runs on one shared server never see each other's rows. Tests still
// seed unique data and clean up, so they also hold on a database that is not empty.
import { afterAll, beforeAll } from "vitest";
import { createScratchDatabase } from "./scratch-database";

const scratch = await createScratchDatabase(process.env.DATABASE_URL);
process.env.DATABASE_URL = scratch.url;
process.env.DATA_DIR = scratch.dir;

beforeAll(async () => {
  const { getConfig } = await import("../config/config");
  const { migrateDatabase } = await import("../db/migrate");
  const config = getConfig();
  await migrateDatabase(config.provider, config.databaseUrl);
});

afterAll(async () => {
  const { disconnectDb } = await import("../db/db");
  await disconnectDb();
  await scratch.drop();
});
