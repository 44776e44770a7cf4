import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoTime } from "./clock";

describe("isoTime", () => {
  it("is toISOString for any date, formatted again or remembered", () => {
    fc.assert(
      fc.property(fc.array(fc.date({ noInvalidDate: true }), { maxLength: 8 }), (dates) =>
        // Each date twice in a row: the second answer comes from the memory.
        dates.every((date) => isoTime(date) === date.toISOString() && isoTime(date) === date.toISOString()),
      ),
    );
  });

  it("formats a Date changed in place again", () => {
    const date = new Date("2026-12-30T07:26:17.605Z");
    expect(isoTime(date)).toBe("2026-12-30T07:26:17.605Z");
    date.setUTCFullYear(2027);
    expect(isoTime(date)).toBe("2027-12-30T07:26:17.605Z");
  });
});
