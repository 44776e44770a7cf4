// RFC 5424 messages and their transport framing: over TCP and TLS octet counting (RFC 6587 §3.4.1:
// "<length> <message>", so a message may hold any byte, line breaks included); over UDP one message per
// datagram (RFC 5426), at most UDP_MAX_BYTES.
import { facilityOf, severityOf, type ForwardedEvent } from "./event";
import { formatCef } from "./cef";
import { formatJson } from "./json";
import { formatLeef } from "./leef";

export type WireFormat = "CEF" | "LEEF" | "JSON";
export type SyslogIdentity = { hostname: string; appName: string };

/**
 * A datagram every receiver accepts: RFC 5426 asks receivers for at least 2048 octets (and IPv4 paths
 * without fragmentation for about 1,180). Larger messages are re-formatted without the details, Issued To
 * and the user agent (marked as trimmed); the event's ID and hashes are always kept.
 */
export const UDP_MAX_BYTES = 2048;

/** PRINTUSASCII without spaces, as RFC 5424 requires of HOSTNAME (255), APP-NAME (48) and MSGID (32). */
function headerToken(value: string, max: number): string {
  const cleaned = value.replace(/[^\x21-\x7e]/g, "").slice(0, max);
  return cleaned || "-";
}

const FORMATTERS = { CEF: formatCef, LEEF: formatLeef, JSON: formatJson } satisfies Record<
  WireFormat,
  (e: ForwardedEvent, options?: { trimmed?: boolean }) => string
>;

function rfc5424(e: ForwardedEvent, identity: SyslogIdentity, msg: string): string {
  const pri = facilityOf(e) * 8 + severityOf(e);
  // No BOM before MSG: CEF and LEEF parsers read the message's first bytes as their header, so MSG is
  // MSG-ANY (UTF-8 without BOM), which RFC 5424 allows.
  return `<${pri}>1 ${e.createdAt.toISOString()} ${headerToken(identity.hostname, 255)} ${headerToken(identity.appName, 48)} - ${headerToken(e.action, 32)} - ${msg}`;
}

/** One event as an RFC 5424 message (UTF-8 bytes), no framing. */
export function syslogMessage(e: ForwardedEvent, format: WireFormat, identity: SyslogIdentity, maxBytes?: number): Buffer {
  const full = Buffer.from(rfc5424(e, identity, FORMATTERS[format](e)), "utf8");
  if (maxBytes === undefined || full.length <= maxBytes) return full;
  const trimmed = Buffer.from(rfc5424(e, identity, FORMATTERS[format](e, { trimmed: true })), "utf8");
  if (trimmed.length <= maxBytes) return trimmed;
  // Only an absurdly long actor name or action gets here: cut at a character boundary.
  let end = maxBytes;
  while (end > 0 && ((trimmed[end] ?? 0) & 0xc0) === 0x80) end--;
  return trimmed.subarray(0, end);
}

/** RFC 6587 octet counting: "<length> <message>". */
export function octetCounted(message: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${message.length} `, "ascii"), message]);
}
