import { describe, expect, it } from "vitest";
import { throttleKeyOf } from "@/lib/server/platform/client-ip";
import { decide } from "@/lib/server/platform/throttle";
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

describe("decide", () => {
  it("limits only a full, open window", () => {
    expect(decide(undefined, 3, 60_000, 0)).toEqual({ limited: false });
    expect(decide({ windowStart: 0, failures: 2 }, 3, 60_000, 1)).toEqual({ limited: false });
    expect(decide({ windowStart: 0, failures: 3 }, 3, 60_000, 1_000)).toEqual({ limited: true, retryAfterSeconds: 59 });
    expect(decide({ windowStart: 0, failures: 3 }, 3, 60_000, 60_000)).toEqual({ limited: false });
  });
});

describe("throttleKeyOf", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::9", "2001:db8:1:2::/64"],
    ["2001:0DB8:0001:0002:ffff::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    [null, "unknown"],
  ])("%s → %s", (ip, key) => {
    expect(throttleKeyOf(ip)).toBe(key);
  });
});

describe("addFailure", () => {
  it("never loses a count when failures race (one atomic upsert each)", async () => {
    const { addFailure, readFailureCounters } = await import("@/lib/server/platform/throttle");
    const key = `race-${Date.now()}-${Math.random()}`;
    const now = Date.now();
    await Promise.all(Array.from({ length: 40 }, () => addFailure(key, 60_000, now)));
    expect((await readFailureCounters([key], 60_000, now)).get(key)).toEqual({ windowStart: now, failures: 40 });
  });
});
