// Benchmark of the Service Tokens list at fleet scale (issue 8). Not a test: it prints figures. Uses the
// production build as it is — run `npm run build` first (NEXT_DIST_DIR and SERVER_OUT_DIR are honoured).
//
//   node bench/token-list.mjs        env: BENCH_PORT=3292, BENCH_RUNS=15 (timed requests per measurement),
//                                         BENCH_SIZES=100,10000,100000, BENCH_HTML_OUT=<file> (keeps a list page)
//
// One temporary data folder (deleted at the end): starts the production console (SQLite), signs in as
// the administrator, and at 100, 10,000 and 100,000 tokens measures the server time of
//   - the list's first page, a filtered page (Status: Expiring soon, by creation and by expiration), two
//     searched pages ('billing exporter': the same 60 tokens at every size; 'site 42': 1% of the fleet),
//     "Only over the policy" under a tightened policy (about half the live fleet over it) and a loose one,
//     the last page reached by cursor, the Last used filter (Unused for 90 days) and the list sorted by
//     Requests (7 days), with a year of daily usage for one token in ten (BENCH_USAGE_DAYS, default 365);
//   - a token's page;
//   - identifying a token (POST /api/v1/service-tokens/identify, the same data-layer call as the dialog);
// as the median of BENCH_RUNS sequential requests after warm-up (time to the last byte, on localhost),
// with each list page's HTML size, and the ratio to the same figure at 100 tokens; and the statements of
// "Only over the policy" under the tightened policy, timed alone in this process. It also prints the
// SQLite query plans of the list's queries and the first-load JavaScript of the tokens page (every
// <script src> of its HTML except `nomodule` ones, fetched and gzipped at level 9). Figures go to
// bench/results/token-list-<time>.json.
import Database from "better-sqlite3";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { tsImport } from "tsx/esm/api";
import { root, scratchConsole, signIn as signInAs } from "./lib/console.mjs";

const port = Number(process.env.BENCH_PORT || 3292);
const runs = Number(process.env.BENCH_RUNS || 15);
const base = `http://127.0.0.1:${port}`;
const SIZES = (process.env.BENCH_SIZES || "100,10000,100000").split(",").map(Number);
const PASSWORD = "bench admin passphrase 1";
const DAY = 86_400_000;
const usageDays = Number(process.env.BENCH_USAGE_DAYS || 365);

const tokens = await tsImport("../lib/tokens/server.ts", import.meta.url);
const { dataDir, start: startServer, cleanUp } = scratchConsole({ name: "list", port, password: PASSWORD });
let cookieHeader;

/** Signed in as the administrator, with the list answering. */
async function signIn() {
  ({ cookieHeader } = await signInAs(base, "admin", PASSWORD));
  const page = await fetch(`${base}/settings/service-tokens`, { headers: { cookie: cookieHeader() }, redirect: "manual" });
  if (page.status !== 200) throw new Error(`sign-in failed: the list answered ${page.status}`);
}

// ---- data -----------------------------------------------------------------------------------------------

const db = () => new Database(path.join(dataDir, "console.db"));
const sqliteTime = (ms) => new Date(ms).toISOString().replace("Z", "+00:00");
let count = 0;
const now = Date.now();
/** Identify is limited to 10 lookups a minute per calling token: the bench rotates through callers. */
const developerTokens = [];
let nextCaller = 0;
let knownToken;

/**
 * Inserts rows as createServiceToken stores them (hash and hint only), spread like a real fleet: created
 * over two years, 30 to 365 days to live, ~10% revoked, ~30% never used.
 */
function growTo(total) {
  const database = db();
  const insert = database.prepare(
    `INSERT INTO service_tokens (id, publicId, type, issuedTo, tokenHash, hint, createdAt, createdById, createdByName, expiresAt, revokedAt, revokedById, revokedByName, lastUsedAt, lastUsedIp, requests7d)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const n = total - count;
  const random = randomBytes(n * (tokens.BODY_BYTES + tokens.PUBLIC_ID_LENGTH + 4));
  const addDay = database.prepare(
    `INSERT INTO token_usage_days (tokenId, day, outcome, requests, bytesIn, bytesOut) VALUES (?, ?, 'ok', ?, 0, 0)`,
  );
  const today = Math.floor(now / DAY);
  database.transaction(() => {
    for (let i = 0; i < n; i++) {
      const k = count + i;
      const offset = i * (tokens.BODY_BYTES + tokens.PUBLIC_ID_LENGTH + 4);
      const type = k % 3 ? "CONNECTOR" : "DEVELOPER";
      const token = tokens.tokenFromBytes(type, random.subarray(offset, offset + tokens.BODY_BYTES));
      let publicId = tokens.PUBLIC_ID_PREFIX;
      for (const byte of random.subarray(offset + tokens.BODY_BYTES, offset + tokens.BODY_BYTES + tokens.PUBLIC_ID_LENGTH)) {
        publicId += tokens.PUBLIC_ID_ALPHABET.charAt(byte & 0x1f);
      }
      const r = random.readUInt32LE(offset + tokens.BODY_BYTES + tokens.PUBLIC_ID_LENGTH);
      // r is below 2^32 ms (50 days): days and milliseconds are taken apart, or the whole fleet would be
      // under 51 days old and no token unused for 90 days.
      const createdAt = now - (r % 730) * DAY - (r % DAY) - DAY;
      const expiresAt = createdAt + (30 + (r % 336)) * DAY;
      const revoked = r % 10 === 0;
      const used = r % 10 >= 3;
      const id = randomUUID();
      // One live used token in ten is busy: used every day of the last year (BENCH_USAGE_DAYS) up to
      // today, with its stored 7-day total as the usage flush keeps it.
      const busy = used && !revoked && expiresAt > now && k % 10 === 3;
      const lastUsedAt = busy ? now - (r % 24) * 3_600_000 : Math.min(now, createdAt + (r % 30) * DAY);
      let requests7d = 0;
      if (busy) {
        const lastDay = Math.floor(lastUsedAt / DAY);
        const firstDay = Math.max(Math.floor(createdAt / DAY), today - usageDays + 1);
        for (let day = firstDay; day <= lastDay; day++) {
          const requests = 1 + ((r + day) % 500);
          addDay.run(id, day, requests);
          if (day > today - 7) requests7d += requests;
        }
      }
      insert.run(
        id,
        publicId,
        type,
        // The first 60 also carry a name to find: the same 60 matches (a full page) at every size.
        `connector ${k} site ${k % 97}${k < 60 ? " billing exporter" : ""}`,
        tokens.hashToken(token),
        tokens.tokenHint(token),
        sqliteTime(createdAt),
        `admin${k % 7}`,
        sqliteTime(expiresAt),
        revoked ? sqliteTime(createdAt + DAY) : null,
        revoked ? "bench" : null,
        revoked ? "admin" : null,
        used ? sqliteTime(lastUsedAt) : null,
        used ? `10.${k % 256}.${(k >> 8) % 256}.${r % 256}` : null,
        requests7d,
      );
      if (k === 0) knownToken = token;
    }
  })();
  // Callers of the identify API: Developer tokens with known plaintexts, never revoked.
  if (developerTokens.length === 0) {
    const add = database.prepare(
      `INSERT INTO service_tokens (id, publicId, type, issuedTo, tokenHash, hint, createdAt, createdById, createdByName, expiresAt) VALUES (?, ?, 'DEVELOPER', 'bench caller', ?, ?, ?, 'bench', 'bench', ?)`,
    );
    for (let i = 0; i < 20; i++) {
      const token = tokens.generateToken("DEVELOPER").token;
      add.run(
        randomUUID(),
        i === 0 ? "tok_BENCHCA11R" : tokens.generatePublicId(),
        tokens.hashToken(token),
        tokens.tokenHint(token),
        sqliteTime(now - 2 * DAY),
        sqliteTime(now + 300 * DAY),
      );
      developerTokens.push(token);
    }
  }
  database.close();
  count = total;
}

/** The cursor of the list's last page in the default order (newest first, revoked left out). */
function lastPageCursor() {
  const database = db();
  const rows = database
    .prepare(
      `SELECT createdAt, publicId FROM service_tokens WHERE revokedAt IS NULL ORDER BY createdAt ASC, publicId ASC LIMIT 51`,
    )
    .all();
  database.close();
  const row = rows.at(-1);
  return tokens.encodeCursor({ dir: "a", value: new Date(row.createdAt.replace("+00:00", "Z")).toISOString(), id: row.publicId });
}

/**
 * The daily refresh of the stored 7-day totals (refreshAllRequestTotals in modules/usage/store.ts, its
 * 7-day part), timed once on the bench's database: background work, not a request, but it grows with the
 * tokens that have requests.
 */
function refreshTotalsMs() {
  const database = db();
  const firstDay = Math.floor(now / DAY) - 6;
  const total = `(COALESCE((SELECT SUM(d."requests") FROM "token_usage_days" d WHERE d."tokenId" = "service_tokens"."id" AND d."day" >= ${firstDay}), 0)
    + COALESCE((SELECT SUM(h."requests") FROM "token_usage_hours" h WHERE h."tokenId" = "service_tokens"."id" AND h."hour" >= ${firstDay * 24}), 0))`;
  const started = performance.now();
  const { changes } = database
    .prepare(
      `UPDATE "service_tokens" SET "requests7d" = ${total} WHERE ("requests7d" > 0 OR "id" IN (SELECT "tokenId" FROM "token_usage_hours")) AND "requests7d" <> ${total}`,
    )
    .run();
  const ms = performance.now() - started;
  database.close();
  return { ms: Number(ms.toFixed(1)), changes };
}

/** Runs `measure` under a Token Policy of these limits (stored as Settings > Token Policy stores it), then the default. */
async function withPolicy(connectorMaxDays, developerMaxDays, measure) {
  const database = db();
  database
    .prepare(
      `INSERT INTO token_policy (id, connectorMaxDays, developerMaxDays, defaultExpiration, updatedAt) VALUES ('default', ?, ?, '30', ?)`,
    )
    .run(connectorMaxDays, developerMaxDays, sqliteTime(now));
  try {
    return await measure();
  } finally {
    database.prepare(`DELETE FROM token_policy`).run();
    database.close();
  }
}

// ---- measuring ------------------------------------------------------------------------------------------

async function timed(makeRequest) {
  const started = performance.now();
  const res = await makeRequest();
  const body = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`${res.status} ${res.url}`);
  return { ms, bytes: body.length, body };
}

async function measure(makeRequest) {
  for (let i = 0; i < 3; i++) await timed(makeRequest);
  const times = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const r = await timed(makeRequest);
    times.push(r.ms);
    bytes = r.bytes;
  }
  times.sort((a, b) => a - b);
  return { medianMs: Number(times[Math.floor(times.length / 2)].toFixed(1)), bytes };
}

const page = (pathAndQuery) => () => fetch(`${base}${pathAndQuery}`, { headers: { cookie: cookieHeader() }, redirect: "manual" });

async function scenarios() {
  return {
    "list, first page": await measure(page("/settings/service-tokens")),
    "list, Status: Expiring soon": await measure(page("/settings/service-tokens?status=expiring")),
    "list, Expiring soon by Expiration": await measure(page("/settings/service-tokens?status=expiring&sort=expires_at")),
    "list, search 'billing exporter'": await measure(page("/settings/service-tokens?q=billing%20exporter")),
    "list, search 'site 42'": await measure(page("/settings/service-tokens?q=site%2042")),
    "list, last page by cursor": await measure(page(`/settings/service-tokens?cursor=${lastPageCursor()}`)),
    "list, Last used: Unused for 90 days": await measure(page("/settings/service-tokens?last_used=unused_90")),
    "list, by Requests (7 days)": await measure(page("/settings/service-tokens?sort=requests_7d")),
    "list, Expires: Within 30 days": await measure(page("/settings/service-tokens?expires=within_30")),
    "list, search address '10.163.'": await measure(page("/settings/service-tokens?q=10.163.")),
    // A tightened policy: about half the live fleet over it, then a loose one: about 1 token in 70.
    "list, over the policy (half)": await withPolicy(180, 90, () => measure(page("/settings/service-tokens?policy=exceeded"))),
    "list, over the policy (1.5%)": await withPolicy(360, 360, () => measure(page("/settings/service-tokens?policy=exceeded"))),
    "token page": await measure(page("/settings/service-tokens/tok_BENCHCA11R")),
    "identify (API)": await measure(() =>
      fetch(`${base}/api/v1/service-tokens/identify`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${developerTokens[nextCaller++ % developerTokens.length]}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ token: knownToken }),
      }),
    ),
  };
}

async function firstLoadJs() {
  const html = (await timed(page("/settings/service-tokens"))).body.toString("utf8");
  if (process.env.BENCH_HTML_OUT) writeFileSync(process.env.BENCH_HTML_OUT, html);
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)];
  // A `nomodule` script (Next's polyfills) is fetched only by browsers without ES modules, none of
  // which runs the console: counted apart, not as first-load JavaScript.
  const legacy = (tag) => /\snomodule(?:[\s=>])/i.test(tag);
  const sources = [...new Set(tags.filter((m) => !legacy(m[0])).map((m) => m[1]))];
  const legacySources = [...new Set(tags.filter((m) => legacy(m[0])).map((m) => m[1]))];
  const sizes = async (list) => {
    let raw = 0;
    let gzipped = 0;
    for (const src of list) {
      const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
      raw += body.length;
      gzipped += gzipSync(body, { level: 9 }).length;
    }
    return { raw, gzipped };
  };
  const kb = (n) => Number((n / 1024).toFixed(1));
  const modern = await sizes(sources);
  const old = await sizes(legacySources);
  return {
    scripts: sources.length,
    rawKB: kb(modern.raw),
    gzippedKB: kb(modern.gzipped),
    noModuleScripts: legacySources.length,
    noModuleGzippedKB: kb(old.gzipped),
  };
}

/**
 * The statements the list issues (modules/service-tokens/list/list-sql.ts builds them; Prisma sends the
 * same text with the dates as parameters), for SQLite's query plans.
 */
function listStatements() {
  const soon = sqliteTime(now + 7 * DAY);
  const t = sqliteTime(now);
  const dayOld = sqliteTime(now - DAY);
  const cols = `"publicId", "type", "issuedTo", "hint", "createdAt", "createdByName", "expiresAt", "revokedAt", "revokedByName", "lastUsedAt", "lastUsedIp", "description", "allowedCidrs", "revokeReason", "revokeReasonText", "replacesPublicId", "replacedByPublicId", "requests7d"`;
  const page = (where, order) => `SELECT ${cols} FROM "service_tokens" WHERE ${where} ORDER BY ${order} LIMIT 51 OFFSET 0`;
  const newest = `"createdAt" DESC, "publicId" DESC`;
  const found = `"publicId" IN (SELECT "value" FROM json_each(?))`;
  const like = (column, pattern) => `"${column}" LIKE '${pattern}' ESCAPE '!'`;
  // overPolicyConditions in list-sql.ts: one condition per type.
  const overType = (type) => `"revokedAt" IS NULL AND +"expiresAt" > ? AND "type" = '${type}' AND "lifetimeMs" > ?`;
  const overPolicy = `((${overType("CONNECTOR")}) OR (${overType("DEVELOPER")}))`;
  const queries = {
    "rows of unknown types (none: no type condition follows)": [
      `SELECT 1 AS "found" FROM "service_tokens" WHERE "type" < ? OR ("type" > ? AND "type" < ?) OR "type" > ? LIMIT 1`,
      "CONNECTOR",
      "CONNECTOR",
      "DEVELOPER",
      "DEVELOPER",
    ],
    "first page": [page(`"revokedAt" IS NULL`, newest)],
    count: [`SELECT COUNT(*) AS "count" FROM "service_tokens" WHERE "revokedAt" IS NULL`],
    "next page by cursor": [page(`"revokedAt" IS NULL AND ("createdAt", "publicId") < (?, ?)`, newest), t, "tok_M"],
    "Status: Expiring soon": [
      page(`"revokedAt" IS NULL AND "expiresAt" > ? AND "expiresAt" < ? AND "createdAt" <= ?`, newest),
      t,
      soon,
      dayOld,
    ],
    "Type: Developer": [page(`"type" = 'DEVELOPER' AND "revokedAt" IS NULL`, newest)],
    "sort by Expiration": [page(`"revokedAt" IS NULL`, `"expiresAt" ASC, "publicId" ASC`)],
    "sort by Issued To": [page(`"revokedAt" IS NULL`, `"issuedTo" ASC, "publicId" ASC`)],
    "sort by Last used": [page(`"revokedAt" IS NULL`, `"lastUsedAt" DESC NULLS LAST, "publicId" DESC`)],
    "sort by Requests (7 days)": [page(`"revokedAt" IS NULL`, `"requests7d" DESC, "publicId" DESC`)],
    "Expires: Within 30 days": [
      page(`"revokedAt" IS NULL AND "expiresAt" > ? AND "expiresAt" <= ?`, newest),
      t,
      sqliteTime(now + 30 * DAY),
    ],
    "search by address prefix: the public IDs": [
      `SELECT "publicId" FROM "service_tokens" WHERE "lastUsedIp" >= ? AND "lastUsedIp" < ? UNION SELECT "publicId" FROM "service_tokens" WHERE "id" IN (SELECT "tokenId" FROM "token_client_addresses" WHERE "address" >= ? AND "address" < ?) LIMIT 5001`,
      "10.163.",
      "10.163/",
      "10.163.",
      "10.163/",
    ],
    "Last used: Unused for 90 days": [
      page(
        `"revokedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > ? AND ("lastUsedAt" < ? OR ("lastUsedAt" IS NULL AND "createdAt" < ?))`,
        newest,
      ),
      t,
      sqliteTime(now - 90 * DAY),
      sqliteTime(now - 90 * DAY),
    ],
    // The count off the lifetime index first (the statement below, per type); when 5,000 or fewer match,
    // the IDs, type by type; when more (a tightened policy, as here: 180 and 90 days), the conditions
    // themselves.
    "Only over the policy: the IDs": [
      `SELECT "publicId" FROM "service_tokens" WHERE ${overType("CONNECTOR")} UNION ALL SELECT "publicId" FROM "service_tokens" WHERE ${overType("DEVELOPER")} LIMIT 5001`,
      t,
      180 * DAY,
      t,
      90 * DAY,
    ],
    "Only over the policy, many: the page": [page(`"revokedAt" IS NULL AND ${overPolicy}`, newest), t, 180 * DAY, t, 90 * DAY],
    "Only over the policy, many: the count": [
      `SELECT (SELECT COUNT(*) FROM "service_tokens" WHERE "revokedAt" IS NULL AND ${overType("CONNECTOR")}) + (SELECT COUNT(*) FROM "service_tokens" WHERE "revokedAt" IS NULL AND ${overType("DEVELOPER")}) AS "count"`,
      t,
      180 * DAY,
      t,
      90 * DAY,
    ],
    "search: the public IDs from the trigram index": [
      `SELECT "publicId" FROM "service_tokens_search" WHERE "terms" MATCH ? LIMIT 5001`,
      '"site 42"',
    ],
    "search: the page among them (the IDs as one JSON parameter)": [
      page(`"revokedAt" IS NULL AND ${found}`, newest),
      '["tok_A","tok_B"]',
    ],
    "search: their count": [
      `SELECT COUNT(*) AS "count" FROM "service_tokens" WHERE "revokedAt" IS NULL AND ${found}`,
      '["tok_A","tok_B"]',
    ],
    "search too short for the index, or matching over 5,000 tokens": [
      page(
        `"revokedAt" IS NULL AND (${like("publicId", "%42%")} OR ${like("issuedTo", "%42%")} OR ${like("description", "%42%")} OR ${like("createdByName", "%42%")} OR ${like("hint", "%42")})`,
        newest,
      ),
    ],
    "token's audit trail": [
      `SELECT * FROM audit_events WHERE (targetId = ? OR actorId = ?) ORDER BY createdAt DESC, id DESC LIMIT 21`,
      "tok_X",
      "tok_X",
    ],
  };
  return queries;
}

function queryPlans() {
  const database = db();
  const plans = {};
  for (const [name, [sql, ...params]] of Object.entries(listStatements())) {
    plans[name] = database
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((r) => r.detail);
  }
  database.close();
  return plans;
}

/**
 * "Only over the policy" under the tightened policy, statement by statement in the process (no HTTP, no
 * rendering): the median of BENCH_RUNS runs of each, the figure the page's time hides on a busy machine.
 */
function overPolicyStatementTimes() {
  const database = db();
  const times = {};
  for (const [name, [sql, ...params]] of Object.entries(listStatements())) {
    if (!name.startsWith("Only over the policy")) continue;
    const statement = database.prepare(sql);
    statement.all(...params);
    const ms = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      statement.all(...params);
      ms.push(performance.now() - started);
    }
    ms.sort((a, b) => a - b);
    times[`  statement, ${name.replace("Only over the policy", "half").replace(", many", "")}`] = {
      medianMs: Number(ms[Math.floor(ms.length / 2)].toFixed(2)),
    };
  }
  database.close();
  return times;
}

// ---- run ------------------------------------------------------------------------------------------------

try {
  await startServer();
  await signIn();
  const results = {};
  for (const size of SIZES) {
    const started = performance.now();
    growTo(size);
    // Seeding blocks the event loop: let it see the connections the console closed meanwhile, or the
    // next request goes out on one of them and fails (EPIPE).
    await new Promise((resolve) => setTimeout(resolve, 200));
    console.log(`\n${size.toLocaleString("en-US")} tokens (seeded in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    results[size] = { ...(await scenarios()), ...overPolicyStatementTimes() };
    const refresh = refreshTotalsMs();
    console.log(`  (hourly refresh of the 7-day totals: ${refresh.ms} ms, ${refresh.changes} rows changed)`);
    for (const [name, r] of Object.entries(results[size])) {
      // A statement alone takes microseconds at 100 tokens: its ratio would say nothing.
      const ratio =
        size === SIZES[0] || r.bytes === undefined
          ? ""
          : `  ×${(r.medianMs / results[SIZES[0]][name].medianMs).toFixed(2)} vs 100`;
      const html =
        r.bytes === undefined ? "" : name === "identify (API)" ? `${r.bytes} B JSON` : `${(r.bytes / 1024).toFixed(1)} KB HTML`;
      console.log(`  ${name.padEnd(30)} ${String(r.medianMs).padStart(7)} ms  ${html.padStart(14)}${ratio}`);
    }
  }
  const js = await firstLoadJs();
  console.log(
    `\nfirst-load JS of /settings/service-tokens: ${js.scripts} scripts, ${js.rawKB} KB raw, ${js.gzippedKB} KB gzipped` +
      ` (not counted: ${js.noModuleScripts} nomodule script(s) for browsers without ES modules, ${js.noModuleGzippedKB} KB gzipped)`,
  );
  const plans = queryPlans();
  console.log("\nSQLite query plans at 100,000 tokens:");
  for (const [name, lines] of Object.entries(plans)) console.log(`  ${name}:\n    ${lines.join("\n    ")}`);

  mkdirSync(path.join(root, "bench/results"), { recursive: true });
  const file = path.join(root, `bench/results/token-list-${new Date().toISOString().replaceAll(":", "-")}.json`);
  writeFileSync(file, JSON.stringify({ runs, loadavg: loadavg(), results, firstLoadJs: js, plans }, null, 2));
  console.log(
    `\nwritten to ${path.relative(root, file)}; load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")}`,
  );
} finally {
  cleanUp();
}
