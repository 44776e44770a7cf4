// Accessibility: axe-core's WCAG 2.2 A/AA rules on a screen as it is, at desktop and phone width, in
// light and dark. Reports violations with their targets so a failure says what to fix.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const viewport = page.viewportSize();
  try {
    for (const size of VIEWPORTS) {
      await page.setViewportSize(size);
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
        // Colour transitions (buttons, fields) run on a scheme switch: judge the colours they end on (only
        // transitions: a spinner's animation never finishes).
        await page.evaluate(() =>
          Promise.all(
            document
              .getAnimations()
              .filter((a) => a instanceof CSSTransition)
              .map((a) => a.finished.catch(() => undefined)),
          ),
        );
        const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        const summary = violations.map(
          (v) =>
            `${v.id} (${v.impact}): ${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 5)
              .join(", ")}`,
        );
        expect(summary, `${screen} at ${size.width}px, ${colorScheme}`).toEqual([]);
      }
    }
  } finally {
    if (viewport) await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme: null, reducedMotion: null });
  }
}
