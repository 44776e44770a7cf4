// The Overview at /: first in the navigation, its four tiles linking to the list or the Audit Log, the
// requests chart after API calls with a real token, the busiest tokens and the failing addresses; axe
// at 0. The numbers themselves are checked on a database of their own (modules/overview/overview.test.ts):
// here other specs share the console.
import { expect, test } from "@playwright/test";
import { apiClient, freshAddress, seedTokens } from "../support/api";
import { expectNoAxeViolations } from "../support/axe";
import { BASE_URL, STORAGE_STATE } from "../support/env";
import { uniqueIssuedTo } from "../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });
test.describe.configure({ timeout: 180_000 });

const call = apiClient(BASE_URL);

test("tiles link to what they count; the chart, busiest tokens and failing addresses show the API's use", async ({ page }) => {
  const [token] = await seedTokens([{ type: "CONNECTOR", issuedTo: uniqueIssuedTo("Overview") }]);
  if (!token) throw new Error("no token seeded");
  const statuses = await Promise.all([
    ...Array.from({ length: 3 }, () => call("/api/v1/token", { token: token.token })),
    call("/api/v1/token", { token: `${token.token.slice(0, -4)}AAAA`, from: freshAddress() }),
  ]);
  expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 401]);

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link").first()).toHaveText("Overview");
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  const tiles = page.getByRole("list", { name: "Summary" }).getByRole("link");
  await expect(tiles).toHaveText([
    /^Active tokens[\d,]+$/,
    /^Expiring within 30 days[\d,]+$/,
    /^Unused for 90 days[\d,]+$/,
    /^Failed authentications \(24 hours\)[\d,]+$/,
  ]);

  // Usage is written within a second (USAGE_FLUSH_SECONDS=1 in the e2e server).
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("img", { name: /^Requests, last 30 days: [\d,]+ requests/ })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("table", { name: "Busiest tokens (30 days)" }).getByRole("row")).not.toHaveCount(0);
  await expect(page.getByRole("table", { name: "Most failed authentications (24 hours)" }).getByRole("row")).not.toHaveCount(0);
  await expectNoAxeViolations(page, "Overview");

  await tiles.filter({ hasText: "Active tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/service-tokens\?status=active$/);
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("active");
  await page.goBack();
  await tiles.filter({ hasText: "Failed authentications" }).click();
  await expect(page).toHaveURL(/\/settings\/audit-log\?action=api\.auth_failed&from=\d{4}-\d\d-\d\d$/);
});
