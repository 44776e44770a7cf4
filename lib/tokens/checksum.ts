import { crc32 } from "node:zlib";
import { encodeBase62Number } from "./base62";
import { CHECKSUM_LENGTH } from "./format";

/**
 * The 6-character checksum that ends a token: base62 of CRC-32 (IEEE 802.3, zlib's) over prefix + body.
 * It detects every single-character substitution, which is what a token checksum is for.
 */
export function tokenChecksum(prefixAndBody: string): string {
  return encodeBase62Number(crc32(prefixAndBody), CHECKSUM_LENGTH);
}
