import "server-only";
import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises";

/**
 * The share of a core the senders' worker may take while the main thread (the Bearer API, the pages) is
 * busy. The worker has a thread of its own (delivery-worker.ts), so it takes nothing from the main
 * thread's loop; but on a machine with few cores a backlog sent flat out would still take a core the API
 * may need. While the main thread is busy, a backlog is sent slowly; as soon as it is not, at full speed.
 */
export const BUSY_SHARE = 0.015;
/** The main thread's loop busy above this share, over the last window, makes it busy. */
const BUSY_ABOVE = 0.5;
/** How often the main thread's load is sampled: how soon the worker slows down when requests arrive. */
const WINDOW_MS = 100;
/** The longest pause after one slice: a slow slice does not stall the sender for long. */
const MAX_PAUSE_MS = 2_000;

type Utilization = Pick<EventLoopUtilization, "active" | "idle">;

/**
 * The main thread's load, published to the worker in shared memory: 1 while the main thread's event loop
 * was more than half busy over the last window, 0 when not. Runs on the main thread.
 */
export class LoopLoad {
  /** One Int32 in a SharedArrayBuffer: the worker reads it with Atomics.load, without a message. */
  readonly shared = new SharedArrayBuffer(4);
  private readonly flag = new Int32Array(this.shared);
  private mark: Utilization;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly utilization: (since?: Utilization) => Utilization = (since) =>
      since ? performance.eventLoopUtilization(since as EventLoopUtilization) : performance.eventLoopUtilization(),
  ) {
    this.mark = utilization();
  }

  /** Samples every window from now on; the timer never keeps the process alive. */
  start(): void {
    this.timer ??= setInterval(() => this.sample(), WINDOW_MS).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Decides busy or not over the time since the last sample. */
  sample(): void {
    const window = this.utilization(this.mark);
    this.mark = this.utilization();
    const total = window.active + window.idle;
    if (total > 0) Atomics.store(this.flag, 0, window.active / total > BUSY_ABOVE ? 1 : 0);
  }
}

/** Whether a LoopLoad's shared flag says busy: how the worker reads it. */
export const isBusyIn =
  (shared: SharedArrayBuffer): (() => boolean) =>
  () =>
    Atomics.load(new Int32Array(shared), 0) === 1;

/**
 * Paces a sender's slices of work (reading and formatting events): at full speed while the main thread is
 * otherwise quiet, and at `BUSY_SHARE` of the worker's thread while it is busy, by pausing after each slice
 * in proportion to the time the slice took (docs/audit.md).
 */
export class Pacer {
  constructor(
    private readonly busy: () => boolean,
    private readonly wait: (ms: number, signal: AbortSignal) => Promise<unknown> = (ms, signal) =>
      sleep(ms, undefined, { signal }).catch(() => {}),
  ) {}

  /** After a slice of the sender's own work that took `workMs`: wait for its turn. */
  async after(workMs: number, signal: AbortSignal): Promise<void> {
    if (this.busy()) await this.wait(Math.min(MAX_PAUSE_MS, workMs * (1 / BUSY_SHARE - 1)), signal);
    else await nextTurn();
  }
}
