// "Only over the policy" on SQLite before and after migration 0054 (issue 21 item 5), statement by
// statement: not a test, it prints figures.
//
//   npm run bench:over-policy        env: BENCH_RUNS=41
//
// Two temporary databases hold the same 100,000 tokens (the fleet of bench/token-list.mjs: created over
// two years, 30 to 365 days to live, 1 in 10 revoked, 2 in 3 Connectors): one migrated up to 0053 (the
// virtual "lifetimeMs" and one condition with OR, as the list asked before), one up to date (the stored
// column, the list's statements type by type). Under the tightened policy (Connector 180 days, Developer
// 90) it runs the IDs (LIMIT 5001) and the count on each, interleaved, and prints the medians.
import Database from "better-sqlite3";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const migrations = path.join(root, "prisma/sqlite/migrations");
const runs = Number(process.env.BENCH_RUNS || 41);
const DAY = 86_400_000;
const now = Date.now();
const time = (ms) => new Date(ms).toISOString().replace("Z", "+00:00");
const dir = mkdtempSync(path.join(tmpdir(), "console-bench-over-policy-"));

function database(name, upTo) {
  const db = new Database(path.join(dir, `${name}.db`));
  db.pragma("journal_mode = WAL");
  for (const m of readdirSync(migrations).sort()) {
    if (m <= upTo) db.exec(readFileSync(path.join(migrations, m, "migration.sql"), "utf8"));
  }
  const insert = db.prepare(
    `INSERT INTO service_tokens (id, publicId, type, issuedTo, tokenHash, hint, createdAt, createdById, createdByName, expiresAt, revokedAt)
     VALUES (?, ?, ?, ?, ?, 'opc_con_…', ?, 'bench', 'bench', ?, ?)`,
  );
  let seed = 42; // the same fleet in both
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  db.transaction(() => {
    for (let k = 0; k < 100_000; k++) {
      const r = (random() ^ (random() << 16)) >>> 0;
      const createdAt = now - (r % 730) * DAY - (r % DAY) - DAY;
      const expiresAt = createdAt + (30 + (r % 336)) * DAY;
      insert.run(
        `id${k}`,
        `tok_${k}`,
        k % 3 ? "CONNECTOR" : "DEVELOPER",
        `connector ${k}`,
        `hash${k}`,
        time(createdAt),
        time(expiresAt),
        r % 10 === 0 ? time(createdAt + DAY) : null,
      );
    }
  })();
  return db;
}

try {
  const before = database("before", "0053_token_lifetime");
  const after = database("after", "9999");
  const t = time(now);
  const [c, d] = [180 * DAY, 90 * DAY];
  const or = `"revokedAt" IS NULL AND +"expiresAt" > ? AND (("type" = 'CONNECTOR' AND "lifetimeMs" > ?) OR ("type" = 'DEVELOPER' AND "lifetimeMs" > ?))`;
  const type = (name) => `"revokedAt" IS NULL AND +"expiresAt" > ? AND "type" = '${name}' AND "lifetimeMs" > ?`;
  const statements = [
    ["before (0053, OR): the IDs", before, `SELECT "publicId" FROM service_tokens WHERE ${or} LIMIT 5001`, [t, c, d]],
    [
      "before (0053, OR): the count",
      before,
      `SELECT COUNT(*) AS n FROM service_tokens WHERE "revokedAt" IS NULL AND ${or}`,
      [t, c, d],
    ],
    [
      "stored column, OR: the count",
      after,
      `SELECT COUNT(*) AS n FROM service_tokens WHERE "revokedAt" IS NULL AND ${or}`,
      [t, c, d],
    ],
    [
      "after (0054, by type): the IDs",
      after,
      `SELECT "publicId" FROM service_tokens WHERE ${type("CONNECTOR")} UNION ALL SELECT "publicId" FROM service_tokens WHERE ${type("DEVELOPER")} LIMIT 5001`,
      [t, c, t, d],
    ],
    [
      "after (0054, by type): the count",
      after,
      `SELECT (SELECT COUNT(*) FROM service_tokens WHERE "revokedAt" IS NULL AND ${type("CONNECTOR")}) + (SELECT COUNT(*) FROM service_tokens WHERE "revokedAt" IS NULL AND ${type("DEVELOPER")}) AS n`,
      [t, c, t, d],
    ],
  ].map(([name, db, sql, params]) => ({
    name,
    statement: db.prepare(sql),
    params,
    ms: [],
    plan: db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((r) => r.detail),
  }));
  const load = loadavg();
  for (let i = 0; i < runs; i++) {
    for (const s of statements) {
      const started = performance.now();
      s.rows = s.statement.all(...s.params);
      s.ms.push(performance.now() - started);
    }
  }
  for (const s of statements) {
    s.ms.sort((a, b) => a - b);
    const what = "n" in s.rows[0] ? `${s.rows[0].n} counted` : `${s.rows.length} rows`;
    console.log(`${s.name.padEnd(34)} ${s.ms[Math.floor(runs / 2)].toFixed(2).padStart(6)} ms  (${what})`);
    console.log(`    ${s.plan.join("\n    ")}`);
  }
  console.log(`median of ${runs}; load average ${load.map((l) => l.toFixed(2)).join(" ")} at the start`);
  before.close();
  after.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
