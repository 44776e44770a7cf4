import "server-only";
import { hashToken, isExpired, parseToken, tokenHint, type ParseTokenFailure, type TokenType } from "@/lib/tokens/server";
import { auditAuthFailure } from "./audit";
import { parseAuthorizationHeader, wwwAuthenticate } from "./header";
import { findServiceTokenByHash, type BearerTokenRow } from "./token-store";
import { checkApiThrottle, recordApiFailure } from "./rate-limit";
import { storedRangesAllow, throttleKeyOf } from "@/lib/tokens";

/** What an API route learns about its caller. Never the token or its hash. */
export type AuthenticatedToken = {
  /** Internal primary key (StoredFile.tokenId); not shown to clients. */
  id: string;
  publicId: string;
  type: TokenType;
  issuedTo: string;
  hint: string;
  createdAt: Date;
  expiresAt: Date;
  /** Allowed client ranges (one per line) or null; already enforced when authentication succeeds. */
  allowedCidrs: string | null;
};

type BearerFailureCode = "missing" | "malformed" | "unknown" | "expired" | "revoked" | "rate_limited" | "address_not_allowed";

type BearerFailure = {
  status: 401 | 403 | 429;
  code: BearerFailureCode;
  message: string;
  /** WWW-Authenticate (401) or Retry-After (429). */
  headers: Record<string, string>;
  /** The row id and type of the token presented, when it is a known one (its usage counts the refusal). */
  tokenId?: string;
  tokenType?: TokenType;
};

export type BearerResult = { ok: true; token: AuthenticatedToken } | { ok: false; failure: BearerFailure };

export type BearerRequestContext = {
  /** For the audit record of a failure. */
  userAgent?: string | null;
  route?: string;
  /**
   * Lets a rotated token through after its overlap (still refusing a revoked one), for the one route
   * that must see it: presenting a rotated token for rotation is reuse, however long ago it expired.
   */
  acceptRotated?: boolean;
};

const MALFORMED_MESSAGES: Record<ParseTokenFailure | "no_credential" | "not_b64token", string> = {
  no_credential: "The Authorization header has no token after Bearer.",
  not_b64token: "The Authorization header must hold exactly one token after Bearer.",
  wrong_prefix: "This is not a service token: service tokens start with opc_con_ or opc_dev_.",
  wrong_length: "The token has the wrong length: copy the whole token.",
  wrong_alphabet: "The token contains characters a service token never has.",
  bad_checksum: "The token's checksum does not match: it was mistyped or changed.",
};

function unauthorized(code: BearerFailureCode, message: string, withError = true): BearerFailure {
  return {
    status: 401,
    code,
    message,
    headers: {
      "www-authenticate": withError ? wwwAuthenticate({ error: "invalid_token", description: message }) : wwwAuthenticate(),
    },
  };
}

/**
 * The one Bearer authenticator every API route uses (RFC 6750):
 * 1. a throttled address is refused before any other work (429 with Retry-After);
 * 2. the header is split and the token's format and checksum checked, without I/O;
 * 3. its SHA-256 is looked up by the unique index (no cache: a revoked token fails on its next call);
 * 4. revoked, then expired tokens are refused (except rotated ones where the route accepts them).
 * Failures from 2 on count against the address before they are answered: past its limit the answer is
 * 429, not 401 (rate-limit.ts). Those within it are audited with the token's hint only.
 *
 * The result is synchronous when the lookup is (SQLite), a promise when it is not (PostgreSQL): the
 * API's hot path then runs without a single await (bench/README.md). `await` works on both.
 */
export function authenticateBearer(
  authorizationHeader: string | undefined,
  ip: string | null,
  now: Date,
  context: BearerRequestContext = {},
): BearerResult | Promise<BearerResult> {
  const throttleKey = throttleKeyOf(ip);
  const throttle = checkApiThrottle(throttleKey, now.getTime());
  if (throttle.limited) return rateLimited(throttle.retryAfterSeconds);

  const header = parseAuthorizationHeader(authorizationHeader);
  if (header.kind === "missing") {
    return { ok: false, failure: unauthorized("missing", "Send a service token: Authorization: Bearer <token>.", false) };
  }
  if (header.kind === "other_scheme") {
    // RFC 6750 §3.1: another scheme is no Bearer attempt, so no error code and nothing to throttle.
    const message = `The ${header.scheme} scheme is not supported. Send a service token: Authorization: Bearer <token>.`;
    return { ok: false, failure: unauthorized("missing", message, false) };
  }

  const attempt: Attempt = { throttleKey, credential: header.credential, ip, now, context };

  if (header.kind === "malformed") {
    const reason = header.credential === "" ? "no_credential" : "not_b64token";
    return fail(attempt, "malformed", MALFORMED_MESSAGES[reason], undefined, reason);
  }
  const parsed = parseToken(header.credential);
  if (!parsed.ok) return fail(attempt, "malformed", MALFORMED_MESSAGES[parsed.reason], undefined, parsed.reason);

  const row = findServiceTokenByHash(hashToken(parsed.token));
  return row instanceof Promise ? row.then((found) => judge(attempt, found)) : judge(attempt, row);
}

/** What a failure's throttling and audit record need to know about the request. */
type Attempt = { throttleKey: string; credential: string; ip: string | null; now: Date; context: BearerRequestContext };

function judge(attempt: Attempt, row: BearerTokenRow | null): BearerResult | Promise<BearerResult> {
  if (!row) return fail(attempt, "unknown", "The token is not recognised.");
  if (row.revokedAt !== null) return fail(attempt, "revoked", "The token has been revoked.", row);
  if (isExpired(row.expiresAt, attempt.now) && !(attempt.context.acceptRotated === true && row.replacedByPublicId !== null))
    return fail(attempt, "expired", `The token expired at ${row.expiresAt.toISOString()}.`, row);
  // Allowed addresses: the ranges come with the lookup, and each stored text is parsed once.
  if (!storedRangesAllow(row.allowedCidrs, attempt.ip)) return addressNotAllowed(attempt, row);
  const { id, publicId, type, issuedTo, hint, createdAt, expiresAt, allowedCidrs } = row;
  return { ok: true, token: { id, publicId, type, issuedTo, hint, createdAt, expiresAt, allowedCidrs } };
}

function rateLimited(seconds: number, row?: BearerTokenRow): BearerResult {
  return {
    ok: false,
    failure: {
      status: 429,
      code: "rate_limited",
      message: `Too many failed authentications from this address. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
      headers: { "retry-after": String(seconds) },
      ...(row === undefined ? {} : { tokenId: row.id, tokenType: row.type }),
    },
  };
}

/**
 * Counts the failure against the address first: past the limit it is answered 429 and not audited (so
 * the audit log grows by at most the limit per address and window); within it, `answer` audits and says.
 */
async function counted(attempt: Attempt, answer: () => BearerResult, row?: BearerTokenRow): Promise<BearerResult> {
  const throttle = await recordApiFailure(attempt.throttleKey);
  return throttle.limited ? rateLimited(throttle.retryAfterSeconds, row) : answer();
}

function fail(
  attempt: Attempt,
  code: BearerFailureCode,
  message: string,
  row?: BearerTokenRow,
  reason?: string,
): Promise<BearerResult> {
  const { context } = attempt;
  return counted(
    attempt,
    () => {
      auditAuthFailure({
        actorType: row ? "service_token" : "anonymous",
        actorId: row?.publicId ?? null,
        actorName: row?.hint ?? tokenHint(attempt.credential),
        action: "api.auth_failed",
        outcome: "failure",
        details: { code, ...(reason ? { reason } : {}), ...(context.route ? { route: context.route } : {}) },
        meta: { ip: attempt.ip, userAgent: context.userAgent ?? null },
      });
      return {
        ok: false,
        failure: row ? { ...unauthorized(code, message), tokenId: row.id, tokenType: row.type } : unauthorized(code, message),
      };
    },
    row,
  );
}

/**
 * A valid token used from outside its allowed ranges: 403 `address_not_allowed`, without
 * WWW-Authenticate (the credential is fine; RFC 6750 has no error for where it came from). It counts
 * against the address like a failed authentication, which also bounds the audit events per address.
 */
function addressNotAllowed(attempt: Attempt, row: BearerTokenRow): Promise<BearerResult> {
  const { context, ip } = attempt;
  return counted(
    attempt,
    () => {
      auditAuthFailure({
        actorType: "service_token",
        actorId: row.publicId,
        actorName: row.hint,
        action: "api.address_not_allowed",
        outcome: "failure",
        details: { address: ip, ...(context.route ? { route: context.route } : {}) },
        meta: { ip, userAgent: context.userAgent ?? null },
      });
      const message = `This token may not be used from ${ip ?? "an unknown address"}: it is restricted to its allowed addresses.`;
      return {
        ok: false,
        failure: { status: 403, code: "address_not_allowed", message, headers: {}, tokenId: row.id, tokenType: row.type },
      };
    },
    row,
  );
}
