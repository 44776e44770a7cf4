// The console and its API together: a token created in the UI works against the API, its last use shows
// on the page, and once revoked in the UI it is refused on its very next API call.
import { expect, test } from "@playwright/test";
import { apiClient, freshAddress } from "../support/api";
import { STORAGE_STATE } from "../support/env";
import { cell, createAndClose, PAGE_PATH, tokenRow, uniqueIssuedTo } from "../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

test("a token revoked in the UI is refused on its very next API call", async ({ page, baseURL }) => {
  const call = apiClient(baseURL!);
  await page.goto(PAGE_PATH);
  const issuedTo = uniqueIssuedTo("E2E API revoke");
  const { token, publicId } = await createAndClose(page, { issuedTo, type: "Developer" });

  const before = await call("/api/v1/token", { token });
  expect(before.status).toBe(200);
  expect(before.json()).toMatchObject({ id: publicId, type: "developer", issuedTo });

  // The call is visible on the page as the token's last use (written off the request's path).
  const row = tokenRow(page, issuedTo);
  await expect
    .poll(async () => {
      await page.reload();
      return cell(row, "Last used").textContent();
    })
    .not.toMatch(/Never/);

  await row.getByRole("button", { name: "Revoke" }).click();
  const confirmation = page.getByRole("alertdialog", { name: "Revoke service token?" });
  await confirmation.getByRole("button", { name: "OK" }).click();
  await expect(confirmation).toHaveCount(0);

  const after = await call("/api/v1/token", { token, from: freshAddress() });
  expect(after.status).toBe(401);
  expect(after.error().code).toBe("revoked");
  expect(after.headers["www-authenticate"]).toBe(
    'Bearer realm="console", error="invalid_token", error_description="The token has been revoked."',
  );
});
