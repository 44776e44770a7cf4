import { encodeBase62Number } from "./base62";
import { crc32 } from "./crc32";
import { CHECKSUM_LENGTH } from "./format";

/** The 6-character checksum that ends a token: base62 of CRC-32 over prefix + body. */
export function tokenChecksum(prefixAndBody: string): string {
  return encodeBase62Number(crc32(prefixAndBody), CHECKSUM_LENGTH);
}
