import "server-only";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { PrismaClient as SqliteClient, type Prisma } from "@/lib/generated/sqlite/client";
import { getConfig } from "../config/config";
import { registerSingleCopy } from "../single-copy";
import { pgPoolConfig, sqliteFilePath } from "./database-url";
import { noteIfDiskFull } from "./disk-full";
import { SqliteAdapterFactory } from "./sqlite-adapter";

/**
 * Both generated clients come from the same models (prisma/models.prisma), so they share one API; the
 * SQLite client's types describe both.
 */
export type Db = SqliteClient;
export type Tx = Prisma.TransactionClient;

/**
 * A transaction may wait as long for a free connection as any query does (the pool's 4 s deadline),
 * not Prisma's default 2 s: a burst of writes (100 creates at once) then queues instead of failing. On
 * SQLite the adapter gives up sooner, at LOCK_WAIT_MS (lib/db/busy.ts), with an error of its own.
 */
const transactionOptions = { maxWait: 4_000, timeout: 10_000 };

function createClient(): Db {
  const { databaseUrl, provider } = getConfig();
  if (provider === "postgresql") {
    return new PostgresClient({ adapter: new PrismaPg(pgPoolConfig(databaseUrl)), transactionOptions }) as unknown as Db;
  }
  const file = sqliteFilePath(databaseUrl);
  return new SqliteClient({
    adapter: new SqliteAdapterFactory({ file, onError: (error) => noteIfDiskFull(error, path.dirname(file)) }),
    transactionOptions,
  });
}

registerSingleCopy("lib/db/db");

let client: Db | undefined;

/** The process's one database client, created on first use. */
export function db(): Db {
  client ??= createClient();
  return client;
}

export async function disconnectDb(): Promise<void> {
  const closing = client;
  client = undefined;
  await closing?.$disconnect();
}
