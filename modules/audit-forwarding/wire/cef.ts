// ArcSight CEF (Common Event Format, revision 25): a header of seven pipe-separated fields and an
// extension of key=value pairs. Escaping by the standard: in the header `\` and `|` are escaped with a
// backslash and there are no line breaks (replaced by a space); in extension values `\` and `=` are
// escaped and line breaks are written as \n and \r.
import { eventFields, PRODUCT, PRODUCT_VERSION, siemSeverity, VENDOR, type ForwardedEvent } from "./event";

export function cefHeaderValue(value: string): string {
  return value.replace(/[\\|]/g, (c) => `\\${c}`).replace(/\r\n|[\r\n]/g, " ");
}

export function cefExtensionValue(value: string): string {
  return value.replace(/[\\=]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, (c) => (c === "\r" ? "\\r" : "\\n"));
}

/** Pairs with a null value are left out; the order is the mapping table's. */
function extension(pairs: [string, string | number | bigint | null][]): string {
  return pairs
    .filter((p): p is [string, string | number | bigint] => p[1] !== null)
    .map(([key, value]) => `${key}=${cefExtensionValue(String(value))}`)
    .join(" ");
}

/** One event as a CEF message; `trimmed` leaves out the details, Issued To and user agent (a UDP datagram's cap). */
export function formatCef(e: ForwardedEvent, { trimmed = false } = {}): string {
  const f = eventFields(e);
  const header = ["CEF:0", VENDOR, PRODUCT, PRODUCT_VERSION, e.action, f.label, String(siemSeverity(e))].map((v, i) =>
    i === 0 ? v : cefHeaderValue(v),
  );
  return `${header.join("|")}|${extension([
    ["rt", e.createdAt.getTime()],
    ["externalId", e.id],
    ["cn1", e.seq],
    ["cn1Label", "Sequence"],
    ["cat", f.category],
    ["act", e.action],
    ["outcome", e.outcome],
    ["suser", e.actorName],
    ["suid", e.actorId],
    ["src", e.ip],
    ["cs1", f.tokenId],
    ["cs1Label", f.tokenId === null ? null : "Token ID"],
    ["cs2", trimmed ? null : f.issuedTo],
    ["cs2Label", trimmed || f.issuedTo === null ? null : "Issued To"],
    ["cs3", e.hash],
    ["cs3Label", "Event Hash"],
    ["cs4", e.prevHash],
    ["cs4Label", "Previous Hash"],
    ["cs6", f.target],
    ["cs6Label", f.target === null ? null : "Target"],
    ["requestClientApplication", trimmed ? null : e.userAgent],
    ["cs5", trimmed ? null : e.details],
    ["cs5Label", trimmed || e.details === null ? null : "Details"],
    ["reason", trimmed ? "trimmed to fit one datagram" : null],
  ])}`;
}
