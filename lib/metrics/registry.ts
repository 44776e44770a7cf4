// The console's Prometheus metrics (prom-client), one registry per process: what the API and the audit
// recorder count, process and event-loop metrics, and what features add with their own collectors.
// GET /metrics writes it in the text exposition format (api/http/metrics-endpoint.ts).
//
// The API's request counter and duration histogram are counted in plain numbers on the request path and
// handed to prom-client when scraped: prom-client hashes and validates the label set on every inc() and
// observe(), even through a child from labels(), which costs a Bearer request more than the rest of its
// bookkeeping together (bench/README.md, "Metrics on the request path").
import "server-only";
import { Counter, Histogram, Registry, collectDefaultMetrics, type MetricValueWithName } from "prom-client";
import { inEveryIsolate } from "../runtime/isolates";
import { registerSingleCopy } from "../single-copy";

registerSingleCopy("lib/metrics/registry");

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });
// Gauges named like counters, which Prometheus' linter (promtool check metrics) refuses; the handle and
// request counts they give are not worth a lint exception.
for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"])
  metricsRegistry.removeSingleMetric(name);

type RequestLabels = { type: string; outcome: string; route: string };
type RouteSeries = {
  /** Requests by token type, then outcome. */
  counts: Map<string, Map<string, { labels: RequestLabels; count: number }>>;
  /** Durations: how many fell in each bucket (not cumulative), their sum and count. */
  perBucket: Float64Array;
  sum: number;
  count: number;
};
// By route, then type, then outcome: nested maps, so a request builds no key string (which alone cost
// ten times the rest of the counting).
const byRoute = new Map<string, RouteSeries>();

new Counter({
  name: "console_api_requests_total",
  help: "Bearer API requests by token type, outcome and route (operation ID).",
  labelNames: ["type", "outcome", "route"] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    for (const series of byRoute.values())
      for (const byOutcome of series.counts.values()) for (const { labels, count } of byOutcome.values()) this.inc(labels, count);
  },
});

/** Upper bounds of the duration buckets, in seconds (the +Inf bucket is the count). */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A histogram whose observations are counted outside prom-client (observeApiRequest) and written in
 * prom-client's own form when scraped: cumulative `_bucket` series with `le`, then `_sum` and `_count`.
 */
const DURATION_NAME = "console_api_request_duration_seconds";
const DURATION_HELP = "Time from a Bearer API request's arrival to the end of its answer, by route.";
type HistogramData = Awaited<ReturnType<Histogram<"route">["get"]>>;

class PrecountedHistogram extends Histogram<"route"> {
  override async get(): Promise<HistogramData> {
    const values: MetricValueWithName<string>[] = [];
    for (const [route, { perBucket, sum, count }] of byRoute) {
      let cumulative = 0;
      DURATION_BUCKETS.forEach((le, i) => {
        cumulative += perBucket[i] ?? 0;
        values.push({ labels: { le, route }, value: cumulative, metricName: `${DURATION_NAME}_bucket` });
      });
      values.push({ labels: { le: "+Inf", route }, value: count, metricName: `${DURATION_NAME}_bucket` });
      values.push({ labels: { route }, value: sum, metricName: `${DURATION_NAME}_sum` });
      values.push({ labels: { route }, value: count, metricName: `${DURATION_NAME}_count` });
    }
    // prom-client's type leaves the bucket label `le` out of a histogram's label names.
    return { name: DURATION_NAME, help: DURATION_HELP, type: "histogram", values, aggregator: "sum" } as unknown as HistogramData;
  }

  /** The registry's text writer asks for this form when a metric has it; the plain one serves both. */
  getForPromString(): Promise<HistogramData> {
    return this.get();
  }
}

new PrecountedHistogram({
  name: DURATION_NAME,
  help: DURATION_HELP,
  labelNames: ["route"] as const,
  buckets: DURATION_BUCKETS,
  registers: [metricsRegistry],
});

const auditEvents = new Counter({
  name: "console_audit_events_total",
  help: "Audit events recorded by this process, by action.",
  labelNames: ["action"] as const,
  registers: [metricsRegistry],
});

/** One API request answered: counted by its labels, its duration observed. */
export function observeApiRequest(type: string, outcome: string, route: string, seconds: number): void {
  let series = byRoute.get(route);
  if (!series) {
    series = { counts: new Map(), perBucket: new Float64Array(DURATION_BUCKETS.length), sum: 0, count: 0 };
    byRoute.set(route, series);
  }
  let byOutcome = series.counts.get(type);
  if (!byOutcome) {
    byOutcome = new Map();
    series.counts.set(type, byOutcome);
  }
  const counted = byOutcome.get(outcome);
  if (counted) counted.count++;
  else byOutcome.set(outcome, { labels: { type, outcome, route }, count: 1 });
  series.count++;
  series.sum += seconds;
  // Buckets are inclusive upper bounds, as in prom-client; past the last one only +Inf (the count) holds it.
  let bucket = 0;
  while (bucket < DURATION_BUCKETS.length && seconds > (DURATION_BUCKETS[bucket] ?? Infinity)) bucket++;
  if (bucket < DURATION_BUCKETS.length) series.perBucket[bucket] = (series.perBucket[bucket] ?? 0) + 1;
}

// Server actions record events in the pages worker; /metrics is served by the main thread.
export const countAuditEvent = inEveryIsolate<string>("audit-event-counted", (action) => auditEvents.labels(action).inc());
