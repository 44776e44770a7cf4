// Time for background work, injectable: the jobs read the time and wait through a Clock, so tests move
// time forward (ManualClock) instead of waiting for it.
export type Clock = {
  now(): number;
  /** Resolves after `ms`, or early (without error) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
};

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      }
      signal?.addEventListener("abort", done, { once: true });
    }),
};

/** A clock that moves only when told to; sleepers wake in deadline order as it passes them. */
export class ManualClock implements Clock {
  private sleepers: { until: number; wake: () => void }[] = [];
  constructor(private current = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const sleeper = {
        until: this.current + Math.max(0, ms),
        wake: () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          signal?.removeEventListener("abort", sleeper.wake);
          resolve();
        },
      };
      this.sleepers.push(sleeper);
      signal?.addEventListener("abort", sleeper.wake, { once: true });
    });
  }

  /** How many are waiting on this clock now. */
  get waiting(): number {
    return this.sleepers.length;
  }

  /** Moves time forward by `ms`, waking each sleeper whose time has come (and letting it run). */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const next = this.sleepers.filter((s) => s.until <= target).sort((a, b) => a.until - b.until)[0];
      if (!next) break;
      this.current = Math.max(this.current, next.until);
      next.wake();
      // Let the woken work run until it waits again (database calls take real time).
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.current = target;
  }
}
