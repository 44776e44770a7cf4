// Benchmark of audit forwarding (issue 17, "Speed"). Not a test: it prints figures and writes them to
// bench/results/audit-forwarding-<time>.json; it fails only when it cannot measure. Uses the production
// build as it is — run `npm run build` first (NEXT_DIST_DIR and SERVER_OUT_DIR are honoured).
//
//   npm run bench:forwarding    env: BENCH_PORT=3296 (the baseline takes the next port), BENCH_BACKLOG=100000,
//                                    BENCH_FORMAT=CEF, BENCH_WRITE_RATE=6000, BENCH_WRITE_SECONDS=20,
//                                    BENCH_DURATION=8, BENCH_ROUNDS=3, BENCH_CONNECTIONS=50, BENCH_LIVE_RATE=1000,
//                                    BENCH_ONLY=backlog,sustained,bearer
//
// One temporary data folder (deleted at the end), the production console on SQLite, and a real rsyslog
// listening on TCP (e2e/support/rsyslog.ts). The administrator signs in and adds a TCP destination through
// the Add destination action, over HTTP as the browser calls it. Then:
// 1. Backlog: BENCH_BACKLOG chained audit events (seq, prevHash, hash as lib/audit/chain.ts computes them;
//    `node dist/audit.mjs verify` checks the result) are committed in one transaction while the sender is
//    idle at the head — a receiver that was away while they were written. Timed from that commit until
//    rsyslog has written the last line; every line's event ID and seq are read back: none missing, none
//    repeated, in seq order. Events per second are sampled meanwhile (in steps of a batch: read the overall rate).
// 2. Sustained while written: chained events are written at BENCH_WRITE_RATE for BENCH_WRITE_SECONDS (small
//    transactions every 50 ms) while the sender forwards them; delivered per second and the lag at the end.
// 3. Bearer API: the console's GET /api/v1/token against the bare baseline (bench/servers/baseline.ts) with
//    wrk and bench/rotate.lua, as bench/run.mjs measures it, while BENCH_LIVE_RATE events/s are written, in
//    rounds of three modes: no forwarding (the sender finds nothing to send), live (it forwards the writes
//    as they come) and catch-up (its cursor rewound to the chain's start before each run: flat out). The
//    mode is the console's; the baseline's runs are made with the console's sender parked.
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";
import { buildBaseline, killAll, productionBuild, root, signIn, startNode } from "./lib/console.mjs";
import { cpuSeconds, runWrk } from "./lib/wrk.mjs";

// lib/ modules start with `import "server-only"`, which only the react-server condition lets through.
if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const child = spawnSync(
    process.execPath,
    ["--conditions=react-server", ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  process.exit(child.status ?? 1);
}

const env = process.env;
const { serverFile, outDir, nextDir } = productionBuild();
const auditCli = path.join(outDir, "audit.mjs");
const PORT = Number(env.BENCH_PORT || 3296);
const BASELINE_PORT = PORT + 1;
const BACKLOG = Number(env.BENCH_BACKLOG || 100_000);
const FORMAT = env.BENCH_FORMAT || "CEF";
const WRITE_RATE = Number(env.BENCH_WRITE_RATE || 6_000);
const WRITE_SECONDS = Number(env.BENCH_WRITE_SECONDS || 20);
const DURATION = Number(env.BENCH_DURATION || 8);
const LIVE_RATE = Number(env.BENCH_LIVE_RATE || 1_000);
const ROUNDS = Math.max(1, Number(env.BENCH_ROUNDS || 3));
const CONNECTIONS = Number(env.BENCH_CONNECTIONS || 50);
const PARTS = (env.BENCH_ONLY || "backlog,sustained,bearer").split(",");
const PASSWORD = "bench admin passphrase 1";
/** Extra node options for the console, e.g. BENCH_CONSOLE_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
const CONSOLE_NODE_ARGS = (env.BENCH_CONSOLE_NODE_OPTIONS || "").split(" ").filter(Boolean);
const base = `http://127.0.0.1:${PORT}`;
const TARGET = { rate: 5_000, backlogSeconds: 60, bearerDrift: 0.03 };

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
const log = (line) => console.log(`bench: ${line}`);
const fmt = (n, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const { rsyslogUnavailable, startRsyslog } = await tsImport("../e2e/support/rsyslog.ts", import.meta.url);
const missing = rsyslogUnavailable();
if (missing) {
  console.error(`bench: ${missing}`);
  process.exit(1);
}
const hasWrk = spawnSync("wrk", ["-v"]).error === undefined;
const { auditEventHash, GENESIS_HASH } = await tsImport("../lib/audit/chain.ts", import.meta.url);
const tokensLib = await tsImport("../lib/tokens/server.ts", import.meta.url);

const dataDir = mkdtempSync(path.join(tmpdir(), "console-bench-forwarding-"));
const dbFile = path.join(dataDir, "console.db");
let rsyslog;

async function cleanUp() {
  killAll();
  await rsyslog?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}
process.on("SIGINT", () => void cleanUp().then(() => process.exit(130)));

const start = (name, args, extraEnv, readyText) =>
  startNode(name, args, {
    env: extraEnv,
    readyText,
    // What goes wrong (a failed batch, a locked database, an overflow) matters to the figures: show it.
    onStderr: (chunk) => process.stderr.write(`${name}: ${chunk}`),
  });

const rsyslogPid = () => Number(readFileSync(path.join(rsyslog.certificates.dir, "rsyslogd.pid"), "utf8"));

// ---- signing in and adding the destination, as the browser does ------------------------------------------

let cookieHeader;

/** Calls a server action by its exported name, as the browser does (the build's manifest gives its id). */
async function callAction(name, pagePath, input) {
  const manifest = JSON.parse(readFileSync(path.join(nextDir, "server", "server-reference-manifest.json"), "utf8"));
  const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === name)?.[0];
  if (!id) throw new Error(`no server action named ${name} in the build`);
  const res = await fetch(`${base}${pagePath}`, {
    method: "POST",
    headers: {
      "next-action": id,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      origin: base,
      cookie: cookieHeader(),
    },
    body: JSON.stringify([input]),
  });
  const text = await res.text();
  if (res.status !== 200 || !text.includes('"ok":true')) throw new Error(`${name} answered ${res.status}: ${text.slice(0, 400)}`);
}

// ---- the database -----------------------------------------------------------------------------------------

const openDb = () => {
  const database = new Database(dbFile, { fileMustExist: true, timeout: 30_000 });
  database.pragma("journal_mode = WAL"); // what the console uses; a no-op when already so
  return database;
};
const sqliteTime = (ms) => new Date(ms).toISOString().replace("Z", "+00:00"); // as Prisma's SQLite adapter writes
const parseTime = (text) => new Date(text.replace("+00:00", "Z")).getTime();

const ACTIONS = [
  // What a busy console records most: failed API authentications (a caller with a wrong or revoked token).
  (i) => ({
    actorType: "anonymous",
    actorId: null,
    actorName: null,
    action: "api.auth_failed",
    outcome: "failure",
    targetType: null,
    targetId: null,
    ip: `192.0.2.${i % 250}`,
    userAgent: "billing-exporter/2.4 (+https://example.com)",
    details: JSON.stringify({ reason: "unknown_token", path: "/api/v1/token", hint: `…${(i % 9973).toString(36)}` }),
  }),
  (i) => ({
    actorType: "user",
    actorId: "bench-admin",
    actorName: "admin",
    action: "service_token.create",
    outcome: "success",
    targetType: "service_token",
    targetId: `tok_BENCH${String(i).padStart(5, "0")}`,
    ip: "198.51.100.7",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
    details: JSON.stringify({ type: "CONNECTOR", issuedTo: `connector ${i} site ${i % 97}`, expiresInDays: 90 }),
  }),
  (i) => ({
    actorType: "token",
    actorId: `tok_CALLER${i % 10}`,
    actorName: "…a1b2",
    action: "service_token.identify",
    outcome: "success",
    targetType: "service_token",
    targetId: `tok_BENCH${String(i).padStart(5, "0")}`,
    ip: "203.0.113.9",
    userAgent: "curl/8.5.0",
    details: null,
  }),
];
const COLUMNS = `"seq", "id", "createdAt", "actorType", "actorId", "actorName", "action", "outcome", "targetType", "targetId", "ip", "userAgent", "details", "prevHash", "hash"`;

/**
 * Appends `count` events to the chain in one transaction, as appendToChain would one at a time: each takes
 * the next seq, a time no earlier than the head's, the head's hash as prevHash, and its own hash; the head
 * moves to the last. Returns the IDs and the seq range.
 */
function appendEvents(database, count, insert, updateHead, readHead) {
  const ids = [];
  let first = 0n;
  let last = 0n;
  database
    .transaction(() => {
      const head = readHead.get();
      let seq = BigInt(head.seq);
      let prevHash = head.hash ?? GENESIS_HASH;
      const lastAt = head.lastAt ? parseTime(head.lastAt) : 0;
      const at = Math.max(Date.now(), lastAt);
      const createdAt = new Date(at).toISOString();
      first = seq + 1n;
      for (let i = 0; i < count; i++) {
        seq += 1n;
        const row = { ...ACTIONS[Number(seq % 3n)](Number(seq)), id: randomUUID() };
        const hash = auditEventHash({ ...row, seq, createdAt, prevHash });
        insert.run(
          seq,
          row.id,
          sqliteTime(at),
          row.actorType,
          row.actorId,
          row.actorName,
          row.action,
          row.outcome,
          row.targetType,
          row.targetId,
          row.ip,
          row.userAgent,
          row.details,
          prevHash,
          hash,
        );
        ids.push(row.id);
        prevHash = hash;
      }
      updateHead.run(seq, prevHash, sqliteTime(at));
      last = seq;
    })
    .immediate();
  return { ids, first, last };
}

function chainWriter(database) {
  database.defaultSafeIntegers(true);
  const insert = database.prepare(`INSERT INTO "audit_events" (${COLUMNS}) VALUES (${COLUMNS.split(",").map(() => "?")})`);
  const updateHead = database.prepare(`UPDATE "audit_chain_head" SET "seq" = ?, "hash" = ?, "lastAt" = ? WHERE "id" = 1`);
  const readHead = database.prepare(`SELECT "seq", "hash", "lastAt" FROM "audit_chain_head" WHERE "id" = 1`);
  return (count) => appendEvents(database, count, insert, updateHead, readHead);
}

// ---- what rsyslog wrote --------------------------------------------------------------------------------------

/** Reads the receiver's file as it grows: each line's event ID and seq, in arrival order. */
function receiverLog(file) {
  let offset = 0;
  let rest = "";
  const seen = [];
  const idPattern = FORMAT === "JSON" ? /"id":"([^"]+)"/ : /externalId=([0-9a-f-]{36})/;
  const seqPattern = FORMAT === "JSON" ? /"seq":"?(\d+)/ : FORMAT === "LEEF" ? /sequence=(\d+)/ : /cn1=(\d+)/;
  return {
    seen,
    /** Reads what arrived since the last call; returns how many lines. */
    poll() {
      if (!existsSync(file)) return 0;
      const fd = openSync(file, "r");
      try {
        const size = fstatSync(fd).size;
        if (size < offset) offset = 0; // truncated
        if (size === offset) return 0;
        const buffer = Buffer.alloc(size - offset);
        readSync(fd, buffer, 0, buffer.length, offset);
        offset = size;
        const lines = (rest + buffer.toString("utf8")).split("\n");
        rest = lines.pop();
        for (const line of lines) {
          const id = idPattern.exec(line)?.[1];
          const seq = seqPattern.exec(line)?.[1];
          seen.push({ id, seq: seq === undefined ? null : BigInt(seq) });
        }
        return lines.length;
      } finally {
        closeSync(fd);
      }
    },
    clear() {
      seen.length = 0;
    },
    /** Empties the file too (rsyslog appends, so it goes on at the new end), to keep the disk in bounds. */
    truncate() {
      truncateSync(file, 0);
      offset = 0;
      rest = "";
      seen.length = 0;
    },
  };
}

/** Which of `ids` (seq first..last) arrived, repeats, order, from the receiver's lines. */
function check(seen, ids, first) {
  const wanted = new Set(ids);
  const counts = new Map();
  let outOfOrder = 0;
  let previous = -1n;
  for (const { id, seq } of seen) {
    if (!wanted.has(id)) continue;
    counts.set(id, (counts.get(id) ?? 0) + 1);
    if (seq !== null && seq <= previous) outOfOrder++;
    if (seq !== null) previous = seq;
  }
  const repeated = [...counts.values()].reduce((a, n) => a + (n - 1), 0);
  const seqMismatch = seen.filter(({ id, seq }) => wanted.has(id) && (seq === null || ids[Number(seq - first)] !== id)).length;
  return { distinct: counts.size, missing: ids.length - counts.size, repeated, outOfOrder, seqMismatch };
}

/** The sender's failures as the Audit Forwarding page shows them (distinct lastError values), while it runs. */
const senderErrors = new Set();
let readLastError = () => null;
function noteSenderError() {
  const error = readLastError();
  if (error) senderErrors.add(error);
}

// ---- 1. the backlog ------------------------------------------------------------------------------------------

async function backlogPart(write, receiver, consolePid) {
  receiver.poll();
  receiver.clear();
  log(`backlog: writing ${fmt(BACKLOG)} chained events … (load average ${load()})`);
  let started = performance.now();
  const { ids, first, last } = write(BACKLOG);
  const cpuBefore = cpuSeconds(consolePid);
  const rsyslogCpuBefore = cpuSeconds(rsyslogPid());
  const committed = performance.now();
  log(`backlog: committed seq ${first}–${last} in ${fmt((committed - started) / 1000, 1)} s; forwarding …`);
  started = committed;
  const samples = [{ t: 0, n: 0 }];
  const deadline = started + 600_000;
  let wanted = 0;
  const idSet = new Set(ids);
  let lastArrival = started;
  let firstArrival = null;
  senderErrors.clear();
  while (wanted < ids.length && performance.now() < deadline) {
    await sleep(100);
    noteSenderError();
    const before = receiver.seen.length;
    if (receiver.poll() > 0) {
      const now = performance.now();
      for (let i = before; i < receiver.seen.length; i++) if (idSet.has(receiver.seen[i].id)) wanted++;
      firstArrival ??= now;
      lastArrival = now;
    }
    samples.push({ t: (performance.now() - started) / 1000, n: wanted });
  }
  const seconds = (lastArrival - started) / 1000;
  const cpu = cpuSeconds(consolePid);
  const rsyslogCpu = cpuSeconds(rsyslogPid());
  await sleep(1_000); // repeats arriving late would still count
  receiver.poll();
  const result = {
    events: BACKLOG,
    format: FORMAT,
    seconds,
    firstLineAfterSeconds: firstArrival === null ? null : (firstArrival - started) / 1000,
    rate: BACKLOG / seconds,
    ...perSecond(samples),
    consoleCpuSeconds: cpu === null || cpuBefore === null ? null : cpu - cpuBefore,
    rsyslogCpuSeconds: rsyslogCpu === null || rsyslogCpuBefore === null ? null : rsyslogCpu - rsyslogCpuBefore,
    ...check(receiver.seen, ids, first),
    loadAverage: loadavg(),
    timedOut: wanted < ids.length,
    senderErrors: [...senderErrors],
  };
  log(
    `backlog: ${fmt(BACKLOG)} events in ${fmt(seconds, 1)} s (first line after ${fmt(result.firstLineAfterSeconds ?? 0, 2)} s) = ${fmt(result.rate)} events/s overall, ` +
      `median second ${fmt(result.medianPerSecond)}/s, slowest ${fmt(result.minPerSecond)}/s; CPU: console ${fmt(result.consoleCpuSeconds ?? 0, 1)} s, rsyslog ${fmt(result.rsyslogCpuSeconds ?? 0, 1)} s; ` +
      `missing ${result.missing}, repeated ${result.repeated}, out of order ${result.outOfOrder}, seq/ID mismatches ${result.seqMismatch}; ` +
      `sender errors: ${result.senderErrors.join(" / ") || "none"} | load ${load()}`,
  );
  log(
    `backlog: target ≤ ${TARGET.backlogSeconds} s: ${seconds <= TARGET.backlogSeconds && !result.timedOut ? "met" : "NOT met"}; ` +
      `≥ ${fmt(TARGET.rate)} events/s with no loss: ${result.rate >= TARGET.rate && result.missing === 0 ? "met" : "NOT met"}`,
  );
  return result;
}

/** Events per whole second from cumulative samples (the count at each second: the last sample before it). */
function perSecond(samples) {
  const seconds = [];
  const at = (t) => samples.findLast((x) => x.t <= t) ?? samples[0];
  const end = samples.at(-1).t;
  for (let s = 1; s <= end; s++) seconds.push(at(s).n - at(s - 1).n);
  // The first and last busy seconds are partial (sending started or ended within them).
  const busy = seconds.filter((n) => n > 0);
  const whole = busy.length > 2 ? busy.slice(1, -1) : busy;
  return {
    perSecond: seconds,
    medianPerSecond: whole.length ? median(whole) : 0,
    minPerSecond: whole.length ? Math.min(...whole) : 0,
  };
}

// ---- 2. sustained while written --------------------------------------------------------------------------------

async function sustainedPart(write, receiver) {
  receiver.poll();
  receiver.clear();
  log(`sustained: writing ${fmt(WRITE_RATE)} events/s for ${WRITE_SECONDS} s while forwarding … (load average ${load()})`);
  const ids = [];
  let first = null;
  const started = performance.now();
  const samples = [{ t: 0, n: 0, written: 0 }];
  let due = 0;
  senderErrors.clear();
  while (performance.now() - started < WRITE_SECONDS * 1000) {
    noteSenderError();
    const elapsed = (performance.now() - started) / 1000;
    const n = Math.floor(elapsed * WRITE_RATE) - due;
    if (n > 0) {
      const batch = write(n);
      first ??= batch.first;
      ids.push(...batch.ids);
      due += n;
    }
    receiver.poll();
    samples.push({ t: (performance.now() - started) / 1000, n: receiver.seen.length, written: ids.length });
    await sleep(50);
  }
  const writtenSeconds = (performance.now() - started) / 1000;
  const idSet = new Set(ids);
  const deliveredDuring = receiver.seen.filter((x) => idSet.has(x.id)).length;
  // Then until the last event written has arrived: the lag behind the writer.
  const stopped = performance.now();
  let caughtUpAfter = null;
  while (performance.now() - stopped < 300_000) {
    receiver.poll();
    noteSenderError();
    if (receiver.seen.some((x) => x.id === ids.at(-1))) {
      caughtUpAfter = (performance.now() - stopped) / 1000;
      break;
    }
    await sleep(100);
  }
  await sleep(1_000);
  receiver.poll();
  const result = {
    targetRate: WRITE_RATE,
    written: ids.length,
    writtenRate: ids.length / writtenSeconds,
    deliveredWhileWriting: deliveredDuring,
    deliveredRateWhileWriting: deliveredDuring / writtenSeconds,
    ...perSecond(samples),
    caughtUpSecondsAfterWriterStopped: caughtUpAfter,
    senderErrors: [...senderErrors],
    ...check(receiver.seen, ids, first),
    loadAverage: loadavg(),
  };
  log(
    `sustained: written ${fmt(result.writtenRate)} events/s, delivered ${fmt(result.deliveredRateWhileWriting)} events/s while writing ` +
      `(median second ${fmt(result.medianPerSecond)}/s), last event delivered ${caughtUpAfter === null ? "NEVER" : `${fmt(caughtUpAfter, 1)} s`} after the writer stopped; ` +
      `missing ${result.missing}, repeated ${result.repeated}, out of order ${result.outOfOrder}; ` +
      `sender errors: ${result.senderErrors.join(" / ") || "none"} | load ${load()}`,
  );
  return result;
}

// ---- 3. the Bearer API with and without forwarding --------------------------------------------------------------

async function wrk(port, seconds, tokensFile) {
  const r = await runWrk({ port, seconds, tokensFile, connections: CONNECTIONS });
  return { rps: r.requests / (r.durationUs / 1e6), p99: r.latencyUs.p99 / 1000, requests: r.requests };
}

function seedTokens(count, keep) {
  const database = openDb();
  const insert = database.prepare(
    `INSERT INTO "service_tokens" ("id", "publicId", "type", "issuedTo", "tokenHash", "hint", "createdAt", "createdById", "createdByName", "expiresAt") VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', 'bench', ?)`,
  );
  const plaintexts = [];
  const now = Date.now();
  database.transaction(() => {
    for (let i = 0; i < count; i++) {
      const type = i % 2 ? "DEVELOPER" : "CONNECTOR";
      const token = tokensLib.tokenFromBytes(type, randomBytes(tokensLib.BODY_BYTES));
      insert.run(
        randomUUID(),
        tokensLib.generatePublicId(),
        type,
        `bench ${i}`,
        tokensLib.hashToken(token),
        tokensLib.tokenHint(token),
        sqliteTime(now),
        sqliteTime(now + 30 * 86_400_000),
      );
      if (i < keep) plaintexts.push(token);
    }
  })();
  database.close();
  return plaintexts;
}

async function bearerPart(destinationId, receiver, consolePid) {
  const tokensFile = path.join(dataDir, "tokens.txt");
  writeFileSync(tokensFile, seedTokens(10_000, 1_000).join("\n") + "\n");
  const baselineFile = await buildBaseline();
  const baseline = await start(
    "baseline",
    [baselineFile],
    { BENCH_DATABASE_URL: `file:${dbFile}`, PORT: String(BASELINE_PORT) },
    "baseline: ready",
  );
  const database = openDb();
  database.defaultSafeIntegers(true);
  const headSeq = () => database.prepare(`SELECT "seq" FROM "audit_chain_head" WHERE "id" = 1`).get().seq;
  const cursor = () =>
    database.prepare(`SELECT "cursorSeq" FROM "audit_destinations" WHERE "id" = ?`).get(destinationId).cursorSeq;
  const setCursor = (seq) =>
    database.prepare(`UPDATE "audit_destinations" SET "cursorSeq" = ? WHERE "id" = ?`).run(seq, destinationId);
  /**
   * none: the cursor past any head (the sender finds nothing to send); live: at the head, so it forwards the
   * events the writer adds, as they come; catch-up: at the chain's start, so it sends flat out all run long.
   */
  const setMode = async (mode) => {
    const target = mode === "none" ? 1n << 50n : mode === "live" ? headSeq() : 0n;
    // The sender moves the cursor only if it is still where it read it: a rewind or skip made meanwhile wins.
    setCursor(target);
    await sleep(600);
    if (mode !== "catch-up" && cursor() !== target) setCursor(target);
    if (mode === "catch-up") {
      // Until the sender is sending (the receiver's file grows), so the whole run is under forwarding.
      const before = receiver.seen.length;
      for (let i = 0; i < 50 && receiver.seen.length === before; i++) {
        await sleep(100);
        receiver.poll();
      }
    }
    receiver.poll();
    receiver.truncate();
  };
  // The same writes in every mode (a separate process: its CPU weighs on console and baseline alike).
  const write = chainWriter(database);
  let written = 0;
  const writerStarted = performance.now();
  const writer = setInterval(() => {
    const due = Math.floor(((performance.now() - writerStarted) / 1000) * LIVE_RATE) - written;
    if (due > 0) written += write(due).ids.length;
  }, 50);
  const MODES = ["none", "live", "catch-up"];
  try {
    log(`bearer: warm-up … (load average ${load()})`);
    await setMode("none");
    await wrk(PORT, 5, tokensFile);
    await wrk(BASELINE_PORT, 5, tokensFile);
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) {
      const round = { loadAverage: loadavg()[0] };
      // Rotated each round, so drift in the machine's speed weighs on every mode.
      for (const mode of MODES.map((_, k) => MODES[(k + i) % MODES.length])) {
        const pair = {};
        for (const name of i % 2 === 0 ? ["console", "baseline"] : ["baseline", "console"]) {
          // The baseline always runs with the console's sender parked: its figures are the same machine's in
          // every mode, so a mode's ratio moves only with what forwarding costs the console. (Left running,
          // a sender that catches up at full speed while the console is idle slows the baseline instead.)
          await setMode(name === "console" ? mode : "none");
          const cpuBefore = cpuSeconds(consolePid);
          // The main thread's time per request is what limits a server's rate: steadier than req/s here.
          const pid = name === "console" ? consolePid : baseline.pid;
          const mainBefore = cpuSeconds(pid, true);
          const writtenBefore = written;
          pair[name] = await wrk(name === "console" ? PORT : BASELINE_PORT, DURATION, tokensFile);
          pair[name].mainCpuUsPerRequest = ((cpuSeconds(pid, true) - mainBefore) * 1e6) / pair[name].requests;
          receiver.poll();
          pair[name].written = written - writtenBefore;
          pair[name].forwarded = receiver.seen.length;
          pair[name].consoleCpuSeconds = cpuSeconds(consolePid) - cpuBefore;
          if (mode === "catch-up" && name === "console") pair[name].stillForwarding = cursor() < headSeq();
        }
        pair.ratio = pair.console.rps / pair.baseline.rps;
        pair.cpuRatio = pair.baseline.mainCpuUsPerRequest / pair.console.mainCpuUsPerRequest;
        round[mode] = pair;
      }
      rounds.push(round);
      const s = (p) =>
        `console ${fmt(p.console.rps)} req/s p99 ${fmt(p.console.p99)} ms, baseline ${fmt(p.baseline.rps)} req/s, ratio ${fmt(p.ratio, 3)}; ` +
        `main thread ${fmt(p.console.mainCpuUsPerRequest, 1)} / ${fmt(p.baseline.mainCpuUsPerRequest, 1)} µs per request, ratio ${fmt(p.cpuRatio, 3)} ` +
        `(forwarded ${fmt(p.console.forwarded)} / ${fmt(p.baseline.forwarded)})`;
      log(`bearer round ${i + 1} (load ${round.loadAverage.toFixed(2)}):`);
      for (const mode of MODES) log(`  ${mode.padEnd(8)} ${s(round[mode])}`);
    }
    const ratio = Object.fromEntries(MODES.map((m) => [m, median(rounds.map((r) => r[m].ratio))]));
    const drift = { live: ratio.live / ratio.none - 1, "catch-up": ratio["catch-up"] / ratio.none - 1 };
    // The same by main-thread time per request: the console's in each mode against its own in "none", per
    // round (the modes of a round run within a minute of each other), then the median over rounds.
    const cpuRatio = Object.fromEntries(MODES.map((m) => [m, median(rounds.map((r) => r[m].cpuRatio))]));
    const cpuDrift = Object.fromEntries(
      ["live", "catch-up"].map((m) => [
        m,
        median(rounds.map((r) => r.none.console.mainCpuUsPerRequest / r[m].console.mainCpuUsPerRequest)) - 1,
      ]),
    );
    const notAllForwarding = rounds.some((r) => !r["catch-up"].console.stillForwarding);
    const pct = (d) =>
      `${d >= 0 ? "+" : ""}${fmt(d * 100, 1)}% (${Math.abs(d) <= TARGET.bearerDrift ? "within" : "NOT within"} ${TARGET.bearerDrift * 100}%)`;
    log(
      `bearer: ratio to the baseline (medians of ${ROUNDS} rounds, ${fmt(LIVE_RATE)} events/s written throughout): ` +
        `no forwarding ${fmt(ratio.none, 3)}; forwarding them live ${fmt(ratio.live, 3)}, ${pct(drift.live)}; ` +
        `catching up a backlog ${fmt(ratio["catch-up"], 3)}, ${pct(drift["catch-up"])}` +
        (notAllForwarding ? " — the sender caught up during some runs: a longer chain (BENCH_BACKLOG) keeps it busy" : ""),
    );
    log(
      `bearer: by the main thread's time per request (ratio baseline/console, medians): no forwarding ${fmt(cpuRatio.none, 3)}, ` +
        `live ${fmt(cpuRatio.live, 3)}, catch-up ${fmt(cpuRatio["catch-up"], 3)}; the console's own against "none" in the same round: ` +
        `live ${pct(cpuDrift.live)}, catch-up ${pct(cpuDrift["catch-up"])}`,
    );
    return { liveRate: LIVE_RATE, rounds, ratio, drift, cpuRatio, cpuDrift, notAllForwarding, loadAverage: loadavg() };
  } finally {
    clearInterval(writer);
    await setMode("none");
    database.close();
    baseline.kill("SIGTERM");
  }
}

// ---- run ------------------------------------------------------------------------------------------------------

const results = {
  startedAt: new Date().toISOString(),
  loadAverageAtStart: loadavg(),
  settings: { BACKLOG, FORMAT, WRITE_RATE, WRITE_SECONDS, LIVE_RATE, DURATION, ROUNDS, CONNECTIONS },
};
try {
  rsyslog = await startRsyslog();
  const receiver = receiverLog(path.join(rsyslog.certificates.dir, "messages.log"));
  const server = await start(
    "console",
    [...CONSOLE_NODE_ARGS, serverFile],
    {
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      ADMIN_PASSWORD: PASSWORD,
      AUTH_SECRET: "bench-secret-0123456789-0123456789-0123456789",
    },
    "ready on",
  );
  ({ cookieHeader } = await signIn(base, "admin", PASSWORD));
  await callAction("addDestinationAction", "/settings/audit-forwarding", {
    name: "bench rsyslog",
    protocol: "TCP",
    host: "127.0.0.1",
    port: rsyslog.ports.tcp,
    format: FORMAT,
  });
  const database = openDb();
  const destinationId = database.prepare(`SELECT "id" FROM "audit_destinations"`).get().id;
  const lastErrorQuery = database.prepare(`SELECT "lastError" FROM "audit_destinations" WHERE "id" = ?`);
  readLastError = () => lastErrorQuery.get(destinationId)?.lastError ?? null;
  // The sender's job starts within the console's sync period (3 s), then forwards the destination's own
  // creation event: once that arrived, it is idle at the head.
  for (let i = 0; i < 100 && receiver.poll() === 0; i++) await sleep(100);
  await sleep(1_000);
  const write = chainWriter(database);
  log(`console on :${PORT} (pid ${server.pid}), rsyslog on TCP :${rsyslog.ports.tcp}, format ${FORMAT}; load average ${load()}`);

  if (PARTS.includes("backlog")) results.backlog = await backlogPart(write, receiver, server.pid);
  if (PARTS.includes("sustained")) results.sustained = await sustainedPart(write, receiver);
  readLastError = () => null;
  database.close();

  // The chain the bench wrote is the chain the console would have written: the console's own check says so.
  const verify = spawnSync(process.execPath, [auditCli, "verify"], {
    cwd: root,
    env: { ...env, DATA_DIR: dataDir, AUTH_SECRET: "bench-secret-0123456789-0123456789-0123456789" },
    encoding: "utf8",
  });
  results.verify = { status: verify.status, output: (verify.stdout + verify.stderr).trim().split("\n").slice(-3).join("\n") };
  log(`audit verify: exit ${verify.status}: ${results.verify.output}`);

  if (PARTS.includes("bearer")) {
    if (hasWrk) results.bearer = await bearerPart(destinationId, receiver, server.pid);
    else log("bearer: skipped, wrk is missing (sudo apt-get install -y wrk)");
  }
  results.loadAverageAtEnd = loadavg();
  mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  const file = path.join(root, "bench", "results", `audit-forwarding-${results.startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(
    file,
    JSON.stringify(results, (_, v) => (typeof v === "bigint" ? String(v) : v), 2),
  );
  log(`figures in ${path.relative(root, file)}; load average ${load()}`);
} catch (error) {
  console.error(`bench: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
