// The Idempotency-Key request header (IETF draft-ietf-httpapi-idempotency-key-header, as Stripe uses
// it): a client-chosen key that makes a retried POST answer what the first one did. Pure: no I/O.

/** Visible ASCII without `"`, `,` and `\`; at least 16 characters, so that a key is hard to guess. */
const KEY = /^[\x21\x23-\x2b\x2d-\x5b\x5d-\x7e]{16,255}$/;

export const IDEMPOTENCY_KEY_RULE =
  "16 to 255 visible ASCII characters without quotes, commas or backslashes, e.g. a random UUID";

export type IdempotencyKeyHeader = { ok: true; key: string | null } | { ok: false; message: string };

/**
 * The key of a request, from its raw headers (Node joins repeated headers with ", ", so they are counted
 * here): none, one valid key, or a message for 400. The draft's form is a quoted string; a bare key
 * works too.
 */
export function readIdempotencyKey(rawHeaders: readonly string[]): IdempotencyKeyHeader {
  let value: string | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() !== "idempotency-key") continue;
    if (value !== undefined) return { ok: false, message: "Send at most one Idempotency-Key header." };
    value = rawHeaders[i + 1] ?? "";
  }
  if (value === undefined) return { ok: true, key: null };
  const trimmed = value.trim();
  const key = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  if (!KEY.test(key)) return { ok: false, message: `Idempotency-Key must be ${IDEMPOTENCY_KEY_RULE}.` };
  return { ok: true, key };
}
