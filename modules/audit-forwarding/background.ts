// Audit forwarding as the console's background work: one sender job per destination (lib/jobs, each
// under its lease), kept in step with the destinations every few seconds.
import "server-only";
import type { BackgroundWork } from "@/lib/jobs/background";
import { JobSet } from "@/lib/jobs/job-set";
import { db } from "@/lib/db/db";
import { destinationJob } from "./sender";

const SYNC_MS = 3_000;

export const auditForwardingWork: BackgroundWork = {
  name: "audit forwarding",
  start({ clock }) {
    const senders = new JobSet({
      clock,
      idleMs: 500,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
    });
    const stopping = new AbortController();
    const loop = (async () => {
      while (!stopping.signal.aborted) {
        try {
          const ids = await db().auditDestination.findMany({ select: { id: true } });
          await senders.sync(ids.map((d) => destinationJob(d.id)));
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
        await senders.stop();
      },
    };
  },
};
