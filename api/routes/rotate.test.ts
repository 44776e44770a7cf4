// POST /api/v1/token/rotate over real HTTP (the API's own node:http handler on a free port) against a
// real database (SQLite, or PostgreSQL with DATABASE_URL), with real Authorization headers: the lifetime
// limit at its boundaries, reuse detection after the overlap, and retries with an Idempotency-Key.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DAY_MS, exceedsPolicy, tokenTypeOf } from "@/lib/tokens";
import type { SessionUser } from "@/lib/auth/users";
import { db } from "@/lib/db/db";
import { createServiceToken } from "@/modules/service-tokens/create/create";
import { getTokenPolicy, updateTokenPolicy } from "@/modules/service-tokens/policy/policy";
import { flushTokenUses } from "../auth/last-used";
import { handleApiRequest } from "../http/handler";
import { storedText } from "@/lib/testing/stored-text";

const admin: SessionUser = { id: "rotate-route-admin", username: "rotate-route-admin", displayName: "Rotate", role: "ADMIN" };
const meta = { ip: "192.0.2.20", userAgent: "vitest" };
const issuedTo = `rotate route ${Date.now()}`;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer(handleApiRequest);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await db().tokenPolicy.deleteMany({});
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await flushTokenUses(); // before the test database goes away

  await db().auditEvent.deleteMany({});
  await db().serviceToken.deleteMany({ where: { issuedTo } });
});

async function make(type: "CONNECTOR" | "DEVELOPER" = "CONNECTOR", days = 1) {
  const { token, serviceToken } = await createServiceToken(
    { type, issuedTo, expiresAt: new Date(Date.now() + days * DAY_MS) },
    admin,
    meta,
  );
  return { token, publicId: serviceToken.publicId };
}

type Answer = { status: number; headers: Headers; body: Record<string, unknown> & { error?: { code: string; message: string } } };

async function rotate(token: string, body: object, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${base}/api/v1/token/rotate`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Answer["body"] };
}

const row = (publicId: string) => db().serviceToken.findUniqueOrThrow({ where: { publicId } });

async function setPolicy(connectorMaxDays: number, developerMaxDays: number) {
  await updateTokenPolicy({ connectorMaxDays, developerMaxDays, defaultExpiration: "30", revokeUnusedDays: null }, admin, meta);
}

describe("the lifetime limit (N days = N × 24 hours from the rotation)", () => {
  it("accepts expiresInDays = N and refuses N + 1, for each type; what it accepts is never over the policy", async () => {
    await setPolicy(29, 1);
    const policy = await getTokenPolicy();
    for (const [type, max] of [
      ["DEVELOPER", 1],
      ["CONNECTOR", 29],
    ] as const) {
      const over = await make(type);
      const refused = await rotate(over.token, { overlapSeconds: 0, expiresInDays: max + 1 });
      expect(refused.status, type).toBe(400);
      expect(refused.body.error).toEqual({
        code: "policy_violation",
        message: `${type === "DEVELOPER" ? "Developer" : "Connector"} tokens may live at most ${max} day${max === 1 ? "" : "s"} (Token Policy). Choose an earlier expiration.`,
      });
      expect(await row(over.publicId)).toMatchObject({ replacedByPublicId: null });

      const exact = await rotate(over.token, { overlapSeconds: 0, expiresInDays: max });
      expect(exact.status, type).toBe(201);
      const successor = await row(String(exact.body.id));
      expect(successor.expiresAt.getTime() - successor.createdAt.getTime()).toBe(max * DAY_MS);
      expect(exceedsPolicy({ ...successor, type: tokenTypeOf(successor.type)! }, policy)).toBe(false);
    }
  });

  it("without expiresInDays: the policy's default, capped at the type's limit", async () => {
    await setPolicy(29, 29); // the default expiration stays 30 days
    const t = await make();
    const answer = await rotate(t.token, { overlapSeconds: 0 });
    expect(answer.status).toBe(201);
    const successor = await row(String(answer.body.id));
    expect(successor.expiresAt.getTime() - successor.createdAt.getTime()).toBe(29 * DAY_MS);
  });
});

async function get(path: string, token: string) {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}
const reuseEvents = (presentedId: string) =>
  db().auditEvent.findMany({ where: { action: "service_token.reuse_detected", targetId: presentedId } });

describe("reuse detection after the overlap", () => {
  it("a thief rotated with overlapSeconds 0: the owner presenting the old token to rotate revokes the thief's successor", async () => {
    const stolen = await make("CONNECTOR", 30);
    const thief = await rotate(stolen.token, { overlapSeconds: 0 });
    expect(thief.status).toBe(201);
    const successor = { token: String(thief.body.token), publicId: String(thief.body.id) };

    // Elsewhere the old token is simply expired: nothing is revoked by that.
    expect((await get("/api/v1/token", stolen.token)).body.error?.code).toBe("expired");
    expect((await get("/api/v1/token", successor.token)).status).toBe(200);

    const owner = await rotate(stolen.token, { overlapSeconds: 0 });
    expect(owner.status).toBe(401);
    expect(owner.body.error?.code).toBe("reused");
    expect(owner.headers.get("www-authenticate")).toContain('error="invalid_token"');
    for (const id of [stolen.publicId, successor.publicId]) {
      expect(await row(id)).toMatchObject({ revokeReason: "REUSE_DETECTED", revokedByName: "Reuse detection" });
    }
    expect((await get("/api/v1/token", successor.token)).body.error?.code).toBe("revoked");
    const events = await reuseEvents(stolen.publicId);
    expect(events.map((e) => JSON.parse(e.details!) as unknown)).toEqual([
      { presentedId: stolen.publicId, revokedIds: [stolen.publicId, successor.publicId] },
    ]);
    // The thief cannot rotate on.
    expect((await rotate(successor.token, { overlapSeconds: 0 })).body.error?.code).toBe("revoked");
  });

  it("also when a longer overlap has ended; an expired token that was never rotated is only expired", async () => {
    const a = await make("DEVELOPER", 30);
    const first = await rotate(a.token, { overlapSeconds: 3600 });
    expect(first.status).toBe(201);
    // The overlap passes (through the database, not by waiting).
    await db().serviceToken.update({ where: { publicId: a.publicId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const again = await rotate(a.token, { overlapSeconds: 0 });
    expect(again.body.error?.code).toBe("reused");
    expect((await row(String(first.body.id))).revokeReason).toBe("REUSE_DETECTED");

    const lapsed = await make("CONNECTOR", 30);
    await db().serviceToken.update({ where: { publicId: lapsed.publicId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const refused = await rotate(lapsed.token, { overlapSeconds: 0 });
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe("expired");
    expect(await row(lapsed.publicId)).toMatchObject({ revokedAt: null, replacedByPublicId: null });
    expect(await reuseEvents(lapsed.publicId)).toHaveLength(0);
  });
});

describe("a lost rotation response: retries with the same Idempotency-Key", () => {
  const newKey = () => `key-${crypto.randomUUID()}`;
  const retries = (tokenId: string) => db().tokenRotationRetry.findMany({ where: { tokenId } });
  const internalId = async (publicId: string) => (await row(publicId)).id;

  it("within the window, the same token, key and body get the same new token again; nothing is revoked", async () => {
    const a = await make("CONNECTOR", 30);
    const key = newKey();
    const first = await rotate(a.token, { overlapSeconds: 0, expiresInDays: 7 }, { "idempotency-key": key });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    // The response is lost; the client retries (the old token is already expired: overlap 0).
    const retry = await rotate(a.token, { overlapSeconds: 0, expiresInDays: 7 }, { "idempotency-key": `"${key}"` });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
    expect(await db().serviceToken.count({ where: { replacesPublicId: a.publicId } })).toBe(1);
    expect((await get("/api/v1/token", String(retry.body.token))).status).toBe(200);
    expect(await row(a.publicId)).toMatchObject({ revokedAt: null, replacedByPublicId: first.body.id });
    expect(await reuseEvents(a.publicId)).toHaveLength(0);
    const replayed = await db().auditEvent.findMany({ where: { action: "service_token.rotate_replayed", targetId: a.publicId } });
    expect(replayed.map((e) => JSON.parse(e.details!) as unknown)).toEqual([
      { replacedId: a.publicId, newId: first.body.id, hint: (await row(String(first.body.id))).hint },
    ]);

    // Nothing stored holds the new token: not the retry record, not the token rows, not the audit log.
    const stored = storedText([
      await retries(await internalId(a.publicId)),
      await db().serviceToken.findMany({ where: { issuedTo } }),
      await db().auditEvent.findMany({}),
    ]);
    expect(stored).not.toContain(String(first.body.token));
    expect(stored).not.toContain(String(first.body.token).slice(8, 51)); // its random part
    expect(stored).not.toContain(key);
  });

  it("after the window, with another key, or with none, it is reuse: the chain is revoked", async () => {
    for (const retryKey of ["later", "other", "none"] as const) {
      const a = await make("CONNECTOR", 30);
      const key = newKey();
      const first = await rotate(a.token, { overlapSeconds: 0 }, { "idempotency-key": key });
      expect(first.status).toBe(201);
      if (retryKey === "later") {
        // The window passes (through the database, not by waiting).
        await db().tokenRotationRetry.updateMany({
          where: { tokenId: await internalId(a.publicId) },
          data: { createdAt: new Date(Date.now() - 600_000) },
        });
      }
      const headers: Record<string, string> =
        retryKey === "none" ? {} : { "idempotency-key": retryKey === "other" ? newKey() : key };
      const retry = await rotate(a.token, { overlapSeconds: 0 }, headers);
      expect(retry.status, retryKey).toBe(401);
      expect(retry.body.error?.code, retryKey).toBe("reused");
      expect((await row(String(first.body.id))).revokeReason, retryKey).toBe("REUSE_DETECTED");
      // The rotation after the window deleted the ended record, with its salt.
      if (retryKey === "later") expect(await retries(await internalId(a.publicId))).toHaveLength(0);
    }
  });

  it("the same key from another token is that token's own rotation; the same key with another body changes nothing", async () => {
    const [a, b] = [await make("CONNECTOR", 30), await make("CONNECTOR", 30)];
    const key = newKey();
    const fromA = await rotate(a.token, { overlapSeconds: 60 }, { "idempotency-key": key });
    const fromB = await rotate(b.token, { overlapSeconds: 60 }, { "idempotency-key": key });
    expect([fromA.status, fromB.status]).toEqual([201, 201]);
    expect(fromB.body.token).not.toBe(fromA.body.token);
    expect(fromB.body.replaces).toMatchObject({ id: b.publicId });
    expect(await row(String(fromA.body.id))).toMatchObject({ revokedAt: null });

    const changed = await rotate(a.token, { overlapSeconds: 0 }, { "idempotency-key": key });
    expect(changed.status).toBe(422);
    expect(changed.body.error?.code).toBe("idempotency_key_mismatch");
    expect(await row(String(fromA.body.id))).toMatchObject({ revokedAt: null });
    expect(await row(a.publicId)).toMatchObject({ revokedAt: null });
    const same = await rotate(a.token, { overlapSeconds: 60 }, { "idempotency-key": key });
    expect(same.body.token).toBe(fromA.body.token);
  });

  it("concurrent retries of one rotation all get the same new token; exactly one is created", async () => {
    const a = await make("DEVELOPER", 30);
    const key = newKey();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => rotate(a.token, { overlapSeconds: 3600 }, { "idempotency-key": key })),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((r) => r.body.token)).size).toBe(1);
    expect(answers.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(3);
    expect(await db().serviceToken.count({ where: { replacesPublicId: a.publicId } })).toBe(1);
    expect(await reuseEvents(a.publicId)).toHaveLength(0);
  });

  it("a malformed key is refused before anything changes", async () => {
    const a = await make();
    const refused = await rotate(a.token, { overlapSeconds: 0 }, { "idempotency-key": "too-short" });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toMatch(/^Idempotency-Key must be 16 to 255 visible ASCII characters/);
    expect(await row(a.publicId)).toMatchObject({ replacedByPublicId: null });
  });
});
