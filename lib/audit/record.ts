import "server-only";
import { db, type Db, type Tx } from "../db/db";
import { newId } from "../db/ids";
import type { AuditAction, AuditDetailsOf } from "./catalogue";

/** What the audit log records about a request: the caller's network address and client. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

type AuditEventBase = {
  actorType: "user" | "service_token" | "anonymous" | "system";
  actorId?: string | null;
  actorName?: string | null;
  outcome: "success" | "failure";
  targetType?: string | null;
  targetId?: string | null;
  meta?: RequestMeta;
};

/** One event of the catalogue: its action and exactly the details that action carries. */
export type AuditEventInput = {
  [A in AuditAction]: AuditEventBase &
    (AuditDetailsOf[A] extends null ? { action: A; details?: null } : { action: A; details: AuditDetailsOf[A] });
}[AuditAction];

/** Appends one audit event; pass the transaction client to write it atomically with a change. */
export async function recordAuditEvent(event: AuditEventInput, client: Db | Tx = db()): Promise<void> {
  await client.auditEvent.create({
    data: {
      id: newId(),
      actorType: event.actorType,
      actorId: event.actorId ?? null,
      actorName: event.actorName ?? null,
      action: event.action,
      outcome: event.outcome,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      ip: event.meta?.ip ?? null,
      userAgent: event.meta?.userAgent?.slice(0, 512) ?? null,
      details: event.details ? JSON.stringify(event.details) : null,
    },
  });
}
