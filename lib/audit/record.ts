import "server-only";
import { db, type Db, type Tx } from "../db/db";
import { newId } from "../db/ids";
import { countAuditEvent } from "../metrics/registry";
import { appendToChain, type ChainLink, type NewChainRow } from "./chain";
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

export type RecordedAuditEvent = ChainLink & { id: string };

/**
 * Work that must happen exactly when an event is recorded, in its transaction: notifications derive
 * their token events (created, revoked, rotated, reuse detected) from the audit trail, so an action
 * notifies if and only if it was audited. A listener must answer quickly for actions it ignores (every
 * event passes through it) and read only through `tx` (SQLite has one writer).
 */
export type AuditListener = (event: AuditEventInput, tx: Tx, at: Date) => Promise<void>;
const listeners = new Set<AuditListener>();

/** Adds a listener for this process; the function returned removes it. */
export function onAuditEvent(listener: AuditListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function appendAndTell(tx: Tx, event: AuditEventInput, row: NewChainRow): Promise<ChainLink> {
  const now = new Date();
  // The listeners first: appending takes the chain head's row lock, which every audit event waits for,
  // so it is held only for the append itself.
  for (const listener of listeners) await listener(event, tx, now);
  return appendToChain(tx, row, now);
}

/**
 * Appends one audit event to the hash chain; pass the transaction client to write it atomically with a
 * change (and with its place in every forwarding destination's queue: the destinations read the chain).
 * Without one, the event gets a transaction of its own.
 */
export async function recordAuditEvent(event: AuditEventInput, client: Db | Tx = db()): Promise<RecordedAuditEvent> {
  const id = newId();
  const row = {
    id,
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
  };
  // The process's client has $transaction; a transaction's client does not.
  const link =
    "$transaction" in client
      ? await client.$transaction((tx) => appendAndTell(tx, event, row))
      : await appendAndTell(client, event, row);
  // Inside a caller's transaction it is counted when written, even should that transaction roll back.
  countAuditEvent(event.action);
  return { ...link, id };
}
