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
  /** The inactive-token policy: tokens unused for this many days are revoked (reason Unused); null: never. */
  revokeUnusedDays: number | null;
};

/** The range of "Revoke tokens unused for (days)". */
export const REVOKE_UNUSED_MIN_DAYS = 30;
export const REVOKE_UNUSED_MAX_DAYS = 730;
/** The list flags tokens the inactive-token policy will revoke within this many days. */
export const UNUSED_REVOCATION_NOTICE_DAYS = 7;

/** Only the policy's own values (e.g. of a stored policy, which also says who changed it when). */
export function policyValues(p: TokenPolicy): TokenPolicy {
  return {
    connectorMaxDays: p.connectorMaxDays,
    developerMaxDays: p.developerMaxDays,
    defaultExpiration: p.defaultExpiration,
    revokeUnusedDays: p.revokeUnusedDays,
  };
}

/** Up to the current 3-year limit. */
export const POLICY_MAX_DAYS = MAX_CUSTOM_EXPIRY_DAYS;

/** What applies until an administrator saves a policy: exactly the limits before the policy existed. */
export const DEFAULT_TOKEN_POLICY: TokenPolicy = {
  connectorMaxDays: POLICY_MAX_DAYS,
  developerMaxDays: POLICY_MAX_DAYS,
  defaultExpiration: "30",
  revokeUnusedDays: null,
};

export function maxDaysFor(policy: TokenPolicy, type: TokenType): number {
  return type === "DEVELOPER" ? policy.developerMaxDays : policy.connectorMaxDays;
}

/**
 * The lifetime rule, written once: a token allowed N days may expire at most N × 24 hours after it was
 * created (or rotated), to the millisecond, without a day of grace. So a preset of N days or the API's
 * `expiresInDays: N` fits exactly when N is within the limit, and a custom date (the end of the picked
 * day in the user's time zone) when that end falls before the limit; the date pickers offer only such
 * days (lastPickableDay). Creation, both rotations, the 3-year cap and the "over the policy" flag all
 * compare with this instant.
 */
export function latestExpiresAt(createdAt: Date, maxDays: number): Date {
  return new Date(createdAt.getTime() + maxDays * DAY_MS);
}

/** The latest expiry the policy allows for a token of `type` created (or rotated) at `createdAt`. */
export function latestAllowedExpiresAt(policy: TokenPolicy, type: TokenType, createdAt: Date): Date {
  return latestExpiresAt(createdAt, maxDaysFor(policy, type));
}

/**
 * The last day a date picker offers, in the browser's time zone: the latest day whose end (what the
 * form sends) is within `maxDays` of `now`; usually the day before the limit's own date.
 */
export function lastPickableDay(now: Date, maxDays: number): Date {
  const limit = latestExpiresAt(now, maxDays);
  const day = new Date(limit.getFullYear(), limit.getMonth(), limit.getDate(), 23, 59, 59, 999);
  if (day.getTime() > limit.getTime()) day.setDate(day.getDate() - 1);
  return day;
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

/** A token's whole life, creation (or rotation) to expiry, in milliseconds: what the policy limits. */
function lifetimeMs(token: { createdAt: Date; expiresAt: Date }): number {
  return token.expiresAt.getTime() - token.createdAt.getTime();
}

/** The longest life the policy allows a token of `type`, in milliseconds (latestExpiresAt's span). */
export function lifetimeLimitMs(policy: TokenPolicy, type: TokenType): number {
  return maxDaysFor(policy, type) * DAY_MS;
}

/**
 * "Lives longer than the policy allows": a token whose whole life (creation to expiry) is over its
 * type's limit, e.g. one created before the policy was tightened. The same rule as at creation, which
 * stores the instant it checked as createdAt: a token the policy let through is never flagged by it.
 * Its query twin is overPolicyConditions (modules/service-tokens/list/list-sql.ts), which compares the
 * stored "lifetimeMs" column (migrations 0053 and 0054) with the same limit.
 */
export function exceedsPolicy(token: { type: TokenType; createdAt: Date; expiresAt: Date }, policy: TokenPolicy): boolean {
  return lifetimeMs(token) > lifetimeLimitMs(policy, token.type);
}

/**
 * When the inactive-token policy revokes a token: `revokeUnusedDays` after its last use, or after its
 * creation (or rotation) when never used; null when the policy is off. The job (and its SQL) and the
 * list's flag both follow this rule.
 */
export function unusedRevocationAt(
  token: { createdAt: Date; lastUsedAt: Date | null },
  policy: Pick<TokenPolicy, "revokeUnusedDays">,
): Date | null {
  if (policy.revokeUnusedDays === null) return null;
  return new Date((token.lastUsedAt ?? token.createdAt).getTime() + policy.revokeUnusedDays * DAY_MS);
}

/** The inactive-token policy's revocation when it comes within UNUSED_REVOCATION_NOTICE_DAYS of `now`, else null. */
export function unusedRevocationSoon(
  token: { createdAt: Date; lastUsedAt: Date | null },
  policy: Pick<TokenPolicy, "revokeUnusedDays">,
  now: Date,
): Date | null {
  const at = unusedRevocationAt(token, policy);
  return at !== null && at.getTime() - now.getTime() <= UNUSED_REVOCATION_NOTICE_DAYS * DAY_MS ? at : null;
}
