import { describe, expect, it } from "vitest";
import { generateToken } from "./generate";
import { tokenHint } from "./hint";

describe("tokenHint", () => {
  it("shows the prefix and the last 4 characters of a token", () => {
    const { token } = generateToken("CONNECTOR");
    expect(tokenHint(token)).toBe(`opc_con_…${token.slice(-4)}`);
    const dev = generateToken("DEVELOPER").token;
    expect(tokenHint(dev)).toBe(`opc_dev_…${dev.slice(-4)}`);
  });

  it("never shows the middle of a token", () => {
    for (let n = 0; n < 50; n++) {
      const { token } = generateToken("DEVELOPER");
      const hint = tokenHint(token);
      const shown = hint.slice(hint.indexOf("…") + 1);
      expect(shown).toHaveLength(4);
      // Only the final 4 of 49 secret characters; the other 45 appear nowhere.
      expect(hint.replace("opc_dev_…", "")).toBe(token.slice(-4));
      expect(hint).not.toContain(token.slice(-5));
    }
  });

  it("handles strings without a known prefix", () => {
    expect(tokenHint("ghp_abcdefghijklmnop1234")).toBe("…1234");
    expect(tokenHint("Basic dXNlcjpwYXNz")).toBe("…YXNz");
  });

  it("marks the empty string", () => {
    expect(tokenHint("")).toBe("(empty)");
  });

  it("shows at most half of a short secret part", () => {
    expect(tokenHint("opc_con_")).toBe("opc_con_…");
    expect(tokenHint("x")).toBe("…");
    expect(tokenHint("abcd")).toBe("…cd");
    expect(tokenHint("opc_dev_abcdefg")).toBe("opc_dev_…efg");
  });

  it("never reveals more than 4 secret characters, whatever the input", () => {
    for (let length = 0; length <= 80; length++) {
      for (const prefix of ["", "opc_con_", "opc_dev_", "opc_"]) {
        const input = prefix + "S".repeat(length);
        expect(tokenHint(input).split("S").length - 1).toBeLessThanOrEqual(4);
      }
    }
  });

  it("does not cut a character in half", () => {
    const hint = tokenHint("opc_con_" + "a".repeat(20) + "😀😀😀😀");
    expect(hint).toBe("opc_con_…😀😀😀😀");
    expect(hint.isWellFormed()).toBe(true);
  });
});
