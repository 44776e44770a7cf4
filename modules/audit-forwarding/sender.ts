// The sender of one destination: a job (lib/jobs) that reads the chain after the destination's cursor
// in seq order, sends a batch, and moves the cursor in a transaction fenced by its lease, so exactly one
// instance sends each destination and a restart resumes where the last confirmed batch ended. A backlog
// past its limit (events or age) is skipped up to the limit, and that skip is itself an audit event.
import "server-only";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/users";
import { db } from "@/lib/db/db";
import type { Job, JobContext } from "@/lib/jobs/runner";
import { endpointOf, destinationSelect, wireFormatOf } from "./destinations";
import { isConsoleListener } from "./loop-guard";
import { sendThroughWorker } from "./delivery";
import { getAuditSettings, syslogIdentity } from "./settings";
import { deliver, DeliveryError, describeDeliveryError } from "./transport/deliver";
import type { ForwardedEvent } from "./wire/event";
import { syslogMessage, UDP_MAX_BYTES } from "./wire/syslog";

/** Events per batch: one connection, one confirmation, one cursor commit. */
const BATCH_SIZE = { UDP: 500, TCP: 5_000, TLS: 5_000 } as const;
const LOOP_MESSAGE = "This destination points at the console's own address and port: nothing is sent there.";
const DAY_MS = 86_400_000;

export const jobNameOf = (destinationId: string) => `audit-forwarding:${destinationId}`;

type Overflow = { toSeq: bigint; count: number; reason: "events" | "age" | "pruned" };

/** Where the cursor must jump to keep the backlog within its limits, if anywhere. */
async function overflowOf(cursor: bigint, head: bigint, now: number): Promise<Overflow | null> {
  const settings = await getAuditSettings();
  const first = await db().auditEvent.findFirst({
    where: { seq: { gt: cursor } },
    orderBy: { seq: "asc" },
    select: { seq: true, createdAt: true },
  });
  if (!first) return head > cursor ? { toSeq: head, count: Number(head - cursor), reason: "pruned" } : null;
  if (first.seq > cursor + 1n) return { toSeq: first.seq - 1n, count: Number(first.seq - 1n - cursor), reason: "pruned" };
  const byCount = head - BigInt(settings.backlogMaxEvents);
  if (byCount > cursor) return { toSeq: byCount, count: Number(byCount - cursor), reason: "events" };
  const cutoff = new Date(now - settings.backlogMaxDays * DAY_MS);
  if (first.createdAt < cutoff) {
    const fresh = await db().auditEvent.findFirst({
      where: { createdAt: { gte: cutoff } },
      orderBy: { createdAt: "asc" },
      select: { seq: true },
    });
    const toSeq = fresh ? fresh.seq - 1n : head;
    if (toSeq > cursor) return { toSeq, count: Number(toSeq - cursor), reason: "age" };
  }
  return null;
}

async function recordFailure(id: string, message: string, now: Date): Promise<void> {
  const row = await db().auditDestination.findUnique({ where: { id }, select: { failingSince: true } });
  await db().auditDestination.updateMany({
    where: { id },
    data: { failingSince: row?.failingSince ?? now, lastError: message, lastAttemptAt: now },
  });
}

async function stepDestination(id: string, { clock, signal, fence }: JobContext): Promise<"more" | "idle"> {
  const dest = await db().auditDestination.findUnique({ where: { id }, select: destinationSelect });
  if (!dest) return "idle";
  const head = (await db().auditChainHead.findUnique({ where: { id: 1 }, select: { seq: true } }))?.seq ?? 0n;
  if (dest.cursorSeq >= head) return "idle";
  const now = clock.now();

  const overflow = await overflowOf(dest.cursorSeq, head, now);
  if (overflow) {
    await db().$transaction(async (tx) => {
      await fence(tx);
      const moved = await tx.auditDestination.updateMany({
        where: { id, cursorSeq: dest.cursorSeq },
        data: {
          cursorSeq: overflow.toSeq,
          overflowAt: new Date(now),
          overflowFromSeq: dest.cursorSeq + 1n,
          overflowToSeq: overflow.toSeq,
        },
      });
      if (moved.count !== 1) return;
      await recordAuditEvent(
        {
          actorType: "system",
          action: "audit_forwarding.backlog_overflow",
          outcome: "failure",
          targetType: "audit_destination",
          targetId: id,
          details: {
            name: dest.name,
            fromSeq: String(dest.cursorSeq + 1n),
            toSeq: String(overflow.toSeq),
            count: overflow.count,
            reason: overflow.reason,
          },
        },
        tx,
      );
    });
    console.error(`audit forwarding: ${dest.name}: backlog overflow (${overflow.reason}), skipped ${overflow.count} events`);
    return "more";
  }

  const endpoint = endpointOf(dest);
  if (await isConsoleListener(endpoint.host, endpoint.port)) {
    await recordFailure(id, LOOP_MESSAGE, new Date(clock.now()));
    throw new DeliveryError(LOOP_MESSAGE);
  }
  const result = await sendThroughWorker(
    {
      after: dest.cursorSeq,
      head,
      max: BATCH_SIZE[endpoint.protocol],
      format: wireFormatOf(dest),
      identity: syslogIdentity(await getAuditSettings()),
      endpoint,
    },
    signal,
  );
  if (result.kind === "aborted" || result.kind === "empty") return "idle";
  if (result.kind === "failed") {
    await recordFailure(id, result.message, new Date(clock.now()));
    throw new DeliveryError(result.message);
  }
  const last = result.last;
  await db().$transaction(async (tx) => {
    await fence(tx);
    await tx.auditDestination.updateMany({
      where: { id, cursorSeq: dest.cursorSeq },
      data: {
        cursorSeq: last,
        deliveredAt: new Date(clock.now()),
        lastAttemptAt: new Date(clock.now()),
        failingSince: null,
        lastError: null,
      },
    });
  });
  return result.count === BATCH_SIZE[endpoint.protocol] ? "more" : "idle";
}

export function destinationJob(id: string): Job {
  return { name: jobNameOf(id), step: (context) => stepDestination(id, context) };
}

/** "Send test event": one message straight to the destination, outside the chain; the outcome in words. */
export async function sendTestEvent(
  id: string,
  actor: SessionUser,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ ok: boolean; message: string; name: string } | null> {
  const dest = await db().auditDestination.findUnique({ where: { id }, select: destinationSelect });
  if (!dest) return null;
  const endpoint = endpointOf(dest);
  const test: ForwardedEvent = {
    seq: 0n,
    id: `test-${now.getTime()}`,
    hash: "0".repeat(64),
    prevHash: "0".repeat(64),
    createdAt: now,
    actorType: "system",
    actorId: null,
    actorName: null,
    action: "audit_forwarding.test_event",
    outcome: "success",
    targetType: "audit_destination",
    targetId: id,
    ip: null,
    userAgent: null,
    details: JSON.stringify({ name: dest.name, result: "test message" }),
  };
  const message = syslogMessage(
    test,
    wireFormatOf(dest),
    syslogIdentity(await getAuditSettings()),
    endpoint.protocol === "UDP" ? UDP_MAX_BYTES : undefined,
  );
  let result: { ok: boolean; message: string; name: string };
  try {
    if (await isConsoleListener(endpoint.host, endpoint.port)) {
      throw new DeliveryError(LOOP_MESSAGE);
    }
    await deliver(endpoint, [message]);
    result = {
      ok: true,
      name: dest.name,
      message:
        endpoint.protocol === "UDP"
          ? `Sent one datagram to ${dest.host}:${dest.port} (UDP does not confirm receipt).`
          : `The receiver at ${dest.host}:${dest.port} took the test event and confirmed it.`,
    };
  } catch (error) {
    result = { ok: false, name: dest.name, message: describeDeliveryError(error, endpoint) };
  }
  await recordAuditEvent({
    actorType: "user",
    actorId: actor.id,
    actorName: actor.username,
    action: "audit_forwarding.test_event",
    outcome: result.ok ? "success" : "failure",
    targetType: "audit_destination",
    targetId: id,
    details: { name: dest.name, result: result.message },
    meta,
  });
  return result;
}
