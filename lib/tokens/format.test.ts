import { describe, expect, it } from "vitest";
import {
  BODY_LENGTH,
  CHECKSUM_LENGTH,
  PREFIX_LENGTH,
  TOKEN_LENGTH,
  TOKEN_PATTERN,
  TOKEN_PATTERN_SOURCE,
  TOKEN_PREFIXES,
  TOKEN_TYPES,
  TOKEN_TYPE_DESCRIPTIONS,
  TOKEN_TYPE_LABELS,
  isPublicId,
  isTokenType,
  tokenTypeOf,
} from "./format";
import { generateToken } from "./generate";

describe("token format", () => {
  it("adds up to 57 characters", () => {
    expect(TOKEN_LENGTH).toBe(57);
    expect(PREFIX_LENGTH + BODY_LENGTH + CHECKSUM_LENGTH).toBe(TOKEN_LENGTH);
    for (const type of TOKEN_TYPES) expect(TOKEN_PREFIXES[type]).toHaveLength(PREFIX_LENGTH);
  });

  it("names the product and the type in the prefix", () => {
    expect(TOKEN_PREFIXES).toEqual({ CONNECTOR: "opc_con_", DEVELOPER: "opc_dev_" });
  });

  it("has the seed's labels and descriptions", () => {
    expect(TOKEN_TYPE_LABELS).toEqual({ CONNECTOR: "Connector", DEVELOPER: "Developer" });
    expect(TOKEN_TYPE_DESCRIPTIONS.CONNECTOR).toBe("Basic integration. Allows authentication for uploading files procedure.");
    expect(TOKEN_TYPE_DESCRIPTIONS.DEVELOPER).toBe("Advanced integration. For all available APIs. Handle it with caution.");
  });

  it("recognises token types", () => {
    for (const type of TOKEN_TYPES) expect(isTokenType(type)).toBe(true);
    expect(isTokenType("connector")).toBe(false);
    expect(isTokenType(undefined)).toBe(false);
  });

  it("reads a stored token type as its constant", () => {
    for (const type of TOKEN_TYPES) expect(tokenTypeOf(type.toLowerCase().toUpperCase())).toBe(type);
    expect(tokenTypeOf("connector")).toBeNull();
    expect(tokenTypeOf("")).toBeNull();
  });

  it("recognises public IDs", () => {
    expect(isPublicId("tok_7KQ2M9XA1B")).toBe(true);
    expect(isPublicId("tok_7KQ2M9XA1")).toBe(false);
    expect(isPublicId("tok_7KQ2M9XAIB")).toBe(false); // I is not Crockford
    expect(isPublicId("tok_7kq2m9xa1b")).toBe(false);
  });
});

describe("TOKEN_PATTERN (for secret scanners)", () => {
  it("is built from its exported source", () => {
    expect(TOKEN_PATTERN.source).toBe(TOKEN_PATTERN_SOURCE);
    expect(TOKEN_PATTERN_SOURCE).toBe(String.raw`\bopc_(?:con|dev)_[0-9A-Za-z]{49}\b`);
  });

  it("finds a token of either type inside surrounding text", () => {
    for (const type of TOKEN_TYPES) {
      const { token } = generateToken(type);
      const found = `Authorization: Bearer ${token}\n`.match(TOKEN_PATTERN);
      expect(found?.[0]).toBe(token);
      expect(`OPC_TOKEN="${token}"`.match(TOKEN_PATTERN)?.[0]).toBe(token);
    }
  });

  it("does not match near misses", () => {
    const body = "a".repeat(49);
    expect(TOKEN_PATTERN.test(`opc_xyz_${body}`)).toBe(false);
    expect(TOKEN_PATTERN.test(`opc_con_${body.slice(1)}`)).toBe(false);
    expect(TOKEN_PATTERN.test(`opc_con_${body}a`)).toBe(false); // longer run: not a token
    expect(TOKEN_PATTERN.test(`xopc_con_${body}`)).toBe(false);
  });
});
