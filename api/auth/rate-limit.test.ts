import { afterEach, describe, expect, it, vi } from "vitest";
import { checkApiThrottle, recordApiFailure } from "./rate-limit";

afterEach(() => {
  vi.useRealTimers();
});

let keyCounter = 0;
/** An address key of this test's own: each test's failures are counted on their own. */
const freshKey = () => `203.0.113.${++keyCounter}-${Date.now()}`;

describe("the API throttle (database counts, in-process block)", () => {
  it("answers the failure past the limit as limited, then refuses the address until the window closes", async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const key = freshKey();
    for (let i = 0; i < 20; i++) {
      expect(checkApiThrottle(key, Date.now())).toEqual({ limited: false });
      expect(await recordApiFailure(key)).toEqual({ limited: false });
    }
    // The 20th failure filled the window: from now on the address is refused before any work.
    expect(checkApiThrottle(key, start + 30_000)).toEqual({ limited: true, retryAfterSeconds: 30 });
    expect(await recordApiFailure(key)).toEqual({ limited: true, retryAfterSeconds: 60 });
    expect(checkApiThrottle(key, start + 60_000)).toEqual({ limited: false });
    // A new window starts from scratch.
    vi.setSystemTime(start + 60_001);
    expect(await recordApiFailure(key)).toEqual({ limited: false });
    expect(checkApiThrottle(key, start + 60_002)).toEqual({ limited: false });
  });

  it("of 50 simultaneous failures, answers exactly the limit as not limited", async () => {
    const key = freshKey();
    const decisions = await Promise.all(Array.from({ length: 50 }, () => recordApiFailure(key)));
    expect(decisions.filter((d) => !d.limited)).toHaveLength(20);
    expect(checkApiThrottle(key, Date.now()).limited).toBe(true);
  });

  it("keeps addresses apart", async () => {
    const key = freshKey();
    await Promise.all(Array.from({ length: 20 }, () => recordApiFailure(key)));
    expect(checkApiThrottle(key, Date.now()).limited).toBe(true);
    expect(checkApiThrottle(freshKey(), Date.now()).limited).toBe(false);
  });
});
