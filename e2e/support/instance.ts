// A console of a spec's own, started from the same production build as the shared one (dist-e2e,
// .next-e2e), for what the shared console cannot show: a trusted proxy (client addresses chosen by the
// test), a database the spec stops or freezes, two instances on one PostgreSQL database.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startChild } from "./child-process";

const root = fileURLToPath(new URL("../..", import.meta.url));

export type Instance = {
  url: string;
  dataDir: string;
  /** The console's process. */
  pid: number;
  /** Everything it printed so far. */
  output(): string;
  alive(): boolean;
  stop(): Promise<void>;
  /** Ends the process with `signal` (e.g. SIGKILL: no shutdown at all); keeps its data folder. */
  kill(signal: NodeJS.Signals): Promise<void>;
};

export const INSTANCE_ADMIN = { username: "admin", password: "instance admin passphrase" };

export async function startInstance(env: Record<string, string> = {}, options: { dataDir?: string } = {}): Promise<Instance> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "console-instance-"));
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: ".next-e2e",
    NEXT_TELEMETRY_DISABLED: "1",
    DATA_DIR: dataDir,
    // Any free port (Playwright's workers start instances at the same time); read from the ready line.
    PORT: "0",
    HOST: "127.0.0.1",
    ADMIN_PASSWORD: INSTANCE_ADMIN.password,
    AUTH_SECRET: "e2e-instance-secret-not-for-production-0123456789",
    ...env,
  };
  delete childEnv.NEXTAUTH_URL;
  delete childEnv.NEXTAUTH_SECRET;
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  if (!env.TRUST_PROXY) delete childEnv.TRUST_PROXY;

  const child = await startChild("the console", process.execPath, [path.join("dist-e2e", "server.mjs")], {
    cwd: root,
    env: childEnv,
    ready: { printed: "console: ready on" },
    timeoutMs: 60_000,
  });
  const port = Number(/console: ready on http:\/\/[^:]+:(\d+)/.exec(child.output())![1]);
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    pid: child.process.pid!,
    output: child.output,
    alive: child.alive,
    kill: child.stop,
    async stop() {
      await child.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs a process to its end; its exit code and output. */
export function runToEnd(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} did not finish in time:\n${output}`));
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

export const SERVER_BUNDLE = path.join(root, "dist-e2e", "server.mjs");

/**
 * Signs in through next-auth's credentials endpoint, as the sign-in form does, from the address
 * `forwardedFor` (the instance must trust the proxy headers). Returns the error next-auth reports
 * ("" on success) and the session cookie.
 */
export async function signInOverHttp(
  baseUrl: string,
  username: string,
  password: string,
  forwardedFor?: string,
): Promise<{ status: number; error: string; cookie: string | null }> {
  const headers: Record<string, string> = forwardedFor ? { "x-forwarded-for": forwardedFor } : {};
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password, csrfToken, json: "true" }),
  });
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  const error = body.url ? (new URL(body.url).searchParams.get("error") ?? "") : `status ${response.status}`;
  const session = response.headers.getSetCookie().find((c) => c.includes("session-token"));
  return { status: response.status, error, cookie: session ? session.split(";")[0]! : null };
}
