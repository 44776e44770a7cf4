import { randomBytes } from "node:crypto";
import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32 } from "./crc32";

describe("crc32", () => {
  it.each([
    ["", 0],
    ["a", 0xe8b7be43],
    ["123456789", 0xcbf43926],
    ["The quick brown fox jumps over the lazy dog", 0x414fa339],
  ])("crc32(%j) is the published check value", (input, expected) => {
    expect(crc32(input)).toBe(expected);
    expect(crc32(new TextEncoder().encode(input))).toBe(expected);
  });

  it("is unsigned", () => {
    // 0xCBF43926 has the top bit set: a signed result would be negative.
    expect(crc32("123456789")).toBeGreaterThan(0);
  });

  it("hashes the UTF-8 bytes of non-ASCII strings", () => {
    for (const s of ["é", "Grüße, 世界", "emoji 😀 here", "a\u0000b"]) {
      expect(crc32(s)).toBe(zlibCrc32(Buffer.from(s, "utf8")));
    }
  });

  it("matches zlib on random bytes", () => {
    for (let i = 0; i < 100; i++) {
      const bytes = randomBytes(i * 7);
      expect(crc32(new Uint8Array(bytes))).toBe(zlibCrc32(bytes));
    }
  });
});
