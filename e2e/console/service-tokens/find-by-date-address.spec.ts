// Finding by date and by address (issue 21 item 1): the `Expires` filter among 10,000 seeded tokens, the
// search by a token's client address (exact and by its start) after real API calls from that address,
// and the Audit Log's Address filter, each in the URL.
import { expect, test } from "@playwright/test";
import { apiClient, freshAddress, seedTokens } from "../../support/api";
import { BASE_URL, STORAGE_STATE } from "../../support/env";
import { seedTokenRows } from "../../support/seed";
import { listedIds, PAGE_PATH, uniqueIssuedTo } from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

const DAY = 86_400_000;
const call = apiClient(BASE_URL);

test("Expires lists the live tokens expiring within 7, 30 or 90 days among 10,000", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = uniqueIssuedTo("Expiry fleet").replace(/ /g, "-");
  const now = Date.now();
  // 10,000 tokens expiring 1 to 400 days from now (and a few already expired or revoked).
  const days = Array.from({ length: 10_000 }, (_, i) => (i % 400) + 1);
  seedTokenRows(
    days.map((d, i) => ({
      issuedTo: `${tag} ${i}`,
      createdAt: new Date(now - 30 * DAY),
      expiresAt: new Date(now + d * DAY - 60_000 + i),
      revokedAt: i % 1000 === 5 ? new Date(now - DAY) : null,
    })),
  );
  const within = (span: number) => days.filter((d, i) => d <= span && i % 1000 !== 5).length;

  await page.goto(`${PAGE_PATH}?q=${tag}`);
  const select = page.getByRole("combobox", { name: "Expires" });
  await expect(select.getByRole("option")).toHaveText(["Any time", "Within 7 days", "Within 30 days", "Within 90 days"]);
  for (const [label, value, span] of [
    ["Within 7 days", "within_7", 7],
    ["Within 30 days", "within_30", 30],
    ["Within 90 days", "within_90", 90],
  ] as const) {
    await select.selectOption({ label });
    await expect(page).toHaveURL(`${PAGE_PATH}?q=${tag}&expires=${value}`);
    await expect(page.getByText(`${within(span).toLocaleString("en-US")} tokens match`)).toBeVisible();
  }
  // Sorted by expiration, the soonest first; a bad value shows Any time.
  await page.goto(`${PAGE_PATH}?q=${tag}&expires=within_7&sort=expires_at`);
  await expect(page.getByRole("table", { name: "Tokens" }).getByRole("row").nth(1)).toContainText(new RegExp(`${tag} 0(?!\\d)`));
  await page.goto(`${PAGE_PATH}?q=${tag}&expires=within_8`);
  await expect(page.getByRole("combobox", { name: "Expires" })).toHaveValue("");
});

test("the search finds a token by the address it was last used from, exactly or by its start; the Audit Log filters by it", async ({
  page,
}) => {
  const tag = uniqueIssuedTo("Address search");
  const [token, other] = await seedTokens([
    { type: "CONNECTOR", issuedTo: `${tag} used` },
    { type: "CONNECTOR", issuedTo: `${tag} other` },
  ]);
  if (!token || !other) throw new Error("no tokens seeded");
  const address = freshAddress();
  expect((await call("/api/v1/token", { token: token.token, from: address })).status).toBe(200);
  // A failed authentication from the same address, audited with it.
  expect((await call("/api/v1/token", { token: `${token.token.slice(0, -4)}AAAA`, from: address })).status).toBe(401);

  // The last use and the client addresses are written shortly after the call.
  await expect(async () => {
    await page.goto(`${PAGE_PATH}?q=${address}`);
    expect(await listedIds(page)).toEqual([token.publicId]);
  }).toPass({ timeout: 20_000 });
  const prefix = address.slice(0, address.lastIndexOf(".") + 1);
  await page.goto(PAGE_PATH);
  await page.getByRole("searchbox", { name: "Search tokens" }).fill(prefix);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(`${PAGE_PATH}?q=${prefix}`);
  await expect.poll(() => listedIds(page)).toContain(token.publicId);
  expect(await listedIds(page)).not.toContain(other.publicId);

  await page.goto("/settings/audit-log");
  await page.getByRole("searchbox", { name: "Address" }).fill(address);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`address=${address.replaceAll(".", "\\.")}`));
  const rows = page.getByRole("table", { name: "Audit events" }).getByRole("row");
  await expect(rows.filter({ hasText: address }).first()).toBeVisible();
  await expect(rows).toHaveCount(1 + (await rows.filter({ hasText: address }).count()));
});
