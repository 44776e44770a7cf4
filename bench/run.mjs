// The console's benchmark (`npm run bench`). Not a test: it prints figures and writes them to
// bench/results/ (not committed); it fails only when it cannot measure (no build, no wrk, a request
// answered other than 200). It uses the production build as it is: run `npm run build` first
// (NEXT_DIST_DIR and SERVER_OUT_DIR are honoured, as at build time). See bench/README.md.
//
// 1. Bearer path on SQLite: the console (`node dist/server.mjs`, as a user starts it) and a bare node:http
//    baseline doing the same work (servers/baseline.ts) on the same database file, plus a trivial "hello"
//    server proving that the load generator has headroom; wrk (a C program) with rotate.lua cycling
//    through 1,000 of the 10,000 tokens; console and baseline alternate in BENCH_ROUNDS rounds.
// 2. The same on PostgreSQL (a scratch database, dropped at the end), when the server is reachable.
// 3. Files: a 100 MB upload against `tee | sha256sum` of the same bytes followed by `sync` of the copy (the
//    upload syncs its file before its 201), and its download against a bare node:http server streaming
//    the same file.
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { tsImport } from "tsx/esm/api";
import { buildBaseline, buildConsoleWithoutNext, killAll, productionBuild, root, startNode, stopNode } from "./lib/console.mjs";
import { cpuSeconds, runWrk } from "./lib/wrk.mjs";

const benchDir = path.join(root, "bench");
const build = productionBuild();
const env = process.env;
/**
 * BENCH_CONSOLE=without-next: the console's process without Next.js (servers/console-without-next.ts)
 * instead of the build's server, to measure what Next.js in the same process costs the Bearer path.
 */
const WITHOUT_NEXT = env.BENCH_CONSOLE === "without-next";
if (![undefined, "", "as-built", "without-next"].includes(env.BENCH_CONSOLE)) {
  console.error(`bench: BENCH_CONSOLE is "as-built" (the default) or "without-next", not "${env.BENCH_CONSOLE}".`);
  process.exit(1);
}
const serverFile = WITHOUT_NEXT ? await buildConsoleWithoutNext() : build.serverFile;
const DURATION = Number(env.BENCH_DURATION || 8);
const ROUNDS = Math.max(1, Number(env.BENCH_ROUNDS || 5));
const WARMUP = Number(env.BENCH_WARMUP || 5);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS || 50);
const THREADS = Number(env.BENCH_THREADS || 1);
const PORT = Number(env.BENCH_PORT || 3500); // console; the next three ports: baseline, hello, file server
const PARTS = (env.BENCH_ONLY || "sqlite,postgresql,files").split(",");
const PG_ADMIN_URL = env.BENCH_PG_URL || "postgresql://console:console@127.0.0.1:5432/console";
/** Extra node options for the console only, e.g. BENCH_CONSOLE_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
const CONSOLE_NODE_ARGS = (env.BENCH_CONSOLE_NODE_OPTIONS || "").split(" ").filter(Boolean);
/** The same for the baselines, e.g. to compare profiles. */
const BASELINE_NODE_ARGS = (env.BENCH_BASELINE_NODE_OPTIONS || "").split(" ").filter(Boolean);
const TOKENS_IN_TABLE = 10_000;
const ROTATION = 1_000;
const FILE_BYTES = 100_000_000; // 100 MB, under the default MAX_UPLOAD_BYTES (100 MiB)
const TARGET = { ratio: 0.8, p99: 2, headroom: 1.5, files: 0.9 };

const fmt = (n, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const log = (line) => console.log(`bench: ${line}`);

// ---- prerequisites ------------------------------------------------------------------------------------

function ensureWrk() {
  if (spawnSync("wrk", ["-v"]).error === undefined) return;
  if (process.getuid?.() === 0) {
    log("installing Debian's wrk (apt-get install -y wrk) …");
    const install = spawnSync("sh", ["-c", "apt-get install -y wrk || (apt-get update && apt-get install -y wrk)"], {
      stdio: "inherit",
    });
    if (install.status === 0 && spawnSync("wrk", ["-v"]).error === undefined) return;
  }
  console.error(
    "bench: the load generator wrk is missing. Install it (Debian/Ubuntu: sudo apt-get install -y wrk; macOS: brew install wrk) and run again.",
  );
  process.exit(1);
}
ensureWrk();

const scratch = mkdtempSync(path.join(tmpdir(), "console-bench-"));
/** Port → pid of the server listening there, for its CPU time. */
const pids = new Map();
const cleanups = [];

async function cleanUp() {
  killAll();
  for (const fn of cleanups.reverse()) await fn().catch((error) => console.error(`bench: clean-up: ${error.message}`));
  rmSync(scratch, { recursive: true, force: true });
}
process.on("SIGINT", () => void cleanUp().then(() => process.exit(130)));

const baselineFile = await buildBaseline();
const tokensLib = await tsImport("../lib/tokens/server.ts", import.meta.url);

// ---- processes ----------------------------------------------------------------------------------------

const start = (name, args, extraEnv, readyText) =>
  startNode(name, args, {
    env: extraEnv,
    readyText,
    onSpawn(child) {
      if (extraEnv.PORT) pids.set(Number(extraEnv.PORT), child.pid);
      // BENCH_LOG_DIR: keep each server's output (e.g. with --trace-gc in BENCH_CONSOLE_NODE_OPTIONS).
      if (env.BENCH_LOG_DIR) {
        const log = createWriteStream(path.join(env.BENCH_LOG_DIR, `${name.replace(/\W+/g, "-")}-${child.pid}.log`));
        child.stdout.pipe(log);
        child.stderr.pipe(log);
      }
    },
  });
const stop = stopNode;

function startConsole(dataDir, databaseUrl) {
  return start(
    "console",
    [...CONSOLE_NODE_ARGS, serverFile],
    {
      DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      PORT: String(PORT),
      HOST: "127.0.0.1",
      ADMIN_PASSWORD: randomBytes(16).toString("hex"),
      NODE_ENV: "production",
    },
    "console: ready",
  );
}

// ---- tokens -------------------------------------------------------------------------------------------

/** `count` rows as createServiceToken stores them (hash and hint only); the first ROTATION plaintexts. */
function makeTokens(count) {
  const rows = [];
  const plaintexts = [];
  const { BODY_BYTES, PUBLIC_ID_LENGTH, PUBLIC_ID_PREFIX, PUBLIC_ID_ALPHABET } = tokensLib;
  const random = randomBytes(count * (BODY_BYTES + PUBLIC_ID_LENGTH)); // one CSPRNG read: as random, much faster
  for (let i = 0; i < count; i++) {
    const offset = i * (BODY_BYTES + PUBLIC_ID_LENGTH);
    const type = i % 2 ? "DEVELOPER" : "CONNECTOR";
    const token = tokensLib.tokenFromBytes(type, random.subarray(offset, offset + BODY_BYTES));
    let publicId = PUBLIC_ID_PREFIX;
    for (const byte of random.subarray(offset + BODY_BYTES, offset + BODY_BYTES + PUBLIC_ID_LENGTH))
      publicId += PUBLIC_ID_ALPHABET.charAt(byte & 0x1f);
    rows.push({
      id: randomUUID(),
      publicId,
      type,
      issuedTo: `bench ${i}`,
      tokenHash: tokensLib.hashToken(token),
      hint: tokensLib.tokenHint(token),
    });
    if (i < ROTATION) plaintexts.push(token);
  }
  return { rows, plaintexts };
}

const COLUMNS = `"id", "publicId", "type", "issuedTo", "tokenHash", "hint", "createdAt", "createdById", "createdByName", "expiresAt"`;
// 30 days: inside the default first warning threshold (30 days), so every answer carries Deprecation and
// Sunset; BENCH_TOKEN_DAYS=90 measures tokens not yet warned about.
const TOKEN_DAYS = Number(env.BENCH_TOKEN_DAYS || 30);
if (!(TOKEN_DAYS > 0)) {
  console.error(`bench: BENCH_TOKEN_DAYS is a number of days above 0, not "${env.BENCH_TOKEN_DAYS}".`);
  process.exit(1);
}
const expiresAt = new Date(Date.now() + TOKEN_DAYS * 86_400_000);

async function seedSqlite(file, rows) {
  const { default: Database } = await import("better-sqlite3");
  const database = new Database(file, { fileMustExist: true, timeout: 10_000 });
  const insert = database.prepare(`INSERT INTO "service_tokens" (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const iso = (d) => d.toISOString().replace("Z", "+00:00"); // as Prisma's SQLite adapter writes DateTime
  const createdAt = iso(new Date());
  database.transaction(() => {
    for (const r of rows)
      insert.run(r.id, r.publicId, r.type, r.issuedTo, r.tokenHash, r.hint, createdAt, "bench", "bench", iso(expiresAt));
  })();
  database.close();
}

async function seedPostgres(client, rows) {
  const utc = (d) => d.toISOString().replace("T", " ").replace("Z", "");
  for (let i = 0; i < rows.length; i += 1_000) {
    const chunk = rows.slice(i, i + 1_000);
    const values = chunk.map((_, j) => `(${Array.from({ length: 10 }, (_, k) => `$${j * 10 + k + 1}`).join(", ")})`).join(", ");
    const params = chunk.flatMap((r) => [
      r.id,
      r.publicId,
      r.type,
      r.issuedTo,
      r.tokenHash,
      r.hint,
      utc(new Date()),
      "bench",
      "bench",
      utc(expiresAt),
    ]);
    await client.query(`INSERT INTO "service_tokens" (${COLUMNS}) VALUES ${values}`, params);
  }
}

// ---- load ---------------------------------------------------------------------------------------------

function wrk(port, seconds, tokensFile, urlPath = "/api/v1/token") {
  const pid = pids.get(port);
  const cpuBefore = pid ? cpuSeconds(pid) : null;
  return runWrk({ port, seconds, tokensFile, connections: CONNECTIONS, threads: THREADS, urlPath }).then((r) => {
    const cpuAfter = pid ? cpuSeconds(pid) : null;
    // The server's CPU time per answer: steadier than req/s on a busy machine (others' work steals
    // wall time, far less CPU time).
    const cpuUsPerRequest = cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) * 1e6) / r.requests : null;
    return {
      rps: r.requests / (r.durationUs / 1e6),
      requests: r.requests,
      p50: r.latencyUs.p50 / 1000,
      p99: r.latencyUs.p99 / 1000,
      cpuUsPerRequest,
      loadAverage: os.loadavg()[0],
    };
  });
}

/** The answer to GET /api/v1/token: status, headers but Date, Connection and Keep-Alive (sorted), body. */
async function getAnswer(port, token) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/token`, { headers: { authorization: `Bearer ${token}` } });
  const headers = [...res.headers]
    .filter(([name]) => !["date", "connection", "keep-alive"].includes(name))
    .map(([name, value]) => `${name}: ${value}`)
    .sort()
    .join("\n");
  return { status: res.status, text: `${headers}\n\n${await res.text()}` };
}

/**
 * Console against baseline in alternating rounds (the first to run swaps each round, so drift in the
 * machine's speed weighs on both), each round ending with the hello server for the headroom check.
 */
async function compare(label, ports, tokensFile, plaintexts) {
  // Same answer for the same token, headers and body: the baseline does the console's work, nothing less.
  for (const token of [plaintexts[0], plaintexts[1]]) {
    const [a, b] = [await getAnswer(ports.console, token), await getAnswer(ports.baseline, token)];
    if (a.status !== 200 || a.text !== b.text)
      throw new Error(`${label}: console and baseline answer differently:\n${a.status}\n${a.text}\n---\n${b.text}`);
  }
  // A console in use has served its pages: Next.js has then set up its request stores, which every async
  // step of the process carries from then on (bench/README.md, "Next.js' stores on every async resource").
  // The console without Next.js has none to serve.
  for (const page of WITHOUT_NEXT ? [] : ["/sign-in", "/api/auth/csrf"]) {
    const res = await fetch(`http://127.0.0.1:${ports.console}${page}`);
    await res.text();
    if (res.status !== 200) throw new Error(`${label}: ${page} answered ${res.status}`);
  }
  log(`${label}: warm-up (JIT, connections, the first use of every token) …`);
  await wrk(ports.console, WARMUP, tokensFile);
  await wrk(ports.baseline, WARMUP, tokensFile);
  await wrk(ports.hello, 1, tokensFile);
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 === 0 ? ["console", "baseline"] : ["baseline", "console"];
    const round = { loadAverage: os.loadavg()[0] };
    for (const name of [...order, "hello"]) round[name] = await wrk(ports[name], DURATION, tokensFile);
    round.ratio = round.console.rps / round.baseline.rps;
    round.headroom = round.hello.rps / round.baseline.rps;
    rounds.push(round);
    const s = (r) =>
      `${fmt(r.rps).padStart(7)} req/s p50 ${fmt(r.p50, 2)} ms p99 ${fmt(r.p99, 2)} ms${r.cpuUsPerRequest === null ? "" : ` ${fmt(r.cpuUsPerRequest)} µs CPU/req`}`;
    log(
      `${label} round ${i + 1}: console ${s(round.console)} | baseline ${s(round.baseline)} | hello ${fmt(round.hello.rps)} req/s | ratio ${fmt(round.ratio, 2)} | load ${round.loadAverage.toFixed(2)}`,
    );
  }
  const total = (name) => {
    const requests = rounds.reduce((a, r) => a + r[name].requests, 0);
    const seconds = rounds.reduce((a, r) => a + r[name].requests / r[name].rps, 0);
    const cpu = rounds.map((r) => r[name].cpuUsPerRequest);
    return {
      rps: requests / seconds,
      p50: median(rounds.map((r) => r[name].p50)),
      p99: median(rounds.map((r) => r[name].p99)),
      cpuUsPerRequest: cpu.includes(null) ? null : median(cpu),
    };
  };
  const result = { rounds, console: total("console"), baseline: total("baseline"), hello: total("hello") };
  // The median of the rounds' ratios: each round pairs runs a few seconds apart, while this VM's speed
  // drifts by up to a third between minutes (the hello server shows it), so one disturbed round moves
  // the ratio of the totals, printed beside it, far more than the median.
  result.ratio = median(rounds.map((r) => r.ratio));
  result.totalsRatio = result.console.rps / result.baseline.rps;
  result.p99Ratio = result.console.p99 / result.baseline.p99;
  result.headroom = result.hello.rps / result.baseline.rps;
  result.cpuRatio =
    result.console.cpuUsPerRequest && result.baseline.cpuUsPerRequest
      ? result.baseline.cpuUsPerRequest / result.console.cpuUsPerRequest
      : null;
  result.trustworthy = result.headroom >= TARGET.headroom;
  log(
    `${label}: ratio ${fmt(result.ratio, 2)}, the median of rounds ${rounds.map((r) => fmt(r.ratio, 2)).join(", ")} ` +
      `(target ≥ ${TARGET.ratio}: ${result.ratio >= TARGET.ratio ? "met" : "NOT met"}; of the totals: ${fmt(result.totalsRatio, 2)}), ` +
      `p99 ${fmt(result.p99Ratio, 2)}× the baseline's (target ≤ ${TARGET.p99}: ${result.p99Ratio <= TARGET.p99 ? "met" : "NOT met"}), ` +
      `headroom ${fmt(result.headroom, 2)}×` +
      (result.cpuRatio ? `, CPU per request: baseline/console ${fmt(result.cpuRatio, 2)}` : "") +
      (result.trustworthy
        ? ""
        : ` — below ${TARGET.headroom}×: the load generator (or the machine) limits the baseline, this ratio is NOT trustworthy`),
  );
  return result;
}

// ---- files --------------------------------------------------------------------------------------------

function curl(args) {
  const out = execFileSync("curl", ["-sS", "-w", "\n%{http_code} %{time_total} %{size_download}", ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  const [status, seconds, size] = out.trim().split("\n").at(-1).split(" ");
  return { status: Number(status), seconds: Number(seconds), size: Number(size), body: out.slice(0, out.lastIndexOf("\n")) };
}

/** Wall time of a shell pipeline, and the CPU time of its commands (the shell's `times`). */
function timed(command) {
  const t0 = process.hrtime.bigint();
  const out = execFileSync("sh", ["-c", `${command}; times`], { encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const [user, system] = (
    out
      .trim()
      .split("\n")
      .at(-1)
      .match(/\d+m[\d.]+s/g) ?? []
  ).map((t) => {
    const [, m, s] = /(\d+)m([\d.]+)s/.exec(t);
    return Number(m) * 60 + Number(s);
  });
  return { seconds, cpuMsPerMB: user === undefined ? null : ((user + system) * 1000) / (FILE_BYTES / 1e6) };
}

async function files(dataDir, token) {
  const source = path.join(scratch, "upload.bin");
  writeFileSync(source, randomBytes(FILE_BYTES));
  const mb = FILE_BYTES / 1e6;
  const auth = ["-H", `Authorization: Bearer ${token}`];
  const uploads = [];
  let fileId;
  // tee writes where the console writes its uploads (the same file system), sha256sum hashes, and sync
  // puts the copy on disk, as the console does before it answers 201.
  const teeTarget = path.join(dataDir, "files", "tee.bin");
  mkdirSync(path.dirname(teeTarget), { recursive: true });
  const reference = () => {
    const ref = timed(`tee ${teeTarget} < ${source} | sha256sum > /dev/null && sync ${teeTarget}`);
    rmSync(teeTarget, { force: true });
    return ref;
  };
  const upload = (last) => {
    const pid = pids.get(PORT);
    const [before, mainBefore] = [cpuSeconds(pid), cpuSeconds(pid, true)];
    const up = curl([...auth, "-F", `file=@${source};filename=bench.bin`, `http://127.0.0.1:${PORT}/api/v1/files`]);
    if (up.status !== 201) throw new Error(`upload answered ${up.status}: ${up.body}`);
    const cpuMsPerMB = before === null ? null : ((cpuSeconds(pid) - before) * 1000) / mb;
    const mainCpuMsPerMB = mainBefore === null ? null : ((cpuSeconds(pid, true) - mainBefore) * 1000) / mb;
    fileId = JSON.parse(up.body).id;
    // Deleted like tee's copy (the last one stays, for the downloads), so both write into page cache
    // freed the same way. Kept copies would grow the page cache into memory not touched before, which
    // costs this VM ~2.5 ms of kernel time per MB written against ~0.3 ms when it is reused
    // (bench/README.md): a cost of where the bytes land, not of the upload, and one tee did not pay.
    if (!last) rmSync(path.join(dataDir, "files", fileId));
    return { ...up, cpuMsPerMB, mainCpuMsPerMB };
  };
  for (let i = 0; i < ROUNDS; i++) {
    // Alternating which goes first, as the other parts do.
    let ref, up;
    if (i % 2 === 0) {
      ref = reference();
      up = upload(i === ROUNDS - 1);
    } else {
      up = upload(i === ROUNDS - 1);
      ref = reference();
    }
    const { cpuMsPerMB, mainCpuMsPerMB } = up;
    uploads.push({
      referenceMBps: mb / ref.seconds,
      consoleMBps: mb / up.seconds,
      consoleCpuMsPerMB: cpuMsPerMB,
      consoleMainThreadCpuMsPerMB: mainCpuMsPerMB,
      referenceCpuMsPerMB: ref.cpuMsPerMB,
    });
    log(
      `upload round ${i + 1}: console ${fmt(mb / up.seconds)} MB/s, tee | sha256sum; sync ${fmt(mb / ref.seconds)} MB/s, ratio ${fmt(ref.seconds / up.seconds, 2)}` +
        (cpuMsPerMB === null
          ? ""
          : `; CPU per MB: console ${fmt(cpuMsPerMB, 2)} ms (main thread ${fmt(mainCpuMsPerMB, 2)}), tee + sha256sum + sync ${fmt(ref.cpuMsPerMB, 2)} ms`),
    );
  }
  const stored = path.join(dataDir, "files", fileId);
  const fileServer = await start(
    "file server",
    [path.join(benchDir, "servers", "file.mjs")],
    { PORT: String(PORT + 3), BENCH_FILE: stored },
    "file: ready",
  );
  const downloads = [];
  const cpu = { console: [], baseline: [] };
  const get = (url, headers = []) => {
    const pid = pids.get(Number(new URL(url).port));
    const before = cpuSeconds(pid);
    const r = curl([...headers, "-o", "/dev/null", url]);
    if (r.status !== 200 || r.size !== FILE_BYTES)
      throw new Error(`download from ${url} answered ${r.status} with ${r.size} bytes`);
    const used = cpuSeconds(pid);
    if (before !== null && used !== null) cpu[pid === pids.get(PORT) ? "console" : "baseline"].push((used - before) / mb);
    return mb / r.seconds;
  };
  get(`http://127.0.0.1:${PORT + 3}/`); // warm-up, and the file into the page cache
  const downloadRounds = Math.max(5, ROUNDS);
  for (let i = 0; i < downloadRounds; i++) {
    const pair =
      i % 2 === 0
        ? {
            console: get(`http://127.0.0.1:${PORT}/api/v1/files/${fileId}/content`, auth),
            baseline: get(`http://127.0.0.1:${PORT + 3}/`),
          }
        : {
            baseline: get(`http://127.0.0.1:${PORT + 3}/`),
            console: get(`http://127.0.0.1:${PORT}/api/v1/files/${fileId}/content`, auth),
          };
    downloads.push(pair);
    log(
      `download round ${i + 1}: console ${fmt(pair.console)} MB/s, bare node:http ${fmt(pair.baseline)} MB/s, ratio ${fmt(pair.console / pair.baseline, 2)}`,
    );
  }
  await stop(fileServer);
  const up = {
    console: median(uploads.map((u) => u.consoleMBps)),
    reference: median(uploads.map((u) => u.referenceMBps)),
    cpuMsPerMB: {
      console: median(uploads.map((u) => u.consoleCpuMsPerMB ?? 0)),
      consoleMainThread: median(uploads.map((u) => u.consoleMainThreadCpuMsPerMB ?? 0)),
      reference: median(uploads.map((u) => u.referenceCpuMsPerMB ?? 0)),
    },
  };
  const down = { console: median(downloads.map((d) => d.console)), baseline: median(downloads.map((d) => d.baseline)) };
  const result = {
    upload: { ...up, ratio: up.console / up.reference, rounds: uploads },
    download: { ...down, ratio: down.console / down.baseline, rounds: downloads },
  };
  if (cpu.console.length && cpu.baseline.length) {
    // The servers' CPU time per MB sent (ms): what the rate would be on an idle machine is bounded by it.
    result.download.cpuMsPerMB = { console: median(cpu.console) * 1000, baseline: median(cpu.baseline.slice(1)) * 1000 };
    log(
      `download CPU per MB: console ${fmt(result.download.cpuMsPerMB.console, 2)} ms, bare node:http ${fmt(result.download.cpuMsPerMB.baseline, 2)} ms`,
    );
  }
  log(
    `files: upload ${fmt(result.upload.ratio, 2)}× tee | sha256sum; sync, download ${fmt(result.download.ratio, 2)}× bare node:http (target ≥ ${TARGET.files}, medians)`,
  );
  return result;
}

/**
 * BENCH_HOLD=1: keep the seeded console and baseline running for measurements by hand (perf, strace, wrk
 * with other settings) instead of running the rounds; Ctrl-C stops them and deletes the scratch folder.
 */
function hold(server, baseline, tokensFile) {
  log(
    `holding: console on :${ports.console} (pid ${server.pid}), baseline on :${ports.baseline} (pid ${baseline.pid}), hello on :${ports.hello}`,
  );
  log(`  BENCH_TOKENS_FILE=${tokensFile} wrk -t1 -c50 -d8s -s bench/rotate.lua http://127.0.0.1:${ports.console}/api/v1/token`);
  log("  Ctrl-C ends.");
  return new Promise(() => {});
}

// ---- phases -------------------------------------------------------------------------------------------

const ports = { console: PORT, baseline: PORT + 1, hello: PORT + 2 };

async function sqlitePhase(results, tokens, tokensFile) {
  const dataDir = path.join(scratch, "sqlite");
  mkdirSync(dataDir);
  const server = await startConsole(dataDir);
  await seedSqlite(path.join(dataDir, "console.db"), tokens.rows);
  const baseline = await start(
    "baseline",
    [...BASELINE_NODE_ARGS, baselineFile],
    { BENCH_DATABASE_URL: `file:${path.join(dataDir, "console.db")}`, PORT: String(ports.baseline) },
    "baseline: ready",
  );
  if (env.BENCH_HOLD) await hold(server, baseline, tokensFile);
  try {
    if (PARTS.includes("sqlite")) results.sqlite = await compare("SQLite", ports, tokensFile, tokens.plaintexts);
    await stop(baseline);
    if (PARTS.includes("files")) results.files = await files(dataDir, tokens.plaintexts[1] /* a Developer */);
  } finally {
    await stop(baseline);
    await stop(server);
  }
}

async function postgresPhase(results, tokens, tokensFile) {
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    log(
      `PostgreSQL at ${new URL(PG_ADMIN_URL).host} unreachable (${error.message}): skipped. Set BENCH_PG_URL to a role with CREATEDB.`,
    );
    results.postgresql = { skipped: error.message };
    return;
  }
  const name = `console_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  cleanups.push(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const dataDir = path.join(scratch, "postgresql");
  mkdirSync(dataDir);
  const server = await startConsole(dataDir, url.toString());
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await seedPostgres(client, tokens.rows);
  await client.query(`ANALYZE "service_tokens"`);
  await client.end();
  const baseline = await start(
    "baseline",
    [...BASELINE_NODE_ARGS, baselineFile],
    { BENCH_DATABASE_URL: url.toString(), PORT: String(ports.baseline) },
    "baseline: ready",
  );
  try {
    results.postgresql = await compare("PostgreSQL", ports, tokensFile, tokens.plaintexts);
  } finally {
    await stop(baseline);
    await stop(server);
  }
}

// ---- run ----------------------------------------------------------------------------------------------

const started = Date.now();
const results = {
  startedAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, loadAverageAtStart: os.loadavg() },
  settings: {
    duration: DURATION,
    warmup: WARMUP,
    rounds: ROUNDS,
    connections: CONNECTIONS,
    threads: THREADS,
    tokensInTable: TOKENS_IN_TABLE,
    rotation: ROTATION,
    wrk: spawnSync("wrk", ["-v"], { encoding: "utf8" }).stdout.split("\n")[0],
    console: WITHOUT_NEXT ? "without-next" : "as-built",
    tokenDays: TOKEN_DAYS,
  },
};
let hello;
try {
  log(`wrk -t${THREADS} -c${CONNECTIONS}, ${DURATION} s per run, ${ROUNDS} rounds; load average ${load()}; scratch ${scratch}`);
  if (WITHOUT_NEXT) log("the console WITHOUT Next.js (BENCH_CONSOLE=without-next): its pages answer 404");
  const tokens = makeTokens(TOKENS_IN_TABLE);
  const tokensFile = path.join(scratch, "tokens.txt");
  writeFileSync(tokensFile, tokens.plaintexts.join("\n") + "\n");
  hello = await start("hello", [path.join(benchDir, "servers", "hello.mjs")], { PORT: String(ports.hello) }, "hello: ready");
  if (PARTS.includes("sqlite") || PARTS.includes("files")) await sqlitePhase(results, tokens, tokensFile);
  if (PARTS.includes("postgresql")) await postgresPhase(results, tokens, tokensFile);
  results.loadAverageAtEnd = os.loadavg();
  report(results);
  mkdirSync(path.join(benchDir, "results"), { recursive: true });
  const file = path.join(benchDir, "results", `bench-${results.startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  log(`done in ${fmt((Date.now() - started) / 1000)} s; figures in ${path.relative(root, file)}`);
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
} finally {
  await stop(hello);
  await cleanUp();
}

function report(r) {
  const lines = ["", `| figure | console | baseline | ratio | target |`, `|---|---|---|---|---|`];
  for (const [key, label] of [
    ["sqlite", "SQLite"],
    ["postgresql", "PostgreSQL"],
  ]) {
    const x = r[key];
    if (!x || x.skipped) continue;
    lines.push(
      `| ${label}: GET /api/v1/token, req/s (${ROUNDS} rounds) | ${fmt(x.console.rps)} | ${fmt(x.baseline.rps)} | **${fmt(x.ratio, 2)}** (median of ${x.rounds.map((r) => fmt(r.ratio, 2)).join(", ")}; totals ${fmt(x.totalsRatio, 2)}) | ≥ ${TARGET.ratio} |`,
    );
    lines.push(
      `| ${label}: latency p50 / p99, ms | ${fmt(x.console.p50, 2)} / ${fmt(x.console.p99, 2)} | ${fmt(x.baseline.p50, 2)} / ${fmt(x.baseline.p99, 2)} | p99 ${fmt(x.p99Ratio, 2)}× | p99 ≤ ${TARGET.p99}× |`,
    );
    if (x.cpuRatio)
      lines.push(
        `| ${label}: server CPU per request, µs (median) | ${fmt(x.console.cpuUsPerRequest)} | ${fmt(x.baseline.cpuUsPerRequest)} | ${fmt(x.cpuRatio, 2)} | (for noisy machines) |`,
      );
    lines.push(
      `| ${label}: headroom, hello server req/s | ${fmt(x.hello.rps)} | ${fmt(x.baseline.rps)} | ${fmt(x.headroom, 2)}× | ≥ ${TARGET.headroom}× ${x.trustworthy ? "" : "(NOT met: ratio untrustworthy)"} |`,
    );
  }
  if (r.files) {
    lines.push(
      `| upload 100 MB, MB/s (vs tee \\| sha256sum; sync) | ${fmt(r.files.upload.console)} | ${fmt(r.files.upload.reference)} | **${fmt(r.files.upload.ratio, 2)}** | ≥ ${TARGET.files} |`,
    );
    const u = r.files.upload.cpuMsPerMB;
    if (u?.console)
      lines.push(
        `| upload: CPU per MB, ms (console, its main thread; tee + sha256sum + sync) | ${fmt(u.console, 2)} (${fmt(u.consoleMainThread, 2)}) | ${fmt(u.reference, 2)} | ${fmt(u.reference / u.console, 2)} | (for noisy machines) |`,
      );
    lines.push(
      `| download 100 MB, MB/s (vs bare node:http) | ${fmt(r.files.download.console)} | ${fmt(r.files.download.baseline)} | **${fmt(r.files.download.ratio, 2)}** | ≥ ${TARGET.files} |`,
    );
    const d = r.files.download.cpuMsPerMB;
    if (d)
      lines.push(
        `| download: server CPU per MB, ms | ${fmt(d.console, 2)} | ${fmt(d.baseline, 2)} | ${fmt(d.baseline / d.console, 2)} | (for noisy machines) |`,
      );
  }
  lines.push(
    "",
    `load average at start ${r.machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(" ")}, at end ${r.loadAverageAtEnd.map((l) => l.toFixed(2)).join(" ")}; ${r.machine.cpus} × ${r.machine.cpu}; Node ${r.machine.node}; ${r.settings.wrk}`,
  );
  console.log(lines.join("\n"));
}
