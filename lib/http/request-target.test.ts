import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { usableTarget, wellFormedTarget } from "./request-target";

describe("wellFormedTarget", () => {
  it("passes paths and queries", () => {
    for (const url of ["/", "/api/v1/token", "/api/v1/files/abc/content?x=1&y=a%20b", "/settings/service-tokens?q=site%2042"]) {
      expect(wellFormedTarget(url)).toBe(url);
    }
  });

  it("refuses what no route can use", () => {
    for (const url of [
      undefined,
      "",
      "*",
      "http://evil.example/api/v1/token",
      "//evil.example/x",
      "/%E0%A4%A",
      "/api/v1/token%",
    ]) {
      expect(wellFormedTarget(url)).toBeNull();
    }
  });

  it("agrees with the full check on any target: the fast path changes no answer", () => {
    const char = fc.constantFrom(...Array.from("/?%#:@!$&'()*+,;=-._~ \\\"<>[]{}|^`aZ09é\u0000\u007f"));
    const target = fc.oneof(
      fc.array(char, { maxLength: 24 }).map((chars) => `/${chars.join("")}`),
      fc.string({ maxLength: 24 }),
      fc.string({ unit: "binary", maxLength: 24 }).map((s) => `/${s}`),
    );
    fc.assert(
      fc.property(target, (url) => wellFormedTarget(url) === (usableTarget(url) ? url : null)),
      { numRuns: 5_000 },
    );
  });
});
