// An administrator creates Connector and Developer tokens through "Create New", copies the token from
// the one-time modal, and the token is gone from the page once the modal is closed.
import { expect, test, type Page } from "@playwright/test";
import { STORAGE_STATE } from "../../support/env";
import {
  cell,
  closeUncopied,
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
    // (One page of 50: tokens at the end of the earlier first page may have moved on to the second.)
    expect(position).toBeGreaterThanOrEqual(0);
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

test("Create New opens its dialog on a page just loaded, focus in the form, and Cancel gives the focus back", async ({
  page,
}) => {
  // The dialog's code is fetched on demand (when the button is pointed at, focused or clicked): a click
  // as soon as the button is usable must still open it, with the focus in it (the browser puts it on the
  // form's scrolling area when the form is taller than the window, else on the first control). The
  // button is disabled in the server's HTML until React has attached its handler, so an early click is
  // never lost silently (and Playwright's click waits for it to be enabled).
  await page.goto(PAGE_PATH, { waitUntil: "domcontentloaded" });
  const button = page.getByRole("button", { name: "Create New" });
  expect(await page.request.get(PAGE_PATH).then((r) => r.text())).toMatch(
    /<button[^>]*disabled[^>]*>(?:(?!<\/button>).)*Create New/s,
  );
  await button.click();
  const dialog = page.getByRole("dialog", { name: "Create New Service Token" });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(":focus")).toHaveCount(1);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(button).toBeFocused();

  // From the keyboard too: Enter on the focused button opens it again, with a fresh form.
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(":focus")).toHaveCount(1);
  await expect(dialog.getByRole("textbox", { name: "Issued To" })).toHaveValue("");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(button).toBeFocused();
});

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
    await closeUncopied(modal);

    const dialog = await openCreateDialog(page);
    await expect(dialog.getByRole("textbox", { name: "Issued To" })).toHaveValue("");
    await expect(dialog.getByRole("radio", { name: "Connector" })).toBeChecked();
    await expect(dialog.getByRole("combobox", { name: "Set Expiration Time" })).toHaveValue("30");
    expect(await page.content()).not.toContain(token);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(tokensTable(page)).toBeVisible();
  });

  test("Done before a successful Copy asks the same question; Go back keeps the token and takes the focus", async ({ page }) => {
    await page.goto(PAGE_PATH);
    const { token, modal } = await createToken(page, { issuedTo: uniqueIssuedTo("E2E done guard") });
    // Focus moved into the dialog, on the token itself.
    await expect(modal.getByRole("textbox", { name: "Service token" })).toBeFocused();

    await modal.getByRole("button", { name: "Done" }).click();
    const question = modal.getByRole("alert").filter({ hasText: "Did you copy the token?" });
    await expect(question).toContainText("You have not copied it yet.");
    await expect(modal.getByRole("button", { name: "Go back" })).toBeFocused();
    await modal.getByRole("button", { name: "Go back" }).click();
    await expect(question).toHaveCount(0);
    await expect(modal.getByRole("textbox", { name: "Service token" })).toHaveValue(token);

    // After a successful Copy, Done closes at once.
    await modal.getByRole("button", { name: "Copy" }).click();
    await expect(modal.getByRole("status")).toHaveText("Copied to the clipboard.");
    await modal.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
  });

  test("leaving or reloading the page while the token is shown triggers the browser's leave warning", async ({ page }) => {
    await page.goto(PAGE_PATH);
    const { token, modal } = await createToken(page, { issuedTo: uniqueIssuedTo("E2E unload guard") });
    const asked = page.waitForEvent("dialog");
    await page.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe("beforeunload");
    await dialog.dismiss();
    // Staying: the token is still there.
    await expect(modal.getByRole("textbox", { name: "Service token" })).toHaveValue(token);

    // Once the modal is closed, the page leaves without asking.
    await closeUncopied(modal);
    let askedAgain = false;
    page.on("dialog", (d) => {
      askedAgain = true;
      void d.accept();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => page.isClosed()).toBe(true);
    expect(askedAgain).toBe(false);
  });
});
