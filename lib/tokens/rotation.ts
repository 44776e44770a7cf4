// Rotation arithmetic: how long the replaced token keeps working. Pure: `now` is always passed in.

/** At most 7 days of overlap: long enough to redeploy a connector, short enough to bound a leak. */
export const MAX_OVERLAP_SECONDS = 604_800;

/** The choices of "Keep the current token working for", in order. */
export const ROTATION_OVERLAPS = [
  { value: "0", seconds: 0, label: "Immediately" },
  { value: "3600", seconds: 3_600, label: "1 hour" },
  { value: "86400", seconds: 86_400, label: "24 hours" },
  { value: "604800", seconds: 604_800, label: "7 days" },
] as const;

export type RotationOverlapValue = (typeof ROTATION_OVERLAPS)[number]["value"];
export const ROTATION_OVERLAP_VALUES = ROTATION_OVERLAPS.map((o) => o.value) as [RotationOverlapValue, ...RotationOverlapValue[]];
export const DEFAULT_ROTATION_OVERLAP: RotationOverlapValue = "86400";

export function overlapSecondsOf(value: RotationOverlapValue): number {
  return ROTATION_OVERLAPS.find((o) => o.value === value)?.seconds ?? 0;
}

/**
 * The replaced token's new expiry: the end of the overlap, but never later than it already was (a
 * rotation never extends a token's life). Overlap 0 ends it at `now`, so it fails from the next call.
 */
export function expiryAfterRotation(currentExpiresAt: Date, now: Date, overlapSeconds: number): Date {
  if (!Number.isInteger(overlapSeconds) || overlapSeconds < 0 || overlapSeconds > MAX_OVERLAP_SECONDS) {
    throw new RangeError(`overlapSeconds must be a whole number from 0 to ${MAX_OVERLAP_SECONDS}`);
  }
  const endOfOverlap = now.getTime() + overlapSeconds * 1000;
  return new Date(Math.min(currentExpiresAt.getTime(), endOfOverlap));
}

/**
 * How long a rotation through the API can be asked again with the same Idempotency-Key (and get the
 * same new token back) when its response was lost: a client's retries, not a second rotation.
 */
export const ROTATION_RETRY_SECONDS = 600;
