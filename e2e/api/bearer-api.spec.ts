// The Bearer API over real HTTP against the production build (issue 4). Tokens are seeded straight into
// the server's database (e2e/support/api.ts); failed authentications come from fresh loopback addresses
// so the per-address throttle only triggers where a test means it to.
import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { z } from "zod";
import { generateToken } from "@/lib/tokens/server";
import { auditEventListSchema, errorBodySchema, serviceTokenListSchema, storedFileSchema, tokenInfoSchema } from "@/api/schemas";
import {
  apiClient,
  freshAddress,
  multipart,
  revokeInDatabase,
  seedTokens,
  type ApiRequest,
  type SeededToken,
} from "../support/api";

/** What every JSON answer of the API carries: a browser that opens one loads and runs nothing. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

type Tokens = Record<"connector" | "connector2" | "developer" | "expired" | "revoked", SeededToken>;

let tokens: Tokens;
let call: ReturnType<typeof apiClient>;
/** A file uploaded with tokens.connector in beforeAll. */
let connectorFile: { id: string; content: Buffer };

function bodyOf(parts: Parameters<typeof multipart>[0]): Pick<ApiRequest, "body" | "headers"> {
  const { body, contentType } = multipart(parts);
  return { body, headers: { "content-type": contentType } };
}

/** A cursor as a client could write one by hand: base64url JSON, as the API's own are. */
function cursorOf(parts: unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

function changeLastCharacter(token: string): string {
  const last = token.at(-1)!;
  return token.slice(0, -1) + (last === "A" ? "B" : "A");
}

test.beforeAll(async ({ baseURL }) => {
  call = apiClient(baseURL ?? "http://127.0.0.1:3000");
  const [connector, connector2, developer, expired, revoked] = await seedTokens([
    { type: "CONNECTOR", issuedTo: "e2e connector A" },
    { type: "CONNECTOR", issuedTo: "e2e connector B" },
    { type: "DEVELOPER", issuedTo: "e2e developer" },
    { type: "DEVELOPER", issuedTo: "e2e expired", expiresAt: new Date(Date.now() - 60_000) },
    { type: "CONNECTOR", issuedTo: "e2e revoked", revoked: true },
  ]);
  tokens = { connector: connector!, connector2: connector2!, developer: developer!, expired: expired!, revoked: revoked! };
  const content = Buffer.from(`connector A's file ${Date.now()}\n`);
  const upload = await call("/api/v1/files", {
    method: "POST",
    token: tokens.connector.token,
    ...bodyOf([{ field: "file", filename: "a.txt", contentType: "text/plain", content }]),
  });
  expect(upload.status).toBe(201);
  connectorFile = { id: storedFileSchema.parse(upload.json()).id, content };
});

test.describe("authentication and scopes, every route", () => {
  type Route = { name: string; request: () => { path: string } & ApiRequest; connector: number; developer: number };
  const routes: Route[] = [
    { name: "GET /api/v1/token", request: () => ({ path: "/api/v1/token" }), connector: 200, developer: 200 },
    {
      name: "POST /api/v1/files",
      request: () => ({ path: "/api/v1/files", method: "POST", ...bodyOf([{ field: "file", filename: "t.bin", content: "x" }]) }),
      connector: 201,
      developer: 201,
    },
    {
      name: "GET /api/v1/files/{id}",
      request: () => ({ path: `/api/v1/files/${connectorFile.id}` }),
      connector: 200,
      developer: 200,
    },
    {
      name: "GET /api/v1/files/{id}/content",
      request: () => ({ path: `/api/v1/files/${connectorFile.id}/content` }),
      connector: 200,
      developer: 200,
    },
    { name: "GET /api/v1/service-tokens", request: () => ({ path: "/api/v1/service-tokens" }), connector: 403, developer: 200 },
    { name: "GET /api/v1/audit-events", request: () => ({ path: "/api/v1/audit-events" }), connector: 403, developer: 200 },
  ];

  const failures: { name: string; authorization: () => string | undefined; code: string }[] = [
    { name: "no header", authorization: () => undefined, code: "missing" },
    { name: "malformed", authorization: () => "Bearer not-a-service-token", code: "malformed" },
    { name: "bad checksum", authorization: () => `Bearer ${changeLastCharacter(tokens.connector.token)}`, code: "malformed" },
    { name: "unknown", authorization: () => `Bearer ${generateToken("DEVELOPER").token}`, code: "unknown" },
    { name: "expired", authorization: () => `Bearer ${tokens.expired.token}`, code: "expired" },
    { name: "revoked", authorization: () => `Bearer ${tokens.revoked.token}`, code: "revoked" },
  ];

  for (const route of routes) {
    for (const failure of failures) {
      test(`${route.name} × ${failure.name} → 401 ${failure.code}`, async () => {
        const { path, ...request } = route.request();
        const res = await call(path, { ...request, authorization: failure.authorization(), from: freshAddress() });
        expect(res.status).toBe(401);
        const body = errorBodySchema.parse(res.json());
        expect(body.error.code).toBe(failure.code);
        expect(res.headers["cache-control"]).toBe("no-store");
        expect(res.headers["content-security-policy"]).toBe(API_CSP);
        expect(res.headers["x-token-expiration"]).toBeUndefined();
        if (failure.code === "missing") {
          expect(res.headers["www-authenticate"]).toBe('Bearer realm="console"');
        } else {
          expect(res.headers["www-authenticate"]).toBe(
            `Bearer realm="console", error="invalid_token", error_description="${body.error.message}"`,
          );
        }
      });
    }

    for (const who of ["connector", "developer"] as const) {
      const expected = route[who];
      test(`${route.name} × ${who} → ${expected}`, async () => {
        const { path, ...request } = route.request();
        const res = await call(path, { ...request, token: tokens[who].token });
        expect(res.status).toBe(expected);
        expect(res.headers["cache-control"]).toBe("no-store");
        // A download's own policy is stricter still (sandbox); see the download test.
        expect(res.headers["content-security-policy"]).toMatch(/^default-src 'none'; (frame-ancestors 'none'|sandbox)$/);
        expect(res.headers["x-token-expiration"]).toBe(tokens[who].expiresAt.toISOString());
        if (expected === 403) {
          const body = errorBodySchema.parse(res.json());
          expect(body.error.code).toBe("insufficient_scope");
          expect(body.error.message).toContain("Developer token");
          expect(res.headers["www-authenticate"]).toMatch(
            /^Bearer realm="console", error="insufficient_scope", scope="[a-z_:]+"$/,
          );
        }
      });
    }
  }
});

test("the scheme is case-insensitive, and exactly one credential is accepted", async () => {
  for (const scheme of ["bearer", "BEARER", "Bearer"]) {
    const res = await call("/api/v1/token", { authorization: `${scheme} ${tokens.connector.token}` });
    expect(res.status, scheme).toBe(200);
  }
  const from = freshAddress();
  const two = await call("/api/v1/token", { authorization: `Bearer ${tokens.connector.token} ${tokens.developer.token}`, from });
  expect(two.status).toBe(401);
  expect(two.error().code).toBe("malformed");
  const basic = await call("/api/v1/token", { authorization: "Basic dXNlcjpwYXNz", from });
  expect(basic.status).toBe(401);
  expect(basic.error().code).toBe("missing");
  expect(basic.headers["www-authenticate"]).toBe('Bearer realm="console"');
});

test("GET /api/v1/token describes the calling token", async () => {
  const res = await call("/api/v1/token", { token: tokens.connector.token });
  expect(res.status).toBe(200);
  const info = tokenInfoSchema.parse(res.json());
  expect(info).toMatchObject({
    id: tokens.connector.publicId,
    type: "connector",
    issuedTo: "e2e connector A",
    expiresAt: tokens.connector.expiresAt.toISOString(),
    scopes: ["token:read", "token:rotate", "files:write", "files:read"],
  });
  expect(info.operations).toContain("POST /api/v1/files");
  expect(info.operations).not.toContain("GET /api/v1/service-tokens");
  expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");

  const developer = tokenInfoSchema.parse((await call("/api/v1/token", { token: tokens.developer.token })).json());
  expect(developer.type).toBe("developer");
  expect(developer.operations).toContain("GET /api/v1/audit-events");
});

test("an upload downloads back byte for byte, with its SHA-256 and safe headers", async () => {
  const content = Buffer.alloc(300_000);
  for (let i = 0; i < content.length; i++) content[i] = (i * 7919) % 256;
  const sha256 = createHash("sha256").update(content).digest("hex");
  const name = "../../etc/Résumé \u202Egnp.exe";
  const up = await call("/api/v1/files", {
    method: "POST",
    token: tokens.connector.token,
    ...bodyOf([
      { field: "note", content: "a text field is ignored" },
      { field: "file", filename: name, contentType: "image/png", content },
    ]),
  });
  expect(up.status).toBe(201);
  const file = storedFileSchema.parse(up.json());
  expect(file).toMatchObject({
    size: content.length,
    sha256,
    status: "stored",
    name: "Résumé gnp.exe",
    contentType: "image/png",
  });
  expect(file.uploadedBy).toBe(tokens.connector.publicId);
  expect(up.headers.location).toBe(`/api/v1/files/${file.id}`);

  const meta = await call(`/api/v1/files/${file.id}`, { token: tokens.connector.token });
  expect(meta.status).toBe(200);
  expect(storedFileSchema.parse(meta.json())).toEqual(file);

  const down = await call(`/api/v1/files/${file.id}/content`, { token: tokens.connector.token });
  expect(down.status).toBe(200);
  expect(down.body.equals(content)).toBe(true);
  expect(createHash("sha256").update(down.body).digest("hex")).toBe(sha256);
  expect(down.headers["content-type"]).toBe("application/octet-stream");
  expect(down.headers["content-length"]).toBe(String(content.length));
  expect(down.headers["x-content-type-options"]).toBe("nosniff");
  expect(down.headers["cache-control"]).toBe("no-store");
  expect(down.headers["content-disposition"]).toBe(
    `attachment; filename="R_sum_ gnp.exe"; filename*=UTF-8''${encodeURIComponent("Résumé gnp.exe")}`,
  );
  expect(down.headers["repr-digest"]).toBe(`sha-256=:${Buffer.from(sha256, "hex").toString("base64")}:`);
  expect(down.headers["x-token-expiration"]).toBe(tokens.connector.expiresAt.toISOString());
});

test("a Connector cannot see another Connector's file; a Developer can", async () => {
  for (const path of [`/api/v1/files/${connectorFile.id}`, `/api/v1/files/${connectorFile.id}/content`]) {
    const other = await call(path, { token: tokens.connector2.token });
    expect(other.status, path).toBe(404);
    expect(other.error().code).toBe("not_found");
  }
  const developer = await call(`/api/v1/files/${connectorFile.id}/content`, { token: tokens.developer.token });
  expect(developer.status).toBe(200);
  expect(developer.body.equals(connectorFile.content)).toBe(true);
  const missing = await call("/api/v1/files/00000000-0000-4000-8000-000000000000", { token: tokens.developer.token });
  expect(missing.status).toBe(404);
  const badId = await call("/api/v1/files/not-a-uuid", { token: tokens.developer.token });
  expect(badId.status).toBe(400);
  expect(badId.error()).toEqual({ code: "invalid_request", message: "id must be a file ID (a UUID)." });
});

test("uploads above the size limit get 413, at the limit 201", async () => {
  const limit = tokenInfoSchema.parse((await call("/api/v1/token", { token: tokens.connector.token })).json()).limits
    .maxUploadBytes;
  expect(limit, "start the test server with a small MAX_UPLOAD_BYTES (1 MB)").toBeLessThanOrEqual(8 * 1024 * 1024);

  const atLimit = await call("/api/v1/files", {
    method: "POST",
    token: tokens.connector.token,
    ...bodyOf([{ field: "file", filename: "limit.bin", content: Buffer.alloc(limit, 1) }]),
  });
  expect(atLimit.status).toBe(201);
  expect(storedFileSchema.parse(atLimit.json()).size).toBe(limit);

  const over = await call("/api/v1/files", {
    method: "POST",
    token: tokens.connector.token,
    ...bodyOf([{ field: "file", filename: "over.bin", content: Buffer.alloc(limit + 1, 1) }]),
  });
  expect(over.status).toBe(413);
  expect(over.error().code).toBe("payload_too_large");
  expect(over.error().message).toContain(String(limit));

  // Far above the limit: refused from Content-Length alone.
  const declared = await call("/api/v1/files", {
    method: "POST",
    token: tokens.connector.token,
    ...bodyOf([{ field: "file", filename: "huge.bin", content: Buffer.alloc(limit + 200_000, 1) }]),
  });
  expect(declared.status).toBe(413);
});

test("bad uploads get 400 or 415 with a specific message", async () => {
  const post = (request: Pick<ApiRequest, "body" | "headers">) =>
    call("/api/v1/files", { method: "POST", token: tokens.connector.token, ...request });

  const noFile = await post(bodyOf([{ field: "note", content: "no file here" }]));
  expect(noFile.status).toBe(400);
  expect(noFile.error()).toMatchObject({ code: "invalid_request", message: expect.stringContaining("No file") });

  const twoFiles = await post(
    bodyOf([
      { field: "file", filename: "1.txt", content: "one" },
      { field: "file", filename: "2.txt", content: "two" },
    ]),
  );
  expect(twoFiles.status).toBe(400);
  expect(twoFiles.error().message).toBe("Send exactly one file per request.");

  const wrongField = await post(bodyOf([{ field: "upload", filename: "x.txt", content: "x" }]));
  expect(wrongField.status).toBe(400);
  expect(wrongField.error().message).toContain('"upload"');

  const json = await post({ body: '{"file":"x"}', headers: { "content-type": "application/json" } });
  expect(json.status).toBe(415);
  expect(json.error().code).toBe("unsupported_media_type");
});

test("GET /api/v1/service-tokens filters, searches, sorts, pages by cursor and never shows a hash", async () => {
  const dev = tokens.developer.token;
  const page = serviceTokenListSchema.parse((await call("/api/v1/service-tokens?per_page=2", { token: dev })).json());
  expect(page.data).toHaveLength(2);
  expect(page.perPage).toBe(2);
  expect(page.page).toBe(1);
  expect(page.prevCursor).toBeNull();
  expect(page.total).toBeGreaterThanOrEqual(5);
  expect(page.next).toBe(`/api/v1/service-tokens?per_page=2&cursor=${page.nextCursor}`);
  const second = serviceTokenListSchema.parse((await call(page.next!, { token: dev })).json());
  expect(second.page).toBeNull();
  expect(second.data.map((t) => t.id)).not.toContain(page.data[0]!.id);
  // Back from the second page by its prevCursor: the first page again.
  const back = serviceTokenListSchema.parse(
    (await call(`/api/v1/service-tokens?per_page=2&cursor=${second.prevCursor}`, { token: dev })).json(),
  );
  expect(back.data.map((t) => t.id)).toEqual(page.data.map((t) => t.id));
  // The old offset parameter still works.
  const offset = serviceTokenListSchema.parse((await call("/api/v1/service-tokens?per_page=2&page=2", { token: dev })).json());
  expect(offset.data.map((t) => t.id)).toEqual(second.data.map((t) => t.id));

  const searched = serviceTokenListSchema.parse(
    (await call(`/api/v1/service-tokens?q=${tokens.revoked.publicId.toLowerCase()}`, { token: dev })).json(),
  );
  expect(searched.data.map((t) => t.id)).toEqual([tokens.revoked.publicId]);
  expect(searched.total).toBe(1);
  const byName = serviceTokenListSchema.parse(
    (await call("/api/v1/service-tokens?sort=issued_to&order=asc&per_page=100", { token: dev })).json(),
  );
  const names = byName.data.map((t) => t.issuedTo);
  expect(names.length).toBeGreaterThan(1);
  expect(new Set(names).size).toBeGreaterThan(1);

  const revoked = serviceTokenListSchema.parse(
    (await call("/api/v1/service-tokens?status=revoked&per_page=100", { token: dev })).json(),
  );
  expect(revoked.data.map((t) => t.id)).toContain(tokens.revoked.publicId);
  expect(revoked.data.every((t) => t.status === "revoked" && t.revokedAt !== null)).toBe(true);

  const expired = serviceTokenListSchema.parse(
    (await call("/api/v1/service-tokens?status=expired&type=developer&per_page=100", { token: dev })).json(),
  );
  expect(expired.data.map((t) => t.id)).toContain(tokens.expired.publicId);
  expect(expired.data.every((t) => t.status === "expired" && t.type === "developer")).toBe(true);

  const raw = (await call("/api/v1/service-tokens?per_page=100", { token: dev })).text();
  for (const t of Object.values(tokens)) {
    expect(raw).not.toContain(t.token);
    expect(raw).not.toContain(createHash("sha256").update(t.token).digest("hex"));
  }

  for (const [query, message] of [
    ["per_page=101", "per_page must be a whole number from 1 to 100."],
    ["page=0", "page must be a whole number from 1 to 1000000."],
    ["status=old", "status must be active, expiring, expired, revoked or never_used."],
    ["sort=name", "sort must be created_at, expires_at, last_used_at or issued_to."],
    ["cursor=abc", "cursor is not a cursor this API returned."],
    ["cursor=WyJhIixudWxsLCJ4Il0&page=2", "Use either cursor or page, not both."],
    ["perpage=5", "Unknown query parameter: perpage."],
    ["page=1&page=2", "Query parameter page is given more than once."],
    // Tampered cursors and a NUL in the search (these answered 500).
    ["q=a%00b", "q cannot contain control characters (U+0000)."],
    [`cursor=${cursorOf(["a", "not a date", tokens.developer.publicId])}`, "cursor is not a cursor this API returned."],
    [`cursor=${cursorOf(["a", null, tokens.developer.publicId])}`, "cursor is not a cursor this API returned."],
    [`sort=issued_to&cursor=${cursorOf(["a", null, tokens.developer.publicId])}`, "cursor is not a cursor this API returned."],
    [
      `cursor=${cursorOf(["c", "2026-01-01T00:00:00.000Z", tokens.developer.publicId])}`,
      "cursor is not a cursor this API returned.",
    ],
    [`sort=issued_to&cursor=${cursorOf(["a", "svc", "tok_\u0000"])}`, "cursor is not a cursor this API returned."],
  ]) {
    const res = await call(`/api/v1/service-tokens?${query}`, { token: dev });
    expect(res.status, query).toBe(400);
    expect(res.error(), query).toEqual({ code: "invalid_request", message });
  }
});

test("each call records the token's last use, visible to a Developer", async () => {
  const [fresh] = await seedTokens([{ type: "CONNECTOR", issuedTo: "e2e last used" }]);
  expect((await call("/api/v1/token", { token: fresh!.token })).status).toBe(200);
  await expect
    .poll(async () => {
      const list = serviceTokenListSchema.parse(
        (await call("/api/v1/service-tokens?type=connector&per_page=100", { token: tokens.developer.token })).json(),
      );
      return list.data.find((t) => t.id === fresh!.publicId);
    })
    .toMatchObject({ lastUsedAt: expect.any(String), lastUsedIp: "127.0.0.1" });
});

test("a token revoked in the database is refused on its very next call", async () => {
  const [token] = await seedTokens([{ type: "DEVELOPER", issuedTo: "e2e revoke" }]);
  expect((await call("/api/v1/token", { token: token!.token })).status).toBe(200);
  await revokeInDatabase(token!.publicId);
  const after = await call("/api/v1/token", { token: token!.token, from: freshAddress() });
  expect(after.status).toBe(401);
  expect(after.error().code).toBe("revoked");
});

test("GET /api/v1/audit-events pages newest first and records failures by hint only", async () => {
  const from = freshAddress();
  const wrong = changeLastCharacter(tokens.developer.token);
  expect(
    (await call("/api/v1/token", { authorization: `Bearer ${wrong}`, from, headers: { "user-agent": "e2e-audit" } })).status,
  ).toBe(401);
  expect((await call("/api/v1/token", { token: tokens.revoked.token, from })).status).toBe(401);

  const dev = tokens.developer.token;
  await expect
    .poll(async () => {
      const list = auditEventListSchema.parse(
        (await call("/api/v1/audit-events?action=api.auth_failed&limit=100", { token: dev })).json(),
      );
      return list.data
        .filter((e) => e.ip === from)
        .map((e) => ({ actorType: e.actorType, actorName: e.actorName, code: e.details?.code, userAgent: e.userAgent }))
        .sort((a, b) => String(a.code).localeCompare(String(b.code)));
    })
    .toEqual([
      { actorType: "anonymous", actorName: `opc_dev_…${wrong.slice(-4)}`, code: "malformed", userAgent: "e2e-audit" },
      { actorType: "service_token", actorName: tokens.revoked.hint, code: "revoked", userAgent: null },
    ]);

  const all = await call("/api/v1/audit-events?limit=100", { token: dev });
  for (const t of Object.values(tokens)) expect(all.text()).not.toContain(t.token);

  const first = auditEventListSchema.parse((await call("/api/v1/audit-events?limit=2", { token: dev })).json());
  expect(first.data).toHaveLength(2);
  expect(first.data[0]!.createdAt >= first.data[1]!.createdAt).toBe(true);
  const second = auditEventListSchema.parse((await call(first.next!, { token: dev })).json());
  expect(second.data[0]!.createdAt <= first.data[1]!.createdAt).toBe(true);
  expect(second.data.map((e) => e.id)).not.toContain(first.data[1]!.id);

  const bad = await call("/api/v1/audit-events?cursor=nonsense", { token: dev });
  expect(bad.status).toBe(400);
});

test("repeated failures from one address get 429 with Retry-After, before any other work", async () => {
  const from = freshAddress();
  const limit = Number(process.env.API_AUTH_FAILURES_PER_MINUTE || 20);
  for (let i = 0; i < limit; i++) {
    const res = await call("/api/v1/token", { authorization: "Bearer opc_con_wrong", from });
    expect(res.status, `failure ${i + 1}`).toBe(401);
  }
  const throttled = await call("/api/v1/token", { authorization: "Bearer opc_con_wrong", from });
  expect(throttled.status).toBe(429);
  expect(throttled.error().code).toBe("rate_limited");
  const retryAfter = Number(throttled.headers["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(throttled.headers["cache-control"]).toBe("no-store");

  // Even a valid token waits: a throttled address gets no work done.
  expect((await call("/api/v1/token", { token: tokens.developer.token, from })).status).toBe(429);
  // Other addresses are unaffected.
  expect((await call("/api/v1/token", { token: tokens.developer.token, from: freshAddress() })).status).toBe(200);
});

test("unknown routes are 404 and wrong methods 405, as JSON", async () => {
  const unknown = await call("/api/v1/nope", { token: tokens.developer.token });
  expect(unknown.status).toBe(404);
  expect(unknown.error().code).toBe("not_found");
  expect(unknown.headers["cache-control"]).toBe("no-store");
  expect(unknown.headers["content-security-policy"]).toBe(API_CSP);

  const wrongMethod = await call("/api/v1/token", { method: "DELETE", token: tokens.developer.token });
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.headers.allow).toBe("GET, HEAD");
  expect(wrongMethod.error().code).toBe("method_not_allowed");
  expect(wrongMethod.headers["content-security-policy"]).toBe(API_CSP);
});

test("GET /api/v1/openapi.json is a public OpenAPI 3.1 document of every route", async () => {
  const res = await call("/api/v1/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers["content-security-policy"]).toBe(API_CSP);
  const doc = res.json();
  expect(Object.keys(z.object({ paths: z.record(z.string(), z.unknown()) }).parse(doc).paths).sort()).toEqual(
    [
      "/api/v1/audit-events",
      "/api/v1/files",
      "/api/v1/files/{id}",
      "/api/v1/files/{id}/content",
      "/api/v1/openapi.json",
      "/api/v1/service-tokens",
      "/api/v1/service-tokens/identify",
      "/api/v1/token",
      "/api/v1/token/rotate",
    ].sort(),
  );
  // toMatchObject compares arrays element by element, in order and at full length.
  expect(doc).toMatchObject({
    openapi: expect.stringMatching(/^3\.1\./),
    paths: {
      "/api/v1/token": {
        get: {
          responses: {
            "200": {
              content: { "application/json": { schema: { $ref: "#/components/schemas/TokenInfo" } } },
              headers: { "X-Token-Expiration": expect.anything() },
            },
          },
        },
      },
      "/api/v1/service-tokens": {
        get: {
          responses: { "403": expect.anything() },
          parameters: ["q", "type", "status", "sort", "order", "cursor", "page", "per_page"].map((name) => ({ name })),
        },
      },
      "/api/v1/service-tokens/identify": {
        post: { requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/IdentifyRequest" } } } } },
      },
    },
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
      schemas: {
        IdentifyResult: expect.anything(),
        Error: { properties: { error: { properties: { code: { enum: expect.arrayContaining(["insufficient_scope"]) } } } } },
      },
    },
  });
});
