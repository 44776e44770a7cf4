import "server-only";
import { recordAuditEvent, type AuditEventInput } from "@/lib/server/audit/record";

/**
 * Failed Bearer authentications go to the audit log without delaying the response, and in bounded
 * amounts: per address they are already capped by the throttle (its limit per minute, then 429s, which
 * are not recorded); across addresses at most AUDIT_BUDGET_PER_MINUTE are written per process and
 * minute, plus one summary event counting the ones left out, so a distributed attack cannot make the
 * audit log grow without bound.
 */
const AUDIT_BUDGET_PER_MINUTE = 600;
const MAX_IN_FLIGHT = 64;
const WINDOW_MS = 60_000;

let windowStart = 0;
let written = 0;
let suppressed = 0;
let inFlight = 0;
let summaryTimer: NodeJS.Timeout | undefined;

function write(event: AuditEventInput): void {
  inFlight++;
  recordAuditEvent(event)
    .catch((error: unknown) => {
      console.error(`api: could not record an audit event: ${(error as Error).message.split("\n")[0]}`);
    })
    .finally(() => {
      inFlight--;
    });
}

function writeSummary(): void {
  summaryTimer = undefined;
  if (suppressed === 0) return;
  const count = suppressed;
  suppressed = 0;
  write({
    actorType: "system",
    action: "api.auth_failed_suppressed",
    outcome: "failure",
    details: { count, reason: "more failed API authentications than the audit log records per minute" },
  });
}

/** Records one failed authentication unless this minute's budget is spent; never throws, never waits. */
export function auditAuthFailure(event: AuditEventInput, now = Date.now()): void {
  if (now - windowStart >= WINDOW_MS) {
    windowStart = now;
    written = 0;
  }
  if (written >= AUDIT_BUDGET_PER_MINUTE || inFlight >= MAX_IN_FLIGHT) {
    suppressed++;
    summaryTimer ??= setTimeout(writeSummary, windowStart + WINDOW_MS - now).unref();
    return;
  }
  written++;
  write(event);
}
