// A real Prometheus (Debian's `prometheus`) for the metrics spec: started as the test's own child on a
// free local port with a scrape configuration of its own (the console's /metrics every second, with a
// token in Prometheus' `authorization` setting), queried through its HTTP API, stopped afterwards.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, startChild } from "./child-process";

const PROMETHEUS = "/usr/bin/prometheus";

export function prometheusUnavailable(): string | null {
  return existsSync(PROMETHEUS) ? null : "prometheus is not installed (apt-get install prometheus)";
}

export type Prometheus = {
  /** The value of an instant query's first sample, or null while it has none. */
  query(expression: string): Promise<number | null>;
  stop(): Promise<void>;
};

export async function startPrometheus(target: string, token: string): Promise<Prometheus> {
  const dir = mkdtempSync(path.join(tmpdir(), "console-prometheus-"));
  const port = await freePort();
  const config = path.join(dir, "prometheus.yml");
  writeFileSync(
    config,
    [
      "global:",
      "  scrape_interval: 1s",
      "scrape_configs:",
      "  - job_name: console",
      "    metrics_path: /metrics",
      "    authorization:",
      "      type: Bearer",
      `      credentials: ${token}`,
      "    static_configs:",
      `      - targets: ["${target}"]`,
      "",
    ].join("\n"),
  );
  const child = await startChild(
    "prometheus",
    PROMETHEUS,
    [`--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`],
    { ready: { ports: [port] } },
  );
  const base = `http://127.0.0.1:${port}`;
  return {
    async query(expression) {
      try {
        const answer = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(expression)}`);
        if (!answer.ok) return null;
        const body = (await answer.json()) as { data?: { result?: { value?: [number, string] }[] } };
        const value = body.data?.result?.[0]?.value?.[1];
        return value === undefined ? null : Number(value);
      } catch {
        return null; // not listening yet
      }
    },
    async stop() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
