// JSON: one object per message (never split over lines: JSON.stringify escapes line breaks), with the
// event as stored, its place in the chain and both hashes.
import { auditActionLabel } from "@/lib/audit/catalogue";
import { siemSeverity, type ForwardedEvent } from "./event";

export function formatJson(e: ForwardedEvent, { trimmed = false } = {}): string {
  let details: unknown = null;
  if (!trimmed && e.details !== null) {
    try {
      details = JSON.parse(e.details);
    } catch {
      details = e.details;
    }
  }
  return JSON.stringify({
    id: e.id,
    seq: String(e.seq),
    time: e.createdAt.toISOString(),
    action: e.action,
    label: auditActionLabel(e.action),
    outcome: e.outcome,
    severity: siemSeverity(e),
    actor: { type: e.actorType, id: e.actorId, name: e.actorName },
    target: { type: e.targetType, id: e.targetId },
    ip: e.ip,
    userAgent: trimmed ? null : e.userAgent,
    details,
    // The stored text, exactly as the hash covers it.
    detailsText: trimmed ? null : e.details,
    hash: e.hash,
    prevHash: e.prevHash,
    ...(trimmed ? { trimmed: true } : {}),
  });
}
