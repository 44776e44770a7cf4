// Benchmark of the notifications' expiry scan (issue 18: 100,000 tokens in at most 2 s). Not a test: it
// prints figures. Uses the built server package: run `npm run build` (or `node scripts/server-package.mjs`)
// first.
//
//   node bench/expiry-scan.mjs        env: BENCH_TOKENS=100000, BENCH_DATABASE_URL=postgresql://… (a server
//                                          where the role may create databases; default: a SQLite file)
//
// Seeds a fleet spread like a real one (expiries from 10 days ago to a year ahead, ~10% revoked) into a
// fresh database, configures email, and times scanExpiries: the first scan (which records and queues a
// notice for every token inside the largest threshold), a second one at the same time (nothing new: the
// steady state every 15 minutes), and with a 365-day threshold (every active token is a candidate, and
// the first such scan writes a notice for each).
import Database from "better-sqlite3";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = path.join(root, "node_modules", "@console", "server", "dist");
if (!existsSync(path.join(dist, "notifications.mjs"))) {
  console.error("bench: the server package is not built. Run: node scripts/server-package.mjs");
  process.exit(1);
}
const TOKENS = Number(process.env.BENCH_TOKENS || 100_000);
const DAY = 86_400_000;
const dataDir = mkdtempSync(path.join(tmpdir(), "console-bench-scan-"));
const pgUrl = process.env.BENCH_DATABASE_URL;
const pgName = `bench_scan_${process.pid}`;
let admin;
if (pgUrl) {
  admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgName}`);
  const url = new URL(pgUrl);
  url.pathname = `/${pgName}`;
  process.env.DATABASE_URL = url.toString();
} else {
  process.env.DATABASE_URL = `file:${path.join(dataDir, "console.db")}`;
}
process.env.DATA_DIR = dataDir;
process.env.AUTH_SECRET = "bench-secret-not-for-production-0123456789abcdef";

const core = await import(pathToFileURL(path.join(dist, "core.mjs")).href);
const notifications = await import(pathToFileURL(path.join(dist, "notifications.mjs")).href);
const config = core.getConfig();
await core.migrateDatabase(config.provider, config.databaseUrl);

const now = Date.now();
const rows = [];
const random = randomBytes(TOKENS * 4);
for (let i = 0; i < TOKENS; i++) {
  const r = random.readUInt32LE(i * 4);
  rows.push([
    randomUUID(),
    `tok_${String(i).padStart(10, "0")}`,
    i % 3 ? "CONNECTOR" : "DEVELOPER",
    `connector ${i}`,
    randomBytes(32).toString("hex"),
    "opc_con_…bench",
    now - 400 * DAY,
    now - 10 * DAY + Math.floor((r / 2 ** 32) * 375 * DAY),
    r % 10 === 0 ? now - DAY : null,
  ]);
}
const columns = `"id", "publicId", "type", "issuedTo", "tokenHash", "hint", "createdAt", "createdById", "createdByName", "expiresAt", "revokedAt"`;
const settings = `INSERT INTO "notification_settings" ("id", "smtpHost", "smtpPort", "smtpSecurity", "allowPlainPassword", "mailFrom", "recipients", "warnDays", "dailyDigest", "updatedAt") VALUES ('default', '127.0.0.1', 2525, 'NONE', FALSE, 'console@example.com', 'ops@example.com', '30,7,1', FALSE, $1)`;
let run;
let closeSeed = async () => {};
if (pgUrl) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const values = chunk.map(
      (_, j) =>
        `(${Array.from({ length: 9 }, (_, k) => `$${j * 9 + k + 1}`)
          .slice(0, 6)
          .join(
            ", ",
          )}, to_timestamp($${j * 9 + 7}::double precision / 1000), 'bench', 'bench', to_timestamp($${j * 9 + 8}::double precision / 1000), to_timestamp($${j * 9 + 9}::double precision / 1000))`,
    );
    await client.query(`INSERT INTO "service_tokens" (${columns}) VALUES ${values.join(", ")}`, chunk.flat());
  }
  await client.query(settings, [new Date()]);
  await client.query(`ANALYZE`);
  run = (sql) => client.query(sql);
  closeSeed = () => client.end();
} else {
  const sqlite = new Database(path.join(dataDir, "console.db"));
  // As Prisma's SQLite adapter stores a DateTime: ISO 8601 text with "+00:00".
  const iso = (ms) => (ms === null ? null : new Date(ms).toISOString().replace("Z", "+00:00"));
  const insert = sqlite.prepare(`INSERT INTO "service_tokens" (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', 'bench', ?, ?)`);
  sqlite.transaction(() => {
    for (const row of rows) insert.run(...row.slice(0, 6), iso(row[6]), iso(row[7]), iso(row[8]));
  })();
  sqlite.prepare(settings.replace("$1", "?")).run(iso(now));
  sqlite.exec("ANALYZE");
  run = (sql) => sqlite.exec(sql);
  closeSeed = async () => sqlite.close();
}

async function timed(label) {
  const started = performance.now();
  const result = await notifications.scanExpiries(now);
  const ms = performance.now() - started;
  console.log(`${label.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms  (${result.queued} notices queued)`);
}

console.log(
  `expiry scan, ${TOKENS.toLocaleString("en-US")} tokens, ${config.provider}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
await timed("first scan, thresholds 30, 7, 1");
await timed("second scan (steady state: nothing new)");
await run(`UPDATE "notification_settings" SET "warnDays" = '365'`);
await timed("threshold 365: every active token, first scan");
await timed("threshold 365: every active token, steady state");
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);

await closeSeed();
await core.disconnectDb();
rmSync(dataDir, { recursive: true, force: true });
if (admin) {
  await admin.query(`DROP DATABASE ${pgName} WITH (FORCE)`);
  await admin.end();
}
process.exit(0);
