// Notifications as the console's background work: one job under one lease ("notifications"), so with
// several instances on one database exactly one scans and sends. Each step: the expiry scan when due
// (every SCAN_EVERY_MS, and at once after a takeover), the digest when due, then a batch of due
// deliveries. `Check now` scans in the request and nudges the job so the result goes out at once. Token
// events (created, revoked, rotated, reuse detected) are queued by the actions themselves, through the
// audit trail (token-events.ts), and go out at the job's next round.
import "server-only";
import { onAuditEvent } from "@/lib/audit/record";
import { inEveryIsolate } from "@/lib/runtime/isolates";
import type { BackgroundWork } from "@/lib/jobs/background";
import type { Clock } from "@/lib/jobs/clock";
import { startJob, type Job, type RunnerOptions, type RunningJob } from "@/lib/jobs/runner";
import { deliverDue, runDigest } from "./deliver";
import { scanExpiries } from "./scan";
import { refreshWarnWindow } from "./settings";
import { queueTokenEvent } from "./token-events";

const SCAN_EVERY_MS = 15 * 60_000;
const JOB_NAME = "notifications";

function notificationsJob(): Job {
  let nextScanAt = 0;
  return {
    name: JOB_NAME,
    async step({ clock, fence }) {
      const now = clock.now();
      if (now >= nextScanAt) {
        await scanExpiries(now, fence);
        nextScanAt = now + SCAN_EVERY_MS;
      }
      await runDigest(now, fence);
      return deliverDue(now, fence);
    },
  };
}

let running: RunningJob | undefined;

/**
 * Wakes this process's notifications job (when it holds the lease; otherwise the holder's next round).
 * `Check now` runs in the pages worker; the job runs on the main thread.
 */
const nudgeEverywhere = inEveryIsolate<null>("nudge-notifications", () => running?.nudge());

export function nudgeNotifications(): void {
  nudgeEverywhere(null);
}

/**
 * Queues the token events of the actions this isolate audits (token-events.ts); the lease holder's job
 * sends them. Every isolate that records audit events listens: the main thread (the API's) and the pages
 * worker (the server actions').
 */
export function queueTokenEventsOfAudit(): () => void {
  return onAuditEvent(queueTokenEvent);
}

export function startNotificationsJob(options: RunnerOptions & { clock: Clock }): RunningJob {
  const job = startJob(notificationsJob(), { idleMs: 5_000, backoff: { baseMs: 1_000, maxMs: 60_000 }, ...options });
  running = job;
  return job;
}

export const notificationsWork: BackgroundWork = {
  name: "notifications",
  start({ clock }) {
    // Every instance queues the token events of the actions it audits; the lease holder sends them.
    const stopListening = queueTokenEventsOfAudit();
    void refreshWarnWindow();
    const job = startNotificationsJob({ clock });
    return {
      async stop() {
        stopListening();
        if (running === job) running = undefined;
        await job.stop();
      },
    };
  },
};
