import "server-only";
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { registerSingleCopy } from "@/lib/single-copy";
import { db } from "../db/db";

registerSingleCopy("lib/auth/throttle");

/**
 * Failed-authentication counters shared by every instance on one database (sign-in and the Bearer API),
 * kept by rate-limiter-flexible's Prisma store in `auth_throttle_counts`: one fixed window per key, which
 * the first count opens. Each count is one `INSERT … ON CONFLICT DO UPDATE … RETURNING`, and its answer
 * decides: counts racing on any number of instances each get a total of their own, so exactly `limit` of
 * them are within the limit. Should the database fail, this process's memory counts instead (the store's
 * insurance limiter).
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

export class FailureCounter {
  readonly limit: number;
  private readonly limiter: RateLimiterPrisma;

  /** `name` keeps its keys apart from other counters' in the one table. */
  constructor(name: string, options: { limit: number; windowMs: number }) {
    this.limit = options.limit;
    const shape = { keyPrefix: name, points: options.limit, duration: Math.ceil(options.windowMs / 1000) };
    this.limiter = new RateLimiterPrisma({
      ...shape,
      storeClient: db(),
      tableName: "authThrottleCount",
      insuranceLimiter: new RateLimiterMemory(shape),
    });
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
    return { allowed, count: result.consumedPoints, resetsAt: Date.now() + result.msBeforeNext };
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
    await this.limiter.delete(key);
  }
}
