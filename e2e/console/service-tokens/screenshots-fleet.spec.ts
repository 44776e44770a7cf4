// Screenshots of the fleet-scale screens for review (e2e/screenshots/, not committed): the list searched
// and filtered with its notice, "No tokens match", a token's page, Identify a token with an answer, and
// the audit log with filters, at 1280 and 390 px, light and dark.
import { expect, test } from "@playwright/test";
import { apiClient, multipart } from "../../support/api";
import { STORAGE_STATE } from "../../support/env";
import { captureScreens } from "../../support/screenshots";
import { seedTokenRows } from "../../support/seed";
import { createAndClose, PAGE_PATH, uniqueIssuedTo } from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

test("screenshots of the list's find tools, a token's page, Identify a token and the audit log", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const now = Date.now();
  const tag = uniqueIssuedTo("Branch office").replace(/ /g, "-");
  seedTokenRows(
    Array.from({ length: 30 }, (_, i) => ({
      issuedTo: `${tag} ${i} connector`,
      type: i % 4 === 0 ? ("DEVELOPER" as const) : ("CONNECTOR" as const),
      createdAt: new Date(now - (40 + i) * 86_400_000),
      expiresAt: new Date(now + (i % 5 === 0 ? 3 : 60) * 86_400_000),
      lastUsedAt: i % 3 ? new Date(now - i * 3_600_000) : null,
      revokedAt: i === 7 ? new Date(now - 86_400_000) : null,
    })),
  );
  await page.goto(`${PAGE_PATH}?q=${tag}&per_page=25&sort=expires_at`);
  await expect(page.getByRole("link", { name: "Next page" })).toBeVisible();
  await captureScreens(page, "fleet-list-searched");

  await page.goto(`${PAGE_PATH}?q=${tag}&status=expiring&show=revoked`);
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("expiring");
  await captureScreens(page, "fleet-list-filtered");

  await page.goto(`${PAGE_PATH}?q=no-such-token-anywhere`);
  await expect(page.getByRole("heading", { name: "No tokens match" })).toBeVisible();
  await captureScreens(page, "fleet-list-no-match");

  await page.goto(PAGE_PATH);
  const { token, publicId } = await createAndClose(page, {
    issuedTo: uniqueIssuedTo("Mail gateway connector"),
    type: "Connector",
  });
  const call = apiClient(baseURL!);
  const { body, contentType } = multipart([{ field: "file", filename: "quarterly-report.pdf", content: "%PDF-1.7" }]);
  expect((await call("/api/v1/files", { method: "POST", token, body, headers: { "content-type": contentType } })).status).toBe(
    201,
  );
  await page.goto(`${PAGE_PATH}/${publicId}`);
  await expect(page.getByRole("list", { name: "Files uploaded with it" })).toBeVisible();
  await captureScreens(page, "fleet-token-page");

  await page.goto(PAGE_PATH);
  await page.getByRole("button", { name: "Identify a token" }).click();
  const dialog = page.getByRole("dialog", { name: "Identify a token" });
  await dialog.getByRole("textbox", { name: "Token" }).fill(token);
  await dialog.getByRole("button", { name: "Identify", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText(publicId);
  await captureScreens(page, "fleet-identify");

  await page.goto("/settings/audit-log?outcome=success");
  await expect(page.getByRole("table", { name: "Audit events" })).toBeVisible();
  await captureScreens(page, "fleet-audit-log");
});
