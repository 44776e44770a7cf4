import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { generateToken, hashToken, tokenHint } from "@/lib/tokens/server";
import { authenticateBearer } from "./authenticate";
import { flushTokenUses, recordTokenUse } from "./last-used";
import { db } from "@/lib/db/db";
import { getConfig } from "@/lib/config/config";
import { createServiceToken } from "@/modules/service-tokens/create/create";
import { revokeServiceToken } from "@/modules/service-tokens/revoke/revoke";
import type { SessionUser } from "@/lib/auth/users";
import { storedText } from "@/lib/testing/stored-text";

// Against a real database (SQLite by default, PostgreSQL with DATABASE_URL): the lookup, revocation,
// expiry, throttling and the audit records of failures.

const admin: SessionUser = { id: "bearer-test-admin", username: "bearer-test", displayName: "Bearer test", role: "ADMIN" };
const meta = { ip: "192.0.2.1", userAgent: "vitest" };
const created: string[] = [];
let ipCounter = 0;
/** A fresh address per test: each one's failures are throttled on their own. */
const nextIp = () => `198.51.100.${++ipCounter}`;

async function newToken(type: "CONNECTOR" | "DEVELOPER" = "CONNECTOR", expiresAt = new Date(Date.now() + 86_400_000)) {
  const result = await createServiceToken({ type, issuedTo: "bearer test", expiresAt }, admin, meta);
  created.push(result.serviceToken.publicId);
  return result;
}

function changeLastCharacter(token: string): string {
  return token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
}

/** Audit writes for failures are not awaited by the request: wait for them. */
async function failuresFrom(ip: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const rows = await db().auditEvent.findMany({ where: { action: "api.auth_failed", ip }, orderBy: { createdAt: "asc" } });
    if (rows.length >= count) return rows;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`expected ${count} audit events from ${ip}`);
}

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await db().auditEvent.deleteMany({ where: { OR: [{ actorName: admin.username }, { ip: { startsWith: "198.51.100." } }] } });
  await db().serviceToken.deleteMany({ where: { publicId: { in: created } } });
});

describe("authenticateBearer", () => {
  it("accepts a valid token and returns its metadata, never the hash", async () => {
    const { token, serviceToken } = await newToken("DEVELOPER");
    const result = await authenticateBearer(`Bearer ${token}`, nextIp(), new Date());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.token).toMatchObject({
      publicId: serviceToken.publicId,
      type: "DEVELOPER",
      issuedTo: "bearer test",
      hint: tokenHint(token),
    });
    expect(result.token.expiresAt.toISOString()).toBe(serviceToken.expiresAt.toISOString());
    expect(JSON.stringify(result)).not.toContain(hashToken(token));
    expect(Object.keys(result.token).sort()).toEqual([
      "allowedCidrs",
      "createdAt",
      "expiresAt",
      "hint",
      "id",
      "issuedTo",
      "publicId",
      "type",
    ]);
  });

  it("refuses a missing header without an error code and without counting it", async () => {
    const ip = nextIp();
    for (let i = 0; i < 30; i++) {
      const result = await authenticateBearer(undefined, ip, new Date());
      expect(result).toEqual({
        ok: false,
        failure: {
          status: 401,
          code: "missing",
          message: expect.any(String),
          headers: { "www-authenticate": 'Bearer realm="console"' },
        },
      });
    }
  });

  it.each([
    ["not a token", "Bearer hello", "malformed"],
    ["a bad checksum", () => `Bearer ${changeLastCharacter(generateToken("CONNECTOR").token)}`, "malformed"],
    ["an unknown token", () => `Bearer ${generateToken("CONNECTOR").token}`, "unknown"],
  ])("refuses %s with invalid_token", async (_name, header, code) => {
    const value = typeof header === "function" ? header() : header;
    const result = await authenticateBearer(value, nextIp(), new Date());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.status).toBe(401);
    expect(result.failure.code).toBe(code);
    expect(result.failure.headers["www-authenticate"]).toMatch(
      /^Bearer realm="console", error="invalid_token", error_description="[^"]+"$/,
    );
  });

  it("refuses a token from the instant it expires", async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const { token } = await newToken("CONNECTOR", expiresAt);
    expect((await authenticateBearer(`Bearer ${token}`, nextIp(), new Date(expiresAt.getTime() - 1))).ok).toBe(true);
    const result = await authenticateBearer(`Bearer ${token}`, nextIp(), expiresAt);
    expect(result).toMatchObject({ ok: false, failure: { status: 401, code: "expired" } });
  });

  it("refuses a token on the very next call after it is revoked", async () => {
    const { token, serviceToken } = await newToken();
    const ip = nextIp();
    expect((await authenticateBearer(`Bearer ${token}`, ip, new Date())).ok).toBe(true);
    await revokeServiceToken(serviceToken.publicId, admin, meta);
    expect(await authenticateBearer(`Bearer ${token}`, ip, new Date())).toMatchObject({
      ok: false,
      failure: { code: "revoked" },
    });
  });

  it("answers without a promise when the lookup is synchronous (SQLite), so the hot path never awaits", async () => {
    const { token } = await newToken();
    const result = authenticateBearer(`Bearer ${token}`, nextIp(), new Date());
    expect(result instanceof Promise).toBe(getConfig().provider === "postgresql");
    expect((await result).ok).toBe(true);
  });

  it("audits failures with the hint only, never the token", async () => {
    const { token, serviceToken } = await newToken();
    await revokeServiceToken(serviceToken.publicId, admin, meta);
    const ip = nextIp();
    const unknown = generateToken("DEVELOPER").token;
    await authenticateBearer(`Bearer ${unknown}`, ip, new Date(), { userAgent: "agent/1", route: "GET /api/v1/token" });
    await authenticateBearer(`Bearer ${token}`, ip, new Date(), { userAgent: "agent/1", route: "GET /api/v1/token" });
    const rows = await failuresFrom(ip, 2);
    const byCode = Object.fromEntries(rows.map((r) => [(JSON.parse(r.details ?? "{}") as { code?: string }).code ?? "", r]));
    expect(byCode.unknown).toMatchObject({
      actorType: "anonymous",
      actorId: null,
      actorName: tokenHint(unknown),
      outcome: "failure",
      userAgent: "agent/1",
    });
    expect(byCode.revoked).toMatchObject({
      actorType: "service_token",
      actorId: serviceToken.publicId,
      actorName: serviceToken.hint,
    });
    expect(JSON.parse(byCode.revoked!.details!)).toEqual({ code: "revoked", route: "GET /api/v1/token" });
    const all = storedText(rows);
    expect(all).not.toContain(token);
    expect(all).not.toContain(unknown);
    expect(all).not.toContain(hashToken(token));
  });

  it("throttles an address after 20 failures a minute, before any other work, even for a valid token", async () => {
    const { token } = await newToken();
    const ip = nextIp();
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    for (let i = 0; i < 20; i++) {
      const result = await authenticateBearer("Bearer nope", ip, new Date(start));
      expect(result).toMatchObject({ ok: false, failure: { status: 401 } });
    }
    const throttled = await authenticateBearer(`Bearer ${token}`, ip, new Date(start + 1_000));
    expect(throttled).toEqual({
      ok: false,
      failure: {
        status: 429,
        code: "rate_limited",
        message: expect.stringContaining("59 seconds"),
        headers: { "retry-after": "59" },
      },
    });
    expect((await authenticateBearer(`Bearer ${token}`, nextIp(), new Date(start + 1_000))).ok).toBe(true);
    expect((await authenticateBearer(`Bearer ${token}`, ip, new Date(start + 60_000))).ok).toBe(true);
    // 429s are not audited: the audit log grows by at most the limit per address and minute.
    await failuresFrom(ip, 20);
    await new Promise((r) => setTimeout(r, 200));
    expect(await db().auditEvent.count({ where: { action: "api.auth_failed", ip } })).toBe(20);
  });
});

describe("authenticateBearer under parallel failures", () => {
  it("lets exactly the limit of 30 simultaneous failures from one address through; the rest get 429", async () => {
    const ip = nextIp();
    const results = await Promise.all(
      Array.from({ length: 30 }, async () => authenticateBearer(`Bearer ${generateToken("DEVELOPER").token}`, ip, new Date())),
    );
    const statuses = results.map((result) => (result.ok ? 200 : result.failure.status));
    expect(statuses.filter((status) => status === 401)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
  });
});

describe("recordTokenUse", () => {
  async function lastUse(publicId: string) {
    return db().serviceToken.findUniqueOrThrow({ where: { publicId }, select: { lastUsedAt: true, lastUsedIp: true } });
  }

  it("writes the last use at most once a minute per token, in batches", async () => {
    const [a, b] = [await newToken(), await newToken()];
    const idOf = async (publicId: string) =>
      (await db().serviceToken.findUniqueOrThrow({ where: { publicId }, select: { id: true } })).id;
    const [idA, idB] = [await idOf(a.serviceToken.publicId), await idOf(b.serviceToken.publicId)];
    const t0 = new Date();
    recordTokenUse(idA, "203.0.113.7", t0);
    recordTokenUse(idB, "2001:db8::1", t0);
    expect(await lastUse(a.serviceToken.publicId)).toEqual({ lastUsedAt: null, lastUsedIp: null }); // not on the request's path
    await flushTokenUses();
    expect(await lastUse(a.serviceToken.publicId)).toEqual({ lastUsedAt: t0, lastUsedIp: "203.0.113.7" });
    expect(await lastUse(b.serviceToken.publicId)).toEqual({ lastUsedAt: t0, lastUsedIp: "2001:db8::1" });

    recordTokenUse(idA, "203.0.113.8", new Date(t0.getTime() + 59_000));
    await flushTokenUses();
    expect(await lastUse(a.serviceToken.publicId)).toEqual({ lastUsedAt: t0, lastUsedIp: "203.0.113.7" });

    const t1 = new Date(t0.getTime() + 61_000);
    recordTokenUse(idA, "203.0.113.9", t1);
    await flushTokenUses();
    expect(await lastUse(a.serviceToken.publicId)).toEqual({ lastUsedAt: t1, lastUsedIp: "203.0.113.9" });
  });

  it("leaves a use another instance recorded less than a minute ago", async () => {
    const { serviceToken } = await newToken();
    const row = await db().serviceToken.findUniqueOrThrow({ where: { publicId: serviceToken.publicId }, select: { id: true } });
    const elsewhere = new Date(Date.now() - 30_000);
    await db().serviceToken.update({ where: { id: row.id }, data: { lastUsedAt: elsewhere, lastUsedIp: "192.0.2.99" } });
    recordTokenUse(row.id, "203.0.113.11", new Date());
    await flushTokenUses();
    expect(await lastUse(serviceToken.publicId)).toEqual({ lastUsedAt: elsewhere, lastUsedIp: "192.0.2.99" });
  });

  it("is written by the timer without anyone waiting for it", async () => {
    const { serviceToken } = await newToken();
    const row = await db().serviceToken.findUniqueOrThrow({ where: { publicId: serviceToken.publicId }, select: { id: true } });
    recordTokenUse(row.id, "203.0.113.10", new Date());
    await expect.poll(async () => (await lastUse(serviceToken.publicId)).lastUsedIp, { timeout: 5_000 }).toBe("203.0.113.10");
  });
});
