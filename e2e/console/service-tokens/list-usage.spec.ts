// The list's usage (issue 19 item 3): the `Requests (7 days)` column counts real API calls and sorts the
// list (at 10,000 seeded tokens, paging by cursor), and the `Last used` filter lists the live tokens unused
// for a span, never-used ones older than it included, from the select and from the Overview's link.
import { expect, test } from "@playwright/test";
import { apiClient, seedTokens } from "../../support/api";
import { BASE_URL, STORAGE_STATE } from "../../support/env";
import { seedTokenRows } from "../../support/seed";
import { bodyRows, cell, listedIds, PAGE_PATH, tokenRow, tokensTable, uniqueIssuedTo } from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

const DAY = 86_400_000;
const call = apiClient(BASE_URL);

test("Requests (7 days) shows the API calls made with each token, as a number beside a bar", async ({ page }) => {
  const tag = uniqueIssuedTo("Requests column");
  const [busy, quiet] = await seedTokens([
    { type: "CONNECTOR", issuedTo: `${tag} busy` },
    { type: "CONNECTOR", issuedTo: `${tag} quiet` },
  ]);
  if (!busy || !quiet) throw new Error("no tokens seeded");
  const calls = [...Array.from({ length: 4 }, () => busy.token), quiet.token].map((token) => call("/api/v1/token", { token }));
  expect((await Promise.all(calls)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);

  // Written within a second (USAGE_FLUSH_SECONDS=1 in the e2e server).
  await expect(async () => {
    await page.goto(`${PAGE_PATH}?q=${encodeURIComponent(tag)}&sort=requests_7d`);
    await expect(cell(tokenRow(page, `${tag} busy`), "Requests (7 days)")).toHaveText("4", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(cell(tokenRow(page, `${tag} quiet`), "Requests (7 days)")).toHaveText("1");
  await expect.poll(() => listedIds(page)).toEqual([busy.publicId, quiet.publicId]);
  const header = tokensTable(page).getByRole("columnheader", { name: "Requests (7 days)" });
  await expect(header).toHaveAttribute("aria-sort", "descending");
  // The bar is for the eye: hidden from assistive technology, the number is the cell's text.
  await expect(cell(tokenRow(page, `${tag} busy`), "Requests (7 days)").locator("svg")).toHaveAttribute("aria-hidden", "true");

  await header.getByRole("link").click();
  await expect(page).toHaveURL(`${PAGE_PATH}?q=${encodeURIComponent(tag).replaceAll("%20", "+")}&sort=requests_7d&order=asc`);
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  await expect.poll(() => listedIds(page)).toEqual([quiet.publicId, busy.publicId]);
});

test("sorting 10,000 tokens by Requests (7 days) pages by cursor, busiest first, without repeating a token", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = uniqueIssuedTo("Busy fleet").replace(/ /g, "-");
  const now = Date.now();
  // Many ties (a count repeats every 997 tokens) so the ID tie-break matters.
  const requests = Array.from({ length: 10_000 }, (_, i) => ((i * 7919) % 997) * 13);
  const ids = seedTokenRows(
    requests.map((n, i) => ({
      issuedTo: `${tag} ${i}`,
      createdAt: new Date(now - 30 * DAY),
      expiresAt: new Date(now + 60 * DAY),
      requests7d: n,
    })),
  );
  const expected = ids
    .map((id, i) => ({ id, n: requests[i]! }))
    .sort((a, b) => b.n - a.n || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));

  await page.goto(`${PAGE_PATH}?q=${tag}&sort=requests_7d`);
  await expect(page.getByText("10,000 tokens match")).toBeVisible();
  await expect.poll(() => listedIds(page)).toEqual(expected.slice(0, 50).map((t) => t.id));
  await expect(cell(bodyRows(page).first(), "Requests (7 days)")).toHaveText(expected[0]!.n.toLocaleString("en-US"));
  await expect(cell(bodyRows(page).last(), "Requests (7 days)")).toHaveText(expected[49]!.n.toLocaleString("en-US"));
  await page.getByRole("link", { name: "Next page" }).click();
  await expect.poll(() => listedIds(page)).toEqual(expected.slice(50, 100).map((t) => t.id));
  await page.getByRole("link", { name: "Previous page" }).click();
  await expect.poll(() => listedIds(page)).toEqual(expected.slice(0, 50).map((t) => t.id));
});

test("Last used lists the live tokens unused for 30, 90 or 180 days, never-used ones older than the span included", async ({
  page,
}) => {
  const tag = uniqueIssuedTo("Idle").replace(/ /g, "-");
  const now = Date.now();
  const [recent, idle100, neverOld, neverYoung, idle200, revoked] = seedTokenRows([
    {
      issuedTo: `${tag} recent`,
      createdAt: new Date(now - 300 * DAY),
      expiresAt: new Date(now + 60 * DAY),
      lastUsedAt: new Date(now - DAY),
    },
    {
      issuedTo: `${tag} idle100`,
      createdAt: new Date(now - 300 * DAY),
      expiresAt: new Date(now + 60 * DAY),
      lastUsedAt: new Date(now - 100 * DAY),
    },
    { issuedTo: `${tag} never-old`, createdAt: new Date(now - 120 * DAY), expiresAt: new Date(now + 60 * DAY) },
    { issuedTo: `${tag} never-young`, createdAt: new Date(now - 10 * DAY), expiresAt: new Date(now + 60 * DAY) },
    {
      issuedTo: `${tag} idle200`,
      createdAt: new Date(now - 300 * DAY),
      expiresAt: new Date(now + 60 * DAY),
      lastUsedAt: new Date(now - 200 * DAY),
    },
    {
      issuedTo: `${tag} revoked`,
      createdAt: new Date(now - 300 * DAY),
      expiresAt: new Date(now + 60 * DAY),
      revokedAt: new Date(now - DAY),
    },
  ]);
  expect(recent && neverYoung && revoked).toBeTruthy();
  await page.goto(`${PAGE_PATH}?q=${tag}&show=revoked`);
  await expect.poll(async () => (await listedIds(page)).length).toBe(6);

  const select = page.getByRole("combobox", { name: "Last used" });
  await expect(select).toHaveValue("");
  await expect(select.getByRole("option")).toHaveText([
    "Any time",
    "Unused for 30 days",
    "Unused for 90 days",
    "Unused for 180 days",
  ]);
  await select.selectOption({ label: "Unused for 90 days" });
  await expect(page).toHaveURL(`${PAGE_PATH}?q=${tag}&last_used=unused_90&show=revoked`);
  await expect.poll(async () => (await listedIds(page)).sort()).toEqual([idle100, neverOld, idle200].sort());
  await expect(page.getByText("3 tokens match")).toBeVisible();

  await select.selectOption({ label: "Unused for 180 days" });
  await expect.poll(() => listedIds(page)).toEqual([idle200]);
  await select.selectOption({ label: "Unused for 30 days" });
  await expect.poll(async () => (await listedIds(page)).sort()).toEqual([idle100, neverOld, idle200].sort());
  await select.selectOption({ label: "Any time" });
  await expect.poll(async () => (await listedIds(page)).length).toBe(6);

  // The Overview's tile links here; a bad value shows the default.
  await page.goto(`${PAGE_PATH}?last_used=unused_90&q=${tag}`);
  await expect(page.getByRole("combobox", { name: "Last used" })).toHaveValue("unused_90");
  await expect.poll(async () => (await listedIds(page)).sort()).toEqual([idle100, neverOld, idle200].sort());
  await page.goto(`${PAGE_PATH}?last_used=unused_7&q=${tag}`);
  await expect(page.getByRole("combobox", { name: "Last used" })).toHaveValue("");
  await expect.poll(async () => (await listedIds(page)).length).toBe(5);
});
