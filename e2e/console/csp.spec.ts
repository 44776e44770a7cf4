// Pages run under a nonce-based Content-Security-Policy (proxy.ts): no 'unsafe-inline' for scripts.
// The whole flow still works in a real browser — sign in, create, copy, revoke — and the browser reports
// no violation on the way.
import { expect, test, type Page } from "@playwright/test";
import { BASE_URL, STORAGE_STATE } from "../support/env";
import { addUser } from "../support/users";
import { signIn } from "../support/sign-in";
import { createToken, PAGE_PATH, tokenRow, uniqueIssuedTo } from "../support/tokens";

function scriptSrc(policy: string | undefined): string {
  return (
    policy
      ?.split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src")) ?? ""
  );
}

/** Collects CSP violations the page reports (the securitypolicyviolation event and console errors). */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`,
      );
    });
  });
  return violations;
}

test("every page's script-src uses a fresh nonce and no 'unsafe-inline'", async ({ playwright }) => {
  const signedOut = await playwright.request.newContext({ baseURL: BASE_URL });
  const admin = await playwright.request.newContext({ baseURL: BASE_URL, storageState: STORAGE_STATE.admin });
  const nonces = new Set<string>();
  for (const [request, path] of [
    [signedOut, "/sign-in"],
    [signedOut, "/sign-in"],
    [admin, "/settings/service-tokens"],
    [admin, "/settings/audit-log"],
  ] as const) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    const policy = response.headers()["content-security-policy"];
    const directive = scriptSrc(policy);
    expect(directive, path).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'$/);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    nonces.add(/'nonce-([^']+)'/.exec(directive)![1]!);
    // Next.js put the nonce on its scripts.
    expect(await response.text()).toContain(`nonce="${/'nonce-([^']+)'/.exec(directive)![1]}"`);
  }
  expect(nonces.size).toBe(4);
  await signedOut.dispose();
  await admin.dispose();
});

test("sign in, create, copy and revoke work under the policy, with no violation", async ({ page }) => {
  const violations = await watchViolations(page);
  const user = await addUser("ADMIN", "csp");
  await page.goto("/sign-in");
  await signIn(page, user);

  await page.goto(PAGE_PATH);
  const issuedTo = uniqueIssuedTo("E2E csp");
  const { token, modal } = await createToken(page, { issuedTo });
  await modal.getByRole("button", { name: "Copy" }).click();
  await expect(modal.getByRole("status")).toHaveText("Copied to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await modal.getByRole("button", { name: "Done" }).click();

  const row = tokenRow(page, issuedTo);
  await row.getByRole("button", { name: "Revoke" }).click();
  const confirmation = page.getByRole("alertdialog", { name: "Revoke service token?" });
  await confirmation.getByRole("button", { name: "OK" }).click();
  await expect(confirmation).toHaveCount(0);
  await expect(row).toHaveCount(0);

  expect(violations).toEqual([]);
});

test("an unknown address is a 404 page whose scripts carry the nonce: no violation, and it works", async ({ page }) => {
  const violations = await watchViolations(page);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  const directive = scriptSrc(response?.headers()["content-security-policy"]);
  expect(await response?.text()).toContain(`nonce="${/'nonce-([^']+)'/.exec(directive)?.[1]}"`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  // Its scripts ran (client-side navigation): signed out, the console sends the visitor to sign in.
  await page.getByRole("link", { name: "Go to the console" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(violations).toEqual([]);
});
