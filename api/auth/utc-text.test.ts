import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utcFromText } from "./utc-text";

// The general parse the fast one stands in for: PostgreSQL's form made ISO, as the lookup read it before.
const general = (text: string) => new Date(text.includes("T") ? text : `${text.replace(" ", "T")}Z`);

describe("utcFromText", () => {
  it.each([
    ["2026-01-31 12:00:00", "2026-01-31T12:00:00.000Z"],
    ["2026-01-31 12:00:00.25", "2026-01-31T12:00:00.250Z"],
    ["2026-01-31 12:00:00.5", "2026-01-31T12:00:00.500Z"],
    ["2026-01-31 23:59:59.999", "2026-01-31T23:59:59.999Z"],
    ["2026-01-31 12:00:00.123456", "2026-01-31T12:00:00.123Z"],
    ["2026-01-31T12:00:00.000+00:00", "2026-01-31T12:00:00.000Z"],
    ["2026-01-31T12:00:00.000Z", "2026-01-31T12:00:00.000Z"],
    ["2028-02-29 00:00:00", "2028-02-29T00:00:00.000Z"],
  ])("reads %j as %s", (text, iso) => {
    expect(utcFromText(text)?.toISOString()).toBe(iso);
  });

  it.each([
    "2026-01-31T14:00:00.000+02:00", // another zone
    "2026-01-31 12:00:00 BC",
    "0099-01-31 12:00:00", // Date.UTC would read it as 1999
    "2026-02-30 12:00:00", // rolls over
    "2026-13-01 12:00:00",
    "2026-01-31 24:00:00",
    "2026-01-31 12:00:00.", // a point without digits
    "2026-01-31 1a:00:00",
    "2026-01-31 12:a0:00",
    "2026-01-31 12:00:0x",
    "2026-01-3x 12:00:00",
    "infinity",
    "",
    "2026-01-31",
  ])("leaves %j to the general parse", (text) => {
    expect(utcFromText(text)).toBeNull();
  });

  it("agrees with the general parse on every time PostgreSQL and SQLite write", () => {
    const times = fc.date({
      min: new Date("1000-01-01T00:00:00Z"),
      max: new Date("9999-12-31T23:59:59.999Z"),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(times, fc.integer({ min: 0, max: 6 }), fc.boolean(), (date, fractionDigits, sqlite) => {
        const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
        // PostgreSQL drops trailing zeros of the fraction; here any length from none to microseconds.
        const fraction = fractionDigits === 0 ? "" : `.${`${iso.slice(20, 23)}000`.slice(0, fractionDigits)}`;
        const text = sqlite ? `${iso.slice(0, 23)}+00:00` : `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}`;
        expect(utcFromText(text)?.getTime()).toBe(general(text).getTime());
      }),
      { numRuns: 2000 },
    );
  });
});
