// The glitches issue 21 found by eye, each measured: Token Policy's select arrow inside its box, the
// token page's cards with one value column, an event code in the audit log at 390 px that breaks only at
// its dots, and an Arabic Issued To laid out right to left in its own direction.
import { expect, test, type Locator } from "@playwright/test";
import { STORAGE_STATE } from "../support/env";
import { seedTokenRows } from "../support/seed";
import { PAGE_PATH, uniqueIssuedTo } from "../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b).not.toBeNull();
  return b!;
}

test("Token Policy: the Default expiration arrow sits inside its box, at its right edge", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/settings/token-policy");
  const select = page.getByRole("combobox", { name: "Default expiration" });
  const arrow = select.locator("xpath=following-sibling::*[name()='svg'][1]");
  const s = await box(select);
  const a = await box(arrow);
  expect(a.x + a.width).toBeLessThanOrEqual(s.x + s.width);
  expect(s.x + s.width - (a.x + a.width)).toBeLessThan(24);
});

test("the token page: the Details and Description cards' values start at the same x", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const now = Date.now();
  const [publicId] = seedTokenRows([
    {
      issuedTo: uniqueIssuedTo("Aligned cards"),
      createdAt: new Date(now - 86_400_000),
      expiresAt: new Date(now + 9 * 86_400_000),
    },
  ]);
  await page.goto(`${PAGE_PATH}/${publicId}`);
  const values = page.locator("dl").locator("dd");
  const first = page.locator("dl").first().locator("dd").first();
  const last = page.locator("dl").nth(1).locator("dd").first();
  await expect(values.first()).toBeVisible();
  expect((await box(first)).x).toBe((await box(last)).x);
});

test("the audit log at 390 px breaks an event code only after a dot or an underscore", async ({ page }) => {
  await page.goto(PAGE_PATH);
  await page.getByRole("button", { name: "Identify a token" }).click();
  const dialog = page.getByRole("dialog", { name: "Identify a token" });
  await dialog.getByRole("textbox", { name: "Token" }).fill("not-a-token-at-all");
  await dialog.getByRole("button", { name: "Identify", exact: true }).click();
  await expect(dialog.getByRole("textbox", { name: "Token" })).toHaveValue("");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/settings/audit-log?action=service_token.identify");
  const code = page.getByText("service_token.identify", { exact: true }).first();
  await expect(code).toBeVisible();
  // Each piece between the break points is on one line (a piece split mid-word has two line boxes).
  const pieces = await code.evaluate((element) =>
    [...element.childNodes]
      .filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => {
        const range = document.createRange();
        range.selectNodeContents(node);
        return { text: node.textContent, lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
      }),
  );
  expect(pieces.map((p) => p.text).join("")).toBe("service_token.identify");
  for (const piece of pieces) expect(piece, `“${piece.text}” on one line`).toMatchObject({ lines: 1 });
});

test("an Arabic Issued To is laid out in its own direction on the token page", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const now = Date.now();
  const issuedTo = `موصل بوابة البريد الإلكتروني في المكتب الرئيسي ${uniqueIssuedTo("").trim()}`;
  const [publicId] = seedTokenRows([
    { issuedTo, createdAt: new Date(now - 86_400_000), expiresAt: new Date(now + 30 * 86_400_000) },
  ]);
  await page.goto(`${PAGE_PATH}/${publicId}`);
  const value = page.locator("dd").filter({ hasText: issuedTo });
  await expect(value).toBeVisible();
  expect(await value.evaluate((element) => getComputedStyle(element).direction)).toBe("rtl");
  // In the sentence under the heading it is isolated, so the words around it keep their order.
  await expect(page.locator("bdi").filter({ hasText: issuedTo })).toHaveCount(1);
});

test("an Arabic Issued To is laid out in its own direction in the list", async ({ page }) => {
  const now = Date.now();
  const tag = uniqueIssuedTo("").trim();
  const issuedTo = `موصل بوابة البريد ${tag}`;
  seedTokenRows([{ issuedTo, createdAt: new Date(now - 86_400_000), expiresAt: new Date(now + 30 * 86_400_000) }]);
  await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(tag)}`);
  const name = page.locator("[id^=issued-to-]").filter({ hasText: issuedTo });
  await expect(name).toBeVisible();
  expect(await name.evaluate((element) => getComputedStyle(element).direction)).toBe("rtl");
});
