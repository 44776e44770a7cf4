import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodeBase62Number, isBase62 } from "./base62";
import { tokenChecksum } from "./checksum";

describe("tokenChecksum", () => {
  it("is the CRC-32 of its input in 6 base62 characters", () => {
    const input = "opc_con_" + "A1b2C3".repeat(7) + "x";
    const checksum = tokenChecksum(input);
    expect(checksum).toHaveLength(6);
    expect(isBase62(checksum)).toBe(true);
    expect(checksum).toBe(encodeBase62Number(zlibCrc32(input), 6));
  });

  it("pads small values", () => {
    expect(tokenChecksum("")).toBe("000000"); // crc32("") = 0
  });

  it("fits the largest CRC in 6 characters", () => {
    expect(encodeBase62Number(0xffffffff, 6)).toHaveLength(6);
  });
});
