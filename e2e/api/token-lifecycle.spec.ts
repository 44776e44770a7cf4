// Token lifecycle over real HTTP against the production build: self-rotation, reuse detection, and
// allowed addresses with TRUST_PROXY off (behind a proxy: trusted-proxy.spec.ts).
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { z } from "zod";
import { errorBodySchema, rotatedTokenSchema, serviceTokenListSchema, tokenInfoSchema } from "@/api/schemas";
import { apiClient, freshAddress, seedTokens } from "../support/api";
import { auditCount, setAllowedCidrs, storedLifecycle } from "../support/lifecycle";

let call: ReturnType<typeof apiClient>;

test.beforeAll(async ({ baseURL }) => {
  call = apiClient(baseURL ?? "http://127.0.0.1:3000");
});

const json = (body: unknown) => ({ method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

test.describe("POST /api/v1/token/rotate", () => {
  test("a Connector rotates itself: 201 with the new token once, no-store; both work during the overlap", async () => {
    const [old] = await seedTokens([{ type: "CONNECTOR", issuedTo: "e2e rotate self" }]);
    const started = Date.now();
    const res = await call("/api/v1/token/rotate", { token: old!.token, ...json({ overlapSeconds: 3600, expiresInDays: 60 }) });
    expect(res.status).toBe(201);
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = rotatedTokenSchema.parse(res.json());
    expect(body).toMatchObject({ type: "connector", issuedTo: "e2e rotate self", replaces: { id: old!.publicId } });
    expect(body.token).toMatch(/^opc_con_[0-9A-Za-z]{49}$/);
    expect(body.token).not.toBe(old!.token);
    const oldEnds = new Date(body.replaces.expiresAt).getTime();
    expect(oldEnds).toBeGreaterThanOrEqual(started + 3_600_000 - 1000);
    expect(oldEnds).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(res.headers["x-token-expiration"]).toBe(body.replaces.expiresAt);
    expect(Date.parse(body.expiresAt) - Date.parse(body.createdAt)).toBeCloseTo(60 * 86_400_000, -4);

    const asNew = await call("/api/v1/token", { token: body.token });
    expect(asNew.status).toBe(200);
    expect(asNew.json()).toMatchObject({ id: body.id, issuedTo: "e2e rotate self" });
    const asOld = await call("/api/v1/token", { token: old!.token });
    expect(asOld.status).toBe(200);
    expect(asOld.headers["x-token-expiration"]).toBe(body.replaces.expiresAt);
    expect(await storedLifecycle(old!.publicId)).toMatchObject({ replacedByPublicId: body.id, revokedAt: null });
    expect(await storedLifecycle(body.id)).toMatchObject({ replacesPublicId: old!.publicId });
    expect(await auditCount("service_token.rotate", old!.publicId)).toBe(1);
  });

  test("overlap 0: the old token stops at once; a Developer may rotate too", async () => {
    const [old] = await seedTokens([{ type: "DEVELOPER", issuedTo: "e2e rotate now" }]);
    const res = await call("/api/v1/token/rotate", { token: old!.token, ...json({ overlapSeconds: 0 }) });
    expect(res.status).toBe(201);
    const body = rotatedTokenSchema.parse(res.json());
    expect(body.type).toBe("developer");
    const asOld = await call("/api/v1/token", { token: old!.token, from: freshAddress() });
    expect(asOld.status).toBe(401);
    expect(asOld.error().code).toBe("expired");
    expect((await call("/api/v1/token", { token: body.token })).status).toBe(200);
  });

  test("reuse: a rotated token asking again gets 401 and the whole chain is revoked", async () => {
    const [a, dev] = await seedTokens([
      { type: "CONNECTOR", issuedTo: "e2e reuse" },
      { type: "DEVELOPER", issuedTo: "e2e reuse reader" },
    ]);
    const first = await call("/api/v1/token/rotate", { token: a!.token, ...json({ overlapSeconds: 86_400 }) });
    expect(first.status).toBe(201);
    const b = rotatedTokenSchema.parse(first.json());

    const reuse = await call("/api/v1/token/rotate", { token: a!.token, ...json({ overlapSeconds: 0 }), from: freshAddress() });
    expect(reuse.status).toBe(401);
    expect(errorBodySchema.parse(reuse.json()).error.code).toBe("reused");
    expect(reuse.headers["www-authenticate"]).toContain('error="invalid_token"');
    for (const token of [a!.token, b.token]) {
      const res = await call("/api/v1/token", { token, from: freshAddress() });
      expect(res.status).toBe(401);
      expect(res.error().code).toBe("revoked");
    }
    expect(await storedLifecycle(a!.publicId)).toMatchObject({ revokeReason: "REUSE_DETECTED" });
    expect(await storedLifecycle(b.id)).toMatchObject({ revokeReason: "REUSE_DETECTED" });
    expect(await auditCount("service_token.reuse_detected", a!.publicId)).toBe(1);

    const list = serviceTokenListSchema.parse(
      (await call("/api/v1/service-tokens?status=revoked&per_page=100", { token: dev!.token })).json(),
    );
    const listed = list.data.find((t) => t.id === b.id);
    expect(listed).toMatchObject({
      revokeReason: "reuse_detected",
      replaces: a!.publicId,
      status: "revoked",
      allowedAddresses: [],
      exceedsPolicy: false,
    });
  });

  test("after the overlap: a thief who rotated with overlap 0 loses the successor when the owner presents the old token", async () => {
    const [stolen] = await seedTokens([{ type: "CONNECTOR", issuedTo: "e2e reuse after overlap" }]);
    const thief = await call("/api/v1/token/rotate", {
      token: stolen!.token,
      ...json({ overlapSeconds: 0 }),
      from: freshAddress(),
    });
    expect(thief.status).toBe(201);
    const successor = rotatedTokenSchema.parse(thief.json());
    // Elsewhere the old token is merely expired.
    expect((await call("/api/v1/token", { token: stolen!.token, from: freshAddress() })).error().code).toBe("expired");

    const owner = await call("/api/v1/token/rotate", {
      token: stolen!.token,
      ...json({ overlapSeconds: 3600 }),
      from: freshAddress(),
    });
    expect(owner.status).toBe(401);
    expect(owner.error().code).toBe("reused");
    const asThief = await call("/api/v1/token", { token: successor.token, from: freshAddress() });
    expect(asThief.error().code).toBe("revoked");
    expect(await storedLifecycle(successor.id)).toMatchObject({ revokeReason: "REUSE_DETECTED" });
    expect(await auditCount("service_token.reuse_detected", stolen!.publicId)).toBe(1);
  });

  test("a lost response: the same Idempotency-Key gets the same new token again; another key is reuse", async () => {
    const [t] = await seedTokens([{ type: "DEVELOPER", issuedTo: "e2e rotate retry" }]);
    const key = randomUUID();
    const send = (idempotencyKey: string) =>
      call("/api/v1/token/rotate", {
        token: t!.token,
        method: "POST",
        body: JSON.stringify({ overlapSeconds: 0, expiresInDays: 30 }),
        headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
      });
    const first = await send(key);
    expect(first.status).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    const retry = await send(key);
    expect(retry.status).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(rotatedTokenSchema.parse(retry.json())).toEqual(rotatedTokenSchema.parse(first.json()));
    const successor = rotatedTokenSchema.parse(first.json());
    expect((await call("/api/v1/token", { token: successor.token })).status).toBe(200);
    expect(await auditCount("service_token.rotate_replayed", t!.publicId)).toBe(1);

    const other = await send(randomUUID());
    expect(other.status).toBe(401);
    expect(other.error().code).toBe("reused");
    expect(await storedLifecycle(successor.id)).toMatchObject({ revokeReason: "REUSE_DETECTED" });
  });

  test("bad bodies get 400 or 415 and change nothing", async () => {
    const [t] = await seedTokens([{ type: "CONNECTOR", issuedTo: "e2e rotate bad" }]);
    const cases: [unknown, number, string][] = [
      [{ overlapSeconds: 604_801 }, 400, "overlapSeconds must be a whole number from 0 to 604800."],
      [{ overlapSeconds: 60, expiresInDays: 1096 }, 400, "expiresInDays must be a whole number from 1 to 1095."],
      [{ overlapSeconds: 60, lifetime: 3 }, 400, "Unknown body field: lifetime."],
      [[], 400, "The body must be a JSON object with overlapSeconds."],
    ];
    for (const [body, status, message] of cases) {
      const res = await call("/api/v1/token/rotate", { token: t!.token, ...json(body) });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.error().message).toBe(message);
    }
    const notJson = await call("/api/v1/token/rotate", {
      token: t!.token,
      method: "POST",
      body: "overlapSeconds=0",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(notJson.status).toBe(415);
    expect(await storedLifecycle(t!.publicId)).toMatchObject({ replacedByPublicId: null, revokedAt: null });
  });
});

test.describe("allowed addresses", () => {
  test("TRUST_PROXY off: the socket's address decides; X-Forwarded-For is ignored; 403 address_not_allowed is audited", async () => {
    const [t] = await seedTokens([{ type: "CONNECTOR", issuedTo: "e2e allowed addresses" }]);
    await setAllowedCidrs(t!.publicId, ["127.77.0.0/16"]);
    const inside = await call("/api/v1/token", { token: t!.token, from: "127.77.3.4" });
    expect(inside.status).toBe(200);
    expect(tokenInfoSchema.parse(inside.json()).allowedAddresses).toEqual(["127.77.0.0/16"]);

    const outside = await call("/api/v1/token", {
      token: t!.token,
      from: "127.78.3.4",
      headers: { "x-forwarded-for": "127.77.3.4" },
    });
    expect(outside.status).toBe(403);
    expect(outside.json()).toEqual({
      error: {
        code: "address_not_allowed",
        message: "This token may not be used from 127.78.3.4: it is restricted to its allowed addresses.",
      },
    });
    expect(outside.headers["www-authenticate"]).toBeUndefined();
    await expect.poll(() => auditCount("api.address_not_allowed", t!.publicId)).toBe(1);

    // Other routes too, including rotation.
    const rotate = await call("/api/v1/token/rotate", { token: t!.token, ...json({ overlapSeconds: 0 }), from: "127.78.3.5" });
    expect(rotate.status).toBe(403);
    expect(await storedLifecycle(t!.publicId)).toMatchObject({ replacedByPublicId: null });
  });
});

test("the OpenAPI document describes rotation, the new error codes and the token's lifecycle fields", async () => {
  const doc = (await call("/api/v1/openapi.json")).json();
  const operations = z
    .object({ paths: z.record(z.string(), z.record(z.string(), z.object({ responses: z.record(z.string(), z.unknown()) }))) })
    .parse(doc).paths;
  expect(Object.keys(operations["/api/v1/token/rotate"]?.post?.responses ?? {}).sort()).toEqual([
    "201",
    "400",
    "401",
    "403",
    "413",
    "415",
    "422",
    "429",
    "500",
    "503",
  ]);
  expect(doc).toMatchObject({
    paths: {
      "/api/v1/token/rotate": {
        post: {
          parameters: [expect.objectContaining({ name: "Idempotency-Key", in: "header", required: false })],
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/RotateTokenRequest" } } } },
          responses: { "201": { content: { "application/json": { schema: { $ref: "#/components/schemas/RotatedToken" } } } } },
        },
      },
      // Any authenticated route may answer 403 address_not_allowed.
      "/api/v1/token": { get: { responses: { "403": expect.anything() } } },
    },
    components: {
      schemas: {
        RotateTokenRequest: { properties: { overlapSeconds: { minimum: 0, maximum: 604800 } } },
        Error: {
          properties: {
            error: {
              properties: {
                code: {
                  enum: expect.arrayContaining(["address_not_allowed", "reused", "policy_violation", "idempotency_key_mismatch"]),
                },
              },
            },
          },
        },
        ServiceToken: {
          properties: expect.objectContaining(
            Object.fromEntries(
              [
                "description",
                "allowedAddresses",
                "revokeReason",
                "revokeReasonText",
                "replaces",
                "replacedBy",
                "exceedsPolicy",
              ].map((k) => [k, expect.anything()]),
            ),
          ),
        },
      },
    },
  });
});
