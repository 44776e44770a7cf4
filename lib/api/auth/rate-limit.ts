// Throttles failed Bearer authentications per client address. Pure (time is passed in), in memory per
// process: a sliding log of the last `limit` failure times per key. Memory is bounded by
// `maxKeys × limit` numbers; the least recently failing keys are evicted first.

export type ThrottleDecision = { limited: false } | { limited: true; retryAfterSeconds: number };

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

/**
 * The throttling key of a client address. An IPv6 client usually holds a whole /64, so it is one key;
 * an IPv4 address (also IPv4-mapped IPv6) is its own key.
 */
export function throttleKeyOf(ip: string | null): string {
  if (!ip) return "unknown";
  if (!ip.includes(":")) return ip;
  const address = ip.split("%")[0]!.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1]!;
  const [head = "", tail] = address.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups =
    tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => (g || "0").replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
