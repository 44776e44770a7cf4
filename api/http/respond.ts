import "server-only";
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { ErrorCode } from "../schemas";

/**
 * Headers on every API response: nothing is cached (responses depend on a secret), nothing sniffed, and
 * a browser that opens one loads and runs nothing, not even framed (JSON and files only).
 */
export const API_BASE_HEADERS: OutgoingHttpHeaders = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
};

/**
 * Carries the calling token's expiry on every response after a successful authentication, like GitHub's
 * GitHub-Authentication-Token-Expiration, so clients can warn before the token lapses. ISO 8601, UTC.
 */
export const TOKEN_EXPIRATION_HEADER = "x-token-expiration";

/** An expected failure of a request: its status, code and message go to the client. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: OutgoingHttpHeaders = {},
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers?: OutgoingHttpHeaders): void {
  const json = JSON.stringify(body);
  // One object literal (a fixed shape), extended in place: cheaper than spreading on every response.
  const out: OutgoingHttpHeaders = {
    "cache-control": API_BASE_HEADERS["cache-control"],
    "x-content-type-options": API_BASE_HEADERS["x-content-type-options"],
    "content-security-policy": API_BASE_HEADERS["content-security-policy"],
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
  };
  if (headers) for (const name in headers) out[name] = headers[name];
  res.writeHead(status, out);
  res.end(json);
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  headers: OutgoingHttpHeaders = {},
): void {
  sendJson(res, status, { error: { code, message } }, headers);
}
