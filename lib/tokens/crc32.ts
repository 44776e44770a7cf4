// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320): the same value as zlib's crc32.
// It detects every single-character substitution, which is what a token checksum is for.

const TABLE = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

function update(crc: number, byte: number): number {
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- the index is always 0-255, so the lookup is defined
  return TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
}

/** Unsigned CRC-32 of the bytes, or of a string's UTF-8 bytes. */
export function crc32(input: string | Uint8Array): number {
  if (typeof input === "string") {
    // Fast path without allocation: tokens are ASCII, whose UTF-8 bytes are the char codes.
    let crc = 0xffffffff;
    for (let i = 0; i < input.length; i++) {
      const code = input.charCodeAt(i);
      if (code > 0x7f) return crc32(new TextEncoder().encode(input));
      crc = update(crc, code);
    }
    return (crc ^ 0xffffffff) >>> 0;
  }
  let crc = 0xffffffff;
  for (const byte of input) crc = update(crc, byte);
  return (crc ^ 0xffffffff) >>> 0;
}
