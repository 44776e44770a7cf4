// The real servers the tests start as their own children (the OpenID provider, Prometheus, rsyslog,
// slapd, a second console): on a free local port, waited for until they answer, stopped afterwards; when
// one does not start, the error carries what it printed.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, Socket } from "node:net";
import { pollUntil } from "./poll";

/** A local TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.connect(port, "127.0.0.1");
  });
}

export type Child = {
  process: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  alive: () => boolean;
  /** Ends it with `signal` (SIGTERM unless told) and waits until it has; nothing if it has already. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
};

type Options = {
  /** Answering: it printed this text, or all these ports accept connections. */
  ready: { printed: string } | { ports: number[] };
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
};

/**
 * Starts `command` and resolves once it answers. Rejects with what it printed when it exits first, or
 * when it does not answer within `timeoutMs` (then it is killed).
 */
export async function startChild(
  name: string,
  command: string,
  args: string[],
  { ready, env, cwd, timeoutMs = 15_000 }: Options,
): Promise<Child> {
  const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let exited = false;
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const closed = new Promise<void>((resolve) =>
    child.once("close", () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (!exited) child.kill(signal);
    await closed;
  };
  const answers = async () => {
    if (exited) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    return "printed" in ready
      ? output.includes(ready.printed)
      : (await Promise.all(ready.ports.map((port) => canConnect(port)))).every(Boolean);
  };
  try {
    await pollUntil(answers, timeoutMs, () => `${name} did not answer within ${timeoutMs / 1000} s:\n${output}`);
  } catch (error) {
    await stop("SIGKILL");
    throw error;
  }
  return { process: child, output: () => output, alive: () => !exited, stop };
}
