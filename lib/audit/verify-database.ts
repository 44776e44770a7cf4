// Verifies this database's audit chain: from its start (or the last pruning checkpoint) to its head,
// holding events to the signed checkpoints; records the result (the Audit Log page shows the last one),
// writes a signed checkpoint of an intact head, and audits the run.
import "server-only";
import { db } from "../db/db";
import { newId } from "../db/ids";
import { checkpointProblem, writeCheckpoint, type Checkpoint } from "./checkpoint";
import { recordAuditEvent } from "./record";
import { verifyChain, type ChainRecord, type ChainReport } from "./verify";

const BATCH = 2_000;

async function* storedEvents(after: bigint): AsyncGenerator<ChainRecord> {
  let cursor = after;
  for (;;) {
    const rows = await db().auditEvent.findMany({ where: { seq: { gt: cursor } }, orderBy: { seq: "asc" }, take: BATCH });
    for (const r of rows) yield { ...r, createdAt: r.createdAt.toISOString(), prevHash: r.prevHash ?? "" };
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return;
    cursor = last.seq;
  }
}

export type DatabaseReport = ChainReport & { message: string };

export async function verifyAuditDatabase(source: "command" | "console"): Promise<DatabaseReport> {
  const checkpoints: Checkpoint[] = await db().auditCheckpoint.findMany({ orderBy: { seq: "asc" } });
  const head = await db().auditChainHead.findUnique({ where: { id: 1 } });
  const forged = checkpoints.map(checkpointProblem).find((p) => p !== null);
  const prune = checkpoints.filter((c) => c.kind === "prune").at(-1);
  let report: ChainReport;
  if (forged) {
    report = {
      ok: false,
      count: 0,
      firstSeq: null,
      lastSeq: null,
      lastHash: null,
      problem: { kind: "changed", seq: 0n, id: null, message: forged },
    };
  } else {
    report = await verifyChain(storedEvents(prune?.seq ?? 0n), {
      start: prune ? { seq: prune.seq, hash: prune.hash } : "genesis",
      anchors: checkpoints.filter((c) => c.kind === "verify" && c.seq > (prune?.seq ?? 0n)),
      head: head ? { seq: head.seq, hash: head.hash } : undefined,
    });
  }
  const message = report.ok
    ? `intact: ${report.count} event${report.count === 1 ? "" : "s"}${report.lastSeq ? ` up to #${report.lastSeq}` : ""}${prune ? ` (events up to #${prune.seq} were pruned at a signed checkpoint)` : ""}`
    : `broken: ${report.problem?.message ?? "unknown problem"}`;
  await db().auditVerification.create({
    data: {
      id: newId(),
      ok: report.ok,
      checked: report.count,
      lastSeq: report.lastSeq,
      problem: report.problem?.message ?? null,
      source,
    },
  });
  if (report.ok && report.lastSeq !== null && report.lastHash !== null && report.lastSeq > 0n) {
    await writeCheckpoint("verify", report.lastSeq, report.lastHash);
  }
  await recordAuditEvent({
    actorType: "system",
    action: "audit_log.verify",
    outcome: report.ok ? "success" : "failure",
    details: { ok: report.ok, checked: report.count, source, ...(report.problem ? { problem: report.problem.message } : {}) },
  });
  return { ...report, message };
}

export async function lastVerification() {
  return db().auditVerification.findFirst({ orderBy: { createdAt: "desc" } });
}
