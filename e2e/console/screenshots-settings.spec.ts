// Screenshots of the console's frame and settings screens for review (e2e/screenshots/, not committed):
// sign-in, the shell, the Overview, a token's usage, Token Policy for an administrator and a viewer, the
// Audit Log, Audit Forwarding with its Add dialog, Notifications with its Add webhook dialog, Users with
// its Add user dialog, and Directory, at 1280 and 390 px, light and dark.
import { expect, test } from "@playwright/test";
import { apiClient, freshAddress, seedTokens } from "../support/api";
import { STORAGE_STATE } from "../support/env";
import { captureScreens, captureScreensReopening } from "../support/screenshots";
import { createAndClose, PAGE_PATH, uniqueIssuedTo } from "../support/tokens";

test("screenshots of the sign-in page", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const page = await context.newPage();
    await page.goto("/sign-in");
    await expect(page.getByLabel("Username")).toBeFocused();
    await captureScreens(page, "sign-in");
  } finally {
    await context.close();
  }
});

test.describe("as the administrator", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("screenshots of the shell and Token Policy", async ({ page }) => {
    await page.goto(PAGE_PATH);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await captureScreens(page, "console-shell");

    await page.goto("/settings/token-policy");
    await expect(page.getByRole("heading", { level: 1, name: "Token Policy" })).toBeVisible();
    await captureScreens(page, "token-policy");
  });

  test("screenshots of Users, its Add user dialog, and Directory", async ({ page }) => {
    await page.goto("/settings/users");
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await captureScreens(page, "users");
    await captureScreensReopening(
      page,
      "users-actions",
      async () => {
        await page.getByRole("button", { name: "Actions for vic" }).click();
        await expect(page.getByRole("group", { name: "Actions for vic" })).toBeVisible();
      },
      async () => page.keyboard.press("Escape"),
    );
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByRole("dialog", { name: "Add user" })).toBeVisible();
    await captureScreens(page, "users-add");
    await page.keyboard.press("Escape");

    await page.goto("/settings/directory");
    await expect(page.getByRole("heading", { level: 1, name: "Directory" })).toBeVisible();
    await captureScreens(page, "directory");
  });

  test("screenshots of the Overview and a token's usage", async ({ page, baseURL }) => {
    const [token] = await seedTokens([{ type: "CONNECTOR", issuedTo: uniqueIssuedTo("Mail gateway connector") }]);
    const call = apiClient(baseURL!);
    const elsewhere = freshAddress();
    for (const from of [undefined, undefined, undefined, elsewhere]) await call("/api/v1/token", { token: token!.token, from });
    await call("/api/v1/service-tokens", { token: token!.token });

    // Usage is written within a second (USAGE_FLUSH_SECONDS=1 in the e2e server).
    await expect(async () => {
      await page.goto(`${PAGE_PATH}/${token!.publicId}`);
      await expect(page.getByRole("img", { name: /^Requests, last 30 days: 5 requests/ })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await captureScreens(page, "token-page-usage");

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
    await captureScreens(page, "overview");
  });

  test("screenshots of Notifications and its Add webhook dialog", async ({ page }) => {
    await page.goto("/settings/notifications");
    await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
    await captureScreens(page, "notifications");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByRole("dialog", { name: "Add webhook" })).toBeVisible();
    await captureScreens(page, "notifications-add-webhook");
  });

  test("screenshots of Audit Forwarding and its Add dialog", async ({ page }) => {
    await page.goto("/settings/audit-forwarding");
    await expect(page.getByRole("heading", { level: 1, name: "Audit Forwarding" })).toBeVisible();
    await captureScreens(page, "audit-forwarding");
    await page.getByRole("button", { name: "Add destination" }).click();
    const dialog = page.getByRole("dialog", { name: "Add audit destination" });
    await expect(dialog).toBeVisible();
    await captureScreens(page, "audit-forwarding-add");
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: STORAGE_STATE.viewer });

  test("screenshots of Token Policy read-only and the Audit Log", async ({ page, browser }) => {
    const admin = await browser.newContext({ storageState: STORAGE_STATE.admin });
    try {
      const adminPage = await admin.newPage();
      await adminPage.goto(PAGE_PATH);
      await createAndClose(adminPage, { issuedTo: uniqueIssuedTo("Screenshot audit log"), type: "Connector" });
    } finally {
      await admin.close();
    }

    await page.goto("/settings/token-policy");
    await expect(page.getByText("Only administrators can change the token policy.")).toBeVisible();
    await captureScreens(page, "token-policy-viewer");

    await page.goto("/settings/audit-log");
    await expect(page.getByRole("table", { name: "Audit events" })).toBeVisible();
    await captureScreens(page, "audit-log");
  });
});
