import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BASE62_ALPHABET, decodeBase62, encodeBase62, encodeBase62Number, isBase62 } from "./base62";

describe("encodeBase62", () => {
  it("uses digits, then upper case, then lower case", () => {
    expect(BASE62_ALPHABET).toHaveLength(62);
    expect(new Set(BASE62_ALPHABET).size).toBe(62);
    expect(encodeBase62(Uint8Array.of(61), 1)).toBe("z");
    expect(encodeBase62(Uint8Array.of(10), 1)).toBe("A");
    expect(encodeBase62(Uint8Array.of(36), 1)).toBe("a");
  });

  it("reads bytes big-endian", () => {
    expect(encodeBase62(Uint8Array.of(0, 62), 2)).toBe("10");
    expect(encodeBase62(Uint8Array.of(1, 0), 2)).toBe("48"); // 256 = 4*62 + 8
  });

  it("left-pads with zeros to the requested length", () => {
    expect(encodeBase62(new Uint8Array(32), 43)).toBe("0".repeat(43));
    expect(encodeBase62(Uint8Array.of(0, 0, 1), 5)).toBe("00001");
  });

  it("fits 32 bytes in exactly 43 characters but not 42", () => {
    const max = new Uint8Array(32).fill(0xff);
    expect(encodeBase62(max, 43)).toHaveLength(43);
    expect(() => encodeBase62(max, 42)).toThrow(RangeError);
  });

  it("round-trips random byte strings through decodeBase62", () => {
    for (let i = 0; i < 200; i++) {
      const bytes = new Uint8Array(randomBytes(32));
      if (i % 10 === 0) bytes.fill(0, 0, i % 32); // leading zero bytes must survive too
      const text = encodeBase62(bytes, 43);
      expect(text).toHaveLength(43);
      expect(decodeBase62(text, 32)).toEqual(bytes);
    }
  });

  it("decodeBase62 rejects foreign characters and overflow", () => {
    expect(() => decodeBase62("ab-c", 4)).toThrow(RangeError);
    expect(() => decodeBase62("zzzzzz", 1)).toThrow(RangeError);
  });
});

describe("encodeBase62Number", () => {
  it("encodes and pads numbers", () => {
    expect(encodeBase62Number(0, 6)).toBe("000000");
    expect(encodeBase62Number(61, 6)).toBe("00000z");
    expect(encodeBase62Number(62, 6)).toBe("000010");
    expect(encodeBase62Number(62 ** 3 - 1, 3)).toBe("zzz");
  });

  it("agrees with the bytes encoder for every 32-bit value tried", () => {
    for (const n of [1, 255, 256, 65_535, 2 ** 31, 0xffffffff, 123_456_789]) {
      const bytes = Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
      expect(encodeBase62Number(n, 6)).toBe(encodeBase62(bytes, 6));
    }
  });

  it("throws when the number does not fit or is not a non-negative integer", () => {
    expect(() => encodeBase62Number(62 ** 3, 3)).toThrow(RangeError);
    expect(() => encodeBase62Number(-1, 6)).toThrow(RangeError);
    expect(() => encodeBase62Number(1.5, 6)).toThrow(RangeError);
    expect(() => encodeBase62Number(Number.NaN, 6)).toThrow(RangeError);
  });
});

describe("isBase62", () => {
  it("accepts the whole alphabet", () => {
    expect(isBase62(BASE62_ALPHABET)).toBe(true);
  });

  it.each(["", "abc-def", "abc_def", "a b", "é", "abc=", "abc\n", "/", ":", "@", "[", "`", "{"])("rejects %j", (s) => {
    expect(isBase62(s)).toBe(false);
  });
});
