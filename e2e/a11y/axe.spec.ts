// axe reports no WCAG 2.2 A/AA violation on any screen of the Service Tokens part: sign-in, the list
// (no match, with rows, filtered), a token's page, every dialog, and the audit log, at 1280 and 390 px,
// light and dark.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "../support/axe";
import { STORAGE_STATE } from "../support/env";
import { DAY_MS } from "@/lib/tokens";
import { seedTokens } from "../support/api";
import {
  copyAndClose,
  createAndClose,
  createToken,
  oneTimeModal,
  openCreateDialog,
  PAGE_PATH,
  tokenRow,
  uniqueIssuedTo,
} from "../support/tokens";

// Each screen is checked four times (two widths, two schemes); on a loaded machine that takes a while.
test.describe.configure({ timeout: 300_000 });

test("sign-in", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectNoAxeViolations(page, "sign-in");
  await context.close();
});

test.describe("signed in as an administrator", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("the list with rows, filtered, with no match; a token's page; the audit log", async ({ page }) => {
    await page.goto(PAGE_PATH);
    const issuedTo = uniqueIssuedTo("Axe list");
    const { publicId } = await createAndClose(page, { issuedTo, type: "Developer" });
    await expect(tokenRow(page, issuedTo)).toBeVisible();
    await expectNoAxeViolations(page, "list with rows");

    await page.goto(`${PAGE_PATH}?type=developer&status=active&show=revoked`);
    await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("active");
    await expectNoAxeViolations(page, "list filtered");

    // The filters and sort of the chores (Expires, Last used, Requests (7 days)), with rows.
    await page.goto(`${PAGE_PATH}?expires=within_90&sort=requests_7d`);
    await expect(page.getByRole("combobox", { name: "Expires" })).toHaveValue("within_90");
    await expect(tokenRow(page, issuedTo)).toBeVisible();
    await expectNoAxeViolations(page, "list by requests, expiring within 90 days");

    await page.goto(`${PAGE_PATH}?q=nothing-matches-this`);
    await expect(page.getByRole("heading", { name: "No tokens match" })).toBeVisible();
    await expectNoAxeViolations(page, "list with no match");

    await page.goto(`${PAGE_PATH}/${publicId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(publicId);
    await expectNoAxeViolations(page, "token page");

    await page.goto("/settings/audit-log");
    await expect(page.getByRole("table", { name: "Audit events" })).toBeVisible();
    await expectNoAxeViolations(page, "audit log");

    await page.goto("/settings/audit-log?address=127.0.0.");
    await expect(page.getByRole("searchbox", { name: "Address" })).toHaveValue("127.0.0.");
    await expectNoAxeViolations(page, "audit log by address");
  });

  test("every dialog: Create New, the one-time modal, its question, the Revoke confirmation, Identify a token", async ({
    page,
  }) => {
    await page.goto(PAGE_PATH);
    const dialog = await openCreateDialog(page);
    await expectNoAxeViolations(page, "Create New dialog");
    await dialog.getByRole("button", { name: "Create", exact: true }).click();
    await expect(dialog.getByRole("textbox", { name: "Issued To" })).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page, "Create New dialog with an error");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    const issuedTo = uniqueIssuedTo("Axe dialogs");
    const { modal } = await createToken(page, { issuedTo });
    await expectNoAxeViolations(page, "one-time modal");
    await modal.getByRole("button", { name: "Done" }).click();
    await expect(modal.getByRole("alert").filter({ hasText: "Did you copy the token?" })).toBeVisible();
    await expectNoAxeViolations(page, "did you copy it?");
    await modal.getByRole("button", { name: "Close without copying" }).click();
    await expect(modal).toBeHidden();

    await tokenRow(page, issuedTo).getByRole("button", { name: "Revoke" }).click();
    const confirmation = page.getByRole("alertdialog", { name: "Revoke service token?" });
    await expect(confirmation).toBeVisible();
    await expectNoAxeViolations(page, "Revoke confirmation");
    await confirmation.getByRole("button", { name: "Cancel" }).click();
    await expect(confirmation).toHaveCount(0);

    const { token } = await createAndClose(page, { issuedTo: uniqueIssuedTo("Axe identify") });
    await page.getByRole("button", { name: "Identify a token" }).click();
    const identify = page.getByRole("dialog", { name: "Identify a token" });
    await expectNoAxeViolations(page, "Identify a token");
    await identify.getByRole("textbox", { name: "Token" }).fill(token);
    await identify.getByRole("button", { name: "Identify", exact: true }).click();
    await expect(identify.getByRole("status")).toContainText("A token of this console");
    await expectNoAxeViolations(page, "Identify a token, answered");
  });
});

test.describe("token lifecycle, signed in as an administrator", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("Rotate, its one-time modal, the token page while rotating and editing, the revoke Reason, bulk revoke, Token Policy", async ({
    page,
  }) => {
    const issuedTo = uniqueIssuedTo("Axe lifecycle");
    const [old] = await seedTokens([
      { type: "CONNECTOR", issuedTo },
      { type: "CONNECTOR", issuedTo, expiresAt: new Date(Date.now() + 1200 * DAY_MS) },
      { type: "DEVELOPER", issuedTo, revoked: true },
    ]);
    await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(issuedTo)}&show=revoked`);
    await page.getByRole("checkbox", { name: "Select all on this page" }).check();
    await expectNoAxeViolations(page, "list with selection, flag and revoked row");

    await page.getByRole("button", { name: /^Revoke selected/ }).click();
    const bulk = page.getByRole("alertdialog");
    await bulk.getByRole("radio", { name: "Other" }).check();
    await bulk.getByRole("button", { name: "OK" }).click();
    await expect(bulk.getByText("Say briefly why, for Other.")).toBeVisible();
    await expectNoAxeViolations(page, "bulk revoke confirmation with a Reason error");
    await bulk.getByRole("button", { name: "Cancel" }).click();

    await page.goto(`${PAGE_PATH}/${old!.publicId}`);
    await page.getByRole("button", { name: `Rotate ${old!.publicId}` }).click();
    await expect(page.getByRole("dialog", { name: "Rotate service token" })).toBeVisible();
    await expectNoAxeViolations(page, "Rotate service token");
    await page.getByRole("dialog", { name: "Rotate service token" }).getByRole("button", { name: "Rotate", exact: true }).click();
    const modal = oneTimeModal(page);
    await expect(modal.getByRole("textbox", { name: "Service token" })).toBeVisible();
    await expectNoAxeViolations(page, "rotate one-time modal");
    await copyAndClose(modal);
    await expect(page.getByRole("status").filter({ hasText: "Rotating" })).toBeVisible();
    await expectNoAxeViolations(page, "token page, rotating");

    await page.getByRole("button", { name: "Edit description and addresses" }).click();
    await page.getByRole("textbox", { name: "Allowed addresses" }).fill("not a range");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("textbox", { name: "Allowed addresses" })).toHaveAttribute("aria-invalid", "true");
    // The pointer rests where Save was; at 390 px a hovered button would sit under it mid-transition.
    await page.mouse.move(0, 0);
    await expectNoAxeViolations(page, "token page, editing with an error");
    await page.getByRole("button", { name: "Cancel" }).click();

    await page.getByRole("button", { name: `Revoke ${old!.publicId}` }).click();
    await expect(page.getByRole("alertdialog").getByRole("group", { name: "Reason" })).toBeVisible();
    await expectNoAxeViolations(page, "revoke confirmation with Reason");
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();

    await page.goto("/settings/token-policy");
    await expect(page.getByRole("heading", { name: "Token Policy" })).toBeVisible();
    await expectNoAxeViolations(page, "Token Policy");
  });
});

test("the check itself fails on a known violation (white on blue-500: 3.68:1)", async ({ page }) => {
  await page.setContent(
    `<!doctype html><html lang="en"><head><title>t</title></head><body><main><button style="background:#3b82f6;color:#fff;font-size:14px">Create</button></main></body></html>`,
  );
  await expect(expectNoAxeViolations(page, "a known violation")).rejects.toThrow(/color-contrast/);
});
