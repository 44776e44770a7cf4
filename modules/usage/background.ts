// Usage as background work: every instance writes its own counts every USAGE_FLUSH_SECONDS (no lease:
// each adds what it counted) and once more on shutdown; one instance at a time (a lease) rolls hours
// older than 48 h into days and deletes what is past the retention.
import "server-only";
import { getConfig } from "@/lib/config/config";
import { errorLine } from "@/lib/log/error-line";
import type { BackgroundWork } from "@/lib/jobs/background";
import { startJob } from "@/lib/jobs/runner";
import { usageRecorder, whenUsageRecorderFull } from "./recording";
import { pruneUsage, refreshAllRequestTotals, rollUpOldestHour } from "./store";

const MAINTENANCE_IDLE_MS = 60 * 60_000;

function logFailure(what: string, error: unknown): void {
  console.error(`usage: ${what} failed: ${errorLine(error)}`);
}

export const usageWork: BackgroundWork = {
  name: "usage",
  start({ clock }) {
    const { usageFlushMs, usageRetentionDays } = getConfig();
    const stopping = new AbortController();
    let early = new AbortController();
    whenUsageRecorderFull(() => early.abort());
    const flushLoop = (async () => {
      // The last flush is stop()'s.
      for (;;) {
        await clock.sleep(usageFlushMs, AbortSignal.any([stopping.signal, early.signal]));
        if (stopping.signal.aborted) return;
        if (early.signal.aborted) early = new AbortController();
        // A failed batch stays in memory and goes with the next flush.
        await usageRecorder.flush().catch((error: unknown) => logFailure("writing usage", error));
      }
    })();
    // The day the stored totals were last moved on: they change with the day, not within it.
    let totalsDay: number | null = null;
    const maintenance = startJob(
      {
        name: "usage-maintenance",
        async step({ fence }) {
          if (await rollUpOldestHour(clock.now(), fence)) return "more";
          await pruneUsage(clock.now(), usageRetentionDays, fence);
          const today = Math.floor(clock.now() / 86_400_000);
          if (totalsDay !== today) {
            await refreshAllRequestTotals(clock.now());
            totalsDay = today;
          }
          return "idle";
        },
      },
      { clock, idleMs: MAINTENANCE_IDLE_MS, backoff: { baseMs: 60_000, maxMs: MAINTENANCE_IDLE_MS } },
    );
    return {
      async stop() {
        stopping.abort();
        await flushLoop;
        await maintenance.stop();
        await usageRecorder.flush().catch((error: unknown) => logFailure("writing usage at shutdown", error));
      },
    };
  },
};
