// Reading the Authorization header and writing WWW-Authenticate (RFC 6750). Pure: no I/O, no
// `server-only`, so unit tests and the benchmark's baseline can import it.

export type AuthorizationHeader =
  /** No Authorization header (or an empty one): the client did not try to authenticate. */
  | { kind: "missing" }
  /** Another scheme (Basic, Digest…): RFC 6750 §3.1 treats it like no authentication at all. */
  | { kind: "other_scheme"; scheme: string }
  /** "Bearer" with no credential, several credentials, or characters a b64token cannot hold. */
  | { kind: "malformed"; credential: string }
  | { kind: "bearer"; credential: string };

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * Splits `Authorization: <scheme> <credential>`. The scheme is case-insensitive (RFC 9110 §11.1);
 * exactly one credential must follow, separated by spaces. Node already trims the header value.
 */
export function parseAuthorizationHeader(value: string | undefined): AuthorizationHeader {
  if (value === undefined) return { kind: "missing" };
  const header = value.trim();
  if (header === "") return { kind: "missing" };
  const space = header.indexOf(" ");
  const scheme = space === -1 ? header : header.slice(0, space);
  if (scheme.toLowerCase() !== "bearer") return { kind: "other_scheme", scheme: scheme.slice(0, 32) };
  const credential = space === -1 ? "" : header.slice(space + 1).replace(/^ +/, "");
  if (credential === "" || !B64TOKEN.test(credential)) return { kind: "malformed", credential };
  return { kind: "bearer", credential };
}

const BEARER_REALM = "console";

export type BearerChallenge = {
  error?: "invalid_request" | "invalid_token" | "insufficient_scope";
  description?: string;
  scope?: string;
};

/** A quoted-string may not hold `"` or `\` unescaped, nor control characters; our messages never need them. */
function quoted(value: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return `"${value.replace(/[\u0000-\u001f\u007f"\\]/g, "")}"`;
}

/** The WWW-Authenticate value for a 401 or 403: `Bearer realm="console"[, error="…", …]`. */
export function wwwAuthenticate(challenge: BearerChallenge = {}): string {
  let value = `Bearer realm=${quoted(BEARER_REALM)}`;
  if (challenge.error) value += `, error=${quoted(challenge.error)}`;
  if (challenge.description) value += `, error_description=${quoted(challenge.description)}`;
  if (challenge.scope) value += `, scope=${quoted(challenge.scope)}`;
  return value;
}
