// Background jobs on the test's database with a clock the test moves: one holder at a time, takeover
// when a holder dies, fencing of a holder that lost its lease, capped backoff, release on stop.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "../db/db";
import { ManualClock } from "./clock";
import { acquireLease, leaseHolder } from "./lease";
import { JobSet } from "./job-set";
import { backoffDelay, LeaseLostError, startJob, type Job, type RunningJob } from "./runner";

/** Each step takes the lease in a transaction on the real database: on a loaded machine, more than vitest's default 1 s. */
const eventually = <T>(check: () => T) => vi.waitFor(check, { timeout: 10_000 });

const running: RunningJob[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((job) => job.stop()));
});

let n = 0;
const jobName = () => `test-job-${Date.now()}-${n++}`;

function counting(name: string) {
  const steps: string[] = [];
  return {
    steps,
    job: (label: string): Job => ({
      name,
      step: async () => {
        steps.push(label);
        return "idle";
      },
    }),
  };
}

describe("background jobs", () => {
  it("a nudge ends a failing job's backoff: it tries again at once", async () => {
    const clock = new ManualClock(Date.now());
    let attempts = 0;
    const job: Job = {
      name: jobName(),
      step: async () => {
        attempts++;
        throw new Error("receiver refused");
      },
    };
    const started = startJob(job, { clock, holder: "a", backoff: { baseMs: 60_000, maxMs: 60_000 }, random: () => 1 });
    running.push(started);
    await eventually(() => expect(attempts).toBe(1));
    await eventually(() => expect(clock.waiting).toBe(1));
    await clock.advance(1_000);
    expect(attempts).toBe(1);
    started.nudge();
    await eventually(() => expect(attempts).toBe(2));
  });

  it("runs a job on one instance only, and another takes over when the holder dies", async () => {
    const clock = new ManualClock(Date.now());
    const name = jobName();
    // An instance that took the lease and then died (no renewals, no release).
    expect(await acquireLease(name, "dead-instance", clock.now(), clock.now() + 30_000)).toBe(true);
    const { steps, job } = counting(name);
    running.push(startJob(job("a"), { clock, holder: "a", leaseMs: 30_000, idleMs: 1_000 }));
    running.push(startJob(job("b"), { clock, holder: "b", leaseMs: 30_000, idleMs: 1_000 }));
    await eventually(() => expect(clock.waiting).toBe(2));
    await clock.advance(20_000);
    expect(steps).toEqual([]);
    expect(await leaseHolder(name, clock.now())).toBe("dead-instance");

    await clock.advance(15_000);
    await eventually(() => expect(steps.length).toBeGreaterThan(0));
    const winner = steps[0]!;
    await clock.advance(60_000);
    await eventually(() => expect(steps.length).toBeGreaterThan(5));
    expect(new Set(steps)).toEqual(new Set([winner]));
    expect(await leaseHolder(name, clock.now())).toBe(winner);
  });

  it("fences a holder that lost its lease: its progress is not committed", async () => {
    const clock = new ManualClock(Date.now());
    const name = jobName();
    const committed: number[] = [];
    let lost: unknown;
    const job: Job = {
      name,
      async step({ fence }) {
        if (committed.length === 1) {
          // Paused past its lease mid-step (a long GC, a frozen VM) while another instance took over.
          await db().jobLease.update({ where: { name }, data: { expiresAt: BigInt(clock.now() - 1) } });
          expect(await acquireLease(name, "b", clock.now(), clock.now() + 60_000)).toBe(true);
        }
        try {
          await db().$transaction(async (tx) => {
            await fence(tx);
            committed.push(clock.now());
          });
        } catch (error) {
          lost = error;
          throw error;
        }
        return "idle";
      },
    };
    running.push(startJob(job, { clock, holder: "a", leaseMs: 10_000, idleMs: 30_000 }));
    await eventually(() => expect(committed).toHaveLength(1));
    // Asleep for idleMs only once its transaction has committed (a round trip on PostgreSQL): time moved
    // before that would leave it asleep past the advance, and the step under test would never run.
    await eventually(() => expect(clock.waiting).toBe(1));
    await clock.advance(30_000);
    await eventually(() => expect(lost).toBeInstanceOf(LeaseLostError));
    expect(committed).toHaveLength(1);
    expect(await leaseHolder(name, clock.now())).toBe("b");
  });

  it("backs off exponentially after failures, capped, and gives the lease up when stopped", async () => {
    const clock = new ManualClock(Date.now());
    const name = jobName();
    const delays: number[] = [];
    const job: Job = {
      name,
      step: async () => {
        throw new Error("receiver down");
      },
    };
    const handle = startJob(job, {
      clock,
      holder: "a",
      leaseMs: 600_000,
      backoff: { baseMs: 1_000, maxMs: 8_000 },
      random: () => 1,
      onError: (_error, _failures, delay) => delays.push(delay),
    });
    for (let i = 0; i < 6; i++) {
      await eventually(() => expect(delays).toHaveLength(i + 1));
      await clock.advance(delays[i]!);
    }
    expect(delays.slice(0, 6)).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(handle.failures).toBeGreaterThanOrEqual(6);
    await handle.stop();
    expect(await leaseHolder(name, clock.now())).toBeNull();
    expect(backoffDelay(3, { baseMs: 1_000, maxMs: 60_000 }, () => 0)).toBe(2_000);
  });

  it("wakes an idle job when nudged", async () => {
    const clock = new ManualClock(Date.now());
    const { steps, job } = counting(jobName());
    const handle = startJob(job("a"), { clock, holder: "a", idleMs: 3_600_000 });
    running.push(handle);
    await eventually(() => expect(steps).toHaveLength(1));
    handle.nudge();
    await eventually(() => expect(steps).toHaveLength(2));
  });

  it("keeps a set of jobs in step with what is wanted", async () => {
    const clock = new ManualClock(Date.now());
    const set = new JobSet({ clock, holder: "a", idleMs: 3_600_000 });
    const one = counting(jobName());
    const two = counting(jobName());
    await set.sync([one.job("one"), two.job("two")]);
    await eventually(() => expect([one.steps.length, two.steps.length]).toEqual([1, 1]));
    await set.sync([two.job("two")]);
    set.nudge();
    await eventually(() => expect(two.steps).toHaveLength(2));
    expect(one.steps).toHaveLength(1);
    await set.stop();
  });
});
