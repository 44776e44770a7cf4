// Benchmark of Bearer verification (issue 4). Not a test: it prints figures. Uses the production build
// as it is — run `npm run build` first (NEXT_DIST_DIR and SERVER_OUT_DIR are honoured, as at build time).
//
//   npm run bench           env: BENCH_DURATION=10 (seconds per throughput run), BENCH_CONNECTIONS=50,
//                                BENCH_PORT=3290 (and the next port for the baseline)
//
// One run, one temporary data folder (deleted at the end), about a minute:
//  1. starts the production server (dist/server.mjs) on it, which creates and migrates the SQLite
//     database, and a bare node:http baseline (bench/baseline-server.ts) doing only the same header
//     parse, format/checksum check, SHA-256 and prepared indexed lookup on the same database file;
//  2. inserts 100 tokens; measures verification latency in this process (parse + SHA-256 + lookup) and
//     the HTTP round trip of one request at a time to GET /api/v1/token, on both servers;
//  3. grows the table to 10,000 tokens; measures GET /api/v1/token throughput with 50 connections,
//     cycling through 1,000 distinct tokens, on the console and on the baseline in alternating rounds;
//     prints both and their ratio (target >= 0.5);
//  4. grows the table to 100,000 tokens and measures the latencies again (target: flat in token count).
// The figures and the machine's load average go to bench/results/bearer-<time>.json (not committed).
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const root = fileURLToPath(new URL("..", import.meta.url));
const serverFile = path.join(root, process.env.SERVER_OUT_DIR || "dist", "server.mjs");
const nextDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");
const duration = Number(process.env.BENCH_DURATION || 10);
const connections = Number(process.env.BENCH_CONNECTIONS || 50);
const serverPort = Number(process.env.BENCH_PORT || 3290);
const baselinePort = serverPort + 1;
/** Distinct tokens the load generator cycles through (each connection in the same order). */
const ROTATION = 1_000;

if (!existsSync(serverFile) || !existsSync(path.join(nextDir, "BUILD_ID"))) {
  console.error(`bench: no production build (${path.relative(root, serverFile)}, ${path.relative(root, nextDir)}). Run: npm run build`);
  process.exit(1);
}

const tokens = await tsImport("../lib/tokens/server.ts", import.meta.url);
const { parseAuthorizationHeader } = await tsImport("../lib/api/auth/header.ts", import.meta.url);

const dataDir = mkdtempSync(path.join(tmpdir(), "console-bench-"));
const dbFile = path.join(dataDir, "console.db");
const children = [];

function cleanUp() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}
process.on("SIGINT", () => {
  cleanUp();
  process.exit(130);
});

function start(name, args, env, readyText) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes(readyText)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}):\n${output}`));
    });
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

// ---- tokens -------------------------------------------------------------------------------------------

const plaintexts = [];
let database;
let insert;
let count = 0;

/** Inserts rows as createServiceToken stores them (hash and hint only), in one transaction. */
function growTo(total) {
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString().replace("Z", "+00:00");
  const createdAt = new Date().toISOString().replace("Z", "+00:00");
  const n = total - count;
  // One bulk CSPRNG read is much faster than 100,000 small ones; the tokens are as random.
  const random = randomBytes(n * (tokens.BODY_BYTES + tokens.PUBLIC_ID_LENGTH));
  database.transaction(() => {
    for (let i = 0; i < n; i++) {
      const offset = i * (tokens.BODY_BYTES + tokens.PUBLIC_ID_LENGTH);
      const type = i % 2 ? "DEVELOPER" : "CONNECTOR";
      const token = tokens.tokenFromBytes(type, random.subarray(offset, offset + tokens.BODY_BYTES));
      let publicId = tokens.PUBLIC_ID_PREFIX;
      for (const byte of random.subarray(offset + tokens.BODY_BYTES, offset + tokens.BODY_BYTES + tokens.PUBLIC_ID_LENGTH)) {
        publicId += tokens.PUBLIC_ID_ALPHABET.charAt(byte & 0x1f);
      }
      insert.run(randomUUID(), publicId, type, `bench ${count + i}`, tokens.hashToken(token), tokens.tokenHint(token), createdAt, "bench", "bench", expiresAt);
      if (plaintexts.length < ROTATION) plaintexts.push(token);
    }
  })();
  count = total;
}

// ---- measurements -------------------------------------------------------------------------------------

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(samplesNs) {
  const sorted = [...samplesNs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50) / 1000, p99: percentile(sorted, 99) / 1000 };
}

/** Parse + SHA-256 + prepared indexed lookup, in this process, for known and unknown tokens. */
function verificationLatency(iterations = 30_000) {
  const lookup = database.prepare(`SELECT "id", "publicId", "type", "issuedTo", "hint", "createdAt", "expiresAt", "revokedAt" FROM "service_tokens" WHERE "tokenHash" = ?`);
  const samples = new Array(iterations);
  for (let i = 0; i < iterations + 2_000; i++) {
    const token = plaintexts[i % plaintexts.length];
    const t0 = process.hrtime.bigint();
    const header = parseAuthorizationHeader(`Bearer ${token}`);
    const parsed = tokens.parseToken(header.credential);
    const row = lookup.get(tokens.hashToken(parsed.token));
    const t1 = process.hrtime.bigint();
    if (!row) throw new Error("seeded token not found");
    if (i >= 2_000) samples[i - 2_000] = Number(t1 - t0);
  }
  return summary(samples);
}

/** One request at a time over a keep-alive connection: the latency a single client sees. */
async function httpLatency(port, requests = 3_000) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples = [];
  for (let i = 0; i < requests + 300; i++) {
    const token = plaintexts[i % plaintexts.length];
    const t0 = process.hrtime.bigint();
    const status = await new Promise((resolve, reject) => {
      const req = http.get({ host: "127.0.0.1", port, path: "/api/v1/token", agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode));
      });
      req.on("error", reject);
    });
    const t1 = process.hrtime.bigint();
    if (status !== 200) throw new Error(`GET /api/v1/token answered ${status}`);
    if (i >= 300) samples.push(Number(t1 - t0));
  }
  agent.destroy();
  return summary(samples);
}

function loadOptions(port) {
  const requests = plaintexts.map((token) => ({ method: "GET", path: "/api/v1/token", headers: { authorization: `Bearer ${token}` } }));
  return { url: `http://127.0.0.1:${port}`, connections, pipelining: 1, requests };
}

async function load(port, seconds) {
  const result = await autocannon({ ...loadOptions(port), duration: seconds });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${failed} of ${result.requests.total} requests failed`);
  return result;
}

/**
 * Throughput of both servers, in alternating rounds (console, baseline, console, …) so that other work
 * on the machine weighs on both alike; each server gets `seconds` in all, after a 2 s warm-up.
 */
async function throughputs(seconds, rounds = 2) {
  const totals = { console: { requests: 0, seconds: 0, p50: [], p99: [] }, baseline: { requests: 0, seconds: 0, p50: [], p99: [] } };
  await load(serverPort, 2); // warm-up: JIT, connections, the first use of each token
  await load(baselinePort, 2);
  for (let round = 0; round < rounds; round++) {
    for (const [name, port] of [["console", serverPort], ["baseline", baselinePort]]) {
      const result = await load(port, seconds / rounds);
      totals[name].requests += result.requests.total;
      totals[name].seconds += result.duration;
      totals[name].p50.push(result.latency.p50);
      totals[name].p99.push(result.latency.p99);
      console.log(`bench:   round ${round + 1}, ${name}: ${fmt(result.requests.total / result.duration)} req/s`);
    }
  }
  const summarize = (t) => ({ rps: t.requests / t.seconds, p50: Math.max(...t.p50), p99: Math.max(...t.p99), total: t.requests });
  return { console: summarize(totals.console), baseline: summarize(totals.baseline) };
}

// ---- run ----------------------------------------------------------------------------------------------

const fmt = (n, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const started = Date.now();
const os = await import("node:os");
const results = { machine: { cpus: os.cpus().length, node: process.version, loadAverageAtStart: os.loadavg() }, duration, connections };
let server;
let baseline;
try {
  console.log(`bench: data folder ${dataDir}; ${connections} connections, ${duration} s per throughput run`);
  server = await start(
    "console",
    [serverFile],
    { DATA_DIR: dataDir, PORT: String(serverPort), HOST: "127.0.0.1", ADMIN_PASSWORD: randomBytes(16).toString("hex"), NODE_ENV: "production" },
    "console: ready",
  );
  database = new Database(dbFile, { fileMustExist: true, timeout: 10_000 });
  insert = database.prepare(
    `INSERT INTO "service_tokens" ("id", "publicId", "type", "issuedTo", "tokenHash", "hint", "createdAt", "createdById", "createdByName", "expiresAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  // The baseline reads the same file; it idles while the console is measured, and the reverse.
  baseline = await start("baseline", ["--import", "tsx", "bench/baseline-server.ts"], { BENCH_DB_FILE: dbFile, PORT: String(baselinePort) }, "baseline: ready");

  const latencies = async (label) => {
    const result = {
      verification: verificationLatency(),
      console: await httpLatency(serverPort),
      baseline: await httpLatency(baselinePort),
    };
    console.log(
      `bench: ${label}: verification p50 ${fmt(result.verification.p50, 1)} µs, p99 ${fmt(result.verification.p99, 1)} µs; ` +
        `HTTP round trip p50/p99 console ${fmt(result.console.p50)}/${fmt(result.console.p99)} µs, baseline ${fmt(result.baseline.p50)}/${fmt(result.baseline.p99)} µs`,
    );
    return result;
  };

  growTo(100);
  results.at100 = await latencies("100 tokens");

  let t = Date.now();
  growTo(10_000);
  console.log(`bench: 10,000 tokens inserted in ${Date.now() - t} ms`);
  Object.assign(results, await throughputs(duration));
  console.log(`bench: console GET /api/v1/token: ${fmt(results.console.rps)} req/s (latency p50 ${results.console.p50} ms, p99 ${results.console.p99} ms)`);
  console.log(`bench: bare node:http baseline:  ${fmt(results.baseline.rps)} req/s (latency p50 ${results.baseline.p50} ms, p99 ${results.baseline.p99} ms)`);
  results.ratio = results.console.rps / results.baseline.rps;

  t = Date.now();
  growTo(100_000);
  console.log(`bench: 100,000 tokens inserted in ${Date.now() - t} ms`);
  results.at100k = await latencies("100,000 tokens");

  const row = (label, a, b) => `  ${label.padEnd(38)}${a.padStart(12)}${b.padStart(16)}`;
  console.log(`
Throughput, GET /api/v1/token, ${connections} connections, ${duration} s, 10,000 tokens in the database
  console (dist/server.mjs)         ${fmt(results.console.rps).padStart(10)} req/s
  bare node:http baseline           ${fmt(results.baseline.rps).padStart(10)} req/s
  ratio                             ${fmt(results.ratio, 2).padStart(10)}   (target >= 0.50: ${results.ratio >= 0.5 ? "met" : "NOT met"})

Verification latency                      100 tokens  100,000 tokens
${row("in-process p50 (µs)", fmt(results.at100.verification.p50, 1), fmt(results.at100k.verification.p50, 1))}
${row("in-process p99 (µs)", fmt(results.at100.verification.p99, 1), fmt(results.at100k.verification.p99, 1))}
${row("HTTP round trip p50 (µs), console", fmt(results.at100.console.p50), fmt(results.at100k.console.p50))}
${row("HTTP round trip p99 (µs), console", fmt(results.at100.console.p99), fmt(results.at100k.console.p99))}
${row("HTTP round trip p50 (µs), baseline", fmt(results.at100.baseline.p50), fmt(results.at100k.baseline.p50))}
${row("HTTP round trip p99 (µs), baseline", fmt(results.at100.baseline.p99), fmt(results.at100k.baseline.p99))}

bench: done in ${fmt((Date.now() - started) / 1000)} s; load average at start ${results.machine.loadAverageAtStart.map((l) => l.toFixed(1)).join(" ")} (other work on the machine lowers and skews the figures)`);
  mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  writeFileSync(path.join(root, "bench", "results", `bearer-${new Date().toISOString().replace(/[:.]/g, "-")}.json`), JSON.stringify(results, null, 2));
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
} finally {
  database?.close();
  if (baseline) await stop(baseline);
  if (server) await stop(server);
  cleanUp();
}
