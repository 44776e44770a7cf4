import * as nodeCrypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BASE62_ALPHABET, decodeBase62 } from "./base62";
import {
  BODY_LENGTH,
  PUBLIC_ID_ALPHABET,
  PUBLIC_ID_PATTERN,
  TOKEN_LENGTH,
  TOKEN_PATTERN,
  TOKEN_PREFIXES,
  TOKEN_TYPES,
} from "./format";
import { deriveToken, generatePublicId, generateToken, tokenFromBytes } from "./generate";
import { hashToken } from "./hash";
import { tokenHint } from "./hint";
import { parseToken } from "./parse";

// Wraps the real randomBytes so tests can check what generation asks the CSPRNG for.
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, randomBytes: vi.fn(actual.randomBytes) };
});

afterEach(() => {
  vi.mocked(nodeCrypto.randomBytes).mockClear();
});

const bodyOf = (token: string) => token.slice(8, 8 + BODY_LENGTH);

/** Pearson's chi-square statistic of observed counts against a uniform distribution. */
function chiSquareUniform(text: string, alphabet: string): number {
  const counts = new Map<string, number>(Array.from(alphabet, (c) => [c, 0]));
  for (const c of text) {
    const n = counts.get(c);
    if (n === undefined) throw new Error(`character outside the alphabet: ${c}`);
    counts.set(c, n + 1);
  }
  const expected = text.length / alphabet.length;
  let chi = 0;
  for (const n of counts.values()) chi += (n - expected) ** 2 / expected;
  return chi;
}

describe("generateToken", () => {
  it.each(TOKEN_TYPES)("makes a well-formed %s token", (type) => {
    const { token, hash, hint } = generateToken(type);
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect(TOKEN_LENGTH).toBe(57);
    expect(token.startsWith(TOKEN_PREFIXES[type])).toBe(true);
    expect(token).toMatch(TOKEN_PATTERN);
    expect(parseToken(token)).toEqual({ ok: true, type, token });
    expect(hash).toBe(hashToken(token));
    expect(hint).toBe(tokenHint(token));
    expect(hint).not.toContain(bodyOf(token).slice(0, 8));
  });

  it("asks the CSPRNG for exactly 32 bytes and encodes all of them", () => {
    const fixed = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff));
    vi.mocked(nodeCrypto.randomBytes).mockImplementationOnce(() => fixed);
    const { token } = generateToken("CONNECTOR");
    expect(nodeCrypto.randomBytes).toHaveBeenCalledWith(32);
    expect(token).toBe(tokenFromBytes("CONNECTOR", fixed));
    expect(decodeBase62(bodyOf(token), 32)).toEqual(new Uint8Array(fixed));
  });

  it("gives a different body every time", () => {
    const bodies = new Set(Array.from({ length: 1000 }, () => bodyOf(generateToken("DEVELOPER").token)));
    expect(bodies.size).toBe(1000);
  });

  it("spreads body characters uniformly over the 62-character alphabet", () => {
    const text = Array.from({ length: 2000 }, () => bodyOf(generateToken("CONNECTOR").token)).join("");
    // 61 degrees of freedom: mean 61, sd 11. 150 is ~8 sd out (p < 1e-8), while a biased
    // encoder (e.g. byte % 62, or a smaller alphabet) scores in the hundreds or thousands.
    expect(chiSquareUniform(text, BASE62_ALPHABET)).toBeLessThan(150);
  });
});

describe("tokenFromBytes", () => {
  it("fits the largest 256-bit body in 43 characters, with a valid checksum", () => {
    const token = tokenFromBytes("DEVELOPER", new Uint8Array(32).fill(0xff));
    expect(token).toHaveLength(57);
    expect(parseToken(token)).toEqual({ ok: true, type: "DEVELOPER", token });
    expect(decodeBase62(bodyOf(token), 32)).toEqual(new Uint8Array(32).fill(0xff));
  });

  it("keeps all-zero bytes as a full-length, valid token", () => {
    const token = tokenFromBytes("CONNECTOR", new Uint8Array(32));
    expect(bodyOf(token)).toBe("0".repeat(43));
    expect(token).toMatch(TOKEN_PATTERN);
    expect(parseToken(token)).toEqual({ ok: true, type: "CONNECTOR", token });
  });

  it("refuses anything but 32 bytes, so a token never carries less entropy", () => {
    expect(() => tokenFromBytes("CONNECTOR", new Uint8Array(31))).toThrow(RangeError);
    expect(() => tokenFromBytes("CONNECTOR", new Uint8Array(33))).toThrow(RangeError);
  });

  it("refuses an unknown type instead of making an unprefixed token", () => {
    expect(() => tokenFromBytes("ADMIN" as never, new Uint8Array(32))).toThrow(TypeError);
  });
});

describe("deriveToken", () => {
  const salt = Buffer.alloc(32, 7);
  it("gives the same well-formed token for the same salt and inputs, and another for any other", () => {
    const derived = deriveToken("CONNECTOR", salt, ["rotation", "opc_con_old", "key-1"]);
    expect(derived).toEqual(deriveToken("CONNECTOR", Buffer.from(salt), ["rotation", "opc_con_old", "key-1"]));
    expect(parseToken(derived.token)).toEqual({ ok: true, token: derived.token, type: "CONNECTOR" });
    expect(derived).toMatchObject({ hash: hashToken(derived.token), hint: tokenHint(derived.token) });
    const others = [
      deriveToken("CONNECTOR", Buffer.alloc(32, 8), ["rotation", "opc_con_old", "key-1"]),
      deriveToken("CONNECTOR", salt, ["rotation", "opc_con_old", "key-2"]),
      deriveToken("CONNECTOR", salt, ["rotation", "opc_con_ol", "dkey-1"]), // inputs do not run together
      deriveToken("DEVELOPER", salt, ["rotation", "opc_con_old", "key-1"]),
    ];
    expect(new Set([derived, ...others].map((d) => d.token.slice(8, 51))).size).toBe(4); // the type changes only the prefix
    expect(new Set([derived, ...others].map((d) => d.token)).size).toBe(5);
  });

  it("refuses a salt shorter than 32 bytes", () => {
    expect(() => deriveToken("CONNECTOR", Buffer.alloc(16), ["x"])).toThrow(RangeError);
  });
});

describe("generatePublicId", () => {
  it("is tok_ and 10 Crockford base32 characters", () => {
    for (let i = 0; i < 100; i++) {
      const id = generatePublicId();
      expect(id).toMatch(/^tok_[0-9A-Z]{10}$/);
      expect(id).toMatch(PUBLIC_ID_PATTERN);
      expect(id.slice(4)).not.toMatch(/[ILOU]/);
    }
  });

  it("is unique across many generations", () => {
    const ids = new Set(Array.from({ length: 5000 }, generatePublicId));
    expect(ids.size).toBe(5000);
  });

  it("uses the 32 characters uniformly", () => {
    const text = Array.from({ length: 2000 }, () => generatePublicId().slice(4)).join("");
    // 31 degrees of freedom: mean 31, sd 8; 100 is ~8.6 sd out.
    expect(chiSquareUniform(text, PUBLIC_ID_ALPHABET)).toBeLessThan(100);
  });
});
