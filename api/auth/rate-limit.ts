import "server-only";
import { registerSingleCopy } from "@/lib/single-copy";
import { getConfig } from "@/lib/config/config";
import { FailureCounter, NOT_LIMITED, retryAfterSeconds, type ThrottleDecision } from "@/lib/auth/throttle";

registerSingleCopy("api/auth/rate-limit");

/**
 * Throttles failed Bearer authentications per client address, counted in the database so that instances
 * sharing it count together, without costing a successful request anything.
 *
 * Each failure is counted before it is answered, and the count's answer decides: within the limit a 401
 * (or 403), past it a 429. So of any number of simultaneous failures, on one instance or several, exactly
 * the limit are answered as failures. Once an address reaches the limit, this process remembers until
 * when, and refuses its requests before any other work: that check reads only this memory,
 * synchronously. Another instance learns the block from the address's next failure there.
 */
const API_THROTTLE_WINDOW_MS = 60_000;
/** Blocked addresses remembered at most (an attack from many addresses). */
const MAX_BLOCKED = 50_000;

let counter: FailureCounter | undefined;
function failures(): FailureCounter {
  counter ??= new FailureCounter("api", { limit: getConfig().authFailuresPerMinute, windowMs: API_THROTTLE_WINDOW_MS });
  return counter;
}

/** Address key → epoch ms until which its window is full. Oldest insertions first. */
const blockedUntil = new Map<string, number>();

export function checkApiThrottle(addressKey: string, now: number): ThrottleDecision {
  const until = blockedUntil.size === 0 ? undefined : blockedUntil.get(addressKey);
  if (until === undefined) return NOT_LIMITED;
  if (until <= now) {
    blockedUntil.delete(addressKey);
    return NOT_LIMITED;
  }
  return { limited: true, retryAfterSeconds: retryAfterSeconds(until - now) };
}

/** Counts one failure of the address; limited when it is past the limit (then answer 429, not 401). */
export async function recordApiFailure(addressKey: string): Promise<ThrottleDecision> {
  const failure = failures();
  const counted = await failure.add(addressKey);
  if (counted.count >= failure.limit) block(addressKey, counted.resetsAt);
  return counted.allowed ? NOT_LIMITED : { limited: true, retryAfterSeconds: retryAfterSeconds(counted.resetsAt - Date.now()) };
}

function block(addressKey: string, until: number): void {
  blockedUntil.delete(addressKey);
  blockedUntil.set(addressKey, until);
  if (blockedUntil.size > MAX_BLOCKED) {
    for (const key of blockedUntil.keys()) {
      if (blockedUntil.size <= MAX_BLOCKED) break;
      blockedUntil.delete(key);
    }
  }
}
