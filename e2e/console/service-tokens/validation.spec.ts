// "Create New Service Token" refuses bad input with a message next to the field and creates nothing.
import { expect, test } from "@playwright/test";
import { queryDatabase } from "../../support/db";
import { STORAGE_STATE } from "../../support/env";
import {
  cell,
  closeUncopied,
  createAndClose,
  createDialog,
  dateInZone,
  fillCreateForm,
  oneTimeModal,
  openCreateDialog,
  PAGE_PATH,
  tokenRow,
  uniqueIssuedTo,
} from "../../support/tokens";

// A zone behind UTC: the end of the picked day is already the next day in UTC, so showing the
// expiration in UTC instead of the viewer's zone would show the wrong date.
const TIME_ZONE = "Pacific/Honolulu";
test.use({ storageState: STORAGE_STATE.admin, timezoneId: TIME_ZONE, locale: "en-US" });

function storedCount(issuedTo: string): number {
  const [row] = queryDatabase<{ n: number }>(`SELECT COUNT(*) AS n FROM service_tokens WHERE issuedTo = ?`, issuedTo);
  return row?.n ?? 0;
}

test("the form offers the two types, the presets and a custom date, 30 days by default", async ({ page }) => {
  await page.goto(PAGE_PATH);
  const dialog = await openCreateDialog(page);

  await expect(dialog.getByRole("radiogroup", { name: "Type" }).getByRole("radio")).toHaveCount(2);
  await expect(dialog.getByRole("radio", { name: "Connector" })).toHaveAccessibleDescription(/upload/i);
  const expiration = dialog.getByRole("combobox", { name: "Set Expiration Time" });
  await expect(expiration.getByRole("option")).toHaveText(["7 days", "30 days", "60 days", "90 days", "1 year", "Custom date"]);
  await expect(expiration).toHaveValue("30");
  await expect(dialog.getByLabel("Expiration date")).toHaveCount(0);

  await expiration.selectOption({ label: "Custom date" });
  await expect(dialog.getByLabel("Expiration date")).toBeVisible();
});

test("an empty Issued To is refused next to the field and nothing is created", async ({ page }) => {
  await page.goto(PAGE_PATH);
  const dialog = await openCreateDialog(page);
  const issuedTo = dialog.getByRole("textbox", { name: "Issued To" });
  await issuedTo.fill("   ");
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });

  await dialog.getByRole("button", { name: "Create", exact: true }).click();

  await expect(issuedTo).toHaveAccessibleDescription(/Enter who this token is issued to\./);
  await expect(issuedTo).toHaveAttribute("aria-invalid", "true");
  await expect(createDialog(page)).toBeVisible();
  await expect(oneTimeModal(page)).toHaveCount(0);
  expect(posts, "the form must not call the server with invalid input").toEqual([]);

  // Fixing the field clears the message and then creates the token.
  const name = uniqueIssuedTo("E2E after empty");
  expect(storedCount(name)).toBe(0);
  await issuedTo.fill(name);
  // The message goes as soon as the field is valid, before any submit.
  await expect(issuedTo).not.toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByText("Enter who this token is issued to.")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(oneTimeModal(page)).toBeVisible();
  expect(storedCount(name)).toBe(1);
});

test("a refused Create puts an error summary first: it takes the focus, is announced, and links to each field", async ({
  page,
}) => {
  await page.goto(PAGE_PATH);
  const dialog = await openCreateDialog(page);
  await dialog.getByRole("textbox", { name: "Allowed addresses" }).fill("10.0.0.300/8");
  await dialog.getByRole("button", { name: "Create", exact: true }).click();

  const summary = dialog.getByRole("alert").filter({ hasText: "Fix these 2 fields to continue" });
  await expect(summary).toBeFocused();
  await expect(summary).toHaveAccessibleName("Fix these 2 fields to continue");
  await expect(summary.getByRole("link")).toHaveText([/^Issued To: Enter who this token is issued to\./, /^Allowed addresses: /]);
  await summary.getByRole("link", { name: /^Allowed addresses/ }).click();
  await expect(dialog.getByRole("textbox", { name: "Allowed addresses" })).toBeFocused();

  // Correcting one field shortens the summary without taking the focus away from the field.
  const addresses = dialog.getByRole("textbox", { name: "Allowed addresses" });
  await addresses.fill("10.0.0.0/8");
  await expect(dialog.getByRole("alert")).toHaveAccessibleName("Fix this field to continue");
  await expect(addresses).toBeFocused();
  // A second refused attempt takes the focus to the summary again.
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(dialog.getByRole("alert")).toBeFocused();
});

test("a past custom date previews as in the past; the picker starts today and the server accepts today", async ({ page }) => {
  await page.goto(PAGE_PATH);
  const name = uniqueIssuedTo("E2E today");
  const dialog = await openCreateDialog(page);
  await fillCreateForm(dialog, { issuedTo: name, expiration: "Custom date", customDate: dateInZone(TIME_ZONE, -1) });
  const expiration = dialog.getByRole("combobox", { name: "Set Expiration Time" });
  await expect(expiration).toHaveAccessibleDescription("This date is in the past.");

  const date = dialog.getByLabel("Expiration date");
  const today = dateInZone(TIME_ZONE, 0);
  await expect(date).toHaveAttribute("min", today);
  await date.fill(today);
  await expect(expiration).toHaveAccessibleDescription(/^The token stops working on /);
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(oneTimeModal(page)).toBeVisible();
  expect(storedCount(name)).toBe(1);
  await closeUncopied(oneTimeModal(page));
});

test("Issued To stops at 100 characters, and 100 are accepted", async ({ page }) => {
  await page.goto(PAGE_PATH);
  const dialog = await openCreateDialog(page);
  const issuedTo = dialog.getByRole("textbox", { name: "Issued To" });
  const name = uniqueIssuedTo("E2E long").padEnd(101, "x");
  expect(name).toHaveLength(101);

  await issuedTo.fill(name);
  await expect(issuedTo).toHaveValue(name.slice(0, 100));
  await issuedTo.press("End");
  await issuedTo.pressSequentially("yz");
  await expect(issuedTo).toHaveValue(name.slice(0, 100));

  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  const modal = oneTimeModal(page);
  await expect(modal).toContainText(name.slice(0, 100));
  await closeUncopied(modal);
  await expect(cell(tokenRow(page, name.slice(0, 100)), "Issued To")).toContainText(name.slice(0, 100));
});

test("a custom date in the past is refused; a future one sets the Expiration", async ({ page }) => {
  await page.goto(PAGE_PATH);
  const name = uniqueIssuedTo("E2E custom date");
  const dialog = await openCreateDialog(page);
  await fillCreateForm(dialog, { issuedTo: name, expiration: "Custom date", customDate: dateInZone(TIME_ZONE, -1) });
  const date = dialog.getByLabel("Expiration date");

  await dialog.getByRole("button", { name: "Create", exact: true }).click();

  await expect(date).toHaveAccessibleDescription(/The expiration date must be in the future\./);
  await expect(createDialog(page)).toBeVisible();
  expect(storedCount(name)).toBe(0);

  const future = dateInZone(TIME_ZONE, 45);
  await date.fill(future);
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  const modal = oneTimeModal(page);
  await expect(modal.getByRole("textbox", { name: "Service token" })).toBeVisible();
  await closeUncopied(modal);

  // The end of the picked day in the viewer's zone; the list reads it relatively, with the exact time.
  const expiration = cell(tokenRow(page, name), "Expiration");
  await expect(expiration).toContainText(/^in (44|45) days/);
  const iso = (await expiration.locator("time").getAttribute("datetime")) ?? "";
  const local = new Intl.DateTimeFormat("en-CA", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
  expect(local).toBe(`${future}, 23:59`);
  await expect(expiration).toContainText(`${iso.slice(0, 16).replace("T", " ")} UTC`);
  await expect(cell(tokenRow(page, name), "Status")).toHaveText("Active");
});

test("a token created with a preset expires that many days later", async ({ page }) => {
  await page.goto(PAGE_PATH);
  const name = uniqueIssuedTo("E2E seven days");
  const startedAt = Date.now();
  await createAndClose(page, { issuedTo: name, expiration: "7 days" });

  const iso = await cell(tokenRow(page, name), "Expiration").locator("time").getAttribute("datetime");
  const days = (Date.parse(iso ?? "") - startedAt) / 86_400_000;
  expect(days).toBeGreaterThan(6.99);
  expect(days).toBeLessThan(7.01);
  // Under 7 days left, but new: "Expiring soon" waits until the token is a day old (README, Service tokens).
  await expect(cell(tokenRow(page, name), "Status")).toHaveText("Active");
});
