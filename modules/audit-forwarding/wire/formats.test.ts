// Each wire format against hostile values: an Issued To of `a|b=c\d`, a line break and an emoji, in
// a header field too. What a SIEM parses back must be what was recorded, on one line.
import { describe, expect, it } from "vitest";
import { cefExtensionValue, cefHeaderValue, formatCef } from "./cef";
import type { ForwardedEvent } from "./event";
import { formatJson } from "./json";
import { formatLeef, leefValue } from "./leef";
import { octetCounted, syslogMessage, UDP_MAX_BYTES } from "./syslog";

const HOSTILE = "a|b=c\\d\nsecond line 😀";

const event = (overrides: Partial<ForwardedEvent> = {}): ForwardedEvent => ({
  seq: 42n,
  id: "0b1c2d3e-4f50-4617-8899-aabbccddeeff",
  hash: "a".repeat(64),
  prevHash: "b".repeat(64),
  createdAt: new Date("2026-03-04T05:06:07.089Z"),
  actorType: "user",
  actorId: "u-1",
  actorName: "alice",
  action: "service_token.create",
  outcome: "success",
  targetType: "service_token",
  targetId: "tok_7KQ2M9XA1B",
  ip: "192.0.2.7",
  userAgent: "Mozilla/5.0 (X11; Linux) a=b|c",
  details: JSON.stringify({ type: "CONNECTOR", issuedTo: HOSTILE, hint: "opc_con_…a1B2", expiresAt: "2027-01-01T00:00:00.000Z" }),
  ...overrides,
});

/** Splits a CEF extension the way ArcSight does: a key starts after an unescaped space before `key=`. */
function parseCefExtension(extension: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /(?:^| )([A-Za-z0-9]+)=((?:\\.|[^\\])*?)(?= [A-Za-z0-9]+=|$)/g;
  for (const m of extension.matchAll(re)) {
    out[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "r" ? "\r" : c));
  }
  return out;
}

describe("CEF", () => {
  it("escapes the header and the extension as the standard says", () => {
    expect(cefHeaderValue(HOSTILE)).toBe("a\\|b=c\\\\d second line 😀");
    expect(cefExtensionValue(HOSTILE)).toBe("a|b\\=c\\\\d\\nsecond line 😀");
    expect(cefExtensionValue("x\r\ny\rz")).toBe("x\\ny\\rz");
  });

  it("writes one line whose fields parse back to what was recorded", () => {
    const message = formatCef(event());
    expect(message).not.toMatch(/[\r\n]/);
    expect(message.startsWith("CEF:0|OPSWAT|Service Tokens Console|1.0|service_token.create|Created a service token|3|")).toBe(
      true,
    );
    const ext = parseCefExtension(message.split("|").slice(7).join("|"));
    expect(ext).toMatchObject({
      rt: String(Date.parse("2026-03-04T05:06:07.089Z")),
      externalId: "0b1c2d3e-4f50-4617-8899-aabbccddeeff",
      cn1: "42",
      act: "service_token.create",
      outcome: "success",
      suser: "alice",
      src: "192.0.2.7",
      cs1: "tok_7KQ2M9XA1B",
      cs1Label: "Token ID",
      cs2: HOSTILE,
      cs3: "a".repeat(64),
      cs4: "b".repeat(64),
      requestClientApplication: "Mozilla/5.0 (X11; Linux) a=b|c",
    });
    expect(JSON.parse(ext.cs5!)).toMatchObject({ issuedTo: HOSTILE });
  });

  it("rates failures higher than successes", () => {
    expect(formatCef(event({ outcome: "failure", action: "api.auth_failed" })).split("|")[6]).toBe("6");
  });
});

describe("LEEF 2.0", () => {
  it("declares its tab delimiter and keeps every value on one line without a raw tab", () => {
    expect(leefValue(`${HOSTILE}\tx`)).toBe("a|b=c\\\\d\\nsecond line 😀\\tx");
    const message = formatLeef(event({ actorName: "ali\tce" }));
    expect(message).not.toMatch(/[\r\n]/);
    expect(message.startsWith("LEEF:2.0|OPSWAT|Service Tokens Console|1.0|service_token.create|x09|")).toBe(true);
    const attributes = Object.fromEntries(
      message
        .split("|")
        .slice(6)
        .join("|")
        .split("\t")
        .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
    );
    expect(attributes).toMatchObject({
      devTime: "2026-03-04T05:06:07.089Z",
      cat: "service_token",
      sev: "3",
      act: "service_token.create",
      usrName: "ali\\tce",
      src: "192.0.2.7",
      cs1: "tok_7KQ2M9XA1B",
      cs2: "a|b=c\\\\d\\nsecond line 😀",
      eventHash: "a".repeat(64),
      sequence: "42",
    });
  });

  it("escapes the header's pipes and backslashes", () => {
    expect(formatLeef(event({ action: "x|y\\z" }))).toContain("|1.0|x\\|y\\\\z|x09|");
  });
});

describe("JSON", () => {
  it("writes one object per message that parses back exactly", () => {
    const message = formatJson(event());
    expect(message).not.toMatch(/[\r\n]/);
    const parsed = JSON.parse(message) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      id: "0b1c2d3e-4f50-4617-8899-aabbccddeeff",
      seq: "42",
      time: "2026-03-04T05:06:07.089Z",
      action: "service_token.create",
      actor: { type: "user", id: "u-1", name: "alice" },
      target: { type: "service_token", id: "tok_7KQ2M9XA1B" },
      details: { issuedTo: HOSTILE },
      hash: "a".repeat(64),
      prevHash: "b".repeat(64),
    });
    expect(parsed.detailsText).toBe(event().details);
  });
});

describe("RFC 5424 and its framing", () => {
  const identity = { hostname: "appliance-1.example", appName: "service-tokens" };

  it("writes PRI, version, time, host, app, MSGID and the message; failures at warning, sign-ins as authpriv", () => {
    const text = syslogMessage(event(), "JSON", identity).toString("utf8");
    expect(text).toMatch(/^<133>1 2026-03-04T05:06:07\.089Z appliance-1\.example service-tokens - service_token\.create - \{/);
    const failure = syslogMessage(event({ action: "auth.sign_in_failed", outcome: "failure" }), "CEF", identity).toString();
    expect(failure.startsWith("<84>1 ")).toBe(true);
    const odd = syslogMessage(event(), "CEF", { hostname: "host name\n", appName: "app 😀" }).toString();
    expect(odd).toContain(" hostname app - ");
  });

  it("counts octets, not characters, over TCP", () => {
    const message = syslogMessage(event(), "CEF", identity);
    const framed = octetCounted(message).toString("utf8");
    const length = Number(framed.slice(0, framed.indexOf(" ")));
    expect(length).toBe(Buffer.byteLength(framed.slice(framed.indexOf(" ") + 1), "utf8"));
    expect(length).toBeGreaterThan(framed.length - framed.indexOf(" ") - 1);
  });

  it("fits a datagram: too large a message loses its details and user agent, never its ID or hashes", () => {
    const big = event({ details: JSON.stringify({ issuedTo: "😀".repeat(2000) }) });
    for (const format of ["CEF", "LEEF", "JSON"] as const) {
      const datagram = syslogMessage(big, format, identity, UDP_MAX_BYTES);
      expect(datagram.length).toBeLessThanOrEqual(UDP_MAX_BYTES);
      const text = datagram.toString("utf8");
      expect(text).toContain(big.id);
      expect(text).toContain(big.hash);
      expect(text).toMatch(/trimmed/);
      expect(syslogMessage(big, format, identity).length).toBeGreaterThan(UDP_MAX_BYTES);
    }
  });
});
