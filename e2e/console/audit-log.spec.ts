// The Audit Log page: what administrators and viewers see of the audit trail, never a token.
import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../support/env";
import { createAndClose, PAGE_PATH, uniqueIssuedTo } from "../support/tokens";

test.use({ storageState: STORAGE_STATE.viewer });

test("a viewer finds token creation in the audit log by the token's ID, never its plaintext", async ({ page, browser }) => {
  const admin = await browser.newContext({ storageState: STORAGE_STATE.admin });
  let publicId: string;
  let token: string;
  try {
    const adminPage = await admin.newPage();
    await adminPage.goto(PAGE_PATH);
    ({ publicId, token } = await createAndClose(adminPage, { issuedTo: uniqueIssuedTo("E2E audit log"), type: "Connector" }));
  } finally {
    await admin.close();
  }

  await page.goto(PAGE_PATH);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit Log" }).click();
  await expect(page).toHaveURL(/\/settings\/audit-log$/);
  await expect(page.getByRole("heading", { name: "Audit Log", level: 1 })).toBeVisible();

  const table = page.getByRole("table", { name: "Audit events" });
  const created = table.getByRole("row").filter({ hasText: publicId });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText("Created a service token");
  await expect(created).toContainText("service_token.create");
  // Newest first: the first data row is no older than the second.
  const times = await table
    .locator("tbody time")
    .evaluateAll((els) => els.map((el) => Date.parse(el.getAttribute("datetime") ?? "")));
  expect(times.length).toBeGreaterThan(1);
  expect(times[0]).toBeGreaterThanOrEqual(times[1]!);

  expect(await page.content()).not.toContain(token);
});

test("signed out, the audit log sends you to sign in", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/settings/audit-log");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings%2Faudit-log$/);
  await context.close();
});

test("filters by action, actor and outcome, in the URL; at 390 px nothing scrolls sideways", async ({ page }) => {
  await page.goto("/settings/audit-log");
  await page.getByRole("combobox", { name: "Action" }).selectOption({ label: "Signed in" });
  await page.getByRole("searchbox", { name: "Actor" }).fill("vic");
  await page.getByRole("combobox", { name: "Outcome" }).selectOption({ label: "Success" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/\/settings\/audit-log\?action=auth\.sign_in&actor=vic&outcome=success$/);
  const rows = page
    .getByRole("table", { name: "Audit events" })
    .getByRole("row")
    .filter({ has: page.getByRole("cell") });
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row).toContainText("auth.sign_in");
    await expect(row).toContainText("vic");
    await expect(row).not.toContainText("Failure");
  }

  await page.getByRole("combobox", { name: "Outcome" }).selectOption({ label: "Failure" });
  await page.getByRole("searchbox", { name: "Actor" }).fill("nobody-like-this");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("heading", { name: "No events match" })).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/settings\/audit-log$/);

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(rows.first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
