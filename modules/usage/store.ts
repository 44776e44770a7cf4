// Writing usage: a batch of counts added by upsert (several instances add up on the same rows), hours
// rolled up into days, old days and surplus addresses deleted. Raw SQL because Prisma's upsert cannot add
// to a column; the same statements run on SQLite and PostgreSQL.
import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getConfig } from "@/lib/config/config";
import { db, type Tx } from "@/lib/db/db";
import type { AddressCount, HourCount, UsageBatch } from "./recorder";

/** Rows per statement: 6 parameters each stays under the 999 Prisma's SQLite client accepts. */
const ROWS_PER_STATEMENT = 150;
/** Client addresses kept per token: the most recently seen. */
export const ADDRESSES_KEPT = 100;
/** Hours newer than this stay hourly (the token page's 48-hour view). */
const HOURS_KEPT = 48;

const big = (n: number) => BigInt(Math.round(n));

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) out.push(items.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}

async function addHours(tx: Tx, rows: HourCount[]): Promise<void> {
  const values = Prisma.join(
    rows.map(
      (r) => Prisma.sql`(${r.tokenId}, ${r.hour}, ${r.outcome}, ${big(r.requests)}, ${big(r.bytesIn)}, ${big(r.bytesOut)})`,
    ),
  );
  await tx.$executeRaw`
    INSERT INTO "token_usage_hours" ("tokenId", "hour", "outcome", "requests", "bytesIn", "bytesOut") VALUES ${values}
    ON CONFLICT ("tokenId", "hour", "outcome") DO UPDATE SET
      "requests" = "token_usage_hours"."requests" + excluded."requests",
      "bytesIn" = "token_usage_hours"."bytesIn" + excluded."bytesIn",
      "bytesOut" = "token_usage_hours"."bytesOut" + excluded."bytesOut"`;
}

async function addAddresses(tx: Tx, rows: AddressCount[]): Promise<void> {
  const values = Prisma.join(
    rows.map((r) => Prisma.sql`(${r.tokenId}, ${r.address}, ${big(r.firstSeen)}, ${big(r.lastSeen)}, ${big(r.requests)})`),
  );
  await tx.$executeRaw`
    INSERT INTO "token_client_addresses" ("tokenId", "address", "firstSeen", "lastSeen", "requests") VALUES ${values}
    ON CONFLICT ("tokenId", "address") DO UPDATE SET
      "firstSeen" = CASE WHEN excluded."firstSeen" < "token_client_addresses"."firstSeen" THEN excluded."firstSeen" ELSE "token_client_addresses"."firstSeen" END,
      "lastSeen" = CASE WHEN excluded."lastSeen" > "token_client_addresses"."lastSeen" THEN excluded."lastSeen" ELSE "token_client_addresses"."lastSeen" END,
      "requests" = "token_client_addresses"."requests" + excluded."requests"`;
}

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Adds one instance's counts in one transaction: all of the batch or none (the recorder keeps it then).
 * Rows go in key order, so that instances writing the same rows at once lock them in the same order and
 * wait for each other instead of deadlocking (PostgreSQL). Then the counted tokens' 7-day totals are
 * refreshed, outside the transaction: a failure there must not make the recorder write the batch twice
 * (the periodic refresh catches up).
 */
export async function writeUsageBatch(batch: UsageBatch, nowMs = Date.now()): Promise<void> {
  const hours = batch.hours.toSorted((a, b) => compare(a.tokenId, b.tokenId) || a.hour - b.hour || compare(a.outcome, b.outcome));
  const addresses = batch.addresses.toSorted((a, b) => compare(a.tokenId, b.tokenId) || compare(a.address, b.address));
  await db().$transaction(async (tx) => {
    for (const rows of chunks(hours)) await addHours(tx, rows);
    for (const rows of chunks(addresses)) await addAddresses(tx, rows);
  });
  const counted = [...new Set(hours.map((h) => h.tokenId))];
  if (counted.length > 0) {
    await refreshRequests7d(countedTokens(counted), nowMs).catch((error: unknown) =>
      console.error(`usage: refreshing the 7-day totals failed: ${(error as Error).message.split("\n")[0]}`),
    );
  }
}

/** The days the list's `Requests (7 days)` counts: today (UTC) and the 6 before. */
const REQUESTS_WINDOW_DAYS = 7;

/** Tokens among these internal IDs (one JSON parameter on SQLite, whose client stops at 999 parameters). */
function countedTokens(ids: readonly string[]): Prisma.Sql {
  return getConfig().provider === "postgresql"
    ? Prisma.sql`"id" = ANY(${[...ids]}::text[])`
    : Prisma.sql`"id" IN (SELECT "value" FROM json_each(${JSON.stringify(ids)}))`;
}

/**
 * Recomputes service_tokens.requests7d (the list sorts by it off an index) from the usage rows for the
 * tokens `which` selects, writing only the rows whose total changed. Each total reads a token's rows by
 * the primary keys' (tokenId, day|hour) prefix.
 */
async function refreshRequests7d(which: Prisma.Sql, nowMs: number): Promise<number> {
  const firstDay = Math.floor(nowMs / 86_400_000) - REQUESTS_WINDOW_DAYS + 1;
  const total = Prisma.sql`(
    COALESCE((SELECT SUM(d."requests") FROM "token_usage_days" d WHERE d."tokenId" = "service_tokens"."id" AND d."day" >= ${firstDay}), 0)
    + COALESCE((SELECT SUM(h."requests") FROM "token_usage_hours" h WHERE h."tokenId" = "service_tokens"."id" AND h."hour" >= ${firstDay * 24}), 0))`;
  return db().$executeRaw`UPDATE "service_tokens" SET "requests7d" = ${total} WHERE ${which} AND "requests7d" <> ${total}`;
}

/**
 * As the window moves on, the days that leave it leave the totals: refreshes every token with a total
 * (found by the requests7d index) and every token with hourly rows (the last 48 hours, a small table).
 * Run by the maintenance job (hourly), so a total is at most an hour behind the day's turn.
 */
export function refreshAllRequests7d(nowMs: number): Promise<number> {
  return refreshRequests7d(Prisma.sql`("requests7d" > 0 OR "id" IN (SELECT "tokenId" FROM "token_usage_hours"))`, nowMs);
}

/**
 * Rolls the oldest hour older than HOURS_KEPT into its day and deletes its rows, in one transaction
 * (fenced by the job's lease, so only one instance rolls up); true when there may be more to roll up.
 */
export async function rollUpOldestHour(nowMs: number, fence: (tx: Tx) => Promise<void>): Promise<boolean> {
  const cutoff = Math.floor(nowMs / 3_600_000) - HOURS_KEPT;
  const oldest = await db().tokenUsageHour.findFirst({
    where: { hour: { lt: cutoff } },
    orderBy: { hour: "asc" },
    select: { hour: true },
  });
  if (!oldest) return false;
  const hour = oldest.hour;
  await db().$transaction(async (tx) => {
    await fence(tx);
    // WHERE is needed by SQLite's parser before ON CONFLICT in an INSERT … SELECT.
    await tx.$executeRaw`
      INSERT INTO "token_usage_days" ("tokenId", "day", "outcome", "requests", "bytesIn", "bytesOut")
      SELECT "tokenId", ${Math.floor(hour / 24)}, "outcome", "requests", "bytesIn", "bytesOut" FROM "token_usage_hours" WHERE "hour" = ${hour}
      ON CONFLICT ("tokenId", "day", "outcome") DO UPDATE SET
        "requests" = "token_usage_days"."requests" + excluded."requests",
        "bytesIn" = "token_usage_days"."bytesIn" + excluded."bytesIn",
        "bytesOut" = "token_usage_days"."bytesOut" + excluded."bytesOut"`;
    await tx.$executeRaw`DELETE FROM "token_usage_hours" WHERE "hour" = ${hour}`;
  });
  return true;
}

/** Deletes days older than the retention and addresses beyond the most recent ADDRESSES_KEPT per token. */
export async function pruneUsage(nowMs: number, retentionDays: number, fence: (tx: Tx) => Promise<void>): Promise<void> {
  const firstKeptDay = Math.floor(nowMs / 86_400_000) - retentionDays + 1;
  await db().$transaction(async (tx) => {
    await fence(tx);
    await tx.$executeRaw`DELETE FROM "token_usage_days" WHERE "day" < ${firstKeptDay}`;
    await tx.$executeRaw`DELETE FROM "token_client_addresses" WHERE "lastSeen" < ${big(firstKeptDay * 86_400_000)}`;
    // The row values compare (lastSeen, address) with the token's 100th newest; none for fewer addresses.
    await tx.$executeRaw`
      DELETE FROM "token_client_addresses" WHERE "tokenId" IN (
        SELECT "tokenId" FROM "token_client_addresses" GROUP BY "tokenId" HAVING COUNT(*) > ${ADDRESSES_KEPT}
      ) AND ("lastSeen", "address") < (
        SELECT k."lastSeen", k."address" FROM "token_client_addresses" k WHERE k."tokenId" = "token_client_addresses"."tokenId"
        ORDER BY k."lastSeen" DESC, k."address" DESC LIMIT 1 OFFSET ${ADDRESSES_KEPT - 1}
      )`;
  });
}
