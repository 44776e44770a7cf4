import { describe, expect, it } from "vitest";
import { DAY_MS } from "./expiry";
import { tokenPolicySchema } from "./policy-schema";
import {
  allowedExpirationValues,
  DEFAULT_TOKEN_POLICY,
  defaultExpirationFor,
  exceedsPolicy,
  lastPickableDay,
  latestAllowedExpiresAt,
  latestExpiresAt,
  policyViolation,
  type TokenPolicy,
  unusedRevocationAt,
} from "./policy";
import { expiryAfterRotation, MAX_OVERLAP_SECONDS, overlapSecondsOf, ROTATION_OVERLAPS } from "./rotation";

const now = new Date("2026-01-01T00:00:00.000Z");
const tight: TokenPolicy = { connectorMaxDays: 90, developerMaxDays: 30, defaultExpiration: "60", revokeUnusedDays: null };

describe("policy arithmetic", () => {
  it("the default policy keeps the old 3-year limit", () => {
    expect(latestAllowedExpiresAt(DEFAULT_TOKEN_POLICY, "CONNECTOR", now).getTime()).toBe(now.getTime() + 1095 * DAY_MS);
    expect(allowedExpirationValues(DEFAULT_TOKEN_POLICY, "DEVELOPER")).toEqual(["7", "30", "60", "90", "365", "custom"]);
  });

  it("refuses an expiry past N × 24 hours (no day of grace) with a clear message", () => {
    const at = (days: number, extraMs = 0) => new Date(now.getTime() + days * DAY_MS + extraMs);
    expect(policyViolation(tight, "CONNECTOR", at(90), now)).toBeNull();
    expect(policyViolation(tight, "CONNECTOR", at(90, 1), now)).toBe(
      "Connector tokens may live at most 90 days (Token Policy). Choose an earlier expiration.",
    );
    expect(policyViolation(tight, "CONNECTOR", at(91), now)).not.toBeNull();
    expect(policyViolation(tight, "DEVELOPER", at(60), now)).toBe(
      "Developer tokens may live at most 30 days (Token Policy). Choose an earlier expiration.",
    );
    const oneDay = { ...tight, developerMaxDays: 1 };
    expect(policyViolation(oneDay, "DEVELOPER", at(1), now)).toBeNull();
    expect(policyViolation(oneDay, "DEVELOPER", at(1, 60_000), now)).toMatch(/at most 1 day \(/);
    expect(policyViolation(oneDay, "DEVELOPER", at(2, -600_000), now)).toMatch(/at most 1 day \(/); // 47 h 50 min
  });

  it("the date pickers offer the last day whose end is within the limit, in the browser's time zone", () => {
    const zone = process.env.TZ;
    try {
      // 30 days from 1 Jan 00:00 UTC end at 31 Jan 00:00 UTC: in each zone, the last day that ends before.
      for (const [tz, lastDay] of [
        ["UTC", 30], // the limit is 31 Jan 00:00
        ["Pacific/Honolulu", 29], // UTC−10: the limit is 30 Jan 14:00 local
        ["Asia/Tokyo", 30], // UTC+9: the limit is 31 Jan 09:00 local
      ] as const) {
        process.env.TZ = tz;
        const day = lastPickableDay(now, 30);
        expect([day.getFullYear(), day.getMonth() + 1, day.getDate(), day.getHours(), day.getMinutes()], tz).toEqual([
          2026,
          1,
          lastDay,
          23,
          59,
        ]);
        expect(day.getTime(), tz).toBeLessThanOrEqual(latestExpiresAt(now, 30).getTime());
        expect(day.getTime() + DAY_MS, tz).toBeGreaterThan(latestExpiresAt(now, 30).getTime());
      }
    } finally {
      process.env.TZ = zone;
    }
  });

  it("offers only the presets within the limit, and a default that is allowed", () => {
    expect(allowedExpirationValues(tight, "CONNECTOR")).toEqual(["7", "30", "60", "90", "custom"]);
    expect(allowedExpirationValues(tight, "DEVELOPER")).toEqual(["7", "30", "custom"]);
    expect(defaultExpirationFor(tight, "CONNECTOR")).toBe("60");
    expect(defaultExpirationFor(tight, "DEVELOPER")).toBe("30");
    expect(defaultExpirationFor({ ...tight, developerMaxDays: 3 }, "DEVELOPER")).toBe("custom");
  });

  it("flags tokens whose life is longer than the policy now allows", () => {
    const token = (type: "CONNECTOR" | "DEVELOPER", days: number) => ({
      type,
      createdAt: now,
      expiresAt: new Date(now.getTime() + days * DAY_MS),
    });
    expect(exceedsPolicy(token("DEVELOPER", 365), tight)).toBe(true);
    expect(exceedsPolicy(token("DEVELOPER", 30), tight)).toBe(false);
    expect(exceedsPolicy(token("CONNECTOR", 90), tight)).toBe(false);
    expect(exceedsPolicy(token("CONNECTOR", 90 + 1 / 1440), tight)).toBe(true); // a minute over
    expect(exceedsPolicy(token("CONNECTOR", 91), tight)).toBe(true);
    expect(exceedsPolicy(token("CONNECTOR", 1095), DEFAULT_TOKEN_POLICY)).toBe(false);
  });
});

describe("overlap arithmetic", () => {
  it("ends the old token at the end of the overlap", () => {
    const far = new Date(now.getTime() + 30 * DAY_MS);
    expect(expiryAfterRotation(far, now, 0)).toEqual(now);
    expect(expiryAfterRotation(far, now, 3600)).toEqual(new Date(now.getTime() + 3_600_000));
    expect(expiryAfterRotation(far, now, MAX_OVERLAP_SECONDS)).toEqual(new Date(now.getTime() + 7 * DAY_MS));
  });

  it("never makes the old token live longer than it already would", () => {
    const soon = new Date(now.getTime() + 60_000);
    expect(expiryAfterRotation(soon, now, 86_400)).toEqual(soon);
  });

  it("refuses an overlap outside 0 to 7 days", () => {
    expect(() => expiryAfterRotation(now, now, -1)).toThrow(RangeError);
    expect(() => expiryAfterRotation(now, now, MAX_OVERLAP_SECONDS + 1)).toThrow(RangeError);
    expect(() => expiryAfterRotation(now, now, 1.5)).toThrow(RangeError);
  });

  it("the dialog's choices are Immediately, 1 hour, 24 hours, 7 days", () => {
    expect(ROTATION_OVERLAPS.map((o) => o.label)).toEqual(["Immediately", "1 hour", "24 hours", "7 days"]);
    expect(ROTATION_OVERLAPS.map((o) => overlapSecondsOf(o.value))).toEqual([0, 3600, 86400, 604800]);
  });
});

describe("Revoke tokens unused for (days)", () => {
  const parse = (revokeUnusedDays: unknown) =>
    tokenPolicySchema.safeParse({ connectorMaxDays: 90, developerMaxDays: 30, defaultExpiration: "30", revokeUnusedDays });
  it("empty or left out is never; 30 to 730 whole days otherwise", () => {
    for (const never of ["", "  ", null, undefined]) expect(parse(never).data?.revokeUnusedDays).toBeNull();
    expect(parse("30").data?.revokeUnusedDays).toBe(30);
    expect(parse(" 730 ").data?.revokeUnusedDays).toBe(730);
    expect(parse(365).data?.revokeUnusedDays).toBe(365);
  });
  it("refuses anything else with a message that says what to enter", () => {
    const message = (value: unknown) => parse(value).error?.issues[0]?.message;
    expect(message("29")).toBe("Unused tokens can be revoked after 30 days at the earliest.");
    expect(message("731")).toBe("Enter at most 730 days (2 years), or leave it empty for never.");
    expect(message("90.5")).toBe("Enter a whole number of days.");
    for (const bad of ["1e3", "0x1E", "ninety", true, [90]])
      expect(message(bad)).toBe("Enter a number of days, or leave it empty to never revoke unused tokens.");
  });
  it("the day a token is revoked: the span after its last use, or after its creation when never used", () => {
    const createdAt = new Date("2026-01-01T00:00:00.000Z");
    const lastUsedAt = new Date("2026-03-01T12:00:00.000Z");
    expect(unusedRevocationAt({ createdAt, lastUsedAt: null }, { revokeUnusedDays: null })).toBeNull();
    expect(unusedRevocationAt({ createdAt, lastUsedAt: null }, { revokeUnusedDays: 30 })).toEqual(
      new Date("2026-01-31T00:00:00.000Z"),
    );
    expect(unusedRevocationAt({ createdAt, lastUsedAt }, { revokeUnusedDays: 30 })).toEqual(new Date("2026-03-31T12:00:00.000Z"));
  });
});
