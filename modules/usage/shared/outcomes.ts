// What became of an API request made with a known token: the outcomes usage is counted by, in the order
// charts stack them, and the chart's ranges. Plain values, shared by the server and the charts.
export const USAGE_OUTCOMES = ["ok", "insufficient_scope", "address_not_allowed", "throttled", "expired", "revoked"] as const;

export type UsageOutcome = (typeof USAGE_OUTCOMES)[number];

export const USAGE_OUTCOME_LABELS: Record<UsageOutcome, string> = {
  ok: "Succeeded",
  insufficient_scope: "Insufficient scope",
  address_not_allowed: "Address not allowed",
  throttled: "Throttled",
  expired: "Expired",
  revoked: "Revoked",
};

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The chart's two views: 30 daily bars, or the last 48 hours hour by hour. */
export type UsageRange = "30d" | "48h";

/** A URL parameter as a range: anything else is the default (30 days), never an error. */
export function readUsageRange(value: unknown): UsageRange {
  return value === "48h" ? "48h" : "30d";
}

export type UsageCounts = Record<UsageOutcome, number>;

/** One bar: its start (epoch ms, UTC) and the requests by outcome. */
export type UsageBucket = { start: number; counts: UsageCounts; total: number };

export type UsageSeries = { granularity: "day" | "hour"; buckets: UsageBucket[] };

export function emptyCounts(): UsageCounts {
  return { ok: 0, insufficient_scope: 0, address_not_allowed: 0, throttled: 0, expired: 0, revoked: 0 };
}

export function isUsageOutcome(value: string): value is UsageOutcome {
  return (USAGE_OUTCOMES as readonly string[]).includes(value);
}
