import { expect, test } from "@playwright/test";
import { BASE_URL } from "../support/env";
import { startInstance, type Instance } from "../support/instance";

// Strict-Transport-Security only over HTTPS (RFC 6797 §7.2): behind a trusted TLS proxy that says so
// in X-Forwarded-Proto; never on plain HTTP, and never because an untrusted client claims https.
let proxied: Instance;
test.beforeAll(async () => {
  proxied = await startInstance({ TRUST_PROXY: "1" });
});
test.afterAll(async () => {
  // Unset when beforeAll failed: stopping must not hide that failure.
  await (proxied as Instance | undefined)?.stop();
});

const PATHS = ["/sign-in", "/api/health", "/api/v1/token", "/api/v1/openapi.json"];

test("sent on pages and the API when a trusted proxy reports HTTPS", async () => {
  for (const path of PATHS) {
    const response = await fetch(`${proxied.url}${path}`, { headers: { "x-forwarded-proto": "https" }, redirect: "manual" });
    expect(response.headers.get("strict-transport-security"), path).toBe("max-age=63072000; includeSubDomains");
  }
});

test("not sent over plain HTTP, nor when an untrusted client claims https", async () => {
  for (const path of PATHS) {
    const plain = await fetch(`${proxied.url}${path}`, { headers: { "x-forwarded-proto": "http" }, redirect: "manual" });
    expect(plain.headers.get("strict-transport-security"), path).toBeNull();
    const claimed = await fetch(`${BASE_URL}${path}`, { headers: { "x-forwarded-proto": "https" }, redirect: "manual" });
    expect(claimed.headers.get("strict-transport-security"), path).toBeNull();
  }
});
