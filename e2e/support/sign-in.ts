import { expect, type Page } from "@playwright/test";

export const INVALID_CREDENTIALS = "The username or password is incorrect.";

/** The sign-in form's message; Next also renders an empty role="alert" route announcer. */
export function signInAlert(page: Page) {
  return page.getByRole("alert").filter({ hasText: /\S/ });
}

/** Fills and submits the sign-in form, and waits for the server's answer to it. */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  const answered = page.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
}

/** Signs in through the form and waits until the console shows the user. */
export async function signIn(page: Page, user: { username: string; password: string; displayName: string }): Promise<void> {
  if (!page.url().includes("/sign-in")) await page.goto("/sign-in");
  await submitSignIn(page, user.username, user.password);
  await expect(page.getByTestId("signed-in-user")).toHaveText(user.displayName);
}
