// A token's status, the one rule behind the badges, the Status filter of the list and the API's
// `status`. Its query twin, for the list's filter and counts, is statusCondition in
// modules/service-tokens/list/list-sql.ts; a property test seeds tokens at the boundaries on both
// databases and checks that the two agree. Pure: `now` is always passed in.
import { DAY_MS, isExpired } from "./expiry";
import type { ListStatus } from "./list-view";

export const EXPIRING_SOON_DAYS = 7;

/**
 * "Expiring soon" waits until a token is a day old: whoever just created a short-lived token chose its
 * end on purpose, so a new 7-day token is not flagged the moment it exists (it is from its second day).
 */
export const EXPIRING_SOON_MIN_AGE_MS = DAY_MS;

export const TOKEN_STATUSES = ["active", "expiring", "expired", "revoked"] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

type StatusFields = { createdAt: Date; expiresAt: Date; revokedAt: Date | null };

/**
 * revoked > expired (from the instant of expiry) > expiring (under EXPIRING_SOON_DAYS left and at least
 * EXPIRING_SOON_MIN_AGE_MS old) > active.
 */
export function tokenStatus(t: StatusFields, now: Date): TokenStatus {
  if (t.revokedAt !== null) return "revoked";
  if (isExpired(t.expiresAt, now)) return "expired";
  if (
    t.expiresAt.getTime() - now.getTime() < EXPIRING_SOON_DAYS * DAY_MS &&
    now.getTime() - t.createdAt.getTime() >= EXPIRING_SOON_MIN_AGE_MS
  ) {
    return "expiring";
  }
  return "active";
}

/**
 * Whether the list's Status filter keeps a token: one of tokenStatus's four, or "never used" (not
 * revoked and never authenticated, whatever its expiry).
 */
export function hasListStatus(t: StatusFields & { lastUsedAt: Date | null }, status: ListStatus, now: Date): boolean {
  return status === "never_used" ? t.revokedAt === null && t.lastUsedAt === null : tokenStatus(t, now) === status;
}

export const TOKEN_STATUS_LABELS: Record<TokenStatus, string> = {
  active: "Active",
  expiring: "Expiring soon",
  expired: "Expired",
  revoked: "Revoked",
};
