import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateToken } from "./generate";
import { hashToken } from "./hash";

describe("hashToken", () => {
  it("is SHA-256 in lowercase hex (known vector)", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("hashes the whole token, prefix and checksum included", () => {
    const { token } = generateToken("DEVELOPER");
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash("sha256").update(Buffer.from(token, "utf8")).digest("hex"));
  });

  it("differs for different tokens, even of one character", () => {
    const { token } = generateToken("CONNECTOR");
    const other = token.slice(0, -1) + (token.endsWith("a") ? "b" : "a");
    expect(hashToken(token)).not.toBe(hashToken(other));
    expect(hashToken(token)).not.toBe(hashToken(generateToken("CONNECTOR").token));
  });

  it("is deterministic, so a presented token finds its stored hash", () => {
    const { token, hash } = generateToken("CONNECTOR");
    expect(hashToken(token)).toBe(hash);
  });
});
