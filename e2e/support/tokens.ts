// Drives the Service Tokens page the way an administrator does: through the "Create New" dialog, the
// one-time modal and the token list, found by role and accessible name (PRODUCT.md's interface text).
import { randomBytes } from "node:crypto";
import { expect, type Locator, type Page } from "@playwright/test";

export const PAGE_PATH = "/settings/service-tokens";

/** The table's columns, in order (the last, unnamed one holds the Revoke button). */
export const COLUMNS = [
  "ID",
  "Issued To",
  "Type",
  "Created At",
  "Expiration",
  "Status",
  "Last used",
  "Requests (7 days)",
] as const;
export type Column = (typeof COLUMNS)[number];

export const TOKEN_PATTERN = /^opc_con_[0-9A-Za-z]{49}$|^opc_dev_[0-9A-Za-z]{49}$/;
export const PUBLIC_ID_PATTERN = /^tok_[0-9A-HJKMNP-TV-Z]{10}$/;

/** An "Issued To" no other test uses, so parallel tests never find each other's tokens. */
export function uniqueIssuedTo(label: string): string {
  return `${label} ${randomBytes(4).toString("hex")}`;
}

export function tokensTable(page: Page): Locator {
  return page.getByRole("table", { name: "Tokens" });
}

/** The table row of the token issued to `issuedTo` (unique per test). */
export function tokenRow(page: Page, issuedTo: string): Locator {
  return tokensTable(page).getByRole("row").filter({ hasText: issuedTo });
}

/** A cell of a row by its column header. */
export function cell(row: Locator, column: Column): Locator {
  return row.getByRole("cell").nth(COLUMNS.indexOf(column));
}

/** The body rows (not the header row) of the list, top to bottom. */
export function bodyRows(page: Page): Locator {
  return tokensTable(page)
    .getByRole("row")
    .filter({ has: page.getByRole("cell") });
}

/** Public IDs of the listed tokens, top to bottom (none when the list is empty). */
export async function listedIds(page: Page): Promise<string[]> {
  // One round trip for the whole page (50 rows read one by one is slow on a loaded machine).
  return bodyRows(page).evaluateAll((rows) =>
    rows.map((row) => /tok_[0-9A-Z]{10}/.exec(row.querySelector('[role="cell"], td')?.textContent ?? "")?.[0] ?? ""),
  );
}

/** Created At of each listed row (the <time datetime> in that column), top to bottom, in ms. */
export async function listedCreatedAt(page: Page): Promise<number[]> {
  const times: number[] = [];
  for (const row of await bodyRows(page).all()) {
    const iso = await cell(row, "Created At").locator("time").getAttribute("datetime");
    times.push(Date.parse(iso ?? ""));
  }
  return times;
}

export type TokenType = "Connector" | "Developer";

export type NewToken = {
  type?: TokenType;
  issuedTo: string;
  /** A label of "Set Expiration Time"; "Custom date" needs `customDate` (yyyy-mm-dd). */
  expiration?: string;
  customDate?: string;
};

export function createDialog(page: Page): Locator {
  return page.getByRole("dialog", { name: "Create New Service Token" });
}

export function oneTimeModal(page: Page): Locator {
  return page.getByRole("dialog", { name: "Copy your new token" });
}

export async function openCreateDialog(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Create New" }).click();
  const dialog = createDialog(page);
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Fills the open "Create New Service Token" form (without submitting). */
export async function fillCreateForm(dialog: Locator, token: NewToken): Promise<void> {
  await dialog
    .getByRole("radiogroup", { name: "Type" })
    .getByRole("radio", { name: token.type ?? "Connector" })
    .check();
  await dialog.getByRole("textbox", { name: "Issued To" }).fill(token.issuedTo);
  if (token.expiration) {
    await dialog.getByRole("combobox", { name: "Set Expiration Time" }).selectOption({ label: token.expiration });
  }
  if (token.customDate !== undefined) await dialog.getByLabel("Expiration date").fill(token.customDate);
}

export type Created = { token: string; publicId: string; modal: Locator };

/**
 * Creates a token through the dialog (opening it unless `dialog` is already open) and returns what
 * the one-time modal shows; the modal stays open.
 */
export async function createToken(page: Page, token: NewToken, dialog?: Locator): Promise<Created> {
  dialog ??= await openCreateDialog(page);
  await fillCreateForm(dialog, token);
  await dialog.getByRole("button", { name: "Create", exact: true }).click();

  const modal = oneTimeModal(page);
  const field = modal.getByRole("textbox", { name: "Service token" });
  await expect(field).toHaveValue(TOKEN_PATTERN);
  const publicId = (await modal.getByText(PUBLIC_ID_PATTERN).textContent()) ?? "";
  return { token: await field.inputValue(), publicId, modal };
}

/**
 * Creates a token and closes the one-time modal with Done, answering "Close without copying" (Done asks
 * when nothing was copied); the secret is returned to the test only.
 */
export async function createAndClose(page: Page, token: NewToken): Promise<Created> {
  const created = await createToken(page, token);
  await closeUncopied(created.modal);
  return created;
}

/** Done on a one-time modal whose token was not copied: it asks, and the answer closes it. */
export async function closeUncopied(modal: Locator): Promise<void> {
  await modal.getByRole("button", { name: "Done" }).click();
  await modal.getByRole("button", { name: "Close without copying" }).click();
  await expect(modal).toBeHidden();
}

/**
 * Copies the token from the one-time modal and closes it. Done waits for the copy to be confirmed:
 * clicked before the clipboard write has finished, Done rightly asks whether to close without copying.
 */
export async function copyAndClose(modal: Locator): Promise<void> {
  await modal.getByRole("button", { name: "Copy" }).click();
  await expect(modal.getByRole("status")).toHaveText("Copied to the clipboard.");
  await modal.getByRole("button", { name: "Done" }).click();
  await expect(modal).toBeHidden();
}

/** The part of a token that is secret: everything after the prefix except the last 4 characters the hint shows. */
export function secretPart(token: string): string {
  return token.slice("opc_con_".length, -4);
}

/** yyyy-mm-dd of today plus `days` in an IANA time zone (what a date input there would show). */
export function dateInZone(timeZone: string, days: number, now = new Date()): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const midnight = new Date(`${today}T00:00:00Z`);
  midnight.setUTCDate(midnight.getUTCDate() + days);
  return midnight.toISOString().slice(0, 10);
}
