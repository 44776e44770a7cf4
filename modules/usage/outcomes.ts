// What became of an API request made with a known token: the outcomes usage is counted by, in the order
// charts stack them. Plain values, shared by the server and the charts.
export const USAGE_OUTCOMES = ["ok", "insufficient_scope", "address_not_allowed", "throttled", "expired", "revoked"] as const;

export type UsageOutcome = (typeof USAGE_OUTCOMES)[number];

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
