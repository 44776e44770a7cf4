// Token lifecycle in the console: Rotate with each overlap choice (the old token keeps working over real
// HTTP until the stored end of its overlap), revoke with a reason, and Description / Allowed addresses
// at creation. Tokens are seeded straight into the console's database.
import { expect, test, type Page } from "@playwright/test";
import { apiClient, freshAddress, seedTokens } from "../../support/api";
import { STORAGE_STATE } from "../../support/env";
import { shiftExpiry, storedToken } from "../../support/lifecycle";
import {
  copyAndClose,
  createToken,
  oneTimeModal,
  openCreateDialog,
  PAGE_PATH,
  TOKEN_PATTERN,
  uniqueIssuedTo,
} from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

const OVERLAPS = [
  { label: "Immediately", seconds: 0 },
  { label: "1 hour", seconds: 3_600 },
  { label: "24 hours", seconds: 86_400 },
  { label: "7 days", seconds: 604_800 },
] as const;

function rotateDialog(page: Page) {
  return page.getByRole("dialog", { name: "Rotate service token" });
}

test("Rotate opens with the focus on the selected overlap, not the first option", async ({ page }) => {
  const [old] = await seedTokens([{ type: "CONNECTOR", issuedTo: uniqueIssuedTo("E2E rotate focus") }]);
  await page.goto(PAGE_PATH);
  await page
    .getByRole("button", { name: `Rotate ${old!.publicId}` })
    .first()
    .click();
  const choices = rotateDialog(page).getByRole("radiogroup", { name: "Keep the current token working for" });
  const selected = choices.getByRole("radio", { checked: true });
  await expect(selected).toHaveCount(1);
  await expect(selected).not.toHaveAccessibleName("Immediately");
  await expect(selected).toBeFocused();
});

for (const overlap of OVERLAPS) {
  test(`Rotate, keeping the current token working for ${overlap.label}`, async ({ page, baseURL }) => {
    const call = apiClient(baseURL!);
    const issuedTo = uniqueIssuedTo(`E2E rotate ${overlap.seconds}`);
    const [old] = await seedTokens([{ type: "CONNECTOR", issuedTo }]);
    await page.goto(PAGE_PATH);
    await page
      .getByRole("button", { name: `Rotate ${old!.publicId}` })
      .first()
      .click();
    const dialog = rotateDialog(page);
    await expect(dialog).toBeVisible();
    const choices = dialog.getByRole("radiogroup", { name: "Keep the current token working for" });
    await expect(choices.getByRole("radio")).toHaveCount(4);
    await choices.getByRole("radio", { name: overlap.label, exact: true }).check();

    const started = Date.now();
    await dialog.getByRole("button", { name: "Rotate", exact: true }).click();
    const modal = oneTimeModal(page);
    const field = modal.getByRole("textbox", { name: "Service token" });
    await expect(field).toHaveValue(TOKEN_PATTERN);
    const token = await field.inputValue();
    await copyAndClose(modal);

    // The new token works; the old one until the end of the overlap, as stored.
    const asNew = await call("/api/v1/token", { token });
    expect(asNew.status).toBe(200);
    expect((asNew.json() as { issuedTo: unknown }).issuedTo).toBe(issuedTo);
    const stored = await storedToken(old!.publicId);
    expect(stored!.expiresAt.getTime()).toBeGreaterThanOrEqual(started + overlap.seconds * 1000 - 1000);
    expect(stored!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + overlap.seconds * 1000);
    const asOld = await call("/api/v1/token", { token: old!.token, from: freshAddress() });
    if (overlap.seconds === 0) {
      expect(asOld.status).toBe(401);
      expect(asOld.error().code).toBe("expired");
    } else {
      expect(asOld.status).toBe(200);
      expect(asOld.headers["x-token-expiration"]).toBe(stored!.expiresAt.toISOString());
    }

    // A token already rotating offers no second Rotate (the server refuses one anyway, which the rotate
    // action's tests check), and it keeps working.
    if (overlap.seconds > 0) {
      await expect(page.getByRole("button", { name: `Rotate ${old!.publicId}` })).toHaveCount(0);
      expect((await call("/api/v1/token", { token: old!.token, from: freshAddress() })).status).toBe(200);

      // Let the overlap pass (through the data layer, not by sleeping): the old token stops, the new one works.
      await shiftExpiry(old!.publicId, -overlap.seconds * 1000);
      const afterOverlap = await call("/api/v1/token", { token: old!.token, from: freshAddress() });
      expect(afterOverlap.status).toBe(401);
      expect(afterOverlap.error().code).toBe("expired");
      expect((await call("/api/v1/token", { token })).status).toBe(200);
    }
  });
}

test("the rotated token is never lost silently: Done asks until copied, and leaving the page asks", async ({ page }) => {
  const [old] = await seedTokens([{ type: "CONNECTOR", issuedTo: uniqueIssuedTo("E2E rotate guard") }]);
  await page.goto(`${PAGE_PATH}/${old!.publicId}`);
  await page.getByRole("button", { name: `Rotate ${old!.publicId}` }).click();
  await rotateDialog(page).getByRole("button", { name: "Rotate", exact: true }).click();
  const modal = oneTimeModal(page);
  const field = modal.getByRole("textbox", { name: "Service token" });
  await expect(field).toHaveValue(TOKEN_PATTERN);
  const token = await field.inputValue();

  await modal.getByRole("button", { name: "Done" }).click();
  const question = modal.getByRole("alert").filter({ hasText: "Did you copy the token?" });
  await expect(question).toContainText("You have not copied it yet.");
  await expect(modal.getByRole("button", { name: "Go back" })).toBeFocused();
  await modal.getByRole("button", { name: "Go back" }).click();
  await expect(question).toHaveCount(0);
  await expect(field).toHaveValue(token);

  const asked = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const prompt = await asked;
  expect(prompt.type()).toBe("beforeunload");
  await prompt.dismiss();
  await expect(field).toHaveValue(token);

  await modal.getByRole("button", { name: "Done" }).click();
  await modal.getByRole("button", { name: "Close without copying" }).click();
  await expect(modal).toBeHidden();
  expect(await page.content()).not.toContain(token);
});

test("Revoke asks for a Reason; Other needs a short text; the reason is stored", async ({ page }) => {
  const issuedTo = uniqueIssuedTo("E2E revoke reason");
  const [t] = await seedTokens([{ type: "DEVELOPER", issuedTo }]);
  await page.goto(PAGE_PATH);
  const row = page.getByRole("row").filter({ hasText: t!.publicId });
  await row.getByRole("button", { name: "Revoke" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("cannot be recovered");
  const reasons = confirm.getByRole("group", { name: "Reason" });
  for (const name of ["Compromised", "No longer needed", "Replaced", "Other"])
    await expect(reasons.getByRole("radio", { name })).toBeVisible();
  await reasons.getByRole("radio", { name: "Other" }).check();
  await confirm.getByRole("button", { name: "OK" }).click();
  await expect(confirm.getByText("Say briefly why, for Other.")).toBeVisible();
  expect((await storedToken(t!.publicId))!.revokeReason).toBeNull();

  await confirm.getByRole("textbox", { name: "Why?" }).fill("moved to the vault");
  await confirm.getByRole("button", { name: "OK" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: t!.publicId })).toHaveCount(0);
  expect(await storedToken(t!.publicId)).toMatchObject({ revokeReason: "OTHER", revokeReasonText: "moved to the vault" });
});

test("Create New takes a Description and Allowed addresses; an invalid range is a field error", async ({ page, baseURL }) => {
  await page.goto(PAGE_PATH);
  const dialog = await openCreateDialog(page);
  const issuedTo = uniqueIssuedTo("E2E described");
  await dialog.getByRole("textbox", { name: "Issued To" }).fill(issuedTo);
  await dialog.getByRole("textbox", { name: "Description" }).fill("  Mail gateway, rack 4  ");
  const ranges = dialog.getByRole("textbox", { name: "Allowed addresses" });
  await ranges.fill("127.0.0.0/8\n192.0.2.1/24");
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(ranges).toHaveAccessibleDescription(/"192\.0\.2\.1\/24" has host bits set; did you mean 192\.0\.2\.0\/24\?/);
  await expect(ranges).toHaveAttribute("aria-invalid", "true");

  await ranges.fill("127.0.0.0/8\n2001:DB8::/32");
  const { token, publicId, modal } = await createToken(page, { issuedTo }, dialog);
  await copyAndClose(modal);
  expect(await storedToken(publicId)).toMatchObject({
    description: "Mail gateway, rack 4",
    allowedCidrs: "127.0.0.0/8\n2001:db8::/32",
  });
  // The restriction holds over HTTP: the e2e client always calls from 127.x.
  expect((await apiClient(baseURL!)("/api/v1/token", { token })).status).toBe(200);
});
