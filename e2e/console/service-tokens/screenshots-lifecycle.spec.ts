// Screenshots of the token lifecycle for review (e2e/screenshots/, not committed): Rotate and its
// one-time token, a token page while rotating and while editing its details, Create New with details,
// Revoke with a reason, the revoked row's reason, the over-the-policy filter, and bulk revoke, at 1280
// and 390 px, light and dark.
import { expect, test, type Page } from "@playwright/test";
import { DAY_MS } from "@/lib/tokens";
import { seedTokens } from "../../support/api";
import { STORAGE_STATE } from "../../support/env";
import { captureScreens, captureScreensReopening } from "../../support/screenshots";
import {
  copyAndClose,
  oneTimeModal,
  openCreateDialog,
  PAGE_PATH,
  TOKEN_PATTERN,
  tokenRow,
  uniqueIssuedTo,
} from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

function rotateDialog(page: Page) {
  return page.getByRole("dialog", { name: "Rotate service token" });
}

test("screenshots of Rotate, a rotating token's page and the details editor", async ({ page }) => {
  test.setTimeout(90_000);
  const [old] = await seedTokens([{ type: "DEVELOPER", issuedTo: uniqueIssuedTo("Nightly export script") }]);
  await page.goto(`${PAGE_PATH}/${old!.publicId}`);
  await page.getByRole("button", { name: `Rotate ${old!.publicId}` }).click();
  await rotateDialog(page)
    .getByRole("radiogroup", { name: "Keep the current token working for" })
    .getByRole("radio", { name: "1 hour", exact: true })
    .check();
  await captureScreens(page, "rotate-dialog");

  await rotateDialog(page).getByRole("button", { name: "Rotate", exact: true }).click();
  const modal = oneTimeModal(page);
  await expect(modal.getByRole("textbox", { name: "Service token" })).toHaveValue(TOKEN_PATTERN);
  await captureScreens(page, "rotate-one-time");
  await copyAndClose(modal);
  await expect(page.getByRole("status").filter({ hasText: "Rotating — stops working at" })).toBeVisible();
  await captureScreens(page, "token-page-rotating");

  const [t] = await seedTokens([{ type: "CONNECTOR", issuedTo: uniqueIssuedTo("Backup agent, rack 4") }]);
  await page.goto(`${PAGE_PATH}/${t!.publicId}`);
  await page.getByRole("button", { name: "Edit description and addresses" }).click();
  await page.getByRole("textbox", { name: "Description" }).fill("Backup agent in rack 4");
  const ranges = page.getByRole("textbox", { name: "Allowed addresses" });
  await ranges.fill("10.0.0.1/8");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(ranges).toHaveAttribute("aria-invalid", "true");
  await captureScreens(page, "token-page-editing");
});

test("screenshots of Create New with details, Revoke with a reason and a revoked row", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(PAGE_PATH);
  const dialog = await openCreateDialog(page);
  await dialog.getByRole("textbox", { name: "Issued To" }).fill("Mail gateway, rack 4");
  await dialog.getByRole("textbox", { name: "Description" }).fill("Scans inbound attachments");
  const ranges = dialog.getByRole("textbox", { name: "Allowed addresses" });
  await ranges.fill("127.0.0.0/8\n192.0.2.1/24");
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(ranges).toHaveAttribute("aria-invalid", "true");
  await captureScreens(page, "create-with-details");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  const issuedTo = uniqueIssuedTo("Retired file share connector");
  const [revoked, asked] = await seedTokens([
    { type: "CONNECTOR", issuedTo },
    { type: "DEVELOPER", issuedTo },
  ]);
  await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(issuedTo)}`);
  const confirm = page.getByRole("alertdialog");
  await captureScreensReopening(
    page,
    "revoke-reason",
    async () => {
      await tokenRow(page, issuedTo).filter({ hasText: asked!.publicId }).getByRole("button", { name: "Revoke" }).click();
      await confirm.getByRole("group", { name: "Reason" }).getByRole("radio", { name: "Other" }).check();
      await page.evaluate(() => window.scrollTo(0, 0));
    },
    async () => {
      await confirm.getByRole("button", { name: "Cancel" }).click();
      await expect(confirm).toHaveCount(0);
    },
  );

  await page.goto(`${PAGE_PATH}/${revoked!.publicId}`);
  await page.getByRole("button", { name: `Revoke ${revoked!.publicId}` }).click();
  await confirm.getByRole("group", { name: "Reason" }).getByRole("radio", { name: "Compromised" }).check();
  await confirm.getByRole("button", { name: "OK" }).click();
  await expect(confirm).toBeHidden();
  await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(issuedTo)}&show=revoked`);
  await expect(tokenRow(page, issuedTo).filter({ hasText: "Compromised" })).toHaveCount(1);
  await captureScreens(page, "list-revoked-reason");
});

test("screenshots of the over-the-policy filter and bulk revoke", async ({ page }) => {
  test.setTimeout(90_000);
  const overPolicy = uniqueIssuedTo("Legacy scanner connector");
  await seedTokens([
    { type: "CONNECTOR", issuedTo: overPolicy, expiresAt: new Date(Date.now() + 1200 * DAY_MS) },
    { type: "CONNECTOR", issuedTo: overPolicy },
  ]);
  await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(overPolicy)}&policy=exceeded`);
  await expect(tokenRow(page, overPolicy)).toHaveCount(1);
  await captureScreens(page, "list-over-policy");

  const issuedTo = uniqueIssuedTo("Branch office connector");
  const seeded = await seedTokens(Array.from({ length: 7 }, () => ({ type: "CONNECTOR" as const, issuedTo })));
  await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(issuedTo)}`);
  await page.getByRole("checkbox", { name: `Select ${seeded[0]!.publicId}` }).check();
  const revokeSelected = page.getByRole("button", { name: /^Revoke selected/ });
  await expect(revokeSelected).toHaveText("Revoke selected (1)");
  await captureScreens(page, "list-lifecycle-selected");

  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  await revokeSelected.click();
  const confirm = page.getByRole("alertdialog", { name: "Revoke 7 service tokens?" });
  await confirm.getByRole("group", { name: "Reason" }).getByRole("radio", { name: "Replaced" }).check();
  await captureScreens(page, "bulk-revoke");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
});
