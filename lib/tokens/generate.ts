import { createHmac, randomBytes } from "node:crypto";
import { encodeBase62 } from "./base62";
import { tokenChecksum } from "./checksum";
import {
  BODY_BYTES,
  BODY_LENGTH,
  PUBLIC_ID_ALPHABET,
  PUBLIC_ID_LENGTH,
  PUBLIC_ID_PREFIX,
  TOKEN_PREFIXES,
  isTokenType,
  type TokenType,
} from "./format";
import { hashToken } from "./hash";
import { tokenHint } from "./hint";

export type GeneratedToken = {
  /** The plaintext: returned once to the creator, never stored. */
  token: string;
  /** SHA-256 hex, the only form that is stored. */
  hash: string;
  /** Prefix and last 4 characters, to recognise the token in lists. */
  hint: string;
};

/** A new token of the given type from 256 CSPRNG bits. */
export function generateToken(type: TokenType): GeneratedToken {
  const token = tokenFromBytes(type, randomBytes(BODY_BYTES));
  return { token, hash: hashToken(token), hint: tokenHint(token) };
}

/**
 * A token derived from a secret salt and inputs instead of drawn at random: the same salt and inputs
 * give the same token, so it can be made again without ever being stored (a rotation retried with its
 * Idempotency-Key). HMAC-SHA256 keyed with 256 random bits is as unpredictable as the CSPRNG to anyone
 * without the salt; each input is length-prefixed, so different inputs never run together alike.
 */
export function deriveToken(type: TokenType, salt: Uint8Array, inputs: readonly string[]): GeneratedToken {
  if (salt.length < BODY_BYTES) throw new RangeError(`the salt needs at least ${BODY_BYTES} bytes`);
  const mac = createHmac("sha256", salt);
  for (const input of inputs) mac.update(`${Buffer.byteLength(input)}:${input}`);
  const token = tokenFromBytes(type, mac.digest());
  return { token, hash: hashToken(token), hint: tokenHint(token) };
}

/** The token for given body bytes. Exported for tests; production code calls generateToken. */
export function tokenFromBytes(type: TokenType, bytes: Uint8Array): string {
  if (!isTokenType(type)) throw new TypeError(`unknown token type: ${String(type)}`);
  if (bytes.length !== BODY_BYTES) throw new RangeError(`expected ${BODY_BYTES} bytes, got ${bytes.length}`);
  const prefixAndBody = TOKEN_PREFIXES[type] + encodeBase62(bytes, BODY_LENGTH);
  return prefixAndBody + tokenChecksum(prefixAndBody);
}

/** A public token ID such as "tok_7KQ2M9XA1B": 50 random bits in Crockford base32. */
export function generatePublicId(): string {
  const bytes = randomBytes(PUBLIC_ID_LENGTH);
  let id = PUBLIC_ID_PREFIX;
  // 32 divides 256, so the low 5 bits of a random byte are uniform: no modulo bias.
  for (const byte of bytes) id += PUBLIC_ID_ALPHABET.charAt(byte & 0x1f);
  return id;
}
