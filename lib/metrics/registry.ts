// The console's Prometheus metrics (prom-client), one registry per process: what the API and the audit
// recorder count, process and event-loop metrics, and what features add with their own collectors.
// GET /metrics writes it in the text exposition format (api/http/metrics-endpoint.ts).
import "server-only";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { registerSingleCopy } from "../single-copy";

registerSingleCopy("lib/metrics/registry");

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });
// Gauges named like counters, which Prometheus' linter (promtool check metrics) refuses; the handle and
// request counts they give are not worth a lint exception.
for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"])
  metricsRegistry.removeSingleMetric(name);

const apiRequests = new Counter({
  name: "console_api_requests_total",
  help: "Bearer API requests by token type, outcome and route (operation ID).",
  labelNames: ["type", "outcome", "route"] as const,
  registers: [metricsRegistry],
});

const apiDuration = new Histogram({
  name: "console_api_request_duration_seconds",
  help: "Time from a Bearer API request's arrival to the end of its answer, by route.",
  labelNames: ["route"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

const auditEvents = new Counter({
  name: "console_audit_events_total",
  help: "Audit events recorded by this process, by action.",
  labelNames: ["action"] as const,
  registers: [metricsRegistry],
});

// The children per label set, so a request costs one Map lookup rather than prom-client's label hashing.
const requestChildren = new Map<string, { count: Counter.Internal; time: Histogram.Internal<"route"> }>();

/** One API request answered: counted by its labels, its duration observed. */
export function observeApiRequest(type: string, outcome: string, route: string, seconds: number): void {
  const key = `${type}\t${outcome}\t${route}`;
  let child = requestChildren.get(key);
  if (!child) {
    child = { count: apiRequests.labels(type, outcome, route), time: apiDuration.labels(route) };
    requestChildren.set(key, child);
  }
  child.count.inc();
  child.time.observe(seconds);
}

export function countAuditEvent(action: string): void {
  auditEvents.labels(action).inc();
}
