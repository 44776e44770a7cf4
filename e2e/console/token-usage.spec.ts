// A token's usage on its page: requests made over real HTTP with a real Bearer token appear in the chart
// `Requests, last 30 days` and its table (reached with the keyboard), by outcome, hour by hour with the
// switch, and in `Client addresses`; a bad range in the URL shows the default; axe at 0.
import { expect, test, type Page } from "@playwright/test";
import { apiClient, freshAddress, seedTokens } from "../support/api";
import { expectNoAxeViolations } from "../support/axe";
import { BASE_URL, STORAGE_STATE } from "../support/env";
import { PAGE_PATH, uniqueIssuedTo } from "../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });
test.describe.configure({ timeout: 180_000 });

const call = apiClient(BASE_URL);

/** The table's row for the last bar (today, or this hour), opened from the keyboard (it stays open across the switch). */
async function lastRow(page: Page, title: string) {
  const table = page.getByRole("table", { name: title });
  if (!(await table.isVisible())) {
    await page.getByText("Show the numbers as a table").focus();
    await page.keyboard.press("Enter");
  }
  await expect(table).toBeVisible();
  return table.getByRole("row").last();
}

test("the chart, its table and the client addresses show the API calls made with the token", async ({ page }) => {
  const [token] = await seedTokens([{ type: "CONNECTOR", issuedTo: uniqueIssuedTo("Usage chart") }]);
  if (!token) throw new Error("no token seeded");
  const elsewhere = freshAddress();
  const calls = [
    ...Array.from({ length: 5 }, () => call("/api/v1/token", { token: token.token })),
    ...Array.from({ length: 2 }, () => call("/api/v1/token", { token: token.token, from: elsewhere })),
    // A Connector may not list tokens: refused for its scope, counted as such.
    ...Array.from({ length: 2 }, () => call("/api/v1/service-tokens", { token: token.token })),
  ];
  expect((await Promise.all(calls)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 403, 403]);

  const tokenPage = `${PAGE_PATH}/${token.publicId}`;
  // Written within a second (USAGE_FLUSH_SECONDS=1 in the e2e server).
  await expect(async () => {
    await page.goto(tokenPage);
    await expect(page.getByRole("img", { name: /^Requests, last 30 days: 9 requests/ })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("heading", { name: "Requests, last 30 days" })).toBeVisible();

  const today = await lastRow(page, "Requests, last 30 days");
  await expect(today.getByRole("rowheader")).toHaveText(
    new Date().toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" }),
  );
  await expect(today.getByRole("cell")).toHaveText(["7", "2", "9"]);
  const headers = page.getByRole("table", { name: "Requests, last 30 days" }).getByRole("columnheader");
  await expect(headers).toHaveText(["Day (UTC)", "Succeeded", "Insufficient scope", "Total"]);

  const addresses = page.getByRole("table", { name: "Client addresses" });
  await expect(addresses.getByRole("row")).toHaveCount(3);
  await expect(
    addresses
      .getByRole("row", { name: /127\.0\.0\.1/ })
      .getByRole("cell")
      .last(),
  ).toHaveText("7");
  await expect(
    addresses
      .getByRole("row", { name: new RegExp(elsewhere.replaceAll(".", "\\.")) })
      .getByRole("cell")
      .last(),
  ).toHaveText("2");
  await expectNoAxeViolations(page, "token page with usage");

  await page.getByRole("navigation", { name: "Chart range" }).getByRole("link", { name: "48 hours" }).click();
  await expect(page.getByRole("heading", { name: "Requests, last 48 hours" })).toBeVisible();
  await expect(page.getByRole("link", { name: "48 hours" })).toHaveAttribute("aria-current", "true");
  // The calls' hour may already be the one before the newest (the test can cross an hour): all 9 are
  // within the 48 hours, in one of the last two rows.
  await expect(page.getByRole("img", { name: /^Requests, last 48 hours: 9 requests/ })).toBeVisible();
  const table48 = page.getByRole("table", { name: "Requests, last 48 hours" });
  await expect(table48).toBeVisible();
  const totals = await table48
    .getByRole("row")
    .evaluateAll((rows) => rows.slice(-2).map((row) => Number(row.querySelector("td:last-child")?.textContent ?? "0")));
  expect(totals.reduce((a, b) => a + b, 0)).toBe(9);

  // A range the console does not know is ignored: the default is shown, no error.
  const answer = await page.goto(`${tokenPage}?usage=1y%3Cscript%3E`);
  expect(answer?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Requests, last 30 days" })).toBeVisible();
  await expect(page.getByRole("link", { name: "30 days" })).toHaveAttribute("aria-current", "true");
});
