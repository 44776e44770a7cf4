// Density (issue 21 item 3): at 1280×900 the header, search and filters leave room for 12 rows or more on
// the first screen; Issued To gets the width and never wraps mid-word; an address never breaks. At
// 390×844 the first card is on the first screen, titled by Issued To with the ID below. Screenshots of
// both (e2e/screenshots/, light and dark) and axe at 1280/390, light and dark.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "../../support/axe";
import { STORAGE_STATE } from "../../support/env";
import { captureScreens } from "../../support/screenshots";
import { seedTokenRows } from "../../support/seed";
import { PAGE_PATH, tokensTable, uniqueIssuedTo } from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

const DAY = 86_400_000;

/** Connector names as administrators write them: 40 to 60 characters with the tag and number. */
const LONG_NAMES = [
  "billing-exporter eu-west-3 production cluster",
  "payroll sync connector for the Frankfurt office",
  "warehouse inventory replicator ap-southeast-2",
  "SFTP gateway of the customs clearance team",
  "nightly backup of the ERP database (Oslo)",
  "log-shipper k8s staging namespace/team-42",
];

/** 30 tokens with long names (LONG_NAMES, each 40 to 60 characters), last use from an address, some revoked and expiring. */
function seedList(): string {
  const tag = uniqueIssuedTo("L").replace(/ /g, "");
  const now = Date.now();
  seedTokenRows(
    Array.from({ length: 30 }, (_, i) => ({
      issuedTo: `${LONG_NAMES[i % LONG_NAMES.length]} ${String(i).padStart(2, "0")} ${tag}`,
      type: i % 4 === 0 ? ("DEVELOPER" as const) : ("CONNECTOR" as const),
      createdAt: new Date(now - (40 + i) * DAY),
      expiresAt: new Date(now + (i % 5 === 0 ? 3 : 60) * DAY),
      lastUsedAt: i % 3 ? new Date(now - i * 3_600_000) : null,
      lastUsedIp: "10.163.20.165",
      revokedAt: i === 7 ? new Date(now - DAY) : null,
    })),
  );
  return tag;
}

/** Each body row's top and bottom, and the words of each Issued To with the line each starts on. */
function rowBoxes(page: Page) {
  return tokensTable(page)
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
}

/** True when some text node of the elements is broken inside a word (a line starts with no space before it). */
function brokenMidWord(page: Page, selector: string) {
  return page.locator(selector).evaluateAll((elements) =>
    elements.some((element) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        const range = document.createRange();
        let lastTop: number | null = null;
        for (let i = 0; i < text.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const top = range.getBoundingClientRect().top;
          if (lastTop !== null && top > lastTop + 2 && text[i - 1] !== " " && text[i] !== " ") return true;
          lastTop = top;
        }
      }
      return false;
    }),
  );
}

test("at 1280×900, 12 rows or more on the first screen; Issued To and addresses unbroken", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = seedList();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${PAGE_PATH}?q=${tag}&per_page=25`);
  await expect(tokensTable(page).locator("tbody tr")).toHaveCount(25);
  // Measured once hydrated: the server renders exact UTC times, taller in their cells than the relative
  // ones the browser puts in their place (a loaded machine measured 10 rows before that).
  await expect(tokensTable(page).locator("tbody time.rt").first()).toBeVisible();
  const rows = await rowBoxes(page);
  const onScreen = rows.filter((r) => r.bottom <= 900).length;
  console.log(`first row at y = ${Math.round(rows[0]!.top)}, ${onScreen} rows on a 1280×900 screen`);
  expect(onScreen).toBeGreaterThanOrEqual(12);
  // The table fits the screen, the row actions included.
  const [table, actions] = [
    (await tokensTable(page).boundingBox())!,
    (await page
      .getByRole("button", { name: /^Revoke tok_/ })
      .first()
      .boundingBox())!,
  ];
  expect(table.x + table.width).toBeLessThanOrEqual(1280);
  expect(actions.x + actions.width).toBeLessThanOrEqual(table.x + table.width);
  // Search and filters sit above the rows.
  const search = await page.getByRole("searchbox", { name: "Search tokens" }).boundingBox();
  expect(search!.y).toBeLessThan(rows[0]!.top);

  // Issued To has the spare width: wider than any other column; each name on two lines at most.
  const widths = await tokensTable(page)
    .locator("thead th")
    .evaluateAll((cells) => cells.map((cell) => Math.round(cell.getBoundingClientRect().width)));
  const nameSpans = tokensTable(page).locator("tbody [data-label='Issued To'] > span:first-child");
  const shown = await nameSpans.evaluateAll((spans) =>
    spans.map((span) => Math.round(span.getBoundingClientRect().height / parseFloat(getComputedStyle(span).lineHeight))),
  );
  console.log(`column widths ${widths.join(", ")} px; names on ${Math.max(...shown)} lines at most`);
  const issuedTo = widths[1]!;
  expect(issuedTo).toBeGreaterThanOrEqual(160);
  expect(Math.max(...widths.filter((_, i) => i !== 1))).toBeLessThan(issuedTo);
  expect(Math.max(...shown)).toBeLessThanOrEqual(2);
  // A longer name is not cut silently: its row shows it whole while hovered (or holding the focus), and
  // its text, which screen readers and the row actions' description read, is whole.
  const first = tokensTable(page).locator("tbody tr").first();
  const firstName = first.locator("[data-label='Issued To'] > span").first();
  await expect(firstName).toHaveText(`${LONG_NAMES[0]} 00 ${tag}`);
  await first.hover();
  const whole = await firstName.evaluate((span) =>
    Math.round(span.getBoundingClientRect().height / parseFloat(getComputedStyle(span).lineHeight)),
  );
  console.log(`the first name on ${whole} lines while hovered`);
  expect(whole).toBeGreaterThan(2);
  await page.mouse.move(0, 0);
  // And by keyboard: the row's ID link holding the focus.
  await first.getByRole("link", { name: /^tok_/ }).focus();
  expect(
    await firstName.evaluate((span) =>
      Math.round(span.getBoundingClientRect().height / parseFloat(getComputedStyle(span).lineHeight)),
    ),
  ).toBe(whole);
  await first.getByRole("link", { name: /^tok_/ }).blur();
  expect(await brokenMidWord(page, "tbody [data-label='Issued To'] > span:first-child")).toBe(false);
  // Each address on one line.
  const addresses = page.locator("tbody [data-label='Last used'] .font-mono");
  expect(await addresses.count()).toBeGreaterThan(0);
  for (const height of await addresses.evaluateAll((els) => els.map((e) => e.getClientRects().length))) {
    expect(height).toBe(1);
  }
  await captureScreens(page, "list-density-1280");
});

test("at 390×844 the first card is on the first screen, titled by Issued To with the ID below", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = seedList();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${PAGE_PATH}?q=${tag}&per_page=25`);
  await expect(tokensTable(page).locator("tbody time.rt").first()).toBeVisible(); // hydrated, as above
  const card = tokensTable(page).locator("tbody tr").first();
  const box = await card.boundingBox();
  console.log(`first card at y = ${Math.round(box!.y)} on a 390×844 screen`);
  // Its title is the Issued To, with the ID below it, both on the first screen.
  const title = card.locator("[data-label='Issued To'] > span").first();
  const id = card.getByRole("link", { name: /^tok_/ });
  await expect(title).toHaveText(`${LONG_NAMES[0]} 00 ${tag}`);
  const [titleBox, idBox] = [(await title.boundingBox())!, (await id.boundingBox())!];
  expect(titleBox.y).toBeLessThan(idBox.y);
  expect(idBox.y + idBox.height).toBeLessThanOrEqual(844);
  expect(await brokenMidWord(page, "tbody [data-label='Issued To'] > span:first-child")).toBe(false);
  await captureScreens(page, "list-density-390");
  await expectNoAxeViolations(page, "the compact list");
});
