// An unknown token ID (issue 21 item 7): a console-styled "No such token" page inside the console's
// frame, answered 404, with the way back to the list.
import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../../support/env";
import { PAGE_PATH } from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

test("an unknown token ID shows No such token with a link back to the list", async ({ page }) => {
  for (const id of ["tok_0000000000", "not-a-token-id"]) {
    const response = await page.goto(`${PAGE_PATH}/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("No such token");
    // In the console's frame: its navigation is there.
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeAttached();
    await expect(page.getByRole("heading", { name: "There is no service token with this ID" })).toBeVisible();
  }
  await page.getByRole("link", { name: "Back to Service Tokens" }).click();
  await expect(page).toHaveURL(PAGE_PATH);
  await expect(page.getByRole("heading", { level: 1, name: "Service Tokens" })).toBeVisible();
});
