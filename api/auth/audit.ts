import "server-only";
import { AuditBudget, writeAuditEventInBackground } from "@/lib/audit/budget";
import type { AuditEventInput } from "@/lib/audit/record";

/**
 * Failed Bearer authentications go to the audit log without delaying the response, and in bounded
 * amounts: per address they are already capped by the throttle (its limit per minute, then 429s, which
 * are not recorded); across addresses at most AUDIT_BUDGET_PER_MINUTE are written per process and
 * minute, plus one summary event counting the ones left out.
 */
const AUDIT_BUDGET_PER_MINUTE = 600;
const MAX_IN_FLIGHT = 64;

const budget = new AuditBudget({
  perWindow: AUDIT_BUDGET_PER_MINUTE,
  windowMs: 60_000,
  summary: (count) => ({
    actorType: "system",
    action: "api.auth_failed_suppressed",
    outcome: "failure",
    details: { count, reason: "more failed API authentications than the audit log records per minute" },
  }),
});
let inFlight = 0;

/** Records one failed authentication unless this minute's budget is spent; never throws, never waits. */
export function auditAuthFailure(event: AuditEventInput, now = Date.now()): void {
  // A slow database must not pile up pending writes: past MAX_IN_FLIGHT, count it as suppressed.
  if (inFlight >= MAX_IN_FLIGHT) {
    budget.suppress(now);
    return;
  }
  if (!budget.take(now)) return;
  inFlight++;
  void writeAuditEventInBackground(event).finally(() => {
    inFlight--;
  });
}
