// Audit forwarding as the console's background work: one sender job per destination (lib/jobs, each
// under its lease), kept in step with the destinations every few seconds; their batches are read,
// formatted and delivered by one worker thread (delivery.ts).
import "server-only";
import type { BackgroundWork } from "@/lib/jobs/background";
import { JobSet } from "@/lib/jobs/job-set";
import { db } from "@/lib/db/db";
import { inEveryIsolate } from "@/lib/runtime/isolates";
import { stopDeliveryWorker } from "./delivery";
import { destinationJob, jobNameOf } from "./sender";

const SYNC_MS = 3_000;

/** This process's senders while the console runs (one server core per process: one set). */
let senders: JobSet | null = null;

/**
 * Ends the backoff of a destination's sender after an edit, so that a fixed address or CA certificate
 * is tried at once rather than after up to a minute. Another instance holding the sender's lease tries
 * again at the end of its own backoff.
 */
// Destinations are edited in the pages worker; the senders run on the main thread.
export const retryDestinationNow = inEveryIsolate<string>("retry-destination", (id) => senders?.nudge(jobNameOf(id)));

export const auditForwardingWork: BackgroundWork = {
  name: "audit forwarding",
  start({ clock }) {
    const jobs = new JobSet({
      clock,
      idleMs: 500,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
    });
    senders = jobs;
    const stopping = new AbortController();
    const loop = (async () => {
      while (!stopping.signal.aborted) {
        try {
          const ids = await db().auditDestination.findMany({ select: { id: true } });
          await jobs.sync(ids.map((d) => destinationJob(d.id)));
        } catch {
          // The database is away: the availability probe says so; try again at the next round.
        }
        await clock.sleep(SYNC_MS, stopping.signal);
      }
    })();
    return {
      async stop() {
        stopping.abort();
        await loop;
        if (senders === jobs) senders = null;
        await jobs.stop();
        await stopDeliveryWorker();
      },
    };
  },
};
