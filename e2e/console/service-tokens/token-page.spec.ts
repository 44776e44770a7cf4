// Each token's own page: every field, its last use, the files uploaded with it, its own audit trail, and
// Revoke (administrators only). The list's IDs link to it; row actions name their token.
import { expect, test } from "@playwright/test";
import { apiClient, multipart } from "../../support/api";
import { STORAGE_STATE } from "../../support/env";
import { createAndClose, PAGE_PATH, tokenRow, uniqueIssuedTo } from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

test("the ID links to the token's page: fields, last use, files, audit trail newest first, then Revoke", async ({
  page,
  baseURL,
}) => {
  const call = apiClient(baseURL!);
  await page.goto(PAGE_PATH);
  const issuedTo = uniqueIssuedTo("E2E token page");
  const { token, publicId } = await createAndClose(page, { issuedTo, type: "Connector" });

  // Use it: an upload makes a file, an audit event and a last use.
  const fileName = `report-${publicId}.txt`;
  const { body, contentType } = multipart([{ field: "file", filename: fileName, content: "hello" }]);
  const upload = await call("/api/v1/files", { method: "POST", token, body, headers: { "content-type": contentType } });
  expect(upload.status).toBe(201);

  const row = tokenRow(page, issuedTo);
  await expect(row.getByRole("button", { name: `Revoke ${publicId}`, exact: true })).toBeVisible();
  await row.getByRole("link", { name: publicId }).click();
  await expect(page).toHaveURL(`${PAGE_PATH}/${publicId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(publicId);

  const details = page.locator("dl").first(); // the Details card (Description and addresses follow)
  await expect(details).toContainText("TypeConnector");
  await expect(details).toContainText(`Issued To${issuedTo}`);
  await expect(details).toContainText(`${token.slice(0, 8)}…${token.slice(-4)}`);
  await expect(details).toContainText("Created byadmin");
  await expect(details).toContainText("StatusActive");
  await expect(details).toContainText("RevokedNo");
  // The last use is written off the request's path: reload until it shows.
  await expect
    .poll(async () => {
      await page.reload();
      return details.textContent();
    })
    .toMatch(/Last used.*from 127\.0\.0\.1/);

  await expect(page.getByRole("list", { name: "Files uploaded with it" })).toContainText(fileName);
  const trail = page.getByRole("table", { name: "Audit trail" });
  const events = trail.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(events).toHaveCount(2);
  await expect(events.nth(0)).toContainText("Uploaded a file");
  await expect(events.nth(1)).toContainText("Created a service token");
  expect(await page.content()).not.toContain(token);

  await page.getByRole("button", { name: `Revoke ${publicId}` }).click();
  const confirmation = page.getByRole("alertdialog", { name: "Revoke service token?" });
  await confirmation.getByRole("button", { name: "OK" }).click();
  await expect(confirmation).toHaveCount(0);
  await expect(details).toContainText("StatusRevoked");
  await expect(details).toContainText(/Revoked.*by admin/);
  await expect(page.getByRole("button", { name: `Revoke ${publicId}` })).toHaveCount(0);
  // Focus lands on the details heading (with the new status), not on <body>.
  await expect(page.getByRole("heading", { name: /Details/ })).toBeFocused();
  await expect(events.nth(0)).toContainText("Revoked a service token");
});

test("an unknown or malformed ID is a 404", async ({ page }) => {
  expect((await page.goto(`${PAGE_PATH}/tok_0000000000`))?.status()).toBe(404);
  expect((await page.goto(`${PAGE_PATH}/not-an-id`))?.status()).toBe(404);
});

test.describe("as a viewer", () => {
  test.use({ storageState: STORAGE_STATE.viewer });

  test("the viewer sees the token page without Revoke", async ({ page, browser }) => {
    const admin = await browser.newContext({ storageState: STORAGE_STATE.admin });
    let publicId: string;
    try {
      const adminPage = await admin.newPage();
      await adminPage.goto(PAGE_PATH);
      ({ publicId } = await createAndClose(adminPage, { issuedTo: uniqueIssuedTo("E2E viewer page") }));
    } finally {
      await admin.close();
    }
    await page.goto(`${PAGE_PATH}/${publicId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(publicId);
    await expect(page.getByRole("table", { name: "Audit trail" })).toContainText("Created a service token");
    await expect(page.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  });
});
