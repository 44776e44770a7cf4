import { describe, expect, it } from "vitest";
import { DAY_MS } from "./expiry";
import {
  allowedExpirationValues,
  DEFAULT_TOKEN_POLICY,
  defaultExpirationFor,
  exceedsPolicy,
  latestAllowedExpiresAt,
  policyViolation,
  type TokenPolicy,
} from "./policy";
import { expiryAfterRotation, MAX_OVERLAP_SECONDS, overlapSecondsOf, ROTATION_OVERLAPS } from "./rotation";

const now = new Date("2026-01-01T00:00:00.000Z");
const tight: TokenPolicy = { connectorMaxDays: 90, developerMaxDays: 30, defaultExpiration: "60" };

describe("policy arithmetic", () => {
  it("the default policy keeps the old 3-year limit", () => {
    expect(latestAllowedExpiresAt(DEFAULT_TOKEN_POLICY, "CONNECTOR", now).getTime()).toBe(now.getTime() + 1096 * DAY_MS);
    expect(allowedExpirationValues(DEFAULT_TOKEN_POLICY, "DEVELOPER")).toEqual(["7", "30", "60", "90", "365", "custom"]);
  });

  it("refuses an expiry past the type's limit (one day of grace for the end of the picked day) with a clear message", () => {
    const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
    expect(policyViolation(tight, "CONNECTOR", at(90), now)).toBeNull();
    expect(policyViolation(tight, "CONNECTOR", at(91), now)).toBeNull();
    expect(policyViolation(tight, "CONNECTOR", new Date(at(91).getTime() + 1), now)).toBe(
      "Connector tokens may live at most 90 days (Token Policy). Choose an earlier expiration.",
    );
    expect(policyViolation(tight, "DEVELOPER", at(60), now)).toBe(
      "Developer tokens may live at most 30 days (Token Policy). Choose an earlier expiration.",
    );
    expect(policyViolation({ ...tight, developerMaxDays: 1 }, "DEVELOPER", at(3), now)).toMatch(/at most 1 day \(/);
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
    expect(exceedsPolicy(token("CONNECTOR", 91), tight)).toBe(false);
    expect(exceedsPolicy(token("CONNECTOR", 92), tight)).toBe(true);
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
