// A viewer sees the tokens but can neither create nor revoke them.
import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../../support/env";
import { cell, createAndClose, PAGE_PATH, tokenRow, tokensTable, uniqueIssuedTo } from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.viewer });

test("the viewer sees the list without Create New or Revoke", async ({ page, browser }) => {
  // A token to look at, created by the administrator in another browser context.
  const issuedTo = uniqueIssuedTo("E2E seen by viewer");
  const admin = await browser.newContext({ storageState: STORAGE_STATE.admin });
  let publicId: string;
  try {
    const adminPage = await admin.newPage();
    await adminPage.goto(PAGE_PATH);
    ({ publicId } = await createAndClose(adminPage, { issuedTo, type: "Developer" }));
  } finally {
    await admin.close();
  }

  await page.goto(PAGE_PATH);
  await expect(page.getByRole("heading", { level: 1, name: "Service Tokens" })).toBeVisible();
  await expect(tokensTable(page).getByRole("columnheader")).toHaveText([
    "ID",
    "Issued To",
    "Type",
    "Created At",
    "Expiration",
    "Status",
    "Last used",
    "Requests (7 days)",
  ]);
  const row = tokenRow(page, issuedTo);
  await expect(cell(row, "ID")).toContainText(publicId);
  await expect(cell(row, "Type")).toHaveText("Developer");
  await expect(cell(row, "Status")).toHaveText("Active");

  await expect(page.getByRole("button", { name: "Create New" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  await expect(page.getByText("You have read-only access.")).toBeVisible();

  // Nor on a phone, where each row is drawn as a card.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(tokenRow(page, issuedTo)).toBeVisible();
  await expect(page.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create New" })).toHaveCount(0);
});
