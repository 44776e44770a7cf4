import { describe, expect, it } from "vitest";
import {
  CUSTOM_EXPIRY,
  DAY_MS,
  DEFAULT_EXPIRY,
  EXPIRATION_OPTIONS,
  EXPIRATION_VALUES,
  EXPIRY_PRESETS,
  MAX_CUSTOM_EXPIRY_DAYS,
  expiresAtFromPreset,
  isExpired,
  presetDays,
} from "./expiry";

const now = new Date("2025-03-10T12:00:00.000Z");
const plus = (ms: number) => new Date(now.getTime() + ms);

describe("presets", () => {
  it("offers 7, 30, 60, 90 days and 1 year, then a custom date", () => {
    expect(EXPIRY_PRESETS.map((p) => [p.value, p.days, p.label])).toEqual([
      ["7", 7, "7 days"],
      ["30", 30, "30 days"],
      ["60", 60, "60 days"],
      ["90", 90, "90 days"],
      ["365", 365, "1 year"],
    ]);
    expect(EXPIRATION_VALUES).toEqual([...EXPIRY_PRESETS.map((p) => p.value), CUSTOM_EXPIRY]);
    expect(EXPIRATION_OPTIONS.map((o) => o.value)).toEqual(EXPIRATION_VALUES);
  });

  it("defaults to 30 days and caps custom dates at 3 years", () => {
    expect(presetDays(DEFAULT_EXPIRY)).toBe(30);
    expect(MAX_CUSTOM_EXPIRY_DAYS).toBe(3 * 365);
    expect(presetDays("custom")).toBeUndefined();
    expect(presetDays("14")).toBeUndefined();
  });

  it("adds whole 24-hour days to now", () => {
    expect(expiresAtFromPreset(30, now).toISOString()).toBe("2025-04-09T12:00:00.000Z");
    expect(expiresAtFromPreset(365, now).getTime() - now.getTime()).toBe(365 * DAY_MS);
    expect(now.toISOString()).toBe("2025-03-10T12:00:00.000Z"); // not mutated
  });
});

describe("isExpired", () => {
  const expiresAt = plus(DAY_MS);
  it("is false before the instant, true at and after it", () => {
    expect(isExpired(expiresAt, plus(DAY_MS - 1))).toBe(false);
    expect(isExpired(expiresAt, plus(DAY_MS))).toBe(true);
    expect(isExpired(expiresAt, plus(DAY_MS + 1))).toBe(true);
  });
});
