// What counting one Bearer request for Prometheus costs: prom-client's labelled counter and histogram
// (a child from labels(), which still hashes and validates the label set on every inc() and observe())
// against plain numbers handed to prom-client at scrape time, as lib/metrics/registry.ts counts them.
// Not a test: it prints nanoseconds per request, best of five rounds each, in one process.
//
//   node bench/metrics-counting.mjs        env: BENCH_REQUESTS (default 2,000,000 per round)
import { Counter, Histogram, Registry } from "prom-client";

const N = Number(process.env.BENCH_REQUESTS || 2_000_000);
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const seconds = (i) => 0.0004 + (i % 10) * 0.001;

function promClient() {
  const registry = new Registry();
  const count = new Counter({ name: "a_total", help: "a", labelNames: ["type", "outcome", "route"], registers: [registry] });
  const time = new Histogram({ name: "b", help: "b", labelNames: ["route"], buckets: BUCKETS, registers: [registry] });
  const children = new Map();
  return (type, outcome, route, s) => {
    const key = `${type}\t${outcome}\t${route}`;
    let child = children.get(key);
    if (!child) children.set(key, (child = { count: count.labels(type, outcome, route), time: time.labels(route) }));
    child.count.inc();
    child.time.observe(s);
  };
}

function plain() {
  // Nested maps by route, type and outcome: no key string built per request.
  const byRoute = new Map();
  return (type, outcome, route, s) => {
    let series = byRoute.get(route);
    if (!series)
      byRoute.set(route, (series = { counts: new Map(), perBucket: new Float64Array(BUCKETS.length), sum: 0, count: 0 }));
    let byOutcome = series.counts.get(type);
    if (!byOutcome) series.counts.set(type, (byOutcome = new Map()));
    const counted = byOutcome.get(outcome);
    if (counted) counted.count++;
    else byOutcome.set(outcome, { labels: { type, outcome, route }, count: 1 });
    series.count++;
    series.sum += s;
    let bucket = 0;
    while (bucket < BUCKETS.length && s > (BUCKETS[bucket] ?? Infinity)) bucket++;
    if (bucket < BUCKETS.length) series.perBucket[bucket] = (series.perBucket[bucket] ?? 0) + 1;
  };
}

function nsPerRequest(observe) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i++) observe("connector", "ok", "getToken", seconds(i));
  return Number(process.hrtime.bigint() - started) / N;
}

const best = { "prom-client": Infinity, plain: Infinity };
for (let round = 0; round < 5; round++) {
  best["prom-client"] = Math.min(best["prom-client"], nsPerRequest(promClient()));
  best.plain = Math.min(best.plain, nsPerRequest(plain()));
}
console.log(`bench: prom-client labelled counter + histogram: ${best["prom-client"].toFixed(0)} ns per request`);
console.log(`bench: plain numbers, handed over at scrape time:  ${best.plain.toFixed(0)} ns per request`);
console.log(
  `bench: ratio ${(best["prom-client"] / best.plain).toFixed(1)}× (${N.toLocaleString("en-US")} requests a round, best of 5)`,
);
