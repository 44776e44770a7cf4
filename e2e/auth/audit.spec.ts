import { expect, test } from "@playwright/test";
import { auditEventsOf } from "../support/db";
import { signIn, submitSignIn } from "../support/sign-in";
import { addUser } from "../support/users";

test("a failed sign-in, a sign-in and a sign-out are audited with the address and browser", async ({ page }) => {
  const user = await addUser("VIEWER", "audited");
  await page.goto("/sign-in");
  const userAgent = await page.evaluate(() => navigator.userAgent);

  await submitSignIn(page, user.username, "a wrong password");
  await signIn(page, user);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  const seen = { ip: "127.0.0.1", userAgent, actorName: user.username };
  expect(auditEventsOf(user.username)).toEqual([
    { action: "auth.sign_in_failed", outcome: "failure", ...seen },
    { action: "auth.sign_in", outcome: "success", ...seen },
    { action: "auth.sign_out", outcome: "success", ...seen },
  ]);
});
