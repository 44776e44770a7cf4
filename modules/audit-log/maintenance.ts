// The audit log's daily upkeep, as background work under one lease: verify the chain (the Audit Log
// page shows the result) and, when a retention is set, prune the events older than it, leaving a signed
// checkpoint of the last pruned event so the rest of the chain stays verifiable.
import "server-only";
import { writeCheckpoint } from "@/lib/audit/checkpoint";
import { recordAuditEvent } from "@/lib/audit/record";
import { lastVerification, verifyAuditDatabase } from "@/lib/audit/verify-database";
import { db } from "@/lib/db/db";
import type { BackgroundWork } from "@/lib/jobs/background";
import { startJob, type JobContext } from "@/lib/jobs/runner";
import { getAuditSettings } from "@/modules/audit-forwarding/server";

const DAY_MS = 86_400_000;
const DELETE_BATCH = 5_000;

/** Deletes the events recorded before `now - retentionDays`, after a checkpoint of the last of them. */
export async function pruneAuditEvents(retentionDays: number, now: number, fence?: JobContext["fence"]): Promise<number> {
  const cutoff = new Date(now - retentionDays * DAY_MS);
  const firstKept = await db().auditEvent.findFirst({
    where: { createdAt: { gte: cutoff } },
    orderBy: { createdAt: "asc" },
    select: { seq: true },
  });
  const boundary = await db().auditEvent.findFirst({
    where: { seq: { lt: firstKept?.seq ?? 9_223_372_036_854_775_807n }, createdAt: { lt: cutoff } },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const boundaryHash = boundary?.hash;
  if (!boundary || !boundaryHash) return 0;
  let count = 0;
  await db().$transaction(async (tx) => {
    if (fence) await fence(tx);
    await writeCheckpoint("prune", boundary.seq, boundaryHash, tx);
  });
  for (;;) {
    const batch = await db().auditEvent.findMany({
      where: { seq: { lte: boundary.seq } },
      orderBy: { seq: "asc" },
      take: DELETE_BATCH,
      select: { seq: true },
    });
    const last = batch.at(-1);
    if (!last) break;
    const { count: deleted } = await db().auditEvent.deleteMany({ where: { seq: { lte: last.seq } } });
    count += deleted;
  }
  await recordAuditEvent({
    actorType: "system",
    action: "audit_log.prune",
    outcome: "success",
    details: { throughSeq: String(boundary.seq), count, retentionDays },
  });
  return count;
}

export const auditMaintenanceWork: BackgroundWork = {
  name: "audit maintenance",
  start({ clock }) {
    const job = startJob(
      {
        name: "audit-maintenance",
        async step({ fence }) {
          const last = await lastVerification();
          if (!last || clock.now() - last.createdAt.getTime() >= DAY_MS) {
            const report = await verifyAuditDatabase("console");
            if (!report.ok) console.error(`audit: the audit chain is broken: ${report.problem?.message ?? ""}`);
            // Never prune what no longer verifies: the broken part is the evidence.
            if (!report.ok) return "idle";
            const { retentionDays } = await getAuditSettings();
            if (retentionDays !== null) await pruneAuditEvents(retentionDays, clock.now(), fence);
          }
          return "idle";
        },
      },
      { clock, idleMs: 60 * 60_000, backoff: { baseMs: 60_000, maxMs: 60 * 60_000 } },
    );
    return { stop: () => job.stop() };
  },
};
