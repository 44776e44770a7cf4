// One batch of one destination: the events after its cursor read in seq order, formatted and delivered.
// Runs in the senders' worker (delivery-worker.ts), off the thread that answers requests; the sender
// (sender.ts) decides what to send and commits the cursor.
import "server-only";
import { performance } from "node:perf_hooks";
import { AUDIT_EVENT_COLUMNS } from "@/lib/audit/columns";
import { db } from "@/lib/db/db";
import type { Pacer } from "./pacing";
import { deliver, describeDeliveryError, type Endpoint } from "./transport/deliver";
import { syslogMessage, UDP_MAX_BYTES, type SyslogIdentity, type WireFormat } from "./wire/syslog";

/**
 * Events read and formatted at a time. Between slices the worker's loop takes abort messages, and while
 * the main thread is busy the pacer makes the sender wait its share.
 */
const SLICE = 250;

export type BatchRequest = {
  /** The destination's cursor: the last event it confirmed. */
  after: bigint;
  /** The chain's head when the step began: nothing past it is read. */
  head: bigint;
  /** At most this many events. */
  max: number;
  format: WireFormat;
  identity: SyslogIdentity;
  endpoint: Endpoint;
};

export type BatchResult =
  /** Nothing after the cursor (pruned or not yet committed). */
  | { kind: "empty" }
  /** Delivered and confirmed up to `last`. */
  | { kind: "sent"; last: bigint; count: number }
  /** Not delivered: the sentence for the Audit Forwarding page. */
  | { kind: "failed"; message: string }
  /** Stopped before it was confirmed. */
  | { kind: "aborted" };

export async function sendBatch(request: BatchRequest, pacer: Pacer, signal: AbortSignal): Promise<BatchResult> {
  const { endpoint, format, identity } = request;
  const maxBytes = endpoint.protocol === "UDP" ? UDP_MAX_BYTES : undefined;
  // A function, not the property: deliver() and the pacer's waits may abort it meanwhile.
  const stopped = () => signal.aborted;
  const messages: Buffer[] = [];
  let last = request.after;
  while (messages.length < request.max && !stopped()) {
    const started = performance.now();
    const rows = await db().auditEvent.findMany({
      where: { seq: { gt: last, lte: request.head } },
      orderBy: { seq: "asc" },
      take: Math.min(SLICE, request.max - messages.length),
      select: AUDIT_EVENT_COLUMNS,
    });
    for (const r of rows) {
      messages.push(syslogMessage({ ...r, hash: r.hash ?? "", prevHash: r.prevHash ?? "" }, format, identity, maxBytes));
      last = r.seq;
    }
    await pacer.after(performance.now() - started, signal);
    if (rows.length < SLICE) break;
  }
  if (stopped()) return { kind: "aborted" };
  if (messages.length === 0) return { kind: "empty" };
  try {
    await deliver(endpoint, messages, signal);
  } catch (error) {
    if (stopped()) return { kind: "aborted" };
    return { kind: "failed", message: describeDeliveryError(error, endpoint) };
  }
  return { kind: "sent", last, count: messages.length };
}
