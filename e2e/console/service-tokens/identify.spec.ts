// "Identify a token": an administrator or a viewer pastes a string found somewhere and learns whether
// it is one of this console's tokens, and which. The pasted value is never stored, logged, put in a URL
// or kept on the page after the answer.
import { expect, test, type Page } from "@playwright/test";
import { generateToken } from "@/lib/tokens/server";
import { queryDatabase } from "../../support/db";
import { STORAGE_STATE } from "../../support/env";
import { expectSecretStoredNowhere } from "../../support/leaks";
import { createAndClose, PAGE_PATH, secretPart, uniqueIssuedTo } from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

async function identify(page: Page, value: string) {
  await page.getByRole("button", { name: "Identify a token" }).click();
  const dialog = page.getByRole("dialog", { name: "Identify a token" });
  const field = dialog.getByRole("textbox", { name: "Token" });
  await expect(field).toBeFocused();
  await field.fill(value);
  await dialog.getByRole("button", { name: "Identify", exact: true }).click();
  // The answer arrives and the field is emptied.
  await expect(field).toHaveValue("");
  return dialog;
}

function identifyEvents(hint: string) {
  return queryDatabase<{ actorName: string; targetId: string | null; details: string }>(
    `SELECT actorName, targetId, details FROM audit_events WHERE action = 'service_token.identify' AND details LIKE ?`,
    `%${hint}%`,
  );
}

test("a known token: its ID, type, issued to, status and last use, with Revoke; then revoked", async ({ page }) => {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  await page.goto(PAGE_PATH);
  const issuedTo = uniqueIssuedTo("E2E identify");
  const { token, publicId } = await createAndClose(page, { issuedTo, type: "Developer" });

  const dialog = await identify(page, `  ${token}\n`);
  const answer = dialog.getByRole("status");
  await expect(answer).toContainText("A token of this console");
  await expect(answer).toContainText(publicId);
  await expect(answer).toContainText("Developer");
  await expect(answer).toContainText(issuedTo);
  await expect(answer).toContainText(/Status\s*Active/);
  await expect(answer).toContainText(/Last used\s*Never/);
  await expect(answer.getByRole("link", { name: publicId })).toHaveAttribute("href", `${PAGE_PATH}/${publicId}`);

  // The value is gone from the page once answered, and never was in a URL.
  expect(await page.content()).not.toContain(secretPart(token));
  expect(await page.evaluate(() => document.body.innerText)).not.toContain(secretPart(token));
  expect(urls.filter((u) => u.includes(secretPart(token)))).toEqual([]);

  // Revoke from the answer.
  await answer.getByRole("button", { name: `Revoke ${publicId}` }).click();
  const confirmation = page.getByRole("alertdialog", { name: "Revoke service token?" });
  await confirmation.getByRole("button", { name: "OK" }).click();
  await expect(confirmation).toHaveCount(0);
  await expect(answer).toContainText(/Status\s*Revoked/);
  await expect(answer.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  await expect(dialog.locator("#identify-result")).toBeFocused();

  // Identified again: revoked, and no Revoke.
  await dialog.getByRole("button", { name: "Close" }).click();
  const again = await identify(page, token);
  await expect(again.getByRole("status")).toContainText(/Status\s*Revoked/);
  await expect(again.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

  // Audited by hint, with the token as target; the value itself nowhere.
  const hint = `${token.slice(0, 8)}…${token.slice(-4)}`;
  const events = identifyEvents(hint);
  expect(events).toHaveLength(2);
  expect(events.every((e) => e.actorName === "admin" && e.targetId === publicId)).toBe(true);
  expectSecretStoredNowhere(secretPart(token), `the identified token ${publicId}`);
});

test("a well-formed unknown token, a malformed value, and a whole token's checksum typo", async ({ page }) => {
  await page.goto(PAGE_PATH);
  const stranger = generateToken("CONNECTOR").token;
  const dialog = await identify(page, stranger);
  await expect(dialog.getByRole("status")).toContainText("Not a known token");
  await expect(dialog.getByRole("status")).toContainText(`opc_con_…${stranger.slice(-4)}`);
  expect(identifyEvents(`opc_con_…${stranger.slice(-4)}`)).toHaveLength(1);

  const field = dialog.getByRole("textbox", { name: "Token" });
  await field.fill("opc_con_notatoken");
  await dialog.getByRole("button", { name: "Identify", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText("Not a token of this console");
  await expect(dialog.getByRole("status")).toContainText("57 characters");

  await field.fill(`${stranger.slice(0, -1)}${stranger.endsWith("0") ? "1" : "0"}`);
  await dialog.getByRole("button", { name: "Identify", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText("checksum does not match");
  await expect(field).toHaveValue("");
  expect(await page.content()).not.toContain(secretPart(stranger));
  expectSecretStoredNowhere(secretPart(stranger), "the unknown token");
});

test.describe("as a viewer", () => {
  test.use({ storageState: STORAGE_STATE.viewer });

  test("a viewer identifies a token and sees the answer, without Revoke", async ({ page, browser }) => {
    const admin = await browser.newContext({ storageState: STORAGE_STATE.admin });
    let token: string;
    let publicId: string;
    try {
      const adminPage = await admin.newPage();
      await adminPage.goto(PAGE_PATH);
      ({ token, publicId } = await createAndClose(adminPage, { issuedTo: uniqueIssuedTo("E2E viewer identify") }));
    } finally {
      await admin.close();
    }
    await page.goto(PAGE_PATH);
    const dialog = await identify(page, token);
    await expect(dialog.getByRole("status")).toContainText(publicId);
    await expect(dialog.getByRole("status")).toContainText(/Status\s*Active/);
    await expect(page.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  });
});
