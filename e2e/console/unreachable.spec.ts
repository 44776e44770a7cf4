// When a form's server action cannot reach the console (the network is down, the server restarting),
// every form says the same sentence, naming what did not happen; nothing changes, and what was typed stays
// so that trying again works.
import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../support/env";
import { copyAndClose, fillCreateForm, oneTimeModal, openCreateDialog, PAGE_PATH, uniqueIssuedTo } from "../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

test("Create New offline: no token is created, the dialog says so, and Create works once back online", async ({
  page,
  context,
}) => {
  await page.goto(PAGE_PATH);
  const issuedTo = uniqueIssuedTo("E2E offline");
  const dialog = await openCreateDialog(page);
  await fillCreateForm(dialog, { type: "Connector", issuedTo });

  await context.setOffline(true);
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(dialog.getByText("The console could not be reached: no token was created. Try again.")).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: "Issued To" })).toHaveValue(issuedTo);

  await context.setOffline(false);
  await page.request.get("/api/health");
  // Nothing was created while offline: the search finds no token issued to it.
  const listed = await page.request.get(`${PAGE_PATH}?q=${encodeURIComponent(issuedTo)}`);
  expect(await listed.text()).toContain("No tokens match");

  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  const modal = oneTimeModal(page);
  await expect(modal).toBeVisible();
  await expect(modal).toContainText(issuedTo);
  await copyAndClose(modal);
});

test("Token Policy offline: Save says nothing was saved, and the policy is not what was typed", async ({ page, context }) => {
  await page.goto("/settings/token-policy");
  const developer = page.getByRole("spinbutton", { name: "Maximum lifetime of Developer tokens (days)" });
  // A limit no other test sets (token-policy.spec.ts changes this one for a moment, in parallel).
  const changed = "363";
  await developer.fill(changed);

  await context.setOffline(true);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The console could not be reached: nothing was saved. Try again.")).toBeVisible();
  await expect(developer).toHaveValue(changed);

  await context.setOffline(false);
  await page.reload();
  await expect(page.getByRole("spinbutton", { name: "Maximum lifetime of Developer tokens (days)" })).not.toHaveValue(changed);
});
