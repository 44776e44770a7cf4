import { describe, expect, it } from "vitest";
import { BUSY_SHARE, isBusyIn, LoopLoad, Pacer } from "./pacing";

const signal = new AbortController().signal;

/** A pacer whose busy flag the test sets, and the pauses it asked for. */
function pacer() {
  const state = { busy: false, pauses: [] as number[] };
  const p = new Pacer(
    () => state.busy,
    async (ms) => {
      state.pauses.push(ms);
    },
  );
  return { state, p };
}

describe("Pacer", () => {
  it("does not pause while the main thread is not busy", async () => {
    const { state, p } = pacer();
    for (let i = 0; i < 10; i++) await p.after(10, signal);
    expect(state.pauses).toEqual([]);
  });

  it("takes only its share while the main thread is busy, and full speed again when it is not", async () => {
    const { state, p } = pacer();
    state.busy = true;
    await p.after(10, signal);
    const pause = state.pauses.at(-1)!;
    expect(pause).toBeCloseTo(10 * (1 / BUSY_SHARE - 1), 5);
    expect(10 / (10 + pause)).toBeCloseTo(BUSY_SHARE, 5);
    state.busy = false;
    await p.after(10, signal);
    expect(state.pauses).toHaveLength(1);
  });

  it("never pauses longer than 2 s after one slow slice", async () => {
    const { state, p } = pacer();
    state.busy = true;
    await p.after(300, signal);
    expect(state.pauses).toEqual([2_000]);
  });
});

describe("LoopLoad", () => {
  /** An event loop whose utilization the test sets: `active` and `idle` ms since the start. */
  function loop() {
    const now = { active: 0, idle: 0 };
    const utilization = (since?: { active: number; idle: number }) =>
      since ? { active: now.active - since.active, idle: now.idle - since.idle } : { ...now };
    return { now, load: new LoopLoad(utilization) };
  }

  it("publishes busy while the loop was more than half busy over the last window, through shared memory", () => {
    const { now, load } = loop();
    const busy = isBusyIn(load.shared);
    expect(busy()).toBe(false);
    now.active += 200;
    now.idle += 50;
    load.sample();
    expect(busy()).toBe(true);
    // Decided per window: the next quiet window clears it, whatever came before.
    now.active += 50;
    now.idle += 200;
    load.sample();
    expect(busy()).toBe(false);
  });

  it("is read the same from another thread", async () => {
    const { Worker } = await import("node:worker_threads");
    const { now, load } = loop();
    now.active += 250;
    load.sample();
    const seen = await new Promise<number>((resolve, reject) => {
      const worker = new Worker(
        `const { parentPort, workerData } = require("node:worker_threads");
         parentPort.postMessage(Atomics.load(new Int32Array(workerData), 0));`,
        { eval: true, workerData: load.shared },
      );
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    expect(seen).toBe(1);
  });
});
