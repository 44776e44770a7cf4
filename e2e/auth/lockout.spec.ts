import { expect, test } from "@playwright/test";
import { INVALID_CREDENTIALS, signInAlert, submitSignIn } from "../support/sign-in";
import { addUser } from "../support/users";

test("after 5 failures for one username from this address, it is refused there, even with the right password", async ({
  page,
}) => {
  const user = await addUser("ADMIN", "locked");
  await page.goto("/sign-in");

  for (let attempt = 1; attempt <= 5; attempt++) {
    await submitSignIn(page, user.username, `wrong password ${attempt}`);
    await expect(signInAlert(page)).toHaveText(INVALID_CREDENTIALS);
  }

  await submitSignIn(page, user.username, user.password);

  await expect(signInAlert(page)).toHaveText("Too many failed sign-in attempts from this address. Try again in 15 minutes.");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/settings/service-tokens");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a refused username does not lock anyone else out", async ({ page }) => {
  const locked = await addUser("VIEWER", "locked");
  const other = await addUser("VIEWER", "other");
  await page.goto("/sign-in");
  for (let attempt = 1; attempt <= 5; attempt++) await submitSignIn(page, locked.username, `wrong password ${attempt}`);

  await submitSignIn(page, other.username, other.password);

  await expect(page.getByTestId("signed-in-user")).toHaveText(other.displayName);
});
