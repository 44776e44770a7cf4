// Screenshots for reviewing the interface: every screen at desktop and phone width, light and dark.
// Written to e2e/screenshots/ (not committed); they are not compared against anything.
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

/** Saves `<name>-<width>-<scheme>.png` full-page shots of the page as it is; restores viewport and scheme. */
export async function captureScreens(page: Page, name: string): Promise<string[]> {
  mkdirSync(DIR, { recursive: true });
  const viewport = page.viewportSize();
  const wasDark = await page.evaluate(() => window.matchMedia("(prefers-color-scheme: dark)").matches);
  const files: string[] = [];
  try {
    for (const size of VIEWPORTS) {
      await page.setViewportSize(size);
      for (const colorScheme of SCHEMES) {
        await page.emulateMedia({ colorScheme });
        const file = path.join(DIR, `${name}-${size.width}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
        files.push(file);
      }
    }
  } finally {
    if (viewport) await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme: wasDark ? "dark" : "light" });
  }
  return files;
}
