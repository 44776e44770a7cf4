// Token lifetimes. Every code path (API auth, the status rule in status.ts) decides "expired" through
// isExpired, so the boundary is the same everywhere. Pure: `now` is always passed in.

export const DAY_MS = 24 * 60 * 60 * 1000;

export const EXPIRY_PRESETS = [
  { value: "7", days: 7, label: "7 days" },
  { value: "30", days: 30, label: "30 days" },
  { value: "60", days: 60, label: "60 days" },
  { value: "90", days: 90, label: "90 days" },
  { value: "365", days: 365, label: "1 year" },
] as const;

type ExpiryPreset = (typeof EXPIRY_PRESETS)[number];
export type ExpiryPresetValue = ExpiryPreset["value"];

export const CUSTOM_EXPIRY = "custom" as const;
const CUSTOM_EXPIRY_LABEL = "Custom date";

/** Every value of the "Set Expiration Time" select, presets first (kept in sync by a test). */
export const EXPIRATION_VALUES = ["7", "30", "60", "90", "365", CUSTOM_EXPIRY] as const;
export type ExpirationValue = (typeof EXPIRATION_VALUES)[number];

/** The select's options, in order. */
export const EXPIRATION_OPTIONS: readonly { value: ExpirationValue; label: string }[] = [
  ...EXPIRY_PRESETS.map(({ value, label }) => ({ value, label })),
  { value: CUSTOM_EXPIRY, label: CUSTOM_EXPIRY_LABEL },
];

export const DEFAULT_EXPIRY: ExpiryPresetValue = "30";

/** 3 years: a longer-lived secret is a liability; rotate instead. */
export const MAX_CUSTOM_EXPIRY_DAYS = 1095;

export function presetDays(value: string): number | undefined {
  return EXPIRY_PRESETS.find((p) => p.value === value)?.days;
}

export function expiresAtFromPreset(days: number, now: Date): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

/** A token stops working at the instant it expires. */
export function isExpired(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime();
}
