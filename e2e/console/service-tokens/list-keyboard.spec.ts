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

test("the arrow keys on a filter only move its choice; Enter or leaving the field applies it, a pick applies at once", async ({
  page,
}) => {
  const tag = uniqueIssuedTo("Keyboard filters");
  await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(tag)}`);
  const opened = page.url();
  const navigations: string[] = [];
  page.on("framenavigated", (frame) => {
    // (The router records its state on the opened address once: not a navigation to another view.)
    if (frame === page.mainFrame() && frame.url() !== opened) navigations.push(frame.url());
  });
  const status = page.getByRole("combobox", { name: "Status" });
  await expect(status).toHaveAccessibleDescription("With the arrow keys, press Enter to apply.");
  await status.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const stepped = await status.inputValue();
  expect(stepped).not.toBe("");
  // Give a navigation the time it would take, then check none started.
  await page.waitForTimeout(1_000);
  expect(navigations).toEqual([]);
  expect(new URL(page.url()).searchParams.get("status")).toBeNull();

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]status=${stepped}(&|$)`));
  await expect(status).toHaveValue(stepped);

  // Leaving the field applies a choice moved by the arrow keys.
  const type = page.getByRole("combobox", { name: "Type" });
  await type.focus();
  await page.keyboard.press("ArrowDown");
  const typeValue = await type.inputValue();
  await page.keyboard.press("Tab");
  await expect(page).toHaveURL(new RegExp(`[?&]type=${typeValue}(&|$)`));

  // A pick from the list (the mouse's way) applies at once.
  await page.getByRole("combobox", { name: "Per page" }).selectOption("100");
  await expect(page).toHaveURL(/[?&]per_page=100(&|$)/);
});
