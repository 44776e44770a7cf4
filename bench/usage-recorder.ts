// What counting one Bearer request in its token's usage costs (modules/usage/recorder.ts, on every
// request with a known token). Not a test: it prints nanoseconds per request, best of five rounds.
//
//   NODE_OPTIONS=--conditions=react-server npx tsx bench/usage-recorder.ts     env: BENCH_REQUESTS (2,000,000)
import { UsageRecorder } from "../modules/usage/recorder";

const N = Number(process.env.BENCH_REQUESTS || 2_000_000);
const TOKEN_ID = "0f8e2c4a-1b2c-4d5e-8f90-123456789abc";
let best = Infinity;
for (let round = 0; round < 5; round++) {
  const recorder = new UsageRecorder(() => Promise.resolve());
  const now = Date.now();
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i++) recorder.record(TOKEN_ID, "ok", "192.0.2.10", now, 0, 120);
  best = Math.min(best, Number(process.hrtime.bigint() - started) / N);
}
console.log(`bench: usage recorder: ${best.toFixed(0)} ns per request (${N.toLocaleString("en-US")} a round, best of 5)`);
