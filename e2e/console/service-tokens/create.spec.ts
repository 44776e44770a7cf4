// An administrator creates Connector and Developer tokens through "Create New", copies the token from
// the one-time modal, and the token is gone from the page once the modal is closed.
import { expect, test, type Page } from "@playwright/test";
import { STORAGE_STATE } from "../../support/env";
import {
  cell,
  COLUMNS,
  createToken,
  listedCreatedAt,
  listedIds,
  openCreateDialog,
  PAGE_PATH,
  PUBLIC_ID_PATTERN,
  tokenRow,
  tokensTable,
  uniqueIssuedTo,
  type TokenType,
} from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

const FORMATS: Record<TokenType, RegExp> = {
  Connector: /^opc_con_[0-9A-Za-z]{49}$/,
  Developer: /^opc_dev_[0-9A-Za-z]{49}$/,
};

/** Every URL the page requested, to prove the token never travels in one. */
function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}

for (const type of ["Connector", "Developer"] as const) {
  test(`creates a ${type} token, copies it once, and the page forgets it`, async ({ page }) => {
    const urls = recordUrls(page);
    await page.goto(PAGE_PATH);
    const before = await listedIds(page);
    const issuedTo = uniqueIssuedTo(`E2E ${type.toLowerCase()}`);

    const dialog = await openCreateDialog(page);
    // The notice, not the Developer option's own description (which ends with the same words).
    const caution = dialog.getByRole("note").filter({ hasText: "Handle it with caution" });
    await expect(dialog.getByRole("radio", { name: "Connector" })).toBeChecked();
    await expect(caution).toHaveCount(0);
    await dialog.getByRole("radio", { name: type }).check();
    if (type === "Developer") await expect(caution).toBeVisible();
    else await expect(caution).toHaveCount(0);

    const { token, publicId, modal } = await createToken(page, { type, issuedTo }, dialog);
    expect(token).toMatch(FORMATS[type]);
    expect(publicId).toMatch(PUBLIC_ID_PATTERN);
    await expect(modal.getByText("IMPORTANT!")).toBeVisible();
    await expect(modal).toContainText(issuedTo);
    const field = modal.getByRole("textbox", { name: "Service token" });
    await expect(field).toHaveAttribute("readonly", "");

    await modal.getByRole("button", { name: "Copy" }).click();
    await expect(modal.getByRole("status")).toHaveText("Copied to the clipboard.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

    await modal.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByRole("textbox", { name: "Service token" })).toHaveCount(0);
    expect(await page.content()).not.toContain(token);

    // The columns the contract names, in the order `cell()` expects, then the Revoke column.
    await expect(tokensTable(page).getByRole("columnheader")).toHaveText([...COLUMNS, "Actions"]);
    const row = tokenRow(page, issuedTo);
    await expect(row).toHaveCount(1);
    await expect(cell(row, "ID").getByText(publicId, { exact: true })).toBeVisible();
    await expect(cell(row, "ID")).toContainText(`${token.slice(0, 8)}…${token.slice(-4)}`);
    await expect(cell(row, "Issued To")).toContainText(issuedTo);
    await expect(cell(row, "Type")).toHaveText(type);
    await expect(cell(row, "Status")).toHaveText("Active");
    await expect(cell(row, "Last used")).toHaveText("Never");

    // Newest first: above every token listed before it, in a list sorted by Created At, descending.
    const after = await listedIds(page);
    const position = after.indexOf(publicId);
    // (A token another spec revoked meanwhile has left the list.)
    for (const older of before) if (after.includes(older)) expect(after.indexOf(older)).toBeGreaterThan(position);
    const created = await listedCreatedAt(page);
    expect(created).toEqual([...created].sort((a, b) => b - a));

    // The page's server payload (HTML and the RSC data in it) does not carry the token either.
    const response = await page.goto(PAGE_PATH);
    expect(response?.ok()).toBe(true);
    expect(await response!.text()).not.toContain(token);
    await expect(tokenRow(page, issuedTo)).toHaveCount(1);
    expect(await page.content()).not.toContain(token);
    expect(urls.filter((url) => url.includes(token.slice(8)))).toEqual([]);
  });
}

test.describe("the one-time modal asks before it discards an uncopied token", () => {
  test("Escape asks; Go back keeps the token; Close without copying forgets it", async ({ page }) => {
    await page.goto(PAGE_PATH);
    const issuedTo = uniqueIssuedTo("E2E escape");
    const { token, modal } = await createToken(page, { issuedTo });
    const field = modal.getByRole("textbox", { name: "Service token" });
    const question = modal.getByRole("alert").filter({ hasText: "Did you copy the token?" });

    await page.keyboard.press("Escape");
    await expect(question).toBeVisible();
    await expect(question).toContainText("You have not copied it yet.");
    await expect(modal.getByRole("button", { name: "Yes, close" })).toHaveCount(0);

    await modal.getByRole("button", { name: "Go back" }).click();
    await expect(question).toHaveCount(0);
    await expect(field).toBeVisible();
    await expect(field).toHaveValue(token);
    await expect(modal.getByRole("button", { name: "Done" })).toBeVisible();

    await page.keyboard.press("Escape");
    await expect(question).toBeVisible();
    await modal.getByRole("button", { name: "Close without copying" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    expect(await page.content()).not.toContain(token);
    await expect(tokenRow(page, issuedTo)).toHaveCount(1);
  });

  test("a click outside asks too, and after copying offers Yes, close", async ({ page }) => {
    await page.goto(PAGE_PATH);
    const { token, modal } = await createToken(page, { issuedTo: uniqueIssuedTo("E2E backdrop") });
    await modal.getByRole("button", { name: "Copy" }).click();
    await expect(modal.getByRole("status")).toHaveText("Copied to the clipboard.");

    await page.mouse.click(5, 5); // on the backdrop, outside the dialog box
    const question = modal.getByRole("alert").filter({ hasText: "Did you copy the token?" });
    await expect(question).toContainText("You copied it.");
    await expect(modal.getByRole("textbox", { name: "Service token" })).toHaveValue(token);
    await modal.getByRole("button", { name: "Yes, close" }).click();

    await expect(page.getByRole("dialog")).toHaveCount(0);
    expect(await page.content()).not.toContain(token);
  });

  test("reopening Create New shows an empty form, not the last token", async ({ page }) => {
    await page.goto(PAGE_PATH);
    const { token, modal } = await createToken(page, { type: "Developer", issuedTo: uniqueIssuedTo("E2E reopen") });
    await modal.getByRole("button", { name: "Done" }).click();

    const dialog = await openCreateDialog(page);
    await expect(dialog.getByRole("textbox", { name: "Issued To" })).toHaveValue("");
    await expect(dialog.getByRole("radio", { name: "Connector" })).toBeChecked();
    await expect(dialog.getByRole("combobox", { name: "Set Expiration Time" })).toHaveValue("30");
    expect(await page.content()).not.toContain(token);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(tokensTable(page)).toBeVisible();
  });
});
