// GET /metrics over real HTTP with real Authorization headers: 401 without a credential, 403 for a
// Connector token, the exposition for a Developer token, with the counters the API moved; promtool (the
// Prometheus project's own linter) accepts it.
import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/db";
import { testTokens } from "@/modules/service-tokens/testing";
import { usageRecorder } from "@/modules/usage/recording";
import { flushTokenUses } from "../auth/last-used";
import { handleApiRequest } from "./handler";
import { handleMetricsRequest } from "./metrics-endpoint";

const tokens = testTokens("metrics");
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) =>
    req.url?.startsWith("/metrics") ? handleMetricsRequest(req, res) : handleApiRequest(req, res),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await flushTokenUses();
  await usageRecorder.flush();
  await tokens.cleanup();
});

const get = (path: string, token?: string) =>
  fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** The value of one sample line, e.g. `console_api_requests_total{type="connector",…}`. */
function sample(text: string, name: string, labels: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && labels.split(",").every((label) => l.includes(label)));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("GET /metrics", () => {
  it("answers 401 without a credential and 403 to a Connector token, like the API", async () => {
    const connector = await tokens.make("CONNECTOR");
    const none = await get("/metrics");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await get("/metrics", "opc_dev_notatoken")).status).toBe(401);
    const refused = await get("/metrics", connector.token);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("insufficient_scope");
  });

  it("gives a Developer token the exposition with the API's counters, tokens by status, audit events and process metrics", async () => {
    const developer = await tokens.make("DEVELOPER");
    const connector = await tokens.make("CONNECTOR");
    const before = await (await get("/metrics", developer.token)).text();
    for (let i = 0; i < 3; i++) expect((await get("/api/v1/token", connector.token)).status).toBe(200);
    expect((await get("/api/v1/service-tokens", connector.token)).status).toBe(403);
    const answer = await get("/metrics", developer.token);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await answer.text();
    const ok = 'type="connector",outcome="ok",route="getToken"';
    expect(sample(text, "console_api_requests_total", ok) - sample(before, "console_api_requests_total", ok)).toBe(3);
    expect(sample(text, "console_api_requests_total", 'type="connector",outcome="insufficient_scope"')).toBeGreaterThanOrEqual(1);
    expect(sample(text, "console_api_request_duration_seconds_count", 'route="getToken"')).toBeGreaterThanOrEqual(3);
    expect(sample(text, "console_service_tokens", 'type="developer",status="active"')).toBeGreaterThanOrEqual(1);
    expect(sample(text, "console_audit_events_total", 'action="service_token.create"')).toBeGreaterThanOrEqual(2);
    expect(text).toContain("process_cpu_seconds_total");
    expect(text).toContain("nodejs_eventloop_lag_seconds");

    // A refused call of a known token is labelled with its type as the others are (lower case).
    const revoked = await tokens.make("CONNECTOR");
    await db().serviceToken.update({ where: { publicId: revoked.publicId }, data: { revokedAt: new Date() } });
    const refusedBefore = sample(text, "console_api_requests_total", 'type="connector",outcome="revoked",route="getToken"');
    expect((await get("/api/v1/token", revoked.token)).status).toBe(401);
    const after = await (await get("/metrics", developer.token)).text();
    expect(
      sample(after, "console_api_requests_total", 'type="connector",outcome="revoked",route="getToken"') - refusedBefore,
    ).toBe(1);
    expect(after).not.toContain('type="CONNECTOR"');

    const lint = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
    expect(lint.error).toBeUndefined();
    expect(`${lint.stdout}${lint.stderr}`.trim()).toBe("");
    expect(lint.status).toBe(0);
  });
});
