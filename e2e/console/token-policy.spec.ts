// Settings > Token Policy: administrators change it (audited), viewers read it, and the Create dialog
// offers only what it allows. Only the Developer limit is tightened, and only for a moment, because other
// specs create tokens at the same time.
import { expect, test, type Page } from "@playwright/test";
import { STORAGE_STATE } from "../support/env";
import { auditCount, setTokenPolicy } from "../support/lifecycle";
import { seedTokens } from "../support/api";
import { dateInZone, oneTimeModal, openCreateDialog, PAGE_PATH, uniqueIssuedTo } from "../support/tokens";

const POLICY_PATH = "/settings/token-policy";
test.describe.configure({ mode: "serial" });

async function openPolicy(page: Page) {
  await page.goto("/settings/service-tokens");
  await page.getByRole("navigation").getByRole("link", { name: "Token Policy" }).first().click();
  await expect(page).toHaveURL(new RegExp(`${POLICY_PATH}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Token Policy" })).toBeVisible();
}

// A zone without daylight saving time, so that 60 × 24 hours from now is always 60 calendar days ahead.
const TIME_ZONE = "Pacific/Honolulu";

test.describe("as an administrator", () => {
  test.use({ storageState: STORAGE_STATE.admin, timezoneId: TIME_ZONE });
  test.afterEach(async () => setTokenPolicy(null));

  test("shows the built-in limits, refuses bad values with field errors, saves and audits a change", async ({ page }) => {
    await setTokenPolicy(null);
    await openPolicy(page);
    const connector = page.getByRole("spinbutton", { name: "Maximum lifetime of Connector tokens (days)" });
    const developer = page.getByRole("spinbutton", { name: "Maximum lifetime of Developer tokens (days)" });
    const fallback = page.getByRole("combobox", { name: "Default expiration" });
    await expect(connector).toHaveValue("1095");
    await expect(developer).toHaveValue("1095");
    await expect(fallback).toHaveValue("30");
    await expect(page.getByText("Never changed: the built-in limits apply.")).toBeVisible();

    await developer.fill("0");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Developer tokens must be allowed at least 1 day.")).toBeVisible();
    await expect(developer).toHaveAttribute("aria-invalid", "true");
    await developer.fill("1096");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Developer tokens can live at most 1095 days (3 years).")).toBeVisible();

    const before = await auditCount("token_policy.update", "default");
    await developer.fill("60");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Token policy saved." })).toBeVisible();
    expect(await auditCount("token_policy.update", "default")).toBe(before + 1);

    // The inactive-token policy: empty is never, otherwise 30 to 730 days.
    const unused = page.getByRole("spinbutton", { name: "Revoke tokens unused for (days)" });
    await expect(unused).toHaveValue("");
    await unused.fill("29");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Unused tokens can be revoked after 30 days at the earliest.")).toBeVisible();
    await unused.fill("730");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Token policy saved." })).toBeVisible();
    await page.reload();
    await expect(unused).toHaveValue("730");
    await unused.fill("");
    await page.getByRole("button", { name: "Save" }).click();
    // Saved, and nothing about tokens to be revoked: the policy is off again.
    await expect(page.getByRole("status").filter({ hasText: "Token policy saved." })).toHaveText("Token policy saved.");
    await page.reload();
    await expect(unused).toHaveValue("");

    // The Create dialog now offers a Developer token only what 60 days allow.
    await page.goto(PAGE_PATH);
    const dialog = await openCreateDialog(page);
    const expiration = dialog.getByRole("combobox", { name: "Set Expiration Time" });
    await expect(expiration.getByRole("option")).toHaveText(["7 days", "30 days", "60 days", "90 days", "1 year", "Custom date"]);
    await dialog.getByRole("radio", { name: "Developer" }).check();
    await expect(expiration.getByRole("option")).toHaveText(["7 days", "30 days", "60 days", "Custom date"]);

    // A custom date stands for the end of that day: the picker ends at the last day that ends within
    // 60 × 24 hours, and the server refuses the day after it with the policy's message.
    await dialog.getByRole("textbox", { name: "Issued To" }).fill(`E2E policy ${Date.now()}`);
    await expiration.selectOption({ label: "Custom date" });
    const date = dialog.getByLabel("Expiration date");
    await expect(date).toHaveAttribute("max", dateInZone(TIME_ZONE, 59));
    await date.fill(dateInZone(TIME_ZONE, 60));
    await dialog.getByRole("button", { name: "Create", exact: true }).click();
    // Beside its field, and in the summary above the form.
    await expect(dialog.getByRole("alert")).toContainText(
      "Developer tokens may live at most 60 days (Token Policy). Choose an earlier expiration.",
    );
    await expect(
      dialog.getByText("Developer tokens may live at most 60 days (Token Policy). Choose an earlier expiration.", {
        exact: true,
      }),
    ).toBeVisible();
    await date.fill(dateInZone(TIME_ZONE, 59));
    await dialog.getByRole("button", { name: "Create", exact: true }).click();
    await expect(oneTimeModal(page)).toBeVisible();
  });
});

test.describe("the inactive-token policy", () => {
  test.use({ storageState: STORAGE_STATE.admin });
  test.afterEach(async () => setTokenPolicy(null));

  test("flags the tokens it revokes within 7 days, in the list and on their page", async ({ page }) => {
    const issuedTo = uniqueIssuedTo("E2E unused");
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
    const [soon, later] = await seedTokens([
      { type: "CONNECTOR", issuedTo, createdAt: daysAgo(25), expiresAt: inDays(300) },
      { type: "CONNECTOR", issuedTo, createdAt: daysAgo(10), expiresAt: inDays(300) },
    ]);
    await setTokenPolicy({ connectorMaxDays: 1095, developerMaxDays: 1095, defaultExpiration: "30", revokeUnusedDays: 30 });

    await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(issuedTo)}`);
    await expect(page.getByRole("row").filter({ hasText: soon!.publicId })).toContainText("Unused: revoked");
    await expect(page.getByRole("row").filter({ hasText: later!.publicId })).not.toContainText("Unused");

    await page.goto(`${PAGE_PATH}/${soon!.publicId}`);
    await expect(page.getByText("Unused for 30 days at")).toContainText("the inactive-token policy revokes it then");
    await page.goto(`${PAGE_PATH}/${later!.publicId}`);
    await expect(page.getByText("the inactive-token policy revokes it")).toHaveCount(0);
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: STORAGE_STATE.viewer });

  test("reads the policy without being able to change it", async ({ page }) => {
    await openPolicy(page);
    await expect(page.getByText("Only administrators can change the token policy.")).toBeVisible();
    await expect(page.getByRole("spinbutton", { name: "Maximum lifetime of Connector tokens (days)" })).toHaveAttribute(
      "readonly",
      "",
    );
    await expect(page.getByRole("combobox", { name: "Default expiration" })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  });
});
