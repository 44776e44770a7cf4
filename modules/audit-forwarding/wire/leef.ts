// IBM LEEF 2.0: `LEEF:2.0|Vendor|Product|Version|EventID|x09|` then key=value attributes separated by a
// tab (declared in the header). LEEF defines no escaping inside values, only that they must not contain
// the delimiter; so values are escaped as CEF escapes its extension (`\` doubled, line breaks and tabs
// written as \n, \r, \t), and the header as CEF's (`\` and `|` escaped, no line breaks).
import { cefHeaderValue } from "./cef";
import { eventFields, PRODUCT, PRODUCT_VERSION, siemSeverity, VENDOR, type ForwardedEvent } from "./event";

export function leefValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\r\n|[\r\n\t]/g, (c) => (c === "\t" ? "\\t" : c === "\r" ? "\\r" : "\\n"));
}

export function formatLeef(e: ForwardedEvent, { trimmed = false } = {}): string {
  const f = eventFields(e);
  const header = ["LEEF:2.0", VENDOR, PRODUCT, PRODUCT_VERSION, e.action].map((v, i) => (i === 0 ? v : cefHeaderValue(v)));
  const pairs: [string, string | number | bigint | null][] = [
    ["devTime", e.createdAt.toISOString()],
    ["devTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX"],
    ["cat", f.category],
    ["sev", siemSeverity(e)],
    ["externalId", e.id],
    ["sequence", e.seq],
    ["act", e.action],
    ["outcome", e.outcome],
    ["usrName", e.actorName],
    ["suser", e.actorName],
    ["suid", e.actorId],
    ["src", e.ip],
    ["cs1", f.tokenId],
    ["cs1Label", f.tokenId === null ? null : "Token ID"],
    ["cs2", trimmed ? null : f.issuedTo],
    ["cs2Label", trimmed || f.issuedTo === null ? null : "Issued To"],
    ["eventHash", e.hash],
    ["prevHash", e.prevHash],
    ["target", f.target],
    ["userAgent", trimmed ? null : e.userAgent],
    ["details", trimmed ? null : e.details],
    ["reason", trimmed ? "trimmed to fit one datagram" : null],
  ];
  const attributes = pairs
    .filter((p): p is [string, string | number | bigint] => p[1] !== null)
    .map(([key, value]) => `${key}=${leefValue(String(value))}`)
    .join("\t");
  return `${header.join("|")}|x09|${attributes}`;
}
