import { describe, expect, it } from "vitest";
import { encodeBase62Number, isBase62 } from "./base62";
import { tokenChecksum } from "./checksum";

describe("tokenChecksum", () => {
  it.each([
    ["a", 0xe8b7be43],
    ["123456789", 0xcbf43926],
    ["The quick brown fox jumps over the lazy dog", 0x414fa339],
  ])("is the published CRC-32 of %j in 6 base62 characters", (input, crc) => {
    const checksum = tokenChecksum(input);
    expect(checksum).toHaveLength(6);
    expect(isBase62(checksum)).toBe(true);
    expect(checksum).toBe(encodeBase62Number(crc, 6));
  });

  it("pads small values", () => {
    expect(tokenChecksum("")).toBe("000000"); // crc32("") = 0
  });

  it("fits the largest CRC in 6 characters", () => {
    expect(encodeBase62Number(0xffffffff, 6)).toHaveLength(6);
  });

  it("changes with any single character of a token's body", () => {
    const body = "opc_con_" + "A1b2C3".repeat(7) + "x";
    const original = tokenChecksum(body);
    for (let i = 8; i < body.length; i++) {
      const changed = body.slice(0, i) + (body[i] === "Z" ? "Y" : "Z") + body.slice(i + 1);
      expect(tokenChecksum(changed), changed).not.toBe(original);
    }
  });
});
