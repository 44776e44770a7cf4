import "server-only";
import { getConfig } from "@/lib/config/config";
import { addFailure, decide, type ThrottleDecision } from "@/lib/auth/throttle";

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

export type FailureLimiterOptions = {
  /** Failures allowed per window; the next request from the key is refused until the oldest one ages out. */
  limit: number;
  windowMs: number;
  /** Keys remembered at most (each holds up to `limit` timestamps). */
  maxKeys: number;
};

/** Shared: the check runs on every API request, and most are not limited. */
const NOT_LIMITED: ThrottleDecision = Object.freeze({ limited: false });

export class FailureLimiter {
  // Map keeps insertion order; a key is re-inserted on each failure, so the first key is the stalest.
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: FailureLimiterOptions) {}

  /** Whether `key` must wait, without recording anything: call before doing any work for the request. */
  check(key: string, now: number): ThrottleDecision {
    if (this.failures.size === 0) return NOT_LIMITED; // the usual case: no failures to look through
    const times = this.failures.get(key);
    if (!times || times.length < this.options.limit) return NOT_LIMITED;
    const oldest = times[0] ?? 0;
    const waitMs = oldest + this.options.windowMs - now;
    if (waitMs <= 0) return NOT_LIMITED;
    return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  recordFailure(key: string, now: number): void {
    const since = now - this.options.windowMs;
    const times = (this.failures.get(key) ?? []).filter((t) => t > since);
    times.push(now);
    if (times.length > this.options.limit) times.splice(0, times.length - this.options.limit);
    this.failures.delete(key);
    this.failures.set(key, times);
    if (this.failures.size > this.options.maxKeys) this.evict(now);
  }

  get size(): number {
    return this.failures.size;
  }

  private evict(now: number): void {
    const since = now - this.options.windowMs;
    for (const [key, times] of this.failures) {
      if ((times[times.length - 1] ?? 0) <= since) this.failures.delete(key);
    }
    // Still full of recent failures (an attack from many addresses): forget the stalest keys.
    for (const key of this.failures.keys()) {
      if (this.failures.size <= this.options.maxKeys) break;
      this.failures.delete(key);
    }
  }
}

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
