import { vi } from "vitest";

/**
 * Runs `run` against another database: the config and the client are fixed per module instance, so
 * this swaps DATABASE_URL and hands `run` fresh copies of the modules, which it must import
 * dynamically. The test file's own imports keep their database, before and after.
 */
export async function withDatabaseUrl<T>(url: string, run: () => Promise<T>): Promise<T> {
  await (await import("../db/db")).disconnectDb();
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  vi.resetModules();
  try {
    return await run();
  } finally {
    await (await import("../db/db")).disconnectDb();
    process.env.DATABASE_URL = saved;
    vi.resetModules();
  }
}
