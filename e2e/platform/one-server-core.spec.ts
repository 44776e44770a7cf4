// The server core is loaded once per process (docs/architecture.md): pages, server actions and the Bearer
// API all use the package's one copy. Each module that holds state names a second copy of itself in the
// console's log the moment it is evaluated (lib/single-copy.ts); after every path has run, there is none.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { apiClient } from "../support/api";
import { e2eEnv, STORAGE_STATE } from "../support/env";
import { closeUncopied, createToken, PAGE_PATH, uniqueIssuedTo } from "../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

test("pages, a server action and the Bearer API run on one copy of the server core", async ({ page, baseURL }) => {
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
});
