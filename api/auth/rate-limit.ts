import "server-only";
import { registerSingleCopy } from "@/lib/single-copy";
import { getConfig } from "@/lib/config/config";
import { FailureLimiter, NOT_LIMITED } from "@/lib/auth/failure-limiter";
import { addFailure, decide, type ThrottleDecision } from "@/lib/auth/throttle";

registerSingleCopy("api/auth/rate-limit");

/**
 * Throttles failed Bearer authentications per client address, counted in the database so that instances
 * sharing it count together, without costing a successful request anything: a check reads only this
 * process's memory, synchronously. Two views are kept there: this process's own failures (a sliding log,
 * exact and immediate), and the addresses the database declared throttled, learnt from the answer to
 * each failure this process records (written off the request's path). Another instance's failures
 * therefore count here from the address's next failure here on: across N instances an address gets at
 * most its limit plus N − 1 failures a minute before every instance refuses it.
 */
const API_THROTTLE_WINDOW_MS = 60_000;
const MAX_VIEWED = 50_000;

let local: FailureLimiter | undefined;
function localLimiter(): FailureLimiter {
  local ??= new FailureLimiter({
    limit: getConfig().authFailuresPerMinute,
    windowMs: API_THROTTLE_WINDOW_MS,
    maxKeys: MAX_VIEWED,
  });
  return local;
}

/** Address key → epoch ms until which the database says it is refused. Oldest insertions first. */
const blockedUntil = new Map<string, number>();

export function checkApiThrottle(addressKey: string, now: number): ThrottleDecision {
  const own = localLimiter().check(addressKey, now);
  if (own.limited) return own;
  const until = blockedUntil.size === 0 ? undefined : blockedUntil.get(addressKey);
  if (until === undefined) return NOT_LIMITED;
  if (until <= now) {
    blockedUntil.delete(addressKey);
    return NOT_LIMITED;
  }
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
}

/**
 * Counts one failure for the address: in this process at once, and in the database in the background
 * (never throws; a database fault only loses the shared count). Resolves when the database answered.
 */
export function recordApiFailure(addressKey: string, now: number): Promise<void> {
  localLimiter().recordFailure(addressKey, now);
  const limit = getConfig().authFailuresPerMinute;
  return addFailure(`api:${addressKey}`, API_THROTTLE_WINDOW_MS, now).then(
    (counter) => {
      if (!decide(counter, limit, API_THROTTLE_WINDOW_MS, now).limited) return;
      blockedUntil.delete(addressKey);
      blockedUntil.set(addressKey, counter.windowStart + API_THROTTLE_WINDOW_MS);
      if (blockedUntil.size > MAX_VIEWED) {
        for (const key of blockedUntil.keys()) {
          if (blockedUntil.size <= MAX_VIEWED) break;
          blockedUntil.delete(key);
        }
      }
    },
    (error: unknown) => {
      console.error(
        `api: could not count a failed authentication: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`,
      );
    },
  );
}
