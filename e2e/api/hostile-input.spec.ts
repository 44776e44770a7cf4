import { expect, test } from "@playwright/test";
import { apiClient, freshAddress, rawRequest, seedTokens } from "../support/api";
import { BASE_URL, STORAGE_STATE } from "../support/env";

// Inputs that once gave 5xx or were accepted when they should not be: each is a clean 4xx with the
// standard error body now.
const call = apiClient(BASE_URL);

function expectErrorBody(text: string, code: string): void {
  const body = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4)) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

test.describe("malformed request targets", () => {
  for (const target of ["*", "http://evil.example/api/v1/token", "//evil.example/x", "/%E0%A4%A", "/api/v1/token%"]) {
    test(`GET ${target} is 400 invalid_request`, async () => {
      const response = await rawRequest(BASE_URL, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect([400, 404]).toContain(response.status);
      if (response.status === 400) expectErrorBody(response.text, "invalid_request");
      expect(response.text).not.toMatch(/TypeError|Invalid URL|\bat \S+ \(/);
    });
  }
});

test("two Authorization headers are refused with 400 invalid_request, not the first one used", async () => {
  const [token] = await seedTokens([{ type: "DEVELOPER" }]);
  const response = await rawRequest(
    BASE_URL,
    `GET /api/v1/token HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token!.token}\r\nAuthorization: Bearer nonsense\r\nConnection: close\r\n\r\n`,
  );
  expect(response.status).toBe(400);
  expectErrorBody(response.text, "invalid_request");
});

test("unknown query parameters, including __proto__ and constructor, are 400 on every route", async () => {
  const [token] = await seedTokens([{ type: "DEVELOPER" }]);
  for (const path of ["/api/v1/token", "/api/v1/service-tokens", "/api/v1/audit-events"]) {
    for (const query of ["__proto__=1", "constructor=1", "__proto__[x]=1", "surprise=1"]) {
      const response = await call(`${path}?${query}`, { token: token!.token });
      expect(response.status, `${path}?${query}`).toBe(400);
      expect(response.error().code).toBe("invalid_request");
    }
  }
});

test("audit cursors with extreme dates are 400, not 500", async () => {
  const [token] = await seedTokens([{ type: "DEVELOPER" }]);
  for (const iso of ["+275760-09-13T00:00:00.000Z", "-271821-04-20T00:00:00.000Z", "9999-99-99T00:00:00.000Z"]) {
    const cursor = Buffer.from(`${iso}|0b1c2d3e-4f50-4617-8899-aabbccddeeff`).toString("base64url");
    const response = await call(`/api/v1/audit-events?cursor=${cursor}`, { token: token!.token });
    expect(response.status).toBe(400);
    expect(response.error().code).toBe("invalid_request");
  }
});

test("HEAD works on every GET route: the GET's status and headers, no body", async () => {
  const [token] = await seedTokens([{ type: "DEVELOPER" }]);
  for (const path of ["/api/v1/token", "/api/v1/service-tokens", "/api/v1/audit-events", "/api/v1/openapi.json"]) {
    const get = await call(path, { token: token!.token });
    const head = await call(path, { token: token!.token, method: "HEAD" });
    expect(head.status, path).toBe(get.status);
    expect(head.status).toBe(200);
    expect(head.headers["content-type"]).toBe(get.headers["content-type"]);
    expect(head.body.length).toBe(0);
  }
  const unauthenticated = await call("/api/v1/token", { method: "HEAD", from: freshAddress() });
  expect(unauthenticated.status).toBe(401);
});

test.describe("the Audit Log page", () => {
  test.use({ storageState: STORAGE_STATE.admin });
  test("an extreme-date ?before= cursor shows the newest events instead of an error", async ({ page }) => {
    const cursor = Buffer.from("+275760-09-13T00:00:00.000Z|0b1c2d3e-4f50-4617-8899-aabbccddeeff").toString("base64url");
    for (const before of [cursor, "%00", "x".repeat(5000)]) {
      const response = await page.goto(`/settings/audit-log?before=${before}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { name: "Audit Log" })).toBeVisible();
    }
  });
});
