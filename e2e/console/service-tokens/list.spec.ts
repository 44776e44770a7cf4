// Finding a token among many: search, Type and Status filters, sortable headers, keyset paging, all in
// the URL so Back walks the views. Tokens are seeded into the database under a tag no other test uses,
// and each test searches for its tag, so parallel tests never see each other's rows.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { STORAGE_STATE } from "../../support/env";
import { seedTokenRows, type SeedToken } from "../../support/seed";
import { bodyRows, listedIds, PAGE_PATH, tokensTable } from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

const DAY = 86_400_000;
const tag = (label: string) => `${label}${randomBytes(4).toString("hex")}`;
const summary = (page: Page) => page.locator("#token-list-summary");

async function search(page: Page, text: string) {
  await page.getByRole("searchbox", { name: "Search tokens" }).fill(text);
  await page.getByRole("searchbox", { name: "Search tokens" }).press("Enter");
  // The search is in the URL once its navigation is done; a search typed before that could be undone
  // by the previous one's page (which remounts the box with its own text).
  await expect(page).toHaveURL((url) => url.searchParams.get("q") === text);
}

test("paging by cursor: 50 a page, Next and Previous, each page in the URL and Back walks them", async ({ page }) => {
  test.setTimeout(90_000);
  const name = tag("paging");
  const now = Date.now();
  // Newest first by default: token 0 is the newest. A day old, so that tokens other tests create now
  // stay on the first page of the unfiltered list.
  const ids = seedTokenRows(
    Array.from({ length: 60 }, (_, i) => ({
      issuedTo: `${name} ${String(i).padStart(2, "0")}`,
      createdAt: new Date(now - DAY - i * 60_000),
      expiresAt: new Date(now + 30 * DAY),
    })),
  );

  await page.goto(PAGE_PATH);
  await search(page, name);
  await expect(page).toHaveURL(`${PAGE_PATH}?q=${name}`);
  await expect(summary(page)).toHaveText("60 tokens match");
  await expect(bodyRows(page)).toHaveCount(50);
  await expect.poll(() => listedIds(page)).toEqual(ids.slice(0, 50));
  await expect(page.getByRole("link", { name: "Previous page" })).toHaveAttribute("aria-disabled", "true");

  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]cursor=/);
  await expect(bodyRows(page)).toHaveCount(10);
  await expect.poll(() => listedIds(page)).toEqual(ids.slice(50));
  await expect(summary(page)).toHaveText("60 tokens match");
  await expect(page.getByRole("link", { name: "Next page" })).toHaveAttribute("aria-disabled", "true");
  const secondPageUrl = page.url();

  await page.getByRole("link", { name: "Previous page" }).click();
  await expect(bodyRows(page)).toHaveCount(50);
  await expect.poll(() => listedIds(page)).toEqual(ids.slice(0, 50));

  // Back returns to the second page, then to the first; a reload keeps the view.
  await page.goBack();
  await expect(page).toHaveURL(secondPageUrl);
  await expect(bodyRows(page)).toHaveCount(10);
  await page.reload();
  await expect.poll(() => listedIds(page)).toEqual(ids.slice(50));
  await page.goBack();
  await expect(page).toHaveURL(`${PAGE_PATH}?q=${name}`);
  await expect(bodyRows(page)).toHaveCount(50);

  // 25 a page: three pages.
  await page.getByRole("combobox", { name: "Per page" }).selectOption("25");
  await expect(page).toHaveURL(`${PAGE_PATH}?q=${name}&per_page=25`);
  await expect(bodyRows(page)).toHaveCount(25);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(bodyRows(page)).toHaveCount(25);
  await expect.poll(() => listedIds(page)).toEqual(ids.slice(25, 50));
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(bodyRows(page)).toHaveCount(10);
  await expect.poll(() => listedIds(page)).toEqual(ids.slice(50));
});

test("sortable headers: Issued To, Created At, Expiration, Last used, with aria-sort and the sort in the URL", async ({
  page,
}) => {
  const name = tag("sorting");
  const now = Date.now();
  const seeds: SeedToken[] = ["delta", "alpha", "charlie", "bravo"].map((word, i) => ({
    issuedTo: `${name} ${word}`,
    createdAt: new Date(now - [3, 1, 4, 2][i]! * DAY),
    expiresAt: new Date(now + [40, 20, 10, 30][i]! * DAY),
    lastUsedAt: i === 2 ? null : new Date(now - [5, 1, 0, 9][i]! * 3_600_000),
  }));
  const [delta, alpha, charlie, bravo] = seedTokenRows(seeds);
  await page.goto(`${PAGE_PATH}?q=${name}`);
  const header = (label: string) => tokensTable(page).getByRole("columnheader", { name: label });

  await expect(header("Created At")).toHaveAttribute("aria-sort", "descending");
  await expect(header("Issued To")).toHaveAttribute("aria-sort", "none");
  await expect.poll(() => listedIds(page)).toEqual([alpha, bravo, delta, charlie]);

  await header("Issued To").getByRole("link").click();
  await expect(page).toHaveURL(`${PAGE_PATH}?q=${name}&sort=issued_to`);
  await expect(header("Issued To")).toHaveAttribute("aria-sort", "ascending");
  await expect(header("Created At")).toHaveAttribute("aria-sort", "none");
  await expect.poll(() => listedIds(page)).toEqual([alpha, bravo, charlie, delta]);

  await header("Issued To").getByRole("link").click();
  await expect(header("Issued To")).toHaveAttribute("aria-sort", "descending");
  await expect(page).toHaveURL(`${PAGE_PATH}?q=${name}&sort=issued_to&order=desc`);
  await expect.poll(() => listedIds(page)).toEqual([delta, charlie, bravo, alpha]);

  await header("Expiration").getByRole("link").click();
  await expect(header("Expiration")).toHaveAttribute("aria-sort", "ascending");
  await expect.poll(() => listedIds(page)).toEqual([charlie, alpha, bravo, delta]);

  // Most recently used first; never used last.
  await header("Last used").getByRole("link").click();
  await expect(header("Last used")).toHaveAttribute("aria-sort", "descending");
  await expect.poll(() => listedIds(page)).toEqual([alpha, delta, bravo, charlie]);

  await page.goBack();
  await expect(header("Expiration")).toHaveAttribute("aria-sort", "ascending");
});

test("Type and each Status filter list exactly their tokens; search finds ID, creator and last characters", async ({ page }) => {
  const name = tag("filters");
  const now = Date.now();
  const old = new Date(now - 60 * DAY);
  const [active, developer, expiring, expired, revoked, used] = seedTokenRows([
    { issuedTo: `${name} active`, createdAt: old, expiresAt: new Date(now + 30 * DAY) },
    {
      issuedTo: `${name} developer`,
      type: "DEVELOPER",
      createdAt: old,
      expiresAt: new Date(now + 30 * DAY),
      createdByName: `carol${name}`,
    },
    { issuedTo: `${name} expiring`, createdAt: old, expiresAt: new Date(now + 3 * DAY), lastUsedAt: new Date(now - DAY) },
    { issuedTo: `${name} expired`, createdAt: old, expiresAt: new Date(now - DAY), lastUsedAt: new Date(now - 2 * DAY) },
    { issuedTo: `${name} revoked`, createdAt: old, expiresAt: new Date(now + 30 * DAY), revokedAt: new Date(now - DAY) },
    {
      issuedTo: `${name} used`,
      createdAt: old,
      expiresAt: new Date(now + 30 * DAY),
      lastUsedAt: new Date(now - 3_600_000),
      hint: "opc_con_…Zq9w",
    },
  ]);
  await page.goto(`${PAGE_PATH}?q=${name}`);
  const sorted = async () => (await listedIds(page)).sort();
  // Revoked tokens are left out until asked for.
  await expect(summary(page)).toHaveText("5 tokens match");
  await expect.poll(sorted).toEqual([active, developer, expiring, expired, used].sort());

  const status = page.getByRole("combobox", { name: "Status" });
  for (const [label, want] of [
    ["Active", [active, developer, used]],
    ["Expiring soon", [expiring]],
    ["Expired", [expired]],
    ["Revoked", [revoked]],
    ["Never used", [active, developer]],
  ] as const) {
    await status.selectOption({ label });
    await expect(summary(page)).toHaveText(want.length === 1 ? "1 token match" : `${want.length} tokens match`);
    await expect.poll(sorted, { message: label }).toEqual([...want].sort());
  }
  await expect(page).toHaveURL(`${PAGE_PATH}?q=${name}&status=never_used`);
  await status.selectOption({ label: "Any status" });
  await expect(page).toHaveURL(`${PAGE_PATH}?q=${name}`);

  await page.getByRole("combobox", { name: "Type" }).selectOption({ label: "Developer" });
  await expect(page).toHaveURL(`${PAGE_PATH}?q=${name}&type=developer`);
  await expect(summary(page)).toHaveText("1 token match");
  await expect.poll(() => listedIds(page)).toEqual([developer]);
  await page.getByRole("combobox", { name: "Type" }).selectOption({ label: "All types" });
  await expect(page).toHaveURL(`${PAGE_PATH}?q=${name}`);

  // Search: a token ID (any case), its creator, the token's last characters.
  await search(page, developer!.toLowerCase());
  await expect.poll(() => listedIds(page)).toEqual([developer]);
  await search(page, `carol${name}`);
  await expect.poll(() => listedIds(page)).toEqual([developer]);
  await search(page, "Zq9w");
  await expect.poll(() => listedIds(page)).toContain(used);

  // Nothing matches: an empty state that clears the filters.
  await search(page, `${name}-nothing-like-this`);
  await expect(page.getByRole("heading", { name: "No tokens match" })).toBeVisible();
  await expect(tokensTable(page)).toHaveCount(0);
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(new RegExp(`${PAGE_PATH}$`));
  await expect(page.getByRole("searchbox", { name: "Search tokens" })).toHaveValue("");
});

test("a whole token typed into the search is refused and never reaches the URL", async ({ page }) => {
  await page.goto(PAGE_PATH);
  const token = `opc_con_${"A1b2C3d4".repeat(6)}x`;
  // Not search(): a refused search does not navigate.
  await page.getByRole("searchbox", { name: "Search tokens" }).fill(token);
  await page.getByRole("searchbox", { name: "Search tokens" }).press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "looks like a whole token" })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Search tokens" })).toHaveValue("");
  expect(page.url()).not.toContain("opc_");
});

test("the expiry notice counts tokens expiring within 7 days and Show them applies the filter", async ({ page }) => {
  const now = Date.now();
  seedTokenRows([{ issuedTo: tag("notice"), createdAt: new Date(now - 20 * DAY), expiresAt: new Date(now + 2 * DAY) }]);
  await page.goto(PAGE_PATH);
  const notice = page.getByText(/\d+ tokens? (is|are) expiring soon \(within 7 days\)/);
  await expect(notice).toBeVisible();
  await notice.getByRole("link", { name: "Show them" }).click();
  await expect(page).toHaveURL(`${PAGE_PATH}?status=expiring&sort=expires_at`);
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("expiring");
  // Soonest first.
  await expect(tokensTable(page).getByRole("columnheader", { name: "Expiration" })).toHaveAttribute("aria-sort", "ascending");
  for (const row of await bodyRows(page).all()) await expect(row).toContainText("Expiring soon");
});

test("a hand-edited URL shows the default in place of a bad value: a tampered cursor, an unknown filter, a NUL in the search", async ({
  page,
}) => {
  const name = tag("tampered");
  const now = Date.now();
  const ids = seedTokenRows(
    Array.from({ length: 3 }, (_, i) => ({
      issuedTo: `${name} ${i}`,
      createdAt: new Date(now - DAY - i * 60_000),
      expiresAt: new Date(now + 30 * DAY),
    })),
  );
  const cursor = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString("base64url");
  for (const query of [
    // These answered 500: a value that is not a date on a date sort, null where the column cannot be empty.
    `q=${name}&cursor=${cursor(["a", "not a date", ids[0]])}`,
    `q=${name}&cursor=${cursor(["a", null, ids[0]])}`,
    `q=${name}&cursor=${cursor(["c", new Date(now).toISOString(), ids[0]])}`,
    `q=${name}&status=old&type=admin&order=up&per_page=7&sort=name`,
  ]) {
    const response = await page.goto(`${PAGE_PATH}?${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(summary(page)).toHaveText("3 tokens match");
    await expect.poll(() => listedIds(page), { message: query }).toEqual(ids);
    await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("");
    await expect(page.getByRole("combobox", { name: "Per page" })).toHaveValue("50");
  }
  // A NUL in the search (it answered 500): no search, the whole list, an empty search box.
  const response = await page.goto(`${PAGE_PATH}?q=${name}%00`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("searchbox", { name: "Search tokens" })).toHaveValue("");
  await expect(summary(page)).toHaveText(/^[\d,]+ tokens?$/);
});
