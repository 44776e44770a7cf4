import { describe, expect, it } from "vitest";
import { BUSY_SHARE, Pacer } from "./pacing";

/** An event loop whose utilization the test sets: `active` and `idle` ms since the start. */
function loop() {
  const now = { active: 0, idle: 0 };
  const utilization = (since?: { active: number; idle: number }) =>
    since ? { active: now.active - since.active, idle: now.idle - since.idle } : { ...now };
  const pauses: number[] = [];
  const wait = async (ms: number) => {
    pauses.push(ms);
  };
  return { now, utilization, wait, pauses };
}

const signal = new AbortController().signal;

describe("Pacer", () => {
  it("does not pause while the rest of the loop is mostly idle", async () => {
    const l = loop();
    const pacer = new Pacer(l.utilization, l.wait);
    for (let i = 0; i < 10; i++) {
      // A 10 ms slice of the sender in a 100 ms stretch where nothing else ran.
      l.now.active += 10;
      l.now.idle += 90;
      await pacer.after(10, signal);
    }
    expect(pacer.isBusy).toBe(false);
    expect(l.pauses).toEqual([]);
  });

  it("takes only its share while other work keeps the loop busy, and full speed again when it stops", async () => {
    const l = loop();
    const pacer = new Pacer(l.utilization, l.wait);
    // Requests keep the loop 95% busy besides the sender's 10 ms slices.
    for (let i = 0; i < 6; i++) {
      l.now.active += 10 + 95;
      l.now.idle += 5;
      await pacer.after(10, signal);
    }
    expect(pacer.isBusy).toBe(true);
    const pause = l.pauses.at(-1)!;
    expect(pause).toBeCloseTo(10 * (1 / BUSY_SHARE - 1), 5);
    expect(10 / (10 + pause)).toBeCloseTo(BUSY_SHARE, 5);

    // The sender's own work never counts as the others' load: a loop busy with the sender alone is idle.
    const before = l.pauses.length;
    for (let i = 0; i < 6; i++) {
      l.now.active += 200;
      l.now.idle += 20;
      await pacer.after(200, signal);
    }
    expect(pacer.isBusy).toBe(false);
    // Decided per window: at most the first slice of the quiet stretch still paused.
    expect(l.pauses.length - before).toBeLessThanOrEqual(1);
  });

  it("never pauses longer than 2 s after one slow slice", async () => {
    const l = loop();
    const pacer = new Pacer(l.utilization, l.wait);
    l.now.active += 1_000;
    l.now.idle += 10;
    await pacer.after(300, signal);
    expect(pacer.isBusy).toBe(true);
    expect(l.pauses).toEqual([2_000]);
  });
});
