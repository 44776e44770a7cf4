import "server-only";
import { errorLine } from "@/lib/log/error-line";
import { registerSingleCopy } from "@/lib/single-copy";
import { writeTokenUses, type TokenUse } from "./token-store";

registerSingleCopy("api/auth/last-used");

/** A token's last use is written at most this often (per token, per process, and in the database). */
const LAST_USED_INTERVAL_MS = 60_000;
/** Uses are collected for this long, then written together: one transaction instead of one per token. */
const FLUSH_DELAY_MS = 1_000;
const MAX_TRACKED_TOKENS = 10_000;

// Token id → when this process last recorded its use. Bounded: the oldest entries are dropped first.
const lastRecorded = new Map<string, number>();
const pending = new Map<string, TokenUse>();
let flushTimer: NodeJS.Timeout | undefined;

/**
 * Records that a token was used, off the request's critical path: the caller does not wait, at most one
 * use per token per minute is kept, and those are written in one batch a second later. The UPDATE's own
 * condition keeps several instances sharing a database from writing more often than once a minute.
 */
export function recordTokenUse(tokenId: string, ip: string | null, now: Date): void {
  const at = now.getTime();
  const last = lastRecorded.get(tokenId);
  if (last !== undefined && at - last < LAST_USED_INTERVAL_MS) return;
  lastRecorded.delete(tokenId);
  lastRecorded.set(tokenId, at);
  if (lastRecorded.size > MAX_TRACKED_TOKENS) forgetStale(at);
  pending.set(tokenId, { id: tokenId, at: now, ip: ip?.slice(0, 64) ?? null });
  flushTimer ??= setTimeout(() => void flushTokenUses(), FLUSH_DELAY_MS).unref();
}

/** Writes the collected uses now (also used by tests). */
export async function flushTokenUses(): Promise<void> {
  clearTimeout(flushTimer);
  flushTimer = undefined;
  if (pending.size === 0) return;
  const uses = [...pending.values()];
  pending.clear();
  try {
    await writeTokenUses(uses, LAST_USED_INTERVAL_MS);
  } catch (error) {
    // Let the next requests try again. The message names no token (only row ids are in the query).
    for (const use of uses) lastRecorded.delete(use.id);
    console.error(`api: could not record tokens' last use: ${errorLine(error)}`);
  }
}

function forgetStale(now: number): void {
  for (const [id, at] of lastRecorded) {
    if (now - at >= LAST_USED_INTERVAL_MS || lastRecorded.size > MAX_TRACKED_TOKENS) lastRecorded.delete(id);
    else break; // entries are in recording order: the rest are newer
  }
}
