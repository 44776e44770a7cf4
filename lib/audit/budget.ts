import "server-only";
import { errorLine } from "@/lib/log/error-line";
import { registerSingleCopy } from "@/lib/single-copy";
import { recordAuditEvent, type AuditEventInput } from "./record";

registerSingleCopy("lib/audit/budget");

/**
 * Bounds how many events of one kind a process writes per window, so that an attack from many addresses
 * cannot make the audit log grow without bound: past the budget, events are only counted, and one
 * summary event with the count is written when the window ends.
 */
export class AuditBudget {
  private windowStart = 0;
  private written = 0;
  private suppressed = 0;
  private summaryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: { perWindow: number; windowMs: number; summary: (count: number) => AuditEventInput }) {}

  /** Whether the caller may record one more event now; if not, it is counted for the summary. */
  take(now = Date.now()): boolean {
    if (now - this.windowStart >= this.options.windowMs) {
      this.windowStart = now;
      this.written = 0;
    }
    if (this.written < this.options.perWindow) {
      this.written++;
      return true;
    }
    this.suppress(now);
    return false;
  }

  /** Counts an event the caller leaves out for another reason (e.g. too many writes pending). */
  suppress(now = Date.now()): void {
    this.suppressed++;
    this.summaryTimer ??= setTimeout(
      () => this.writeSummary(),
      Math.max(0, this.windowStart + this.options.windowMs - now),
    ).unref();
  }

  private writeSummary(): void {
    this.summaryTimer = undefined;
    if (this.suppressed === 0) return;
    const count = this.suppressed;
    this.suppressed = 0;
    void writeAuditEventInBackground(this.options.summary(count));
  }
}

/** Writes an audit event off the request's path; a failure is logged (first line only), never thrown. */
export function writeAuditEventInBackground(event: AuditEventInput): Promise<void> {
  return recordAuditEvent(event).then(
    () => undefined,
    (error: unknown) => {
      console.error(`audit: could not record ${event.action}: ${errorLine(error)}`);
    },
  );
}
