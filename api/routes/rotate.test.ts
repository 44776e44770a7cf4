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
