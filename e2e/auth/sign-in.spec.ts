import { expect, test } from "@playwright/test";
import { BASE_URL } from "../support/env";
import { INVALID_CREDENTIALS, signIn, signInAlert, submitSignIn } from "../support/sign-in";
import { addUser } from "../support/users";

const CONSOLE_URL = `${BASE_URL}/settings/service-tokens`;

test.describe("sign-in page", () => {
  test("asks for a username and a password", async ({ page }) => {
    await page.goto("/sign-in");

    await expect(page.getByLabel("Username")).toBeFocused();
    await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("type", "password");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  });

  test("a wrong password shows the generic message and keeps the visitor signed out", async ({ page }) => {
    const user = await addUser("ADMIN");
    await page.goto("/sign-in");

    await submitSignIn(page, user.username, "not the right password");

    await expect(signInAlert(page)).toHaveText(INVALID_CREDENTIALS);
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/settings/service-tokens");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("an unknown username shows the very same message", async ({ page }) => {
    await page.goto("/sign-in");

    await submitSignIn(page, `nobody-${Date.now()}`, "whatever password");

    await expect(signInAlert(page)).toHaveText(INVALID_CREDENTIALS);
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("empty fields are refused before anything is sent", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(signInAlert(page)).toHaveText("Enter your username and password.");
  });
});

test.describe("signing in", () => {
  test("lands in the console with the user's name", async ({ page }) => {
    const user = await addUser("ADMIN");
    await page.goto("/sign-in");

    await signIn(page, user);

    await expect(page).toHaveURL(CONSOLE_URL);
    await expect(page.getByRole("heading", { level: 1, name: "Service Tokens" })).toBeVisible();
    await expect(page.getByTestId("signed-in-user")).toHaveText(user.displayName);
  });

  test("a signed-out visit to a console page goes to sign-in, and back to that page after", async ({ page }) => {
    const user = await addUser("VIEWER");

    await page.goto("/settings/service-tokens?from=e2e");

    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await signIn(page, user);
    await expect(page).toHaveURL(`${CONSOLE_URL}?from=e2e`);
  });

  test("the console root also requires signing in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  for (const target of ["https://evil.example/steal", "//evil.example/steal", "/\\evil.example"]) {
    test(`ignores an external callbackUrl (${target})`, async ({ page }) => {
      const user = await addUser("VIEWER");
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);

      await signIn(page, user);

      await expect(page).toHaveURL(CONSOLE_URL);
    });
  }
});

test.describe("signing out", () => {
  test("ends the session: console pages send the visitor to sign-in again", async ({ page }) => {
    const user = await addUser("ADMIN");
    await page.goto("/sign-in");
    await signIn(page, user);

    await page.getByRole("button", { name: "Sign out" }).click();

    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    const cookies = await page.context().cookies();
    expect(cookies.filter((cookie) => cookie.name.includes("session-token"))).toEqual([]);
    await page.goto("/settings/service-tokens");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  });

  test("works as a plain form post too, before the page's script has loaded", async ({ browser }) => {
    const user = await addUser("ADMIN");
    const signedIn = await browser.newContext();
    const page = await signedIn.newPage();
    await page.goto("/sign-in");
    await signIn(page, user);
    const state = await signedIn.storageState();
    await signedIn.close();

    // No JavaScript: the Sign out button submits its form natively, as it does before hydration.
    const plain = await browser.newContext({ javaScriptEnabled: false, storageState: state });
    const noScript = await plain.newPage();
    await noScript.goto("/settings/service-tokens");
    await noScript.getByRole("button", { name: "Sign out" }).click();
    await expect(noScript).toHaveURL(/\/sign-in$/);
    await noScript.goto("/settings/service-tokens");
    await expect(noScript).toHaveURL(/\/sign-in\?callbackUrl=/);
    await plain.close();
  });

  // Sign-out revokes the server-side session, so even a copied cookie that is still cryptographically
  // valid is refused.
  test("a copy of the session cookie taken before signing out no longer works", async ({ page, browser }) => {
    const user = await addUser("ADMIN");
    await page.goto("/sign-in");
    await signIn(page, user);
    const session = (await page.context().cookies()).filter((cookie) => cookie.name.includes("session-token"));
    expect(session.length).toBeGreaterThan(0);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);

    const replay = await browser.newContext({ baseURL: BASE_URL });
    await replay.addCookies(session);
    const replayed = await replay.newPage();
    await replayed.goto("/settings/service-tokens");
    await expect(replayed).toHaveURL(/\/sign-in/);
    await replay.close();
  });

  test("next-auth's own POST /api/auth/signout also revokes the session: a copied cookie no longer works", async ({
    page,
    browser,
  }) => {
    const user = await addUser("ADMIN");
    await page.goto("/sign-in");
    await signIn(page, user);
    const session = (await page.context().cookies()).filter((cookie) => cookie.name.includes("session-token"));
    expect(session.length).toBeGreaterThan(0);

    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const signout = await page.request.post("/api/auth/signout", { form: { csrfToken, json: "true" } });
    expect(signout.status()).toBe(200);

    const replay = await browser.newContext({ baseURL: BASE_URL });
    await replay.addCookies(session);
    const replayed = await replay.newPage();
    await replayed.goto("/settings/service-tokens");
    await expect(replayed).toHaveURL(/\/sign-in/);
    await replay.close();
  });
});
