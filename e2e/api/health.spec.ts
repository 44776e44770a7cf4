import { expect, test } from "@playwright/test";

// Answered by the console's main thread, beside the availability gate it updates (lib/http/health-endpoint.ts).
test("GET /api/health answers 200 {status: ok} without signing in, never cached, never framed", async ({ request }) => {
  const response = await request.get("/api/health");

  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
});

test("HEAD answers the status alone; other methods get 405 with Allow", async ({ request }) => {
  const head = await request.head("/api/health");
  expect(head.status()).toBe(200);
  expect(await head.text()).toBe("");

  const post = await request.post("/api/health", { data: "{}" });
  expect(post.status()).toBe(405);
  expect(post.headers().allow).toBe("GET, HEAD");
});
