// Failures per key in this process's memory, as a sliding log: exact, immediate and free to check. The
// Bearer API's throttle keeps one per address in front of the shared count; Identify keeps one per caller.
import type { ThrottleDecision } from "./throttle";

export type FailureLimiterOptions = {
  /** Failures allowed per window; the next request from the key is refused until the oldest one ages out. */
  limit: number;
  windowMs: number;
  /** Keys remembered at most (each holds up to `limit` timestamps). */
  maxKeys: number;
};

/** Shared: the check runs on every API request, and most are not limited. */
export const NOT_LIMITED: ThrottleDecision = Object.freeze({ limited: false });

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
