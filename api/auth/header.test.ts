import { describe, expect, it } from "vitest";
import { parseAuthorizationHeader, wwwAuthenticate } from "./header";

const TOKEN = "opc_con_0123456789abcdefghijABCDEFGHIJ0123456789abcXYZ012";

describe("parseAuthorizationHeader", () => {
  it.each([undefined, "", "   "])("treats %j as missing", (value) => {
    expect(parseAuthorizationHeader(value)).toEqual({ kind: "missing" });
  });

  it.each(["Bearer", "bearer", "BEARER", "BeArEr"])("accepts the scheme %s case-insensitively", (scheme) => {
    expect(parseAuthorizationHeader(`${scheme} ${TOKEN}`)).toEqual({ kind: "bearer", credential: TOKEN });
  });

  it("accepts several spaces before the credential", () => {
    expect(parseAuthorizationHeader(`Bearer   ${TOKEN}`)).toEqual({ kind: "bearer", credential: TOKEN });
  });

  it.each([
    ["Bearer", ""],
    ["Bearer ", ""],
    [`Bearer ${TOKEN} ${TOKEN}`, `${TOKEN} ${TOKEN}`],
    [`Bearer ${TOKEN},x`, `${TOKEN},x`],
    ['Bearer "quoted"', '"quoted"'],
    ["Bearer tök", "tök"],
  ])("calls %j malformed", (value, credential) => {
    expect(parseAuthorizationHeader(value)).toEqual({ kind: "malformed", credential });
  });

  it("reports another scheme without its credentials", () => {
    expect(parseAuthorizationHeader("Basic dXNlcjpwYXNz")).toEqual({ kind: "other_scheme", scheme: "Basic" });
    expect(parseAuthorizationHeader(TOKEN)).toEqual({ kind: "other_scheme", scheme: TOKEN.slice(0, 32) });
  });

  it("accepts RFC 6750 b64token characters and trailing =", () => {
    expect(parseAuthorizationHeader("Bearer a-._~+/b==")).toEqual({ kind: "bearer", credential: "a-._~+/b==" });
  });
});

describe("wwwAuthenticate", () => {
  it("has only the realm when no token was sent", () => {
    expect(wwwAuthenticate()).toBe('Bearer realm="console"');
  });

  it("adds the error, its description and the scope", () => {
    expect(wwwAuthenticate({ error: "invalid_token", description: "The token has been revoked." })).toBe(
      'Bearer realm="console", error="invalid_token", error_description="The token has been revoked."',
    );
    expect(wwwAuthenticate({ error: "insufficient_scope", scope: "audit_events:read" })).toBe(
      'Bearer realm="console", error="insufficient_scope", scope="audit_events:read"',
    );
  });

  it("keeps quoted strings valid", () => {
    expect(wwwAuthenticate({ error: "invalid_token", description: 'say "hi"\\\n' })).toBe(
      'Bearer realm="console", error="invalid_token", error_description="say hi"',
    );
  });
});
