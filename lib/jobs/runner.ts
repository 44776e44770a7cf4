// Runs one background job under its lease: steps while this instance holds the lease, sleeps when the
// job is idle (a nudge wakes it early), backs off exponentially (capped, with jitter) after failures, and
// gives the lease up when stopped. Several instances may start the same job: only the lease holder steps.
import "server-only";
import type { Tx } from "../db/db";
import { systemClock, type Clock } from "./clock";
import { acquireLease, PROCESS_HOLDER, releaseLease } from "./lease";

/** Thrown by JobContext.fence when another instance has taken the lease: the step's work is not committed. */
export class LeaseLostError extends Error {
  override name = "LeaseLostError";
}

export type JobContext = {
  /** Aborted when the job is stopped. */
  signal: AbortSignal;
  clock: Clock;
  /** Inside the transaction that commits a step's progress: renews the lease, or throws LeaseLostError. */
  fence: (tx: Tx) => Promise<void>;
};

export type Job = {
  name: string;
  /** One bounded piece of work (well under the lease): "more" runs the next at once, "idle" sleeps first. */
  step(context: JobContext): Promise<"more" | "idle">;
};

export type RunnerOptions = {
  clock?: Clock;
  holder?: string;
  /** How long a lease lasts unless renewed; renewed at half of it. */
  leaseMs?: number;
  /** Sleep between steps while idle (a nudge ends it early). */
  idleMs?: number;
  /** Failure n waits min(maxMs, baseMs * 2^(n-1)), times 0.5–1 at random. */
  backoff?: { baseMs: number; maxMs: number };
  random?: () => number;
  /** Told about each failed step and the wait before the next try. */
  onError?: (error: unknown, failures: number, delayMs: number) => void;
};

export type RunningJob = {
  /** Wakes an idle job now (e.g. new work was written by this process). */
  nudge(): void;
  /** Ends the loop after the current step and gives the lease up. */
  stop(): Promise<void>;
  /** Whether this instance held the lease at its last check. */
  readonly holding: boolean;
  readonly failures: number;
};

const DEFAULT_LEASE_MS = 30_000;

export function backoffDelay(
  failures: number,
  { baseMs, maxMs }: { baseMs: number; maxMs: number },
  random = Math.random,
): number {
  const full = Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
  return Math.round(full * (0.5 + 0.5 * random()));
}

export function startJob(job: Job, options: RunnerOptions = {}): RunningJob {
  const clock = options.clock ?? systemClock;
  const holder = options.holder ?? PROCESS_HOLDER;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const idleMs = options.idleMs ?? 1_000;
  const backoff = options.backoff ?? { baseMs: 1_000, maxMs: 60_000 };
  const stopping = new AbortController();
  let wake = new AbortController();
  let holding = false;
  let leaseUntil = 0;
  let failures = 0;

  const sleep = (ms: number, nudgeable = false) =>
    clock.sleep(ms, nudgeable ? AbortSignal.any([stopping.signal, wake.signal]) : stopping.signal);

  const context: JobContext = {
    signal: stopping.signal,
    clock,
    async fence(tx) {
      const now = clock.now();
      if (!(await acquireLease(job.name, holder, now, now + leaseMs, tx)))
        throw new LeaseLostError(`lost the lease of ${job.name}`);
      leaseUntil = now + leaseMs;
    },
  };

  const fail = async (error: unknown) => {
    failures++;
    const delay = backoffDelay(failures, backoff, options.random);
    options.onError?.(error, failures, delay);
    // A nudge ends the backoff too: it says what failed has changed (a destination edited), so the
    // next attempt is now and the backoff starts over.
    await sleep(delay, true);
    if (wake.signal.aborted) {
      wake = new AbortController();
      failures = 0;
    }
  };

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const now = clock.now();
      if (!holding || now >= leaseUntil - leaseMs / 2) {
        try {
          holding = await acquireLease(job.name, holder, now, now + leaseMs);
        } catch (error) {
          holding = false;
          await fail(error);
          continue;
        }
        if (!holding) {
          // Someone else runs it; ask again well before their lease could have expired.
          await sleep(Math.max(10, leaseMs / 3));
          continue;
        }
        leaseUntil = now + leaseMs;
      }
      try {
        const outcome = await job.step(context);
        failures = 0;
        if (outcome === "idle") {
          if (wake.signal.aborted) wake = new AbortController();
          await sleep(idleMs, true);
          if (wake.signal.aborted) wake = new AbortController();
        }
      } catch (error) {
        if (error instanceof LeaseLostError) {
          holding = false;
          continue;
        }
        if (context.signal.aborted) break;
        await fail(error);
      }
    }
    if (holding) await releaseLease(job.name, holder).catch(() => undefined);
    holding = false;
  })();

  return {
    nudge: () => wake.abort(),
    async stop() {
      stopping.abort();
      await loop;
    },
    get holding() {
      return holding;
    },
    get failures() {
      return failures;
    },
  };
}
