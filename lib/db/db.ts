import "server-only";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { PrismaClient as SqliteClient, type Prisma } from "@/lib/generated/sqlite/client";
import { getConfig } from "../config/config";
import { admitTransaction, limitConcurrentTransactions } from "./admission";
import { registerSingleCopy } from "../single-copy";
import { connectionsOf, pgPoolConfig, sqliteFilePath, type ConnectionShare } from "./database-url";
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

let share: ConnectionShare = "whole";

/** Which part of the PostgreSQL pool this isolate opens; called before its first query. */
export function takeConnectionShare(part: ConnectionShare): void {
  share = part;
}

function createClient(): Db {
  const { databaseUrl, provider } = getConfig();
  if (provider === "postgresql") {
    const whole = pgPoolConfig(databaseUrl);
    const pool = { ...whole, max: connectionsOf(whole.max ?? 10, share) };
    limitConcurrentTransactions(Math.floor(pool.max / 2));
    return admitted(new PostgresClient({ adapter: new PrismaPg(pool), transactionOptions }) as unknown as Db);
  }
  const file = sqliteFilePath(databaseUrl);
  return new SqliteClient({
    adapter: new SqliteAdapterFactory({ file, onError: (error) => noteIfDiskFull(error, path.dirname(file)) }),
    transactionOptions,
  });
}

/**
 * The client whose interactive transactions wait for their turn in lib/db/admission.ts (PostgreSQL: see
 * there why). Batches and single queries go straight on.
 */
function admitted(client: Db): Db {
  const transaction = client.$transaction.bind(client) as (arg: unknown, options?: unknown) => Promise<unknown>;
  // Configurable, as Prisma's own is: a transaction's client hides `$transaction` (lib/audit/record.ts
  // tells the two apart by it), which a proxy may not do for a non-configurable property.
  Object.defineProperty(client, "$transaction", {
    configurable: true,
    writable: true,
    value: (arg: unknown, options?: unknown) =>
      typeof arg === "function" ? admitTransaction(() => transaction(arg, options)) : transaction(arg, options),
  });
  return client;
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
