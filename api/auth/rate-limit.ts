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
 * when, and refuses its requests before any other work: that check reads only memory, synchronously.
 * Another instance learns the block from the address's next failure there.
 */
const API_THROTTLE_WINDOW_MS = 60_000;

let counter: FailureCounter | undefined;
function failures(): FailureCounter {
  counter ??= new FailureCounter("api", { limit: getConfig().authFailuresPerMinute, windowMs: API_THROTTLE_WINDOW_MS });
  return counter;
}

export function checkApiThrottle(addressKey: string, now: number): ThrottleDecision {
  return failures().check(addressKey, now);
}

/** Counts one failure of the address; limited when it is past the limit (then answer 429, not 401). */
export async function recordApiFailure(addressKey: string): Promise<ThrottleDecision> {
  const failure = failures();
  const counted = await failure.add(addressKey);
  // A full window refuses the address's next request, even with a valid token.
  if (counted.count >= failure.limit) failure.block(addressKey, counted.resetsAt);
  return counted.allowed ? NOT_LIMITED : { limited: true, retryAfterSeconds: retryAfterSeconds(counted.resetsAt - Date.now()) };
}
