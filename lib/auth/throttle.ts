import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { registerSingleCopy } from "@/lib/single-copy";
import { db } from "../db/db";

registerSingleCopy("lib/auth/throttle");

/**
 * Failed-authentication counters shared by every instance on one database (sign-in and the Bearer API),
 * kept by rate-limiter-flexible's Prisma store in `auth_throttle_counts`: one fixed window per key, which
 * the first count opens. Each count is one `INSERT … ON CONFLICT DO UPDATE … RETURNING`, and its answer
 * decides: counts racing on any number of instances each get a total of their own, so exactly `limit` of
 * them are within the limit. A key the database refused is remembered in this process until its window
 * closes, so further attempts are refused from memory, without database work. When the database cannot
 * count, the error goes to the caller (503, as for any request that needs the database): a fallback count
 * in memory would only make a sign-in wait for a second database deadline.
 */
export type ThrottleDecision = { limited: false } | { limited: true; retryAfterSeconds: number };

/** Shared: the API checks on every request, and most are not limited. */
export const NOT_LIMITED: ThrottleDecision = Object.freeze({ limited: false });

export type Counted = {
  /** Within the limit: the attempt may go on. */
  allowed: boolean;
  /** Counted in the window so far, this one included. */
  count: number;
  /** When the window closes (epoch ms). */
  resetsAt: number;
};

/** Whole seconds to wait (Retry-After), at least 1. */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** Keys a counter remembers as refused at most (an attack from many addresses). */
const MAX_BLOCKED = 50_000;

export class FailureCounter {
  readonly limit: number;
  private readonly limiter: RateLimiterPrisma;
  /** Key → epoch ms until which this process knows it is refused. Oldest insertions first. */
  private readonly blocked = new Map<string, number>();

  /** `name` keeps its keys apart from other counters' in the one table. */
  constructor(name: string, options: { limit: number; windowMs: number }) {
    this.limit = options.limit;
    const shape = { keyPrefix: name, points: options.limit, duration: Math.ceil(options.windowMs / 1000) };
    this.limiter = new RateLimiterPrisma({ ...shape, storeClient: db(), tableName: "authThrottleCount" });
  }

  /**
   * Whether this process already knows `key` is refused (a count past the limit, or `block`), from memory
   * only and synchronously: refused attempts then cost no database work.
   */
  check(key: string, now: number): ThrottleDecision {
    const until = this.blocked.size === 0 ? undefined : this.blocked.get(key);
    if (until === undefined) return NOT_LIMITED;
    if (until <= now) {
      this.blocked.delete(key);
      return NOT_LIMITED;
    }
    return { limited: true, retryAfterSeconds: retryAfterSeconds(until - now) };
  }

  /** Refuses `key` in this process until `until` (its window's end). */
  block(key: string, until: number): void {
    this.blocked.delete(key);
    this.blocked.set(key, until);
    if (this.blocked.size > MAX_BLOCKED) {
      for (const stale of this.blocked.keys()) {
        if (this.blocked.size <= MAX_BLOCKED) break;
        this.blocked.delete(stale);
      }
    }
  }

  /** Counts one failure (or reserves one attempt) for `key`; the answer says whether it is within the limit. */
  async add(key: string): Promise<Counted> {
    let result: RateLimiterRes;
    let allowed = true;
    try {
      result = await this.limiter.consume(key);
    } catch (refused) {
      // Past the limit the store rejects with the same answer; anything else is no count.
      if (!(refused instanceof RateLimiterRes)) throw refused;
      result = refused;
      allowed = false;
    }
    const counted = { allowed, count: result.consumedPoints, resetsAt: Date.now() + result.msBeforeNext };
    if (!allowed) this.block(key, counted.resetsAt);
    return counted;
  }

  /**
   * Gives back one count: an attempt reserved but not made, or one that succeeded. (Given back after its
   * window closed, it opens the next one a count short: at most one attempt more, once.)
   */
  async release(key: string): Promise<void> {
    await this.limiter.reward(key);
  }

  /** Forgets every count of `key`. */
  async clear(key: string): Promise<void> {
    this.blocked.delete(key);
    await this.limiter.delete(key);
  }
}
