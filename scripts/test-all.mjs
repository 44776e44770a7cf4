// npm test: the whole suite, in stages, with their normal output, then one summary.
//   0. setup: what a fresh machine lacks (npm packages, Debian's chromium as root, the server core's types)
//   1. static checks: TypeScript (tsc --noEmit), ESLint (no warnings allowed), Prettier, knip (unused code)
//   2. vitest on SQLite: unit tests, the data layer, the command-line entry points
//   3. vitest on PostgreSQL for the database tests (lib/, modules/, api/ but the pure lib/tokens), when
//      TEST_DATABASE_URL is set
//   4. a production build into .next-e2e and dist-e2e (a console running from .next is left alone)
//   5. Playwright in Chromium against that build (e2e/support/start-server.mjs)
// The last line reads "N passed, N failed, N skipped"; the exit code is non-zero if any stage failed.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const results = path.join(root, "test-results");
mkdirSync(results, { recursive: true });

const BUILD_ENV = { NEXT_DIST_DIR: ".next-e2e", SERVER_OUT_DIR: "dist-e2e", NEXT_TELEMETRY_DISABLED: "1" };
const stages = [];

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", (error) => {
      console.error(`test: cannot run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function vitestCounts(file) {
  const report = readJson(file);
  if (!report) return null;
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

function playwrightCounts(file) {
  const stats = readJson(file)?.stats;
  if (!stats) return null;
  return {
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected,
    skipped: stats.skipped,
    note: stats.flaky ? `${stats.flaky} flaky (passed on retry)` : undefined,
  };
}

async function stage(name, command, args, env, countsFrom) {
  console.log(`\n━━ ${name} ━━\n`);
  const started = Date.now();
  const code = await run(command, args, env);
  const counts = countsFrom?.() ?? null;
  const result = { name, code, seconds: (Date.now() - started) / 1000, counts };
  stages.push(result);
  return result;
}

function skip(name, reason) {
  stages.push({ name, skipped: reason });
}

function vitest(name, file, filters, env) {
  const out = path.join(results, file);
  rmSync(out, { force: true });
  return stage(
    name,
    "npx",
    ["vitest", "run", ...filters, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`],
    env,
    () => vitestCounts(out),
  );
}

// Setup: on a fresh machine `npm test` is the second command after a clone (README), so it installs what
// is missing first. Each part is skipped when already there.
if (!existsSync(path.join(root, "node_modules", ".package-lock.json"))) {
  const install = await stage("setup: npm packages (npm ci)", "npm", ["ci", "--no-audit", "--no-fund"]);
  if (install.code !== 0) finish();
}
// The real servers the tests run, from Debian's packages (each found by a file it installs): the browser,
// and the site's systems the console talks to. As root they are installed when missing; otherwise the
// run stops and names them.
const DEBIAN_PACKAGES = [
  { name: "chromium", file: process.env.CHROMIUM_PATH || "/usr/bin/chromium" },
  { name: "rsyslog", file: "/usr/sbin/rsyslogd" },
  { name: "rsyslog-gnutls", file: "/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so" },
  { name: "prometheus", file: "/usr/bin/prometheus" },
  // The directory tests start their own slapd (own config and port), never the system instance.
  { name: "slapd", file: "/usr/sbin/slapd" },
  { name: "ldap-utils", file: "/usr/bin/ldapmodify" },
];
const missing = DEBIAN_PACKAGES.filter((p) => !existsSync(p.file)).map((p) => p.name);
if (missing.length > 0) {
  if (process.getuid?.() === 0) {
    const apt = await stage(`setup: Debian's ${missing.join(", ")} (apt-get)`, "sh", [
      "-c",
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${missing.join(" ")}`,
    ]);
    if (apt.code !== 0) finish();
  } else {
    stages.push({
      name: "setup: Debian packages",
      code: 1,
      seconds: 0,
      counts: null,
      note: `missing: ${missing.join(", ")}; install them with apt-get (as root), or run npm test as root`,
    });
    finish();
  }
}
// `npm install <package>` removes the generated package; its types are what tsc and ESLint resolve.
const stubs = await stage("setup: the server core's types (node_modules/@console/server)", process.execPath, [
  "scripts/server-package.mjs",
  "--stubs",
]);
if (stubs.code !== 0) finish();

// Each check is one stage; a failed one fails the run, but the tests still run so that one run shows all.
await stage("types (tsc --noEmit)", "npx", ["tsc", "--noEmit"]);
await stage("lint (eslint)", "npx", ["eslint", ".", "--max-warnings=0"]);
await stage("format (prettier --check)", "npx", ["prettier", "--check", "--log-level=warn", "."]);
await stage("unused code (knip)", "npx", ["knip"]);

await vitest("vitest (SQLite)", "vitest-sqlite.json", [], {});

const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl && /^postgres(ql)?:\/\//i.test(pgUrl)) {
  // Only the tests that may use a database; the pure domain and the command-line tests are the same on both.
  await vitest("vitest (PostgreSQL)", "vitest-postgresql.json", ["lib/", "modules/", "api/", "--exclude", "lib/tokens/**"], {
    DATABASE_URL: pgUrl,
  });
} else if (pgUrl) {
  stages.push({
    name: "vitest (PostgreSQL)",
    code: 1,
    seconds: 0,
    counts: null,
    note: "TEST_DATABASE_URL must be a postgresql:// URL",
  });
} else {
  skip("vitest (PostgreSQL)", "set TEST_DATABASE_URL=postgresql://… to run the database tests on PostgreSQL too");
}

const corePackage = await stage("build (server core → node_modules/@console/server)", process.execPath, [
  "scripts/server-package.mjs",
  "--quiet",
]);
const nextBuild =
  corePackage.code === 0 ? await stage("build (next build → .next-e2e)", "npx", ["next", "build"], BUILD_ENV) : null;
const serverBuild =
  nextBuild?.code === 0
    ? await stage("build (server bundle → dist-e2e)", process.execPath, ["scripts/build-server.mjs"], BUILD_ENV)
    : null;

if (serverBuild?.code === 0) {
  const out = path.join(results, "playwright.json");
  rmSync(out, { force: true });
  await stage(
    "playwright (Chromium)",
    "npx",
    ["playwright", "test", "--reporter=list,json"],
    { ...BUILD_ENV, E2E_PREBUILT: "1", PLAYWRIGHT_JSON_OUTPUT_FILE: out },
    () => playwrightCounts(out),
  );
} else {
  skip("playwright (Chromium)", "the build failed");
}

finish();

// A stage that failed without failing a test (a crash, a build error) still counts as one failure, so
// the summary never reads "0 failed" on a failed run.
function finish() {
  const total = { passed: 0, failed: 0, skipped: 0 };
  console.log("\n━━ summary ━━\n");
  for (const s of stages) {
    if (s.skipped) {
      console.log(`${s.name}: skipped (${s.skipped})`);
      continue;
    }
    const c = s.counts ?? { passed: 0, failed: 0, skipped: 0 };
    const stageFailedAlone = s.code !== 0 && c.failed === 0;
    total.passed += c.passed;
    total.failed += stageFailedAlone ? 1 : c.failed;
    total.skipped += c.skipped;
    const what = s.counts ? `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` : s.code === 0 ? "ok" : "FAILED";
    const notes = [s.note, s.counts?.note, stageFailedAlone && s.counts ? `exit code ${s.code}` : undefined].filter(Boolean);
    console.log(`${s.name}: ${what}${notes.length ? ` (${notes.join("; ")})` : ""} in ${s.seconds.toFixed(1)} s`);
  }
  console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(stages.some((s) => !s.skipped && s.code !== 0) ? 1 : 0);
}
