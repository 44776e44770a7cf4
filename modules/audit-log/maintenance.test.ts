// Retention pruning on a real database: the events older than the retention go, a signed checkpoint of
// the last of them stays, the rest of the chain still verifies, and the pruning is itself audited.
import { describe, expect, it } from "vitest";
import { appendToChain } from "@/lib/audit/chain";
import { verifyAuditDatabase } from "@/lib/audit/verify-database";
import { db } from "@/lib/db/db";
import { newId } from "@/lib/db/ids";
import { pruneAuditEvents } from "./maintenance";

const DAY_MS = 86_400_000;

async function eventAt(createdAt: Date, action: string) {
  const row = {
    id: newId(),
    actorType: "system",
    actorId: null,
    actorName: null,
    action,
    outcome: "success",
    targetType: null,
    targetId: null,
    details: null,
    ip: null,
    userAgent: null,
  };
  return db().$transaction((tx) => appendToChain(tx, row, createdAt));
}

describe("pruneAuditEvents", () => {
  it("deletes what is older than the retention behind a signed checkpoint; the chain still verifies", async () => {
    const now = Date.UTC(2026, 5, 1);
    const old = [];
    for (let i = 0; i < 5; i++) old.push(await eventAt(new Date(now - (100 - i) * DAY_MS), "test.old"));
    const kept = [];
    for (let i = 0; i < 3; i++) kept.push(await eventAt(new Date(now - (10 - i) * DAY_MS), "test.kept"));

    // Nothing is old enough for a retention of 200 days.
    expect(await pruneAuditEvents(200, now)).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "test.old" } })).toBe(5);

    expect(await pruneAuditEvents(30, now)).toBe(5);
    expect(await db().auditEvent.count({ where: { action: "test.old" } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "test.kept" } })).toBe(3);
    const checkpoint = await db().auditCheckpoint.findFirst({ where: { kind: "prune" }, orderBy: { seq: "desc" } });
    expect(checkpoint).toMatchObject({ seq: old.at(-1)!.seq, hash: old.at(-1)!.hash });
    const audited = await db().auditEvent.findFirst({ where: { action: "audit_log.prune" } });
    expect(JSON.parse(audited!.details!)).toMatchObject({ throughSeq: String(old.at(-1)!.seq), count: 5, retentionDays: 30 });

    const report = await verifyAuditDatabase("command");
    expect(report).toMatchObject({ ok: true });
    expect(report.message).toContain(`events up to #${old.at(-1)!.seq} were pruned at a signed checkpoint`);

    // A kept event changed after the pruning is still found.
    await db().auditEvent.update({ where: { seq: kept[1]!.seq }, data: { outcome: "failure" } });
    const broken = await verifyAuditDatabase("command");
    expect(broken.ok).toBe(false);
    expect(broken.problem?.seq).toBe(kept[1]!.seq);
  });
});
