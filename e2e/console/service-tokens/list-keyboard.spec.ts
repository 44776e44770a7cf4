// Accessibility by hand on the list (issue 21 item 6, in part): the first Tab reaches `Skip to content`,
// which moves the focus past the navigation; the table has a caption naming its order; each row's Rotate
// and Revoke are described by the token's Issued To.
import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../../support/env";
import { seedTokenRows } from "../../support/seed";
import { PAGE_PATH, tokenRow, tokensTable, uniqueIssuedTo } from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

test("Skip to content, the table's caption, and row actions described by Issued To", async ({ page }) => {
  const tag = uniqueIssuedTo("Keyboard list");
  const now = Date.now();
  const [publicId] = seedTokenRows([
    { issuedTo: tag, createdAt: new Date(now - 86_400_000), expiresAt: new Date(now + 30 * 86_400_000) },
  ]);
  await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(tag)}`);

  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  // The next Tab is inside the page, not the navigation.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.closest("main") !== null)).toBe(true);

  await expect(tokensTable(page).locator("caption")).toHaveText("Tokens, Created At descending");
  const row = tokenRow(page, tag);
  await expect(row.getByRole("button", { name: `Rotate ${publicId}` })).toHaveAccessibleDescription(tag);
  await expect(row.getByRole("button", { name: `Revoke ${publicId}` })).toHaveAccessibleDescription(tag);
});
