// The console's process runs two isolates (docs/architecture.md, "Two isolates, one process"): the main
// thread (the Bearer API, /metrics, /api/health) and the pages worker (Next.js), each with one copy of the
// server core. Each module that holds state names a second copy of itself in its isolate the moment it is
// evaluated (lib/single-copy.ts); after every path has run, there is none. State one isolate changes and
// the other reads crosses between them: audit events recorded only by the pages (sign-ins) are counted
// by the main thread's /metrics.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { apiClient, seedTokens } from "../support/api";
import { e2eEnv, STORAGE_STATE } from "../support/env";
import { closeUncopied, createToken, PAGE_PATH, uniqueIssuedTo } from "../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

test("pages, a server action and the Bearer API run on one copy of the server core per isolate", async ({ page, baseURL }) => {
  await page.goto(PAGE_PATH);
  const created = await createToken(page, { type: "Developer", issuedTo: uniqueIssuedTo("one core") });
  await closeUncopied(created.modal);

  const api = apiClient(baseURL!);
  expect((await api("/api/v1/token", { token: created.token })).status).toBe(200);
  expect((await api("/api/v1/service-tokens?per_page=1", { token: created.token })).status).toBe(200);
  expect((await api("/api/v1/audit-events?limit=1", { token: created.token })).status).toBe(200);

  for (const path of [`${PAGE_PATH}/${created.publicId}`, "/settings/audit-log", "/settings/token-policy"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
  }
  expect((await page.request.get("/api/health")).status()).toBe(200);

  const log = readFileSync(e2eEnv().serverLog, "utf8");
  expect(log).toContain("console: ready on");
  expect(log).not.toMatch(/is loaded \d+ times in this process/);
  expect(log).not.toContain("the pages worker");
});

test("audit events recorded by the pages are counted by the main thread's /metrics", async ({ baseURL }) => {
  // Only the pages worker signs administrators in (the setup project did, before this test), so the main
  // thread counts auth.sign_in only through the message the worker sends it.
  const [developer] = await seedTokens([{ type: "DEVELOPER", issuedTo: uniqueIssuedTo("metrics reader") }]);
  const exposition = await apiClient(baseURL!)("/metrics", { token: developer!.token });
  expect(exposition.status).toBe(200);
  const signIns = /^console_audit_events_total\{action="auth\.sign_in"\} (\d+)$/m.exec(exposition.text());
  expect(Number(signIns?.[1] ?? 0)).toBeGreaterThan(0);
});
