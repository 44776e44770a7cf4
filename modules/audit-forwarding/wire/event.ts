// What a forwarded message says about an audit event, decided once for every format: the fields, the
// syslog severity and facility, and the values CEF and LEEF put in their standard keys.
import { auditActionLabel } from "@/lib/audit/catalogue";

/** An audit event as stored, with its place in the chain. */
export type ForwardedEvent = {
  seq: bigint;
  id: string;
  hash: string;
  prevHash: string;
  createdAt: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  /** JSON text, as stored. */
  details: string | null;
};

/** RFC 5424 severities used: notice for what went as asked, warning for failures, error for lost events. */
const SEVERITY = { error: 3, warning: 4, notice: 5 } as const;
/** RFC 5424 facilities: authpriv for sign-in and API authentication, local0 for the rest. */
const FACILITY = { authpriv: 10, local0: 16 } as const;

export function severityOf(e: Pick<ForwardedEvent, "action" | "outcome">): number {
  if (e.action === "audit_forwarding.backlog_overflow" || (e.action === "audit_log.verify" && e.outcome === "failure")) {
    return SEVERITY.error;
  }
  return e.outcome === "failure" ? SEVERITY.warning : SEVERITY.notice;
}

export function facilityOf(e: Pick<ForwardedEvent, "action">): number {
  return e.action.startsWith("auth.") || e.action.startsWith("api.") ? FACILITY.authpriv : FACILITY.local0;
}

/** CEF's 0–10 and LEEF's 1–10 severity. */
export function siemSeverity(e: Pick<ForwardedEvent, "action" | "outcome">): number {
  const s = severityOf(e);
  return s === SEVERITY.error ? 8 : s === SEVERITY.warning ? 6 : 3;
}

function parsedDetails(details: string | null): Record<string, unknown> {
  if (!details) return {};
  try {
    const value: unknown = JSON.parse(details);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The values of the mapping table in docs/audit.md, in the order CEF and LEEF write them. */
export type EventFields = {
  label: string;
  category: string;
  tokenId: string | null;
  issuedTo: string | null;
  target: string | null;
};

export function eventFields(e: ForwardedEvent): EventFields {
  const details = parsedDetails(e.details);
  const tokenId = e.targetType === "service_token" ? e.targetId : e.actorType === "service_token" ? e.actorId : null;
  return {
    label: auditActionLabel(e.action),
    category: e.action.split(".")[0] ?? e.action,
    tokenId,
    issuedTo: typeof details.issuedTo === "string" ? details.issuedTo : null,
    target: e.targetType && e.targetId ? `${e.targetType}:${e.targetId}` : (e.targetId ?? null),
  };
}

export const VENDOR = "OPSWAT";
export const PRODUCT = "Service Tokens Console";
export const PRODUCT_VERSION = "1.0";
