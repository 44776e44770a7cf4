// Screenshots of the Service Tokens page for review (e2e/screenshots/, not committed): the list, the
// Create New dialog, the one-time modal and the Revoke confirmation, at 1280 and 390 px, light and dark.
import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../../support/env";
import { captureScreens, captureScreensReopening } from "../../support/screenshots";
import {
  createAndClose,
  createToken,
  fillCreateForm,
  openCreateDialog,
  PAGE_PATH,
  tokenRow,
  uniqueIssuedTo,
} from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

test("screenshots of the list, Create New, the one-time modal and Revoke", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(PAGE_PATH);
  await createAndClose(page, { type: "Connector", issuedTo: uniqueIssuedTo("Mail gateway connector") });
  await createAndClose(page, { type: "Developer", issuedTo: uniqueIssuedTo("Nightly report script"), expiration: "7 days" });
  const issuedTo = uniqueIssuedTo("SharePoint connector, EU tenant");
  await createAndClose(page, { type: "Connector", issuedTo, expiration: "1 year" });

  await expect(tokenRow(page, issuedTo)).toBeVisible();
  await captureScreens(page, "service-tokens-list");

  const dialog = await openCreateDialog(page);
  await fillCreateForm(dialog, { type: "Developer", issuedTo: "CI pipeline (build server 3)" });
  await expect(dialog.getByRole("note").filter({ hasText: "Handle it with caution" })).toBeVisible();
  await captureScreens(page, "service-tokens-create-dialog");

  await dialog.getByRole("button", { name: "Cancel" }).click();
  const { modal } = await createToken(page, { type: "Connector", issuedTo: uniqueIssuedTo("File share connector") });
  await modal.getByRole("button", { name: "Copy" }).click();
  await expect(modal.getByRole("status")).toHaveText("Copied to the clipboard.");
  await captureScreens(page, "service-tokens-one-time-modal");
  await modal.getByRole("button", { name: "Done" }).click();
  await expect(modal).toBeHidden();

  // The row's Revoke, drawn as a table row on a desktop and as a card on a phone.
  const confirmation = page.getByRole("alertdialog", { name: "Revoke service token?" });
  await captureScreensReopening(
    page,
    "service-tokens-revoke-confirmation",
    async () => {
      await tokenRow(page, issuedTo).getByRole("button", { name: "Revoke" }).click();
      await expect(confirmation).toContainText(issuedTo);
      // Clicking the card scrolled the page; a full-page shot puts the modal where the viewport is.
      await page.evaluate(() => window.scrollTo(0, 0));
    },
    async () => {
      await confirmation.getByRole("button", { name: "Cancel" }).click();
      await expect(confirmation).toHaveCount(0);
    },
  );
});
