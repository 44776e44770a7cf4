// Races: 100 creates at once give 100 tokens; a revoke racing 50 connections that use the token lets
// no request through that started after the revoke returned; of 50 failed authentications at once from
// one address, exactly the limit are answered 401. On SQLite, and on PostgreSQL with two console
// instances sharing the database (creates, uses and failures spread over both).
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { generateToken } from "@/lib/tokens/server";
import { apiClient, freshAddress } from "../support/api";
import { callAction as callActionOverHttp, createTokenByAction } from "../support/actions";
import { E2E_PORT } from "../support/env";
import { INSTANCE_ADMIN, signInOverHttp, startInstance, type Instance } from "../support/instance";
import { createCluster, unavailableReason, type Cluster } from "../support/pg-cluster";
import { needs } from "../support/needs";

test.describe.configure({ mode: "serial" });

/** Calls a server action as the browser does; the response text (React's payload). */
async function callAction(instance: Instance, cookie: string, name: string, input: unknown): Promise<string> {
  const { status, text } = await callActionOverHttp(instance, cookie, name, input);
  expect(status).toBe(200);
  return text;
}

async function createMany(instances: { instance: Instance; cookie: string }[], prefix: string, count: number): Promise<void> {
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const { instance, cookie } = instances[i % instances.length]!;
      return callAction(instance, cookie, "createServiceTokenAction", {
        type: "CONNECTOR",
        issuedTo: `${prefix} ${i}`,
        expiration: "30",
      });
    }),
  );
  for (const text of results) expect(text).toMatch(/opc_con_[0-9A-Za-z]{49}/);
}

/**
 * 50 connections use the token in a loop while it is revoked; every request that started after the
 * revoke returned must be refused. Returns how many requests ran.
 */
async function raceRevoke(instances: { instance: Instance; cookie: string }[], token: string, publicId: string): Promise<number> {
  let revokedAt = Number.POSITIVE_INFINITY;
  let stop = false;
  let total = 0;
  const late: string[] = [];
  const worker = async (n: number) => {
    const { instance } = instances[n % instances.length]!;
    while (!stop) {
      const started = performance.now();
      const response = await fetch(`${instance.url}/api/v1/token`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      total++;
      // Refused as revoked (401), or throttled for the failures that follow (429): never accepted.
      if (started > revokedAt && response.status < 400) late.push(`${response.status} ${started - revokedAt} ms after`);
    }
  };
  const workers = Array.from({ length: 50 }, (_, n) => worker(n));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const text = await callAction(instances[0]!.instance, instances[0]!.cookie, "revokeServiceTokenAction", { publicId });
  revokedAt = performance.now();
  expect(text).toContain(publicId);
  await new Promise((resolve) => setTimeout(resolve, 700));
  stop = true;
  await Promise.all(workers);
  expect(late).toEqual([]);
  return total;
}

const FAILURE_LIMIT = 20;

/** 50 failed authentications (well-formed unknown tokens) at once from one new address, over the instances. */
async function failureBurst(instances: Instance[]): Promise<Record<number, number>> {
  const from = freshAddress();
  const calls = instances.map((instance) => apiClient(instance.url));
  const statuses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      calls[i % calls.length]!("/api/v1/token", { token: generateToken("DEVELOPER").token, from }).then((r) => r.status),
    ),
  );
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

test("SQLite: 100 parallel creates give 100 tokens; a revoke racing 50 connections lets none through after it", async () => {
  test.setTimeout(120_000);
  const instance = await startInstance();
  try {
    const cookie = (await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password)).cookie!;
    await createMany([{ instance, cookie }], "race", 100);
    const db = new Database(path.join(instance.dataDir, "console.db"), { readonly: true });
    const rows = db
      .prepare(
        "SELECT COUNT(*) AS n, COUNT(DISTINCT publicId) AS ids, COUNT(DISTINCT tokenHash) AS hashes FROM service_tokens WHERE issuedTo LIKE 'race %'",
      )
      .get();
    db.close();
    expect(rows).toEqual({ n: 100, ids: 100, hashes: 100 });

    const { token, publicId } = await createTokenByAction(instance, cookie, "race revoke");
    const requests = await raceRevoke([{ instance, cookie }], token, publicId);
    expect(requests).toBeGreaterThan(100);
  } finally {
    await instance.stop();
  }
});

test("SQLite: of 50 failed authentications at once from one address, exactly the limit get 401", async () => {
  const instance = await startInstance();
  try {
    expect(await failureBurst([instance])).toEqual({ 401: FAILURE_LIMIT, 429: 50 - FAILURE_LIMIT });
  } finally {
    await instance.stop();
  }
});

test.describe("PostgreSQL, two instances", () => {
  needs(unavailableReason());
  let cluster: Cluster;
  let instances: { instance: Instance; cookie: string }[] = [];

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    cluster = createCluster(E2E_PORT + 51);
    for (let i = 0; i < 2; i++) {
      const instance = await startInstance({ DATABASE_URL: cluster.url });
      instances.push({ instance, cookie: (await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password)).cookie! });
    }
  });
  test.afterAll(async () => {
    for (const { instance } of instances) {
      if (process.env.E2E_SHOW_OUTPUT) console.log(instance.output());
      await instance.stop();
    }
    instances = [];
    (cluster as Cluster | undefined)?.destroy();
  });

  test("100 parallel creates over both give 100 tokens; a revoke on one racing 50 connections on both lets none through after it", async () => {
    test.setTimeout(120_000);
    await createMany(instances, "race", 100);
    const client = new pg.Client(cluster.url);
    await client.connect();
    const { rows } = await client.query(
      `SELECT COUNT(*)::int AS n, COUNT(DISTINCT "publicId")::int AS ids, COUNT(DISTINCT "tokenHash")::int AS hashes FROM service_tokens WHERE "issuedTo" LIKE 'race %'`,
    );
    await client.end();
    expect(rows[0]).toEqual({ n: 100, ids: 100, hashes: 100 });

    const { token, publicId } = await createTokenByAction(instances[1]!.instance, instances[1]!.cookie, "race revoke");
    const requests = await raceRevoke(instances, token, publicId);
    expect(requests).toBeGreaterThan(100);
  });

  test("of 50 failed authentications at once from one address over both instances, exactly the limit get 401", async () => {
    // Each failure's count is one atomic upsert in the shared table, and its answer decides 401 or 429.
    expect(await failureBurst(instances.map(({ instance }) => instance))).toEqual({
      401: FAILURE_LIMIT,
      429: 50 - FAILURE_LIMIT,
    });
  });
});
