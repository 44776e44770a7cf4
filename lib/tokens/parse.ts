import { base62Digit } from "./base62";
import { tokenChecksum } from "./checksum";
import { CHECKSUM_LENGTH, PREFIX_LENGTH, TOKEN_LENGTH, TOKEN_PREFIXES, TOKEN_TYPES, type TokenType } from "./format";

export type ParseTokenFailure = "wrong_prefix" | "wrong_length" | "wrong_alphabet" | "bad_checksum";

export type ParseTokenResult = { ok: true; type: TokenType; token: string } | { ok: false; reason: ParseTokenFailure };

const CHECKSUM_START = TOKEN_LENGTH - CHECKSUM_LENGTH;

/**
 * Checks a presented token's shape and checksum, without I/O, so typos and made-up values are
 * rejected before any database lookup. Runs on every API request: plain loops, no regex, no bigint.
 * The input is taken as is (no trimming): the caller decides what a bearer value is.
 */
export function parseToken(input: string): ParseTokenResult {
  const type = TOKEN_TYPES.find((t) => input.startsWith(TOKEN_PREFIXES[t]));
  if (type === undefined) return { ok: false, reason: "wrong_prefix" };
  if (input.length !== TOKEN_LENGTH) return { ok: false, reason: "wrong_length" };
  // Rejects non-ASCII here too, so the checksum below only ever sees ASCII.
  for (let i = PREFIX_LENGTH; i < TOKEN_LENGTH; i++) {
    if (base62Digit(input.charCodeAt(i)) < 0) return { ok: false, reason: "wrong_alphabet" };
  }
  const expected = tokenChecksum(input.slice(0, CHECKSUM_START));
  if (!input.endsWith(expected)) return { ok: false, reason: "bad_checksum" };
  return { ok: true, type, token: input };
}
