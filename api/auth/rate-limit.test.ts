import { describe, expect, it } from "vitest";
import { decide } from "@/lib/auth/throttle";
import { FailureLimiter } from "@/lib/auth/failure-limiter";
import { checkApiThrottle, recordApiFailure } from "./rate-limit";

describe("the API throttle (database counters, in-process view)", () => {
  it("refuses an address after its limit of failures within a minute, until the window closes", async () => {
    const key = `203.0.113.${Math.floor(Math.random() * 250)}-${Date.now()}`;
    const start = Date.now();
    for (let i = 0; i < 20; i++) {
      expect(checkApiThrottle(key, start + i)).toEqual({ limited: false });
      await recordApiFailure(key, start + i);
    }
    expect(checkApiThrottle(key, start + 30_000)).toEqual({ limited: true, retryAfterSeconds: 30 });
    expect(checkApiThrottle(key, start + 60_000)).toEqual({ limited: false });
    // A new window starts from scratch.
    await recordApiFailure(key, start + 60_001);
    expect(checkApiThrottle(key, start + 60_002)).toEqual({ limited: false });
  });
});

describe("FailureLimiter", () => {
  const limiter = () => new FailureLimiter({ limit: 3, windowMs: 60_000, maxKeys: 100 });

  it("allows `limit` failures, then refuses until the oldest one is a window old", () => {
    const l = limiter();
    for (const t of [0, 10_000, 20_000]) {
      expect(l.check("a", t)).toEqual({ limited: false });
      l.recordFailure("a", t);
    }
    expect(l.check("a", 20_001)).toEqual({ limited: true, retryAfterSeconds: 40 });
    expect(l.check("a", 59_999)).toEqual({ limited: true, retryAfterSeconds: 1 });
    expect(l.check("a", 60_000)).toEqual({ limited: false });
  });

  it("slides: a new failure after the window only brings back the last `limit`", () => {
    const l = limiter();
    for (const t of [0, 30_000, 50_000]) l.recordFailure("a", t);
    expect(l.check("a", 60_000)).toEqual({ limited: false }); // the one at 0 has aged out
    l.recordFailure("a", 61_000); // 30s, 50s, 61s
    expect(l.check("a", 61_001)).toEqual({ limited: true, retryAfterSeconds: 29 });
  });

  it("keeps addresses apart", () => {
    const l = limiter();
    for (const t of [0, 1, 2]) l.recordFailure("a", t);
    expect(l.check("a", 3).limited).toBe(true);
    expect(l.check("b", 3).limited).toBe(false);
  });

  it("stays within maxKeys, forgetting idle keys first, then the stalest", () => {
    const l = new FailureLimiter({ limit: 2, windowMs: 60_000, maxKeys: 3 });
    l.recordFailure("old", 0);
    l.recordFailure("x", 70_000);
    l.recordFailure("y", 70_001);
    l.recordFailure("y", 70_002);
    l.recordFailure("z", 70_003); // 4 keys: "old" is idle and goes
    expect(l.size).toBe(3);
    l.recordFailure("w", 70_004); // all recent: the stalest ("x") goes, "y" stays throttled
    expect(l.size).toBe(3);
    expect(l.check("y", 70_005).limited).toBe(true);
    for (let i = 0; i < 10_000; i++) l.recordFailure(`k${i}`, 80_000 + i);
    expect(l.size).toBe(3);
  });
});

describe("decide", () => {
  it("limits only a full, open window", () => {
    expect(decide(undefined, 3, 60_000, 0)).toEqual({ limited: false });
    expect(decide({ windowStart: 0, failures: 2 }, 3, 60_000, 1)).toEqual({ limited: false });
    expect(decide({ windowStart: 0, failures: 3 }, 3, 60_000, 1_000)).toEqual({ limited: true, retryAfterSeconds: 59 });
    expect(decide({ windowStart: 0, failures: 3 }, 3, 60_000, 60_000)).toEqual({ limited: false });
  });
});

describe("addFailure", () => {
  it("never loses a count when failures race (one atomic upsert each)", async () => {
    const { addFailure, readFailureCounters } = await import("@/lib/auth/throttle");
    const key = `race-${Date.now()}-${Math.random()}`;
    const now = Date.now();
    await Promise.all(Array.from({ length: 40 }, () => addFailure(key, 60_000, now)));
    expect((await readFailureCounters([key], 60_000, now)).get(key)).toEqual({ windowStart: now, failures: 40 });
  });
});
