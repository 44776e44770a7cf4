// What the benchmarks share: the production build they measure, the servers they start (the console, the
// baselines) and stop, signing in as the browser does, and the bundled baseline server.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));

/** Where the build went (NEXT_DIST_DIR and SERVER_OUT_DIR, as at build time); exits when there is none. */
export function productionBuild() {
  const outDir = path.join(root, process.env.SERVER_OUT_DIR || "dist");
  const build = {
    serverFile: path.join(outDir, "server.mjs"),
    outDir,
    nextDir: path.join(root, process.env.NEXT_DIST_DIR || ".next"),
  };
  if (!existsSync(build.serverFile) || !existsSync(path.join(build.nextDir, "BUILD_ID"))) {
    console.error(
      `bench: no production build (${path.relative(root, build.serverFile)}, ${path.relative(root, build.nextDir)}). Run: npm run build`,
    );
    process.exit(1);
  }
  return build;
}

const running = new Set();

/**
 * Starts `node args` (in the project, with this environment and `env`) and resolves with the child once
 * it printed `readyText`; rejects with what it printed when it exits first or is not ready in time.
 * `onSpawn` sees the child at once (to note its pid or keep its output), `onStderr` each chunk it writes
 * there.
 */
export function startNode(name, args, { env = {}, readyText, timeoutSeconds = 90, onSpawn, onStderr }) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  onSpawn?.(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start within ${timeoutSeconds} s:\n${output}`)),
      timeoutSeconds * 1000,
    );
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes(readyText)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
      onStderr?.(chunk);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      running.delete(child);
      reject(new Error(`${name} exited (${code}):\n${output.slice(-2000)}`));
    });
  });
}

/**
 * The console of a bench that seeds its database itself: production, SQLite in a temporary data folder
 * of its own (`name` in its name; deleted by cleanUp, and on Ctrl-C), `port`, the administrator's
 * `password`. `start()` resolves with the process once it serves.
 */
export function scratchConsole({ name, port, password }) {
  const { serverFile } = productionBuild();
  const dataDir = mkdtempSync(path.join(tmpdir(), `console-bench-${name}-`));
  const cleanUp = () => {
    killAll();
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on("SIGINT", () => {
    cleanUp();
    process.exit(130);
  });
  const env = {
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    ADMIN_PASSWORD: password,
    AUTH_SECRET: "bench-secret-0123456789-0123456789-0123456789",
  };
  const start = () => startNode("the console", [serverFile], { env, readyText: "ready on", timeoutSeconds: 60 });
  return { dataDir, start, cleanUp };
}

/** Stops a child startNode started (SIGTERM) and waits until it has exited. */
export function stopNode(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    child.removeAllListeners("exit");
    child.once("exit", () => {
      running.delete(child);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Ends every child still running (at the end, or on Ctrl-C), without waiting. */
export function killAll() {
  for (const child of running) if (child.exitCode === null) child.kill("SIGTERM");
}

/**
 * Signs in through next-auth's credentials flow, as the sign-in form does; the session's cookies are in
 * `cookieHeader()` for the requests that follow.
 */
export async function signIn(base, username, password) {
  const cookies = new Map();
  const keepCookies = (res) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keepCookies(csrf);
  const { csrfToken } = await csrf.json();
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  keepCookies(res);
  return { cookieHeader };
}

/** bench/servers/baseline.ts bundled like the console's server (esbuild, packages external); its file. */
/** Where the bench's bundles go: inside the project, so that they resolve node_modules. */
const BUNDLE_DIR = path.join(root, "bench", "results", ".build");

/**
 * The console's process without Next.js (bench/servers/console-without-next.ts), bundled as
 * scripts/build-server.mjs bundles server.ts: the server core stays the built package in node_modules.
 */
export async function buildConsoleWithoutNext() {
  const { build } = await import("esbuild");
  const { processBundleOptions } = await import("../../scripts/server-package.mjs");
  await build({
    ...processBundleOptions({ "console-without-next": "bench/servers/console-without-next.ts" }, BUNDLE_DIR),
    logLevel: "warning",
  });
  return path.join(BUNDLE_DIR, "console-without-next.mjs");
}

/** The baseline bundles the console's pure code it reuses (token format, header parse) into one file. */
export async function buildBaseline() {
  const { build } = await import("esbuild");
  await build({
    absWorkingDir: root,
    entryPoints: { baseline: "bench/servers/baseline.ts" },
    outdir: BUNDLE_DIR,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  return path.join(BUNDLE_DIR, "baseline.mjs");
}
