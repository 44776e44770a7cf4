import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeJson, hostileCursor } from "@/lib/testing/hostile-list-params";
import { cursorValue, decodeCursor, encodeCursor, readCursor, type Cursor } from "./list-cursor";
import { PAGE_SORTS, SORT_KEYS } from "./list-view";

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

describe("readCursor", () => {
  const id = "tok_7KQ2M9XA1B";
  const row = {
    createdAt: new Date("2030-01-02T03:04:05.678Z"),
    expiresAt: new Date(0),
    lastUsedAt: null,
    issuedTo: "svc 1",
    requests7d: 42,
  };

  it("accepts the cursor of any row for its sort", () => {
    for (const sort of PAGE_SORTS) {
      const cursor: Cursor = { dir: "b", value: cursorValue(row, sort), id };
      expect(readCursor(encodeCursor(cursor), sort)).toEqual(cursor);
    }
  });

  it("accepts only a value the sort's column can hold, and a public ID", () => {
    fc.assert(
      fc.property(hostileCursor, fc.constantFrom(...PAGE_SORTS), (raw, sort) => {
        const cursor = readCursor(raw, sort);
        if (cursor === null) return;
        const { kind, nullable } = SORT_KEYS[sort];
        expect(cursor.id).toMatch(/^tok_[0-9A-HJKMNP-TV-Z]{10}$/);
        if (cursor.value === null) expect(nullable).toBe(true);
        else if (kind === "date") expect(new Date(cursor.value).toISOString()).toBe(cursor.value);
        else if (kind === "count") expect(String(BigInt(cursor.value))).toBe(cursor.value);
        else expect(cursor.value).not.toMatch(/\p{Cc}/u);
      }),
      { numRuns: 2000 },
    );
  });
});
