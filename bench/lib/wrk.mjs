// Load with wrk (a C program, so the load generator is never the bottleneck) and the CPU time a server
// spent meanwhile: what the Bearer API benchmarks measure.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root } from "./console.mjs";

/**
 * CPU seconds a process has used (user + system), from /proc on Linux; null elsewhere. With `mainThread`,
 * only its main thread's (the event loop; the rest is the thread pool's file I/O and V8's helpers).
 */
export function cpuSeconds(pid, mainThread = false) {
  try {
    const fields = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, "utf8")
      .split(") ")[1]
      .split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/**
 * One wrk run against http://127.0.0.1:`port``urlPath`, each request with the next token of `tokensFile`
 * (bench/rotate.lua); wrk's JSON summary. Rejects when wrk fails or any request did.
 */
export function runWrk({ port, seconds, tokensFile, connections, threads = 1, urlPath = "/api/v1/token" }) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "wrk",
      [
        `-t${threads}`,
        `-c${connections}`,
        `-d${seconds}s`,
        "--timeout",
        "10s",
        "-s",
        path.join(root, "bench", "rotate.lua"),
        `http://127.0.0.1:${port}${urlPath}`,
      ],
      { env: { ...process.env, BENCH_TOKENS_FILE: tokensFile, BENCH_PATH: urlPath }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (code !== 0 || !line) return reject(new Error(`wrk failed (${code}):\n${out}`));
      const r = JSON.parse(line);
      const failed = Object.values(r.errors).reduce((a, b) => a + b, 0);
      if (failed > 0)
        return reject(
          new Error(`wrk against port ${port}: ${failed} of ${r.requests} requests failed ${JSON.stringify(r.errors)}`),
        );
      resolve(r);
    });
  });
}
