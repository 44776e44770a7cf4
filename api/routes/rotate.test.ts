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
import { handleApiRequest } from "../http/handler";

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
  await updateTokenPolicy({ connectorMaxDays, developerMaxDays, defaultExpiration: "30" }, admin, meta);
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
