// The token lifecycle in the rebuilt list and on the token page: Rotate from a row (the one-time token
// survives the row changing under it) and from the token page (the links and "Rotating — stops working
// at"), the revoke reason on the page and in revoked rows, editing Description and Allowed addresses,
// the over-the-policy flag and filter, bulk revoke, and what a viewer does not get.
import { expect, test, type Page } from "@playwright/test";
import { apiClient, freshAddress, seedTokens } from "../../support/api";
import { DAY_MS } from "@/lib/tokens";
import { STORAGE_STATE } from "../../support/env";
import { auditCount, storedToken } from "../../support/lifecycle";
import { copyAndClose, oneTimeModal, PAGE_PATH, TOKEN_PATTERN, tokenRow, uniqueIssuedTo } from "../../support/tokens";

function rotateDialog(page: Page) {
  return page.getByRole("dialog", { name: "Rotate service token" });
}

async function rotate(page: Page, publicId: string, overlap: string): Promise<string> {
  await page.getByRole("button", { name: `Rotate ${publicId}` }).click();
  const dialog = rotateDialog(page);
  await dialog
    .getByRole("radiogroup", { name: "Keep the current token working for" })
    .getByRole("radio", { name: overlap, exact: true })
    .check();
  await dialog.getByRole("button", { name: "Rotate", exact: true }).click();
  const field = oneTimeModal(page).getByRole("textbox", { name: "Service token" });
  await expect(field).toHaveValue(TOKEN_PATTERN);
  return field.inputValue();
}

async function done(page: Page) {
  const modal = oneTimeModal(page);
  await copyAndClose(modal);
}

test.describe("as an administrator", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("Rotate from a row, Immediately: the row loses its Rotate, the one-time token stays; both pages link each other", async ({
    page,
    baseURL,
  }) => {
    const issuedTo = uniqueIssuedTo("E2E row rotate");
    const [old] = await seedTokens([{ type: "CONNECTOR", issuedTo }]);
    await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(issuedTo)}&show=revoked`);
    const token = await rotate(page, old!.publicId, "Immediately");
    // The refreshed list shows the old token expired, without Rotate, while the new token is still on screen.
    await expect(page.getByRole("button", { name: `Rotate ${old!.publicId}` })).toHaveCount(0);
    await expect(oneTimeModal(page).getByRole("textbox", { name: "Service token" })).toHaveValue(token);
    await done(page);
    // Its Rotate button is gone: focus lands on the list's summary, not on the page's body.
    await expect(page.locator("#token-list-summary")).toBeFocused();
    const call = apiClient(baseURL!);
    const info = await call("/api/v1/token", { token, from: freshAddress() });
    expect(info.status).toBe(200);
    const newId = (info.json() as { id: string }).id;
    await expect(tokenRow(page, issuedTo)).toHaveCount(2);

    await page.goto(`${PAGE_PATH}/${newId}`);
    await page.getByRole("link", { name: old!.publicId }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(old!.publicId);
    await expect(page.getByText("Replaced by")).toBeVisible();
    await expect(page.getByRole("link", { name: newId })).toBeVisible();
    // Expired at once: no "Rotating" notice, no Rotate.
    await expect(page.getByText("Rotating — stops working at")).toHaveCount(0);
    await expect(page.getByRole("button", { name: `Rotate ${old!.publicId}` })).toHaveCount(0);
  });

  test("Rotate from the token page, 1 hour: Rotating — stops working at …, Replaced by …", async ({ page, baseURL }) => {
    const issuedTo = uniqueIssuedTo("E2E page rotate");
    const [old] = await seedTokens([{ type: "DEVELOPER", issuedTo }]);
    await page.goto(`${PAGE_PATH}/${old!.publicId}`);
    const token = await rotate(page, old!.publicId, "1 hour");
    await done(page);
    await expect(page.getByRole("button", { name: `Rotate ${old!.publicId}` })).toBeFocused();
    await expect(page.getByRole("status").filter({ hasText: "Rotating — stops working at" })).toBeVisible();
    const stored = await storedToken(old!.publicId);
    await expect(page.getByRole("status").locator("time")).toHaveAttribute("datetime", stored!.expiresAt.toISOString());
    const newId = ((await apiClient(baseURL!)("/api/v1/token", { token, from: freshAddress() })).json() as { id: string }).id;
    await expect(page.getByRole("link", { name: newId })).toBeVisible();
    await page.getByRole("link", { name: newId }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(newId);
    await expect(page.getByText("Replaces", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: old!.publicId })).toBeVisible();

    // In the list the rotating token is marked Rotating and offers no second Rotate (it would be refused).
    await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(issuedTo)}`);
    const oldRow = tokenRow(page, issuedTo).filter({ hasText: old!.publicId });
    await expect(oldRow).toContainText("Rotating");
    await expect(oldRow.getByRole("button", { name: `Revoke ${old!.publicId}` })).toBeVisible();
    await expect(oldRow.getByRole("button", { name: `Rotate ${old!.publicId}` })).toHaveCount(0);
  });

  test("Revoke with a reason on the token page; the reason shows there and in the revoked row", async ({ page }) => {
    const issuedTo = uniqueIssuedTo("E2E page revoke");
    const [t] = await seedTokens([{ type: "CONNECTOR", issuedTo }]);
    await page.goto(`${PAGE_PATH}/${t!.publicId}`);
    await page.getByRole("button", { name: `Revoke ${t!.publicId}` }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText("cannot be recovered");
    await confirm.getByRole("group", { name: "Reason" }).getByRole("radio", { name: "Compromised" }).check();
    await confirm.getByRole("button", { name: "OK" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText("Compromised")).toBeVisible();
    await expect(page.getByRole("button", { name: `Rotate ${t!.publicId}` })).toHaveCount(0);

    await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(issuedTo)}&show=revoked`);
    await expect(tokenRow(page, issuedTo)).toContainText("Compromised");
  });

  test("Description and Allowed addresses are edited on the token page, audited, and the list searches the description", async ({
    page,
  }) => {
    const issuedTo = uniqueIssuedTo("E2E details");
    const [t] = await seedTokens([{ type: "CONNECTOR", issuedTo }]);
    await page.goto(`${PAGE_PATH}/${t!.publicId}`);
    await expect(page.getByText("Any address")).toBeVisible();
    await page.getByRole("button", { name: "Edit description and addresses" }).click();
    const description = `Backup agent ${issuedTo.slice(-8)}`;
    await page.getByRole("textbox", { name: "Description" }).fill(description);
    const ranges = page.getByRole("textbox", { name: "Allowed addresses" });
    await ranges.fill("10.0.0.1/8");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(ranges).toHaveAttribute("aria-invalid", "true");
    expect((await storedToken(t!.publicId))!.description).toBeNull();

    await ranges.fill("10.0.0.0/8\n2001:db8::/32");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("button", { name: "Edit description and addresses" })).toBeVisible();
    await expect(page.getByText(description)).toBeVisible();
    await expect(page.getByText("2001:db8::/32")).toBeVisible();
    expect(await storedToken(t!.publicId)).toMatchObject({ description, allowedCidrs: "10.0.0.0/8\n2001:db8::/32" });
    expect(await auditCount("service_token.update", t!.publicId)).toBe(1);
    await expect(page.getByRole("table", { name: "Audit trail" })).toContainText("Edited a service token");

    await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(description)}`);
    await expect(tokenRow(page, issuedTo)).toBeVisible();
    await expect(tokenRow(page, issuedTo)).toContainText(description);
  });

  test("A token living longer than the policy allows is flagged and found by the filter", async ({ page }) => {
    const issuedTo = uniqueIssuedTo("E2E over policy");
    // Longer than even the default policy (three years): as if created before a tightening.
    const [over, within] = await seedTokens([
      { type: "CONNECTOR", issuedTo, expiresAt: new Date(Date.now() + 1200 * DAY_MS) },
      { type: "CONNECTOR", issuedTo },
    ]);
    await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(issuedTo)}`);
    await expect(tokenRow(page, issuedTo)).toHaveCount(2);
    await page.getByRole("checkbox", { name: "Only over the policy" }).check();
    await expect(page).toHaveURL(/policy=exceeded/);
    await expect(tokenRow(page, issuedTo)).toHaveCount(1);
    await expect(tokenRow(page, issuedTo)).toContainText(over!.publicId);
    await expect(tokenRow(page, issuedTo)).toContainText("Lives longer than the policy allows");
    await page.goto(`${PAGE_PATH}/${over!.publicId}`);
    await expect(page.getByText("Lives longer than the policy allows")).toBeVisible();
    await page.goto(`${PAGE_PATH}/${within!.publicId}`);
    await expect(page.getByText("Lives longer than the policy allows")).toHaveCount(0);
  });

  test("Bulk revoke: select on the page, one confirmation naming them, with a reason", async ({ page }) => {
    const issuedTo = uniqueIssuedTo("E2E bulk");
    const seeded = await seedTokens(Array.from({ length: 7 }, () => ({ type: "CONNECTOR" as const, issuedTo })));
    await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(issuedTo)}`);
    await expect(tokenRow(page, issuedTo)).toHaveCount(7);
    const revokeSelected = page.getByRole("button", { name: /^Revoke selected/ });
    await expect(revokeSelected).toHaveText("Revoke selected (0)");
    await expect(revokeSelected).toBeDisabled();

    await page.getByRole("checkbox", { name: `Select ${seeded[0]!.publicId}` }).check();
    await expect(revokeSelected).toHaveText("Revoke selected (1)");
    await page.getByRole("checkbox", { name: "Select all on this page" }).check();
    await expect(revokeSelected).toHaveText("Revoke selected (7)");
    await page.getByRole("checkbox", { name: `Select ${seeded[1]!.publicId}` }).uncheck();
    await expect(revokeSelected).toHaveText("Revoke selected (6)");
    await page.getByRole("checkbox", { name: "Select all on this page" }).check();
    await revokeSelected.click();

    const confirm = page.getByRole("alertdialog", { name: "Revoke 7 service tokens?" });
    await expect(confirm).toContainText("cannot be recovered");
    await expect(confirm).toContainText("and 2 more");
    await confirm.getByRole("group", { name: "Reason" }).getByRole("radio", { name: "Replaced" }).check();
    await confirm.getByRole("button", { name: "OK" }).click();
    await expect(confirm).toBeHidden();
    await expect(tokenRow(page, issuedTo)).toHaveCount(0);
    for (const t of seeded) expect(await storedToken(t.publicId)).toMatchObject({ revokeReason: "REPLACED" });

    // Cancel changes nothing; the selection is per page: paging clears it.
    const more = await seedTokens(
      Array.from({ length: 3 }, () => ({ type: "DEVELOPER" as const, issuedTo: `${issuedTo} paged` })),
    );
    await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(`${issuedTo} paged`)}&per_page=10`);
    await page.getByRole("checkbox", { name: "Select all on this page" }).check();
    await page.getByRole("button", { name: "Revoke selected (3)" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
    for (const t of more) expect((await storedToken(t.publicId))!.revokeReason).toBeNull();
    await page.getByRole("combobox", { name: "Type" }).selectOption("developer");
    await expect(page).toHaveURL(/type=developer/);
    await expect(page.getByRole("button", { name: "Revoke selected (0)" })).toBeVisible();
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: STORAGE_STATE.viewer });

  test("sees no Rotate, Revoke, selection or editing; reads description, addresses and reasons", async ({ page }) => {
    const issuedTo = uniqueIssuedTo("E2E viewer lifecycle");
    const [t] = await seedTokens([{ type: "CONNECTOR", issuedTo }]);
    await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(issuedTo)}`);
    await expect(tokenRow(page, issuedTo)).toBeVisible();
    await expect(page.getByRole("button", { name: /^Rotate/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
    await expect(page.getByRole("checkbox", { name: /^Select/ })).toHaveCount(0);
    await page.goto(`${PAGE_PATH}/${t!.publicId}`);
    await expect(page.getByText("Any address")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Rotate|^Revoke|^Edit/ })).toHaveCount(0);
  });
});
