import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, type Cursor } from "./list-view";

/** What a client could hand-craft: any JSON, base64url-encoded as encodeCursor does. */
const encodeJson = (json: unknown) => Buffer.from(JSON.stringify(json)).toString("base64url");

describe("decodeCursor", () => {
  it("reads back what encodeCursor wrote", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("a" as const, "b" as const),
        fc.option(fc.string({ maxLength: 300 }), { nil: null }),
        fc.string({ minLength: 1, maxLength: 64 }),
        (dir, value, id) => {
          const cursor: Cursor = { dir, value, id };
          expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
        },
      ),
    );
  });

  it.each([
    ["another direction", ["c", "2026-01-01T00:00:00.000Z", "tok_1"]],
    ["a value over 300 characters", ["a", "x".repeat(301), "tok_1"]],
    ["a value that is not a string", ["a", 5, "tok_1"]],
    ["an empty id", ["a", null, ""]],
    ["an id over 64 characters", ["a", null, "x".repeat(65)]],
    ["an id that is not a string", ["a", null, 7]],
    ["too few parts", ["a", null]],
    ["too many parts", ["a", null, "tok_1", "extra"]],
    ["an object", { dir: "a", value: null, id: "tok_1" }],
    ["null", null],
  ])("refuses %s", (_, json) => {
    expect(decodeCursor(encodeJson(json))).toBeNull();
  });

  it("refuses text that is not base64url JSON, or too long", () => {
    expect(decodeCursor("not+base64/")).toBeNull();
    expect(decodeCursor(Buffer.from("[not json").toString("base64url"))).toBeNull();
    expect(decodeCursor("a".repeat(601))).toBeNull();
  });

  it("never throws on any input", () => {
    fc.assert(fc.property(fc.string(), (raw) => void decodeCursor(raw)));
    fc.assert(fc.property(fc.jsonValue(), (json) => void decodeCursor(encodeJson(json))));
  });
});
