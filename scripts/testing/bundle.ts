// The tests of the command-line entry points run the real bundles (dist/server.mjs, dist/user.mjs) and the
// server core package they load,
// built fresh into a temp folder inside the repository: the bundles resolve their packages from
// node_modules and read prisma/ from the working directory.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export function buildBundle(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(repoRoot, "dist-test-"));
  // The bundles load the server core from node_modules/@console/server, as a production start does.
  execFileSync(process.execPath, ["scripts/server-package.mjs", "--quiet"], {
    cwd: repoRoot,
    stdio: ["ignore", "inherit", "inherit"],
  });
  execFileSync(process.execPath, ["scripts/build-server.mjs", "--quiet"], {
    cwd: repoRoot,
    env: { ...process.env, SERVER_OUT_DIR: dir },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export type RunResult = { code: number | null; stdout: string; stderr: string };

/** Runs a bundled entry point to its end and collects its output. */
export function runNode(
  script: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${path.basename(script)} ${args.join(" ")} did not finish in time.\n${stdout}${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** Non-empty lines of an output. */
export function lines(output: string): string[] {
  return output.split("\n").filter((line) => line.trim() !== "");
}
