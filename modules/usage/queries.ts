// Reading usage for pages: a token's requests by outcome per day (30 days) or per hour (48 hours), its
// client addresses, the Overview's totals. A token's queries read its rows by the primary key's prefix, so
// their cost does not grow with the number of tokens. (The list's 7-day column is stored: store.ts.)
import "server-only";
import { db } from "@/lib/db/db";
import { OVERVIEW_WINDOW_DAYS } from "./store";
import {
  DAY_MS,
  emptyCounts,
  HOUR_MS,
  isUsageOutcome,
  type UsageBucket,
  type UsageRange,
  type UsageSeries,
} from "./shared/outcomes";

export type ClientAddressView = { address: string; firstSeen: Date; lastSeen: Date; requests: number };

async function tokenIdOf(publicId: string): Promise<string | null> {
  return (await db().serviceToken.findUnique({ where: { publicId }, select: { id: true } }))?.id ?? null;
}

function buckets(first: number, count: number, size: number): UsageBucket[] {
  return Array.from({ length: count }, (_, i) => ({ start: (first + i) * size, counts: emptyCounts(), total: 0 }));
}

function add(series: UsageBucket[], index: number, outcome: string, requests: bigint | number | null): void {
  const bucket = series[index];
  if (!bucket || !isUsageOutcome(outcome)) return;
  const n = Number(requests ?? 0);
  bucket.counts[outcome] += n;
  bucket.total += n;
}

/** Requests by outcome per day for the last 30 days (today included), or per hour for the last 48. */
async function tokenUsageSeries(tokenId: string, range: UsageRange, nowMs: number): Promise<UsageSeries> {
  if (range === "48h") {
    const first = Math.floor(nowMs / HOUR_MS) - 47;
    const series = buckets(first, 48, HOUR_MS);
    const rows = await db().tokenUsageHour.findMany({
      where: { tokenId, hour: { gte: first } },
      select: { hour: true, outcome: true, requests: true },
    });
    for (const row of rows) add(series, row.hour - first, row.outcome, row.requests);
    return { granularity: "hour", buckets: series };
  }
  const firstDay = Math.floor(nowMs / DAY_MS) - 29;
  const series = buckets(firstDay, 30, DAY_MS);
  const [days, hours] = await Promise.all([
    db().tokenUsageDay.findMany({
      where: { tokenId, day: { gte: firstDay } },
      select: { day: true, outcome: true, requests: true },
    }),
    // The hours not rolled up yet (the last 48 or so).
    db().tokenUsageHour.findMany({
      where: { tokenId, hour: { gte: firstDay * 24 } },
      select: { hour: true, outcome: true, requests: true },
    }),
  ]);
  for (const row of days) add(series, row.day - firstDay, row.outcome, row.requests);
  for (const row of hours) add(series, Math.floor(row.hour / 24) - firstDay, row.outcome, row.requests);
  return { granularity: "day", buckets: series };
}

/** A token's usage chart by its public ID; null for no such token. */
export async function usageOfToken(publicId: string, range: UsageRange, nowMs = Date.now()): Promise<UsageSeries | null> {
  const id = await tokenIdOf(publicId);
  return id ? tokenUsageSeries(id, range, nowMs) : null;
}

/** The addresses a token was used from, the most recently seen first (at most 100 are kept). */
export async function clientAddressesOf(publicId: string, limit = 100): Promise<ClientAddressView[]> {
  const id = await tokenIdOf(publicId);
  if (!id) return [];
  const rows = await db().tokenClientAddress.findMany({
    where: { tokenId: id },
    orderBy: [{ lastSeen: "desc" }, { address: "desc" }],
    take: limit,
    select: { address: true, firstSeen: true, lastSeen: true, requests: true },
  });
  return rows.map((r) => ({
    address: r.address,
    firstSeen: new Date(Number(r.firstSeen)),
    lastSeen: new Date(Number(r.lastSeen)),
    requests: Number(r.requests),
  }));
}

/**
 * Requests of all tokens by outcome per day over the last 30 days (the Overview's chart), from the
 * per-day totals each flush adds to (usage_day_totals): 30 days × outcomes rows at any fleet size.
 */
export async function usageOfAllTokens(nowMs = Date.now()): Promise<UsageSeries> {
  const firstDay = Math.floor(nowMs / DAY_MS) - OVERVIEW_WINDOW_DAYS + 1;
  const series = buckets(firstDay, OVERVIEW_WINDOW_DAYS, DAY_MS);
  const rows = await db().usageDayTotal.findMany({
    where: { day: { gte: firstDay } },
    select: { day: true, outcome: true, requests: true },
  });
  for (const row of rows) add(series, row.day - firstDay, row.outcome, row.requests);
  return { granularity: "day", buckets: series };
}

export type BusyToken = { publicId: string; issuedTo: string; requests: number };

/**
 * The tokens with the most requests over the last 30 days (today included), busiest first: the stored
 * 30-day totals (store.ts) off their index.
 */
export async function busiestTokens(limit: number): Promise<BusyToken[]> {
  const rows = await db().serviceToken.findMany({
    where: { requests30d: { gt: 0 } },
    orderBy: [{ requests30d: "desc" }, { publicId: "asc" }],
    take: limit,
    select: { publicId: true, issuedTo: true, requests30d: true },
  });
  return rows.map((r) => ({ publicId: r.publicId, issuedTo: r.issuedTo, requests: Number(r.requests30d) }));
}
