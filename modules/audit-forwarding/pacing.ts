import "server-only";
import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises";

/**
 * The share of the event loop a sender may take while other work (the Bearer API) keeps the loop busy.
 * The sender reads and formats on the thread that answers requests; sending a backlog flat out took a
 * third of a core from the API (bench/README.md), while the API is meant to lose no more than a few
 * percent to forwarding. Only the reading and formatting are paced (the writes to the socket are not),
 * so this is below that.
 */
export const BUSY_SHARE = 0.015;
/** Other work above this share of the loop, over the last window, makes it busy. */
const BUSY_ABOVE = 0.5;
/** How often busy or not is decided. */
const WINDOW_MS = 250;
/** The longest pause after one slice: a slow slice does not stall the sender for long. */
const MAX_PAUSE_MS = 2_000;

type Utilization = Pick<EventLoopUtilization, "active" | "idle">;

/**
 * Paces one sender's slices of work: at full speed while the loop is otherwise quiet, and at
 * `BUSY_SHARE` of the loop while other work keeps it more than half busy, by pausing after each slice in
 * proportion to the time the slice took. A backlog is then sent more slowly while the API is under load,
 * and at full speed as soon as it is not (docs/audit.md).
 */
export class Pacer {
  private mark: Utilization;
  private ownMs = 0;
  private busy = false;

  constructor(
    private readonly utilization: (since?: Utilization) => Utilization = (since) =>
      since ? performance.eventLoopUtilization(since as EventLoopUtilization) : performance.eventLoopUtilization(),
    private readonly wait: (ms: number, signal: AbortSignal) => Promise<unknown> = (ms, signal) =>
      sleep(ms, undefined, { signal }).catch(() => {}),
  ) {
    this.mark = utilization();
  }

  /** Whether the last window found the loop busy with other work. */
  get isBusy(): boolean {
    return this.busy;
  }

  /** After a slice of the sender's own work that took `workMs` (wall time): wait for its turn. */
  async after(workMs: number, signal: AbortSignal): Promise<void> {
    this.ownMs += workMs;
    const window = this.utilization(this.mark);
    const windowMs = window.active + window.idle;
    if (windowMs >= WINDOW_MS) {
      this.busy = (window.active - this.ownMs) / windowMs > BUSY_ABOVE;
      this.mark = this.utilization();
      this.ownMs = 0;
    }
    if (this.busy) await this.wait(Math.min(MAX_PAUSE_MS, workMs * (1 / BUSY_SHARE - 1)), signal);
    else await nextTurn();
  }
}
