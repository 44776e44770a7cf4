// Revoke asks first (naming the token), Cancel changes nothing, OK removes the token from the default
// list; "Show revoked" lists it again, marked Revoked.
import { expect, test } from "@playwright/test";
import { queryDatabase } from "../../support/db";
import { e2eEnv, STORAGE_STATE } from "../../support/env";
import { cell, createAndClose, PAGE_PATH, tokenRow, uniqueIssuedTo } from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

function revokedAtOf(publicId: string): string | number | null {
  const [row] = queryDatabase<{ revokedAt: string | number | null }>(
    `SELECT revokedAt FROM service_tokens WHERE publicId = ?`,
    publicId,
  );
  if (!row) throw new Error(`${publicId} is not in the database`);
  return row.revokedAt;
}

test("Cancel keeps the token; OK revokes it and it leaves the list", async ({ page }) => {
  await page.goto(PAGE_PATH);
  const issuedTo = uniqueIssuedTo("E2E revoke");
  const { publicId } = await createAndClose(page, { issuedTo });
  const row = tokenRow(page, issuedTo);
  const confirmation = page.getByRole("alertdialog", { name: "Revoke service token?" });

  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(confirmation).toBeVisible();
  await expect(confirmation).toContainText("cannot be recovered");
  await expect(confirmation).toContainText(publicId);
  await expect(confirmation).toContainText(issuedTo);
  await expect(confirmation).toContainText(/Last used\s*Never/);
  // The safe choice has the focus.
  await expect(confirmation.getByRole("button", { name: "Cancel" })).toBeFocused();

  await confirmation.getByRole("button", { name: "Cancel" }).click();
  await expect(confirmation).toHaveCount(0);
  await expect(cell(row, "Status")).toHaveText("Active");
  await expect(row.getByRole("button", { name: "Revoke" })).toBeVisible();
  expect(revokedAtOf(publicId)).toBeNull();
  await page.reload();
  await expect(cell(row, "Status")).toHaveText("Active");

  await row.getByRole("button", { name: "Revoke" }).click();
  await confirmation.getByRole("button", { name: "OK" }).click();
  await expect(confirmation).toHaveCount(0);
  await expect(row).toHaveCount(0);
  // The button that had the focus is gone with its row: focus is on the list's count, not on <body>.
  await expect(page.locator("#token-list-summary")).toBeFocused();
  expect(revokedAtOf(publicId)).not.toBeNull();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Service Tokens" })).toBeVisible();
  await expect(row).toHaveCount(0);

  const showRevoked = page.getByRole("checkbox", { name: "Show revoked" });
  await expect(showRevoked).not.toBeChecked();
  // click, not check(): the box is controlled by the URL, so it shows the tick once the page has it.
  await showRevoked.click();
  await expect(page).toHaveURL(/\?show=revoked$/);
  await expect(showRevoked).toBeChecked();
  await expect(cell(row, "Status")).toContainText("Revoked");
  await expect(cell(row, "Status")).toContainText(`by ${e2eEnv().users.admin.username}`);
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);

  await showRevoked.click();
  await expect(showRevoked).not.toBeChecked();
  await expect(page).toHaveURL(new RegExp(`${PAGE_PATH}$`));
  await expect(row).toHaveCount(0);
});

test("Escape on the confirmation is a Cancel", async ({ page }) => {
  await page.goto(PAGE_PATH);
  const issuedTo = uniqueIssuedTo("E2E revoke escape");
  const { publicId } = await createAndClose(page, { issuedTo, type: "Developer" });
  const row = tokenRow(page, issuedTo);

  await row.getByRole("button", { name: "Revoke" }).click();
  const confirmation = page.getByRole("alertdialog", { name: "Revoke service token?" });
  await expect(confirmation).toContainText(publicId);
  await page.keyboard.press("Escape");

  await expect(confirmation).toHaveCount(0);
  await expect(cell(row, "Status")).toHaveText("Active");
  expect(revokedAtOf(publicId)).toBeNull();
});

test("on a phone the token's row is drawn as a card with its own Revoke, rendered once", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(PAGE_PATH);
  const issuedTo = uniqueIssuedTo("E2E revoke card");
  const { publicId } = await createAndClose(page, { issuedTo });

  // One element per token, whatever the width: no hidden duplicate.
  await expect(page.getByText(issuedTo, { exact: true })).toHaveCount(1);
  const card = tokenRow(page, issuedTo);
  await expect(card).toContainText(publicId);
  const box = await card.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  await expect(card).toContainText("Active");

  await card.getByRole("button", { name: `Revoke ${publicId}` }).click();
  const confirmation = page.getByRole("alertdialog", { name: "Revoke service token?" });
  await expect(confirmation).toContainText(issuedTo);
  await confirmation.getByRole("button", { name: "OK" }).click();

  await expect(confirmation).toHaveCount(0);
  await expect(card).toHaveCount(0);
  expect(revokedAtOf(publicId)).not.toBeNull();
});
