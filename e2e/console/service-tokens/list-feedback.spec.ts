// Feedback and time (issue 21 item 4): while the next view loads, the list is busy (aria-busy, a progress
// line, the old rows dimmed) and afterwards the focus is on the results' count; expirations and last use
// read relatively, with the exact UTC time read out and shown when the row holds the keyboard focus.
import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../../support/env";
import { seedTokenRows } from "../../support/seed";
import { bodyRows, cell, PAGE_PATH, tokenRow, tokensTable, uniqueIssuedTo } from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

const DAY = 86_400_000;

test("a slow sort marks the list busy, then the count takes the focus", async ({ page }) => {
  const tag = uniqueIssuedTo("Busy list").replace(/ /g, "-");
  const now = Date.now();
  seedTokenRows(
    Array.from({ length: 3 }, (_, i) => ({
      issuedTo: `${tag} ${i}`,
      createdAt: new Date(now - (i + 2) * DAY),
      expiresAt: new Date(now + (i + 10) * DAY),
    })),
  );
  await page.goto(`${PAGE_PATH}?q=${tag}`);
  const region = page.locator(".tl-region");
  await expect(region).toHaveAttribute("aria-busy", "false");

  // The next view's data is held back for a while, as on a slow network or a busy server.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/sort=issued_to/, async (route) => {
    await held;
    await route.continue();
  });
  await tokensTable(page).getByRole("columnheader", { name: "Issued To" }).getByRole("link").click();
  await expect(region).toHaveAttribute("aria-busy", "true");
  const opacity = (selector: string) => page.locator(selector).evaluate((el) => Number(getComputedStyle(el).opacity));
  // The line shows (pulsing, unless reduced motion is asked for) and the old rows are dimmed.
  await expect.poll(() => opacity(".tl-progress")).toBeGreaterThan(0.5);
  await expect.poll(() => opacity(".tl-body")).toBeLessThan(1);
  release();
  await expect(region).toHaveAttribute("aria-busy", "false");
  await expect(page).toHaveURL(`${PAGE_PATH}?q=${tag}&sort=issued_to`);
  await expect(page.getByText("3 tokens match")).toBeFocused();
});

test("expirations and last use read relatively, with the exact UTC time for screen readers and the focused row", async ({
  page,
}) => {
  const tag = uniqueIssuedTo("Relative times");
  const now = Date.now();
  const expiresAt = new Date(now + 3 * DAY + 3_600_000);
  const lastUsedAt = new Date(now - 2 * 3_600_000 - 60_000);
  seedTokenRows([{ issuedTo: tag, createdAt: new Date(now - 20 * DAY), expiresAt, lastUsedAt }]);
  await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(tag)}`);
  const row = tokenRow(page, tag);
  const expiration = cell(row, "Expiration");
  const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  await expect(expiration).toHaveText(`in 3 days, ${utc(expiresAt)}`);
  await expect(cell(row, "Last used")).toContainText(`2 hours ago, ${utc(lastUsedAt)}`);
  // The exact time is in the accessible text but not on screen until the row holds the focus.
  const exact = expiration.locator(".rt-exact");
  await expect(exact).toHaveCSS("position", "absolute");
  await page.mouse.move(0, 0);
  await row.getByRole("link", { name: /^tok_/ }).focus();
  await expect(exact).toBeVisible();
  await expect(exact).toHaveCSS("position", "static");
  expect(await bodyRows(page).count()).toBe(1);
});
