import { expect, test, type Page } from "@playwright/test";
import { e2eEnv, STORAGE_STATE } from "../support/env";

function userPanel(page: Page) {
  return page.getByRole("complementary").getByTestId("signed-in-user").locator("..");
}

test.describe("as the administrator", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("the shell has the Settings group with Service Tokens, the user and Sign out", async ({ page }) => {
    await page.goto("/settings/service-tokens");

    const nav = page.getByRole("navigation", { name: "Main" });
    const settings = nav.getByRole("group", { name: "Settings" });
    await expect(settings.getByRole("link", { name: "Service Tokens" })).toHaveAttribute("aria-current", "page");
    await expect(userPanel(page)).toContainText(e2eEnv().users.admin.displayName);
    await expect(userPanel(page)).toContainText(/·\s*Administrator$/);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });

  test("on a phone the navigation folds into a menu", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/settings/service-tokens");
    const menu = page.getByRole("button", { name: "Open menu" });

    await menu.click();

    await expect(page.getByRole("button", { name: "Close menu" })).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Service Tokens" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: STORAGE_STATE.viewer });

  test("the shell shows the viewer's name and the role Viewer", async ({ page }) => {
    await page.goto("/settings/service-tokens");

    await expect(page.getByRole("heading", { level: 1, name: "Service Tokens" })).toBeVisible();
    await expect(page.getByTestId("signed-in-user")).toHaveText(e2eEnv().users.viewer.displayName);
    await expect(userPanel(page)).toContainText(/·\s*Viewer$/);
  });
});

test("every page names the console's icons, and public/ serves them", async ({ page, request }) => {
  await page.goto("/sign-in");
  await expect(page.locator('head link[rel="icon"]')).toHaveAttribute("href", "/favicon.svg");
  await expect(page.locator('head link[rel="apple-touch-icon"]')).toHaveAttribute("href", "/apple-touch-icon.png");

  const svg = await request.get("/favicon.svg");
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  const png = await request.get("/apple-touch-icon.png");
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
});
