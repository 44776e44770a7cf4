import { afterEach, describe, expect, it, vi } from "vitest";
import { FailureCounter, retryAfterSeconds } from "./throttle";

// On the test file's own database (SQLite, or PostgreSQL with DATABASE_URL). Two counters of one name
// share their counts through the table, as two console instances on one database do.

afterEach(() => {
  vi.useRealTimers();
});

let keyCounter = 0;
const freshKey = () => `key-${++keyCounter}-${Date.now()}`;
const windowMs = 60_000;

describe("FailureCounter", () => {
  it("counts in one fixed window that the first count opens, and says when it closes", async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const counter = new FailureCounter("test_window", { limit: 3, windowMs });
    const key = freshKey();
    expect(await counter.add(key)).toEqual({ allowed: true, count: 1, resetsAt: start + windowMs });
    vi.setSystemTime(start + 10_000);
    expect(await counter.add(key)).toEqual({ allowed: true, count: 2, resetsAt: start + windowMs });
    expect(await counter.add(key)).toEqual({ allowed: true, count: 3, resetsAt: start + windowMs });
    // Past the limit: refused, and the window does not move.
    expect(await counter.add(key)).toEqual({ allowed: false, count: 4, resetsAt: start + windowMs });
    vi.setSystemTime(start + windowMs);
    expect(await counter.add(key)).toEqual({ allowed: true, count: 1, resetsAt: start + 2 * windowMs });
  });

  it("gives a count back, and forgets a key", async () => {
    const counter = new FailureCounter("test_release", { limit: 2, windowMs });
    const key = freshKey();
    await counter.add(key);
    await counter.add(key);
    await counter.release(key);
    expect((await counter.add(key)).allowed).toBe(true);
    expect((await counter.add(key)).allowed).toBe(false);
    await counter.clear(key);
    expect(await counter.add(key)).toMatchObject({ allowed: true, count: 1 });
  });

  it("remembers a refused key until its window closes, and refuses it from memory", async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const counter = new FailureCounter("test_memory", { limit: 1, windowMs });
    const key = freshKey();
    expect(counter.check(key, start)).toEqual({ limited: false });
    await counter.add(key);
    expect(counter.check(key, start)).toEqual({ limited: false });
    expect((await counter.add(key)).allowed).toBe(false);
    expect(counter.check(key, start + 1_000)).toEqual({ limited: true, retryAfterSeconds: 59 });
    expect(counter.check(key, start + windowMs)).toEqual({ limited: false });
    // Another process, or this one after clear(), starts from the database's count.
    expect(new FailureCounter("test_memory", { limit: 1, windowMs }).check(key, start)).toEqual({ limited: false });
    counter.block(key, start + windowMs);
    await counter.clear(key);
    expect(counter.check(key, start)).toEqual({ limited: false });
  });

  it("keeps counters of different names apart", async () => {
    const key = freshKey();
    const a = new FailureCounter("test_a", { limit: 1, windowMs });
    const b = new FailureCounter("test_b", { limit: 1, windowMs });
    expect((await a.add(key)).allowed).toBe(true);
    expect((await b.add(key)).allowed).toBe(true);
    expect((await a.add(key)).allowed).toBe(false);
  });

  it("of 60 simultaneous counts on two counters sharing the database, lets exactly the limit through", async () => {
    const instances = [
      new FailureCounter("test_race", { limit: 20, windowMs }),
      new FailureCounter("test_race", { limit: 20, windowMs }),
    ];
    const key = freshKey();
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => instances[i % 2]!.add(key)));
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
    expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });
});

describe("retryAfterSeconds", () => {
  it("rounds up to whole seconds, at least one", () => {
    expect(retryAfterSeconds(59_001)).toBe(60);
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(-5)).toBe(1);
  });
});
