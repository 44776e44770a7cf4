// The token lifetime policy (Settings > Token Policy): the longest life per type and the default
// expiration choice. Pure: the data layer stores it, the dialogs offer only what it allows, and the
// server refuses anything longer with the messages below.
import {
  DAY_MS,
  EXPIRY_PRESETS,
  MAX_CUSTOM_EXPIRY_DAYS,
  CUSTOM_EXPIRY,
  type ExpirationValue,
  type ExpiryPresetValue,
} from "./expiry";
import { TOKEN_TYPE_LABELS, type TokenType } from "./format";

export type TokenPolicy = {
  connectorMaxDays: number;
  developerMaxDays: number;
  defaultExpiration: ExpiryPresetValue;
};

/** Up to the current 3-year limit. */
export const POLICY_MAX_DAYS = MAX_CUSTOM_EXPIRY_DAYS;

/** What applies until an administrator saves a policy: exactly the limits before the policy existed. */
export const DEFAULT_TOKEN_POLICY: TokenPolicy = {
  connectorMaxDays: POLICY_MAX_DAYS,
  developerMaxDays: POLICY_MAX_DAYS,
  defaultExpiration: "30",
};

export function maxDaysFor(policy: TokenPolicy, type: TokenType): number {
  return type === "DEVELOPER" ? policy.developerMaxDays : policy.connectorMaxDays;
}

/**
 * The latest expiry the policy allows for a token created (or rotated) at `now`. One day of grace, as
 * for custom dates: the form sends the end of the picked day in the user's time zone.
 */
export function latestAllowedExpiresAt(policy: TokenPolicy, type: TokenType, now: Date): Date {
  return new Date(now.getTime() + (maxDaysFor(policy, type) + 1) * DAY_MS);
}

/** The policy's message when `expiresAt` is too far ahead, else null. */
export function policyViolation(policy: TokenPolicy, type: TokenType, expiresAt: Date, now: Date): string | null {
  if (expiresAt.getTime() <= latestAllowedExpiresAt(policy, type, now).getTime()) return null;
  const days = maxDaysFor(policy, type);
  return `${TOKEN_TYPE_LABELS[type]} tokens may live at most ${days} day${days === 1 ? "" : "s"} (Token Policy). Choose an earlier expiration.`;
}

/** The "Set Expiration Time" values the policy allows for a type: presets within the limit, and a custom date. */
export function allowedExpirationValues(policy: TokenPolicy, type: TokenType): ExpirationValue[] {
  const max = maxDaysFor(policy, type);
  return [...EXPIRY_PRESETS.filter((p) => p.days <= max).map((p) => p.value), CUSTOM_EXPIRY];
}

/** The choice a dialog starts on: the policy's default when allowed for this type, else the longest allowed preset. */
export function defaultExpirationFor(policy: TokenPolicy, type: TokenType): ExpirationValue {
  const allowed = allowedExpirationValues(policy, type);
  if (allowed.includes(policy.defaultExpiration)) return policy.defaultExpiration;
  return allowed.at(-2) ?? CUSTOM_EXPIRY;
}

/**
 * "Lives longer than the policy allows": a token whose whole life (creation to expiry) is over its
 * type's limit, e.g. one created before the policy was tightened. Same grace as the check at creation.
 */
export function exceedsPolicy(token: { type: TokenType; createdAt: Date; expiresAt: Date }, policy: TokenPolicy): boolean {
  return token.expiresAt.getTime() > latestAllowedExpiresAt(policy, token.type, token.createdAt).getTime();
}
