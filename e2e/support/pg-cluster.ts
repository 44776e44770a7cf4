// A throwaway PostgreSQL cluster of a spec's own (initdb into a temp folder, its own port), so fault
// tests can stop and freeze "the database" without touching a server anyone else uses. Needs root (to
// run the server as the postgres user) and Debian's PostgreSQL binaries; `available()` says why not.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, chownSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

function binDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const version = readdirSync(root).sort().at(-1);
  return version && existsSync(path.join(root, version, "bin", "initdb")) ? path.join(root, version, "bin") : null;
}

export function unavailableReason(): string | null {
  if (process.getuid?.() !== 0) return "needs root to run a throwaway PostgreSQL cluster as the postgres user";
  if (!binDir()) return "PostgreSQL's binaries are not installed (/usr/lib/postgresql/*/bin)";
  return null;
}

export type Cluster = {
  url: string;
  stop(): void;
  start(): void;
  /** SIGSTOP the postmaster and every backend: the server holds its connections and answers nothing. */
  freeze(): void;
  thaw(): void;
  destroy(): void;
};

function asPostgres(command: string, args: string[]): void {
  execFileSync("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", command, ...args], { stdio: "pipe" });
}

export function createCluster(port: number): Cluster {
  const bin = binDir()!;
  const dir = mkdtempSync(path.join(tmpdir(), "console-pg-"));
  const data = path.join(dir, "data");
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  chownSync(dir, uid, gid);
  asPostgres(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () =>
    asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
  const stop = () => asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
  start();
  asPostgres(path.join(bin, "psql"), [
    "-h",
    "127.0.0.1",
    "-p",
    String(port),
    "-U",
    "postgres",
    "-c",
    "CREATE ROLE console LOGIN PASSWORD 'console'",
    "-c",
    "CREATE DATABASE console OWNER console",
  ]);
  const pids = () => {
    const postmaster = Number(readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
    const children = readdirSync(`/proc/${postmaster}/task`).flatMap((task) =>
      readFileSync(`/proc/${postmaster}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number),
    );
    return [postmaster, ...children];
  };
  let frozen: number[] = [];
  return {
    url: `postgresql://console:console@127.0.0.1:${port}/console`,
    stop,
    start,
    freeze() {
      frozen = pids();
      for (const pid of frozen) process.kill(pid, "SIGSTOP");
    },
    thaw() {
      for (const pid of frozen) process.kill(pid, "SIGCONT");
      frozen = [];
    },
    destroy() {
      this.thaw();
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
