// Paging a person can steer (issue 21 item 2), among 10,010 seeded tokens: First, Previous, Next and Last
// page land on the right rows and page numbers (the last page holds the 10 left after 100 full pages),
// and the tab's memory stays flat over 300 page visits (JS heap after garbage collection, through CDP).
import { expect, test, type CDPSession, type Page } from "@playwright/test";
import { STORAGE_STATE } from "../../support/env";
import { seedTokenRows } from "../../support/seed";
import { PAGE_PATH, tokensTable, uniqueIssuedTo } from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

const DAY = 86_400_000;
const TOTAL = 10_010;

/** Seeds TOTAL tokens named `<tag> 00000` … newest first, so row i of the default order is `<tag> i`. */
function seedFleet(label: string): string {
  const tag = uniqueIssuedTo(label).replace(/ /g, "-");
  const now = Date.now();
  seedTokenRows(
    Array.from({ length: TOTAL }, (_, i) => ({
      issuedTo: `${tag} ${String(i).padStart(5, "0")}`,
      createdAt: new Date(now - DAY - i * 1_000),
      expiresAt: new Date(now + 300 * DAY),
    })),
  );
  return tag;
}

const pages = (page: Page) => page.getByRole("navigation", { name: "Pages" });
const pageNumber = (page: Page) => pages(page).getByText(/^Page [\d,]+ of [\d,]+$/);
const link = (page: Page, name: string) => pages(page).getByRole("link", { name, exact: true });

/** The Issued To (its number) of the first and the last row shown. */
async function firstAndLast(page: Page): Promise<[number, number]> {
  // The number ending the Issued To (the tag before it is hex, which may hold five digits in a row too).
  const names = await tokensTable(page)
    .locator("[id^=issued-to-]")
    .evaluateAll((cells) => cells.map((cell) => /(\d{5})$/.exec(cell.textContent.trim())?.[1] ?? "-1"));
  return [Number(names[0]), Number(names.at(-1))];
}

async function expectPage(page: Page, n: number, of: number, rows: [number, number]) {
  await expect(pageNumber(page)).toHaveText(`Page ${n.toLocaleString("en-US")} of ${of.toLocaleString("en-US")}`);
  await expect.poll(() => firstAndLast(page)).toEqual(rows);
}

test("First, Previous, Next and Last page land on the right rows and page numbers among 10,010 tokens", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = seedFleet("Paging fleet");
  await page.goto(`${PAGE_PATH}?q=${tag}&per_page=100`);
  await expect(page.getByText(`${TOTAL.toLocaleString("en-US")} tokens match`)).toBeVisible();
  await expectPage(page, 1, 101, [0, 99]);
  await expect(link(page, "First page")).toHaveAttribute("aria-disabled", "true");
  await expect(link(page, "Previous page")).toHaveAttribute("aria-disabled", "true");

  // Last page: what the 100 full pages leave, in order; nothing after it.
  await link(page, "Last page").click();
  await expect(page).toHaveURL(/[?&]cursor=last#token-list-summary$/);
  await expectPage(page, 101, 101, [10_000, 10_009]);
  // The page opens at the results' count, which has the focus (as after a sort).
  await expect(page.locator("#token-list-summary")).toBeFocused();
  await expect(tokensTable(page).getByRole("row")).toHaveCount(11);
  await expect(link(page, "Next page")).toHaveAttribute("aria-disabled", "true");
  await expect(link(page, "Last page")).toHaveAttribute("aria-disabled", "true");

  await link(page, "Previous page").click();
  await expectPage(page, 100, 101, [9_900, 9_999]);
  await link(page, "Previous page").click();
  await expectPage(page, 99, 101, [9_800, 9_899]);
  await link(page, "Next page").click();
  await expectPage(page, 100, 101, [9_900, 9_999]);
  // A reload of a page reached by cursor keeps its rows and its number (derived, not carried in the URL).
  await page.reload();
  await expectPage(page, 100, 101, [9_900, 9_999]);

  await link(page, "First page").click();
  await expect(page).toHaveURL(`${PAGE_PATH}?q=${tag}&per_page=100#token-list-summary`);
  await expectPage(page, 1, 101, [0, 99]);
  await link(page, "Next page").click();
  await expectPage(page, 2, 101, [100, 199]);
  await link(page, "Next page").click();
  await expectPage(page, 3, 101, [200, 299]);
  await link(page, "Previous page").click();
  await expectPage(page, 2, 101, [100, 199]);

  // A hand-edited page number changes nothing: the cursor decides the rows, the counts the number.
  await page.goto(`${PAGE_PATH}?q=${tag}&per_page=100&cursor=last&page=3`);
  await expectPage(page, 101, 101, [10_000, 10_009]);
});

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const used = metrics.find((m) => m.name === "JSHeapUsedSize")?.value;
  if (used === undefined) throw new Error("no JSHeapUsedSize metric");
  return used;
}

/** The growth the 300 visits may cause: a leak of 0.02 MB a page (a fifth of the one reported) breaks it. */
const HEAP_GROWTH_BOUND = 6 * 1024 * 1024;

test("the tab's memory stays flat over 300 page visits", async ({ page }) => {
  test.setTimeout(600_000);
  const tag = seedFleet("Paging memory");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  await cdp.send("HeapProfiler.enable");
  await page.goto(`${PAGE_PATH}?q=${tag}&per_page=25`);
  await expect(pageNumber(page)).toHaveText("Page 1 of 401");

  let at = 1;
  async function visit(name: "Next page" | "Previous page") {
    at += name === "Next page" ? 1 : -1;
    // Each page is a page load: click on a loaded page, and wait for the next one to be there.
    await page.waitForLoadState("load");
    const from = page.url();
    await Promise.all([page.waitForURL((url) => url.href !== from, { waitUntil: "load" }), link(page, name).click()]);
    await expect(pageNumber(page)).toHaveText(`Page ${at} of 401`);
  }
  // Warm up (the first visits load code and fill caches that do not grow after), then measure.
  for (let i = 0; i < 10; i++) await visit("Next page");
  const before = await heapAfterGc(cdp);
  for (let i = 0; i < 150; i++) await visit("Next page");
  for (let i = 0; i < 150; i++) await visit("Previous page");
  const growth = (await heapAfterGc(cdp)) - before;
  console.log(`JS heap after GC: ${(growth / 1024 / 1024).toFixed(2)} MB more after 300 page visits`);
  expect(growth).toBeLessThan(HEAP_GROWTH_BOUND);

  // The measure can see a leak: 100 steps that each keep 0.1 MB (the leak the issue measured) in the
  // document exceed the bound. (Paging in place, before each page became a page load, grew the heap by
  // 10.6 MB over the same 300 visits: the assertion above failed.)
  const leakStart = await heapAfterGc(cdp);
  for (let i = 0; i < 100; i++) {
    await page.evaluate(() => {
      const w = window as unknown as { retained?: number[][] };
      // 12,500 doubles: 0.1 MB of heap.
      (w.retained ??= []).push(Array.from({ length: 12_500 }, (_, k) => k + 0.5));
    });
  }
  const leaked = (await heapAfterGc(cdp)) - leakStart;
  console.log(`JS heap after GC with 0.1 MB kept 100 times: ${(leaked / 1024 / 1024).toFixed(2)} MB more`);
  expect(leaked).toBeGreaterThan(HEAP_GROWTH_BOUND);
});
