// A real Prometheus scrapes GET /metrics with a Developer token (its `authorization` scrape setting) and
// its HTTP API shows the counter this test moved; promtool accepts the exposition; without a valid
// credential /metrics answers 401 like the API.
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { apiClient, seedTokens } from "../support/api";
import { BASE_URL, E2E_PORT } from "../support/env";
import { needs } from "../support/needs";
import { prometheusUnavailable, startPrometheus } from "../support/prometheus";

needs(prometheusUnavailable());
test.describe.configure({ timeout: 120_000 });

const call = apiClient(BASE_URL);
const COUNTER = 'sum(console_api_requests_total{type="developer",outcome="ok",route="getToken"})';

test("Prometheus scrapes /metrics with a token and sees the requests the test made", async () => {
  const [developer] = await seedTokens([{ type: "DEVELOPER", issuedTo: "e2e prometheus" }]);
  if (!developer) throw new Error("no token seeded");
  expect((await call("/metrics")).status).toBe(401);
  expect((await call("/metrics", { token: "opc_dev_notatoken" })).status).toBe(401);

  const exposition = await call("/metrics", { token: developer.token });
  expect(exposition.status).toBe(200);
  const lint = spawnSync("promtool", ["check", "metrics"], { input: exposition.text(), encoding: "utf8" });
  expect(`${lint.stdout}${lint.stderr}`.trim()).toBe("");
  expect(lint.status).toBe(0);

  const prometheus = await startPrometheus(`127.0.0.1:${E2E_PORT}`, developer.token);
  try {
    await expect.poll(() => prometheus.query('up{job="console"}'), { timeout: 60_000 }).toBe(1);
    const before = (await prometheus.query(COUNTER)) ?? 0;
    for (let i = 0; i < 5; i++) expect((await call("/api/v1/token", { token: developer.token })).status).toBe(200);
    await expect
      .poll(async () => ((await prometheus.query(COUNTER)) ?? 0) - before, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(5);
  } finally {
    await prometheus.stop();
  }
});
