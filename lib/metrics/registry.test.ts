// The API's metrics are counted outside prom-client and handed to it at scrape time; what a scrape shows
// must be exactly what prom-client's own Counter and Histogram would show for the same requests.
import fc from "fast-check";
import { Counter, Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { DURATION_BUCKETS, metricsRegistry, observeApiRequest } from "./registry";

const API_METRICS = ["console_api_requests_total", "console_api_request_duration_seconds"];

/** The two metrics' lines, sorted: the order of series within a metric means nothing to Prometheus. */
async function linesOf(registry: Registry): Promise<string[]> {
  const text = await registry.metrics();
  return text
    .split("\n")
    .filter((line) => API_METRICS.some((name) => line.includes(name)))
    .sort();
}

describe("the API's request metrics", () => {
  it("scrape exactly as prom-client's own counter and histogram fed the same requests", async () => {
    const reference = new Registry();
    const count = new Counter({
      name: API_METRICS[0]!,
      help: "Bearer API requests by token type, outcome and route (operation ID).",
      labelNames: ["type", "outcome", "route"],
      registers: [reference],
    });
    const time = new Histogram({
      name: API_METRICS[1]!,
      help: "Time from a Bearer API request's arrival to the end of its answer, by route.",
      labelNames: ["route"],
      buckets: DURATION_BUCKETS,
      registers: [reference],
    });
    const request = fc.record({
      type: fc.constantFrom("connector", "developer", "none"),
      outcome: fc.constantFrom("ok", "insufficient_scope", "throttled", "unauthenticated"),
      route: fc.constantFrom("listTokens", "identifyToken", "rotateToken"),
      // Bucket bounds themselves included: they belong to their own bucket (le is inclusive).
      seconds: fc.oneof(fc.constantFrom(...DURATION_BUCKETS, 0, 12), fc.double({ min: 0, max: 20, noNaN: true })),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(request, { maxLength: 40 }), async (requests) => {
        for (const { type, outcome, route, seconds } of requests) {
          observeApiRequest(type, outcome, route, seconds);
          count.inc({ type, outcome, route });
          time.observe({ route }, seconds);
        }
        expect(await linesOf(metricsRegistry)).toEqual(await linesOf(reference));
      }),
      { numRuns: 60 },
    );
    // The property ran on something: both registries hold the requests counted above.
    expect((await linesOf(metricsRegistry)).length).toBeGreaterThan(20);
  });
});
