// Screenshots for reviewing the interface: every screen at desktop and phone width, light and dark.
// Written to e2e/screenshots/ (not committed); they are not compared against anything. Only the
// screenshot specs take them, so that a functional spec checks behaviour and nothing else.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";

const DIR = fileURLToPath(new URL("../screenshots/", import.meta.url));
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
const SCHEMES = ["light", "dark"] as const;

async function shoot(page: Page, name: string, width: number, colorScheme: (typeof SCHEMES)[number]): Promise<string> {
  await page.emulateMedia({ colorScheme });
  const file = path.join(DIR, `${name}-${width}-${colorScheme}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
  return file;
}

/** Saves `<name>-<width>-<scheme>.png` full-page shots of the page as it is; restores viewport and scheme. */
export async function captureScreens(page: Page, name: string): Promise<string[]> {
  return captureScreensReopening(
    page,
    name,
    async () => {},
    async () => {},
  );
}

/**
 * Like captureScreens, for a dialog that must be opened anew at each width: the Revoke confirmation
 * belongs to the table row on a desktop and to the card on a phone, and a dialog inside the hidden one
 * is not shown.
 */
export async function captureScreensReopening(
  page: Page,
  name: string,
  open: (page: Page) => Promise<void>,
  close: (page: Page) => Promise<void>,
): Promise<string[]> {
  mkdirSync(DIR, { recursive: true });
  const viewport = page.viewportSize();
  const wasDark = await page.evaluate(() => window.matchMedia("(prefers-color-scheme: dark)").matches);
  const files: string[] = [];
  try {
    for (const size of VIEWPORTS) {
      await page.setViewportSize(size);
      await open(page);
      for (const colorScheme of SCHEMES) files.push(await shoot(page, name, size.width, colorScheme));
      await close(page);
    }
  } finally {
    if (viewport) await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme: wasDark ? "dark" : "light" });
  }
  return files;
}
