// Playwright's webServer: a production console on a fresh, temporary data folder (SQLite), exactly as
// `npm start` runs it, with known users. Writes what the specs need to test-results/e2e-<port>.json and
// copies everything the console prints to test-results/e2e-server-<port>.log, where specs look for
// leaked secrets. The production build goes to .next-e2e and dist-e2e, so it never touches the .next
// of a console someone is running; set E2E_PREBUILT=1 to skip building (scripts/test-all.mjs builds first).
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const port = Number(process.env.E2E_PORT || 3210);
const NEXT_DIST_DIR = ".next-e2e";
const SERVER_OUT_DIR = "dist-e2e";

const users = {
  admin: { username: "admin", password: "e2e admin passphrase 1", displayName: "Administrator" },
  viewer: { username: "vic", password: "e2e viewer passphrase 1", displayName: "Vic Reader" },
};

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.status !== 0) {
    console.error(`e2e: ${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

if (!process.env.E2E_PREBUILT) {
  const env = { ...process.env, NEXT_DIST_DIR, SERVER_OUT_DIR };
  run(process.execPath, ["scripts/server-package.mjs", "--quiet"], { env });
  run("npx", ["next", "build"], { env });
  run(process.execPath, ["scripts/build-server.mjs", "--quiet"], { env });
}

const dataDir = mkdtempSync(path.join(tmpdir(), "console-e2e-"));
const resultsDir = path.join(root, "test-results");
mkdirSync(resultsDir, { recursive: true });
const serverLog = path.join(resultsDir, `e2e-server-${port}.log`);
const userCli = path.join(root, SERVER_OUT_DIR, "user.mjs");

// Nothing from the caller's environment may aim the console at another database or origin.
const NOT_INHERITED = new Set(["DATABASE_URL", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "TRUST_PROXY"]);
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !NOT_INHERITED.has(name))),
  NODE_ENV: "production",
  DATA_DIR: dataDir,
  NEXT_DIST_DIR,
  PORT: String(port),
  HOST: "127.0.0.1",
  ADMIN_PASSWORD: users.admin.password,
  AUTH_SECRET: "e2e-session-secret-not-for-production-0123456789",
  NEXT_TELEMETRY_DISABLED: "1",
  // Small, so the API specs can cross the upload limit cheaply.
  MAX_UPLOAD_BYTES: String(1024 * 1024),
  // Every spec signs in from 127.0.0.1: the per-address limit is tested by the database tests and the
  // two-address lock-out test, not by the sum of all specs' failures.
  SIGN_IN_FAILURES_PER_ADDRESS: "1000",
  // Usage charts show a request a second after it was made, not a minute.
  USAGE_FLUSH_SECONDS: "1",
};

const log = createWriteStream(serverLog, { flags: "w" });
const server = spawn(process.execPath, [path.join(SERVER_OUT_DIR, "server.mjs")], {
  cwd: root,
  env,
  stdio: ["ignore", "pipe", "pipe"],
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.kill(signal));
let failed = false;
server.on("close", (code, signal) => {
  log.end();
  if (!process.env.E2E_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  process.exit(failed ? 1 : (code ?? (signal ? 0 : 1)));
});
server.stderr.on("data", (chunk) => {
  process.stderr.write(chunk);
  log.write(chunk);
});

let output = "";
server.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  log.write(chunk);
  if (output !== null && (output += chunk).includes("console: ready on")) {
    output = null;
    prepareUsers();
  }
});

// The viewer is added once the console has started, so that the console itself creates the first
// administrator from ADMIN_PASSWORD, as on a real first start. Playwright waits for the last line.
function prepareUsers() {
  const { viewer } = users;
  const added = spawnSync(process.execPath, [userCli, "add", viewer.username, "--role", "VIEWER", "--name", viewer.displayName], {
    cwd: root,
    env,
    input: `${viewer.password}\n`,
    stdio: ["pipe", "inherit", "inherit"],
  });
  if (added.status !== 0) {
    console.error("e2e: could not add the viewer");
    failed = true;
    server.kill("SIGTERM");
    return;
  }
  writeFileSync(
    path.join(resultsDir, `e2e-${port}.json`),
    `${JSON.stringify({ baseURL: `http://127.0.0.1:${port}`, dataDir, databaseFile: path.join(dataDir, "console.db"), serverLog, userCli, users }, null, 2)}\n`,
  );
  console.log(`e2e: console ready, data in ${dataDir}`);
}
