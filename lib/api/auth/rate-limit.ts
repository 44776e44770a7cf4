import "server-only";
import { getConfig } from "@/lib/server/platform/config";
import { addFailure, decide, type ThrottleDecision } from "@/lib/server/platform/throttle";

/**
 * Throttles failed Bearer authentications per client address, counted in the database so that instances
 * sharing it count together. A successful request must not pay for this: checks read only this
 * process's view of the addresses the database has declared throttled; the database is touched only
 * when a failure is recorded, and its answer updates that view. (Another instance's block is learnt at
 * the address's next failure here, so across N instances an address gets at most its limit plus N − 1
 * failures before every instance refuses it.)
 */
export const API_THROTTLE_WINDOW_MS = 60_000;
const MAX_VIEWED = 50_000;

/** Address key → epoch ms until which it is refused. Oldest insertions first (Map order). */
const blockedUntil = new Map<string, number>();

export function checkApiThrottle(addressKey: string, now: number): ThrottleDecision {
  const until = blockedUntil.get(addressKey);
  if (until === undefined) return { limited: false };
  if (until <= now) {
    blockedUntil.delete(addressKey);
    return { limited: false };
  }
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
}

/** Counts one failure for the address in the database; never throws (a database fault only loses the count). */
export async function recordApiFailure(addressKey: string, now: number): Promise<void> {
  const limit = getConfig().authFailuresPerMinute;
  try {
    const counter = await addFailure(`api:${addressKey}`, API_THROTTLE_WINDOW_MS, now);
    if (decide(counter, limit, API_THROTTLE_WINDOW_MS, now).limited) {
      blockedUntil.delete(addressKey);
      blockedUntil.set(addressKey, counter.windowStart + API_THROTTLE_WINDOW_MS);
      if (blockedUntil.size > MAX_VIEWED) evict(now);
    }
  } catch (error) {
    console.error(`api: could not count a failed authentication: ${String((error as Error)?.message ?? error).split("\n")[0]}`);
  }
}

function evict(now: number): void {
  for (const [key, until] of blockedUntil) if (until <= now) blockedUntil.delete(key);
  for (const key of blockedUntil.keys()) {
    if (blockedUntil.size <= MAX_VIEWED) break;
    blockedUntil.delete(key);
  }
}
