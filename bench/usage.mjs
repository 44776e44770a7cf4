// Benchmark of the pages that read API usage (issue 19): the Overview at / and a token's page, with
// BENCH_TOKENS tokens (default 100,000) each carrying BENCH_DAYS days (default 365) of daily usage plus
// the last 48 hours hour by hour (and the totals the console keeps beside them). Not a test: it prints figures. Uses the production build as it is —
// run `npm run build` first (NEXT_DIST_DIR and SERVER_OUT_DIR are honoured).
//
//   node bench/usage.mjs     env: BENCH_PORT=3294, BENCH_RUNS=15, BENCH_TOKENS=100000, BENCH_DAYS=365
//
// One temporary data folder (SQLite, deleted at the end). Prints the median server time (to the last
// byte, localhost) of BENCH_RUNS sequential requests after warm-up, and the load average.
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import path from "node:path";
import { scratchConsole, signIn, stopNode } from "./lib/console.mjs";

const port = Number(process.env.BENCH_PORT || 3294);
const runs = Number(process.env.BENCH_RUNS || 15);
const tokenCount = Number(process.env.BENCH_TOKENS || 100_000);
const days = Number(process.env.BENCH_DAYS || 365);
const base = `http://127.0.0.1:${port}`;
const PASSWORD = "bench admin passphrase 1";
const DAY = 86_400_000;
const HOUR = 3_600_000;

const { dataDir, start: startServer, cleanUp } = scratchConsole({ name: "usage", port, password: PASSWORD });
let cookieHeader;

/** Tokens and their usage, written straight into the database (a year of daily rows per token). */
function seed() {
  const database = new Database(path.join(dataDir, "console.db"));
  const now = Date.now();
  const today = Math.floor(now / DAY);
  const nowHour = Math.floor(now / HOUR);
  const iso = (ms) => new Date(ms).toISOString().replace("Z", "+00:00");
  const token = database.prepare(
    `INSERT INTO service_tokens (id, publicId, type, issuedTo, tokenHash, hint, createdAt, createdById, createdByName, expiresAt, lastUsedAt)
     VALUES (?, ?, 'CONNECTOR', ?, ?, 'opc_con_…bnch', ?, 'bench', 'bench', ?, ?)`,
  );
  const day = database.prepare(`INSERT INTO token_usage_days VALUES (?, ?, ?, ?, 0, ?)`);
  const hour = database.prepare(`INSERT INTO token_usage_hours VALUES (?, ?, 'ok', ?, 0, ?)`);
  const address = database.prepare(`INSERT INTO token_client_addresses VALUES (?, ?, ?, ?, ?)`);
  const publicIds = [];
  const started = Date.now();
  for (let from = 0; from < tokenCount; from += 1_000) {
    database.transaction(() => {
      for (let k = from; k < Math.min(tokenCount, from + 1_000); k++) {
        const id = randomUUID();
        const publicId = `tok_B${String(k).padStart(9, "0")}`;
        publicIds.push(publicId);
        token.run(id, publicId, `bench ${k}`, `bench-hash-${k}`, iso(now - 400 * DAY), iso(now + 300 * DAY), iso(now - HOUR));
        for (let d = days - 1; d >= 2; d--) {
          day.run(id, today - d, "ok", 10 + ((k + d) % 50), 2_000);
          if ((k + d) % 30 === 0) day.run(id, today - d, "throttled", 1, 100);
        }
        for (let h = 47; h >= 0; h--) hour.run(id, nowHour - h, 1 + ((k + h) % 5), 200);
        for (let a = 0; a < 3; a++) address.run(id, `10.${k % 250}.${a}.1`, now - days * DAY, now - a * HOUR, 100);
      }
    })();
  }
  // What the console keeps beside the rows (modules/usage/store.ts), as a console that had been counting
  // this usage would hold it: each token's 7- and 30-day totals and all tokens' requests per day.
  const since = (
    first,
  ) => `(COALESCE((SELECT SUM(d.requests) FROM token_usage_days d WHERE d.tokenId = service_tokens.id AND d.day >= ${first}), 0)
    + COALESCE((SELECT SUM(h.requests) FROM token_usage_hours h WHERE h.tokenId = service_tokens.id AND h.hour >= ${first * 24}), 0))`;
  database.exec(`UPDATE service_tokens SET requests7d = ${since(today - 6)}, requests30d = ${since(today - 29)}`);
  database.exec(`INSERT INTO usage_day_totals (day, outcome, requests)
    SELECT day, outcome, SUM(requests) FROM (SELECT day, outcome, requests FROM token_usage_days
      UNION ALL SELECT hour / 24, outcome, requests FROM token_usage_hours) GROUP BY day, outcome`);
  database.exec("ANALYZE");
  database.close();
  console.log(
    `bench: seeded ${tokenCount.toLocaleString("en-US")} tokens × ${days} days in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  return publicIds;
}

async function median(url) {
  const time = async () => {
    const start = performance.now();
    const res = await fetch(url, { headers: { cookie: cookieHeader() }, redirect: "manual" });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    return performance.now() - start;
  };
  for (let i = 0; i < 3; i++) await time();
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await time());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

try {
  await stopNode(await startServer()); // migrated: seed while it is down, then start again
  const publicIds = seed();
  await startServer();
  ({ cookieHeader } = await signIn(base, "admin", PASSWORD));
  const sample = publicIds[Math.floor(publicIds.length / 2)];
  const figures = {
    overview: await median(`${base}/`),
    tokenPage30Days: await median(`${base}/settings/service-tokens/${sample}`),
    tokenPage48Hours: await median(`${base}/settings/service-tokens/${sample}?usage=48h`),
  };
  for (const [name, ms] of Object.entries(figures))
    console.log(`bench: ${name.padEnd(18)} ${ms.toFixed(1)} ms (median of ${runs})`);
  console.log(
    `bench: load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
} finally {
  cleanUp();
}
