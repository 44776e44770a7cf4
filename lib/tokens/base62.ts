// base62 (0-9, A-Z, a-z): URL-safe, double-click selects the whole token, no padding characters.

export const BASE62_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

const BASE = 62n;

/** Big-endian bytes as a base62 number, left-padded with "0" to exactly `length` characters. */
export function encodeBase62(bytes: Uint8Array, length: number): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let out = "";
  while (value > 0n) {
    out = BASE62_ALPHABET.charAt(Number(value % BASE)) + out;
    value /= BASE;
  }
  if (out.length > length) {
    throw new RangeError(`${bytes.length} bytes do not fit in ${length} base62 characters`);
  }
  return out.padStart(length, "0");
}

/** Inverse of encodeBase62: the big-endian number in exactly `byteLength` bytes. */
export function decodeBase62(text: string, byteLength: number): Uint8Array {
  let value = 0n;
  for (let i = 0; i < text.length; i++) {
    const digit = base62Digit(text.charCodeAt(i));
    if (digit < 0) throw new RangeError(`not a base62 character at position ${i}`);
    value = value * BASE + BigInt(digit);
  }
  const bytes = new Uint8Array(byteLength);
  for (let i = byteLength - 1; i >= 0; i--) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  if (value > 0n) throw new RangeError(`value does not fit in ${byteLength} bytes`);
  return bytes;
}

/** A non-negative safe integer in base62, left-padded to `length`. No bigint: used per request. */
export function encodeBase62Number(n: number, length: number): string {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`expected a non-negative safe integer, got ${n}`);
  }
  let out = "";
  let rest = n;
  do {
    out = BASE62_ALPHABET.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  if (out.length > length) throw new RangeError(`${n} does not fit in ${length} base62 characters`);
  return out.padStart(length, "0");
}

/** The digit value of a character code, or -1 if it is not in the alphabet. */
export function base62Digit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 65 && code <= 90) return code - 55; // A-Z
  if (code >= 97 && code <= 122) return code - 61; // a-z
  return -1;
}

/** True for a non-empty string of base62 characters only. */
export function isBase62(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    if (base62Digit(text.charCodeAt(i)) < 0) return false;
  }
  return true;
}
