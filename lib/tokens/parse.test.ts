import { describe, expect, it } from "vitest";
import { BASE62_ALPHABET } from "./base62";
import { TOKEN_PREFIXES, TOKEN_TYPES } from "./format";
import { generateToken, tokenFromBytes } from "./generate";
import { parseToken } from "./parse";

const valid = generateToken("CONNECTOR").token;
const at = (token: string, i: number, replacement: string) =>
  token.slice(0, i) + replacement + token.slice(i + replacement.length);

describe("parseToken accepts", () => {
  it.each(TOKEN_TYPES)("a valid %s token and reports its type", (type) => {
    const { token } = generateToken(type);
    expect(parseToken(token)).toEqual({ ok: true, type, token });
  });
});

describe("parseToken rejects", () => {
  it.each([
    ["another type", "opc_xyz_" + valid.slice(8)],
    ["another product", "ghp_" + valid.slice(4)],
    ["an upper-case prefix", valid.slice(0, 8).toUpperCase() + valid.slice(8)],
    ["a prefix without its underscore", "opc_con" + valid.slice(8)],
    ["a leading space", " " + valid.slice(0, -1)],
    ["the empty string", ""],
    ["the bare body", valid.slice(8)],
  ])("%s as wrong_prefix", (_, input) => {
    expect(parseToken(input)).toEqual({ ok: false, reason: "wrong_prefix" });
  });

  it.each([
    ["a truncated token", valid.slice(0, -1)],
    ["a token cut in half", valid.slice(0, 30)],
    ["a bare prefix", TOKEN_PREFIXES.DEVELOPER],
    ["one extra character", valid + "a"],
    ["a trailing newline", valid + "\n"],
    ["two tokens glued together", valid + valid],
  ])("%s as wrong_length", (_, input) => {
    expect(parseToken(input)).toEqual({ ok: false, reason: "wrong_length" });
  });

  it.each([
    ["a dash in the body", at(valid, 20, "-")],
    ["an underscore in the body", at(valid, 8, "_")],
    ["a space in the body", at(valid, 30, " ")],
    ["an accented letter", at(valid, 40, "é")],
    ["an emoji (two UTF-16 units)", at(valid, 40, "😀")],
    ["a NUL character", at(valid, 10, "\u0000")],
    ["a dash in the checksum", at(valid, 55, "-")],
    ["a base64 character", at(valid, 52, "+")],
  ])("%s as wrong_alphabet", (_, input) => {
    expect(input).toHaveLength(57);
    expect(parseToken(input)).toEqual({ ok: false, reason: "wrong_alphabet" });
  });

  it("a made-up token of the right shape as bad_checksum", () => {
    expect(parseToken("opc_con_" + "a".repeat(49))).toEqual({ ok: false, reason: "bad_checksum" });
  });

  it("a token relabelled with the other type, because the prefix is under the checksum", () => {
    const relabelled = TOKEN_PREFIXES.DEVELOPER + valid.slice(8);
    expect(parseToken(relabelled)).toEqual({ ok: false, reason: "bad_checksum" });
  });

  it("checks in the order prefix, length, alphabet, checksum", () => {
    expect(parseToken("ghp_-")).toEqual({ ok: false, reason: "wrong_prefix" });
    expect(parseToken(at(valid, 20, "-") + "a")).toEqual({ ok: false, reason: "wrong_length" });
    expect(parseToken(at(valid, 56, "-"))).toEqual({ ok: false, reason: "wrong_alphabet" });
  });
});

describe("the checksum", () => {
  const tokens = [
    valid,
    generateToken("DEVELOPER").token,
    generateToken("CONNECTOR").token,
    tokenFromBytes("DEVELOPER", new Uint8Array(32)),
    tokenFromBytes("CONNECTOR", new Uint8Array(32).fill(0xff)),
  ];

  it("catches every single-character substitution in body and checksum", () => {
    let tried = 0;
    for (const token of tokens) {
      for (let i = 8; i < token.length; i++) {
        for (const c of BASE62_ALPHABET) {
          if (c === token[i]) continue;
          const result = parseToken(at(token, i, c));
          tried++;
          if (result.ok) throw new Error(`substitution at ${i} with ${c} passed: ${token}`);
          expect(result.reason).toBe("bad_checksum");
        }
      }
    }
    expect(tried).toBe(tokens.length * 49 * 61);
  });

  it("catches every swap of two adjacent different body characters", () => {
    for (const token of tokens) {
      for (let i = 8; i < 8 + 43 - 1; i++) {
        const [a, b] = [token[i], token[i + 1]];
        if (a === undefined || b === undefined || a === b) continue;
        expect(parseToken(at(token, i, b + a)).ok).toBe(false);
      }
    }
  });
});
