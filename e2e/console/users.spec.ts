// Settings > Users in Chromium: an administrator adds a local user with the keyboard only and copies the
// password shown once, which signs them in; Change role, Reset password, Disable / Enable and Sign out
// everywhere act on the user's open session at its next request; bad input is refused with a message;
// a viewer cannot manage users; a user changes their own password from the user panel; axe 0.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "../support/axe";
import { INVALID_CREDENTIALS, signIn, signInAlert, submitSignIn } from "../support/sign-in";
import { addUser } from "../support/users";
import { STORAGE_STATE } from "../support/env";

test.describe.configure({ timeout: 120_000 });

const PATH = "/settings/users";
const NO_SESSION = { cookies: [], origins: [] };

async function signedIn(browser: Browser, user: { username: string; password: string; displayName: string }) {
  const context = await browser.newContext({ storageState: NO_SESSION });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await signIn(page, user);
  return page;
}

const row = (page: Page, username: string) =>
  page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: username, exact: true }) });

/** Confirms an alert dialog and waits for it to close. */
async function confirm(page: Page, name: string) {
  const dialog = page.getByRole("alertdialog");
  await dialog.getByRole("button", { name, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Reads the one-time password, copies it and closes the dialog. */
async function takePassword(page: Page, username: string): Promise<string> {
  const dialog = page.getByRole("dialog", { name: `Password for ${username}` });
  const password = await dialog.getByLabel("Password").inputValue();
  expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
  await dialog.getByRole("button", { name: "Copy" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Copied to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  return password;
}

test("an administrator adds a user with the keyboard only; the password shown once signs them in", async ({ browser }) => {
  const admin = await addUser("ADMIN", "users-admin");
  const page = await signedIn(browser, admin);
  await page.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  for (const column of ["Username", "Name", "Role", "Source", "Last sign-in", "Status"]) {
    await expect(page.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
  }
  await expect(row(page, admin.username).getByRole("cell", { name: "Local", exact: true })).toBeVisible();
  await expectNoAxeViolations(page, "users");

  // Keyboard only: focus Add user, fill the form, submit with Enter.
  await page.getByRole("button", { name: "Add user" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Add user" });
  await expect(dialog.getByLabel("Username")).toBeFocused();
  // Bad input first: a filter-like username is refused beside its field, nothing added.
  await page.keyboard.type("*)(uid=*");
  await page.keyboard.press("Enter");
  await expect(dialog.getByText(/Usernames may contain only letters/)).toBeVisible();
  await expectNoAxeViolations(page, "add user with an error");
  const username = `added-${Date.now().toString(36)}`;
  await dialog.getByLabel("Username").fill("");
  await page.keyboard.type(username);
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Name", { exact: true })).toBeFocused();
  await page.keyboard.type("Added Person");
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Role")).toBeFocused();
  await expect(dialog.getByLabel("Role")).toHaveValue("VIEWER");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Add user" })).toBeFocused();
  await page.keyboard.press("Enter");

  const passwordDialog = page.getByRole("dialog", { name: `Password for ${username}` });
  await expect(passwordDialog.getByLabel("Password")).toBeFocused();
  await expectNoAxeViolations(page, "one-time password");
  // Escape before a copy asks first; Go back keeps the password.
  await page.keyboard.press("Escape");
  await expect(passwordDialog.getByRole("alert")).toContainText("Did you copy the password?");
  await passwordDialog.getByRole("button", { name: "Go back" }).click();
  const password = await takePassword(page, username);

  await expect(row(page, username)).toContainText("Added Person");
  await expect(row(page, username)).toContainText("Viewer");
  await expect(row(page, username)).toContainText("Never");
  const added = await signedIn(browser, { username, password, displayName: "Added Person" });
  await expect(added.getByTestId("signed-in-user")).toHaveText("Added Person");
  await added.context().close();
  await page.context().close();
});

/** Opens a row's `Actions` menu and chooses the item of that accessible name. */
async function rowAction(page: Page, username: string, name: string) {
  await row(page, username)
    .getByRole("button", { name: `Actions for ${username}` })
    .click();
  await page
    .getByRole("group", { name: `Actions for ${username}` })
    .getByRole("button", { name })
    .click();
}

test("a row's Actions menu: one button per row, items by keyboard, Escape back to the button", async ({ browser }) => {
  const admin = await addUser("ADMIN", "users-menu");
  const target = await addUser("VIEWER", "users-menu-target");
  const page = await signedIn(browser, admin);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(PATH);
  const actions = row(page, target.username).getByRole("button", { name: `Actions for ${target.username}` });
  // Every row's cells fit the table at 1280 px: nothing is cut off on the right.
  const region = page.getByRole("region", { name: "Users (scrolls sideways)" });
  expect(await region.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  await actions.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("group", { name: `Actions for ${target.username}` });
  await expect(menu.getByRole("button")).toHaveText(["Change role", "Reset password", "Disable", "Sign out everywhere"]);
  await expect(menu.getByRole("button", { name: `Change role of ${target.username}` })).toBeFocused();
  // Beside its button, right edges aligned.
  const [button, opened] = [(await actions.boundingBox())!, (await menu.boundingBox())!];
  expect(Math.abs(opened.x + opened.width - (button.x + button.width))).toBeLessThanOrEqual(1);
  // Under the button, or over it when the row is near the bottom of the screen.
  const gapBelow = opened.y - (button.y + button.height);
  const gapAbove = button.y - (opened.y + opened.height);
  expect(
    [gapBelow, gapAbove].some((gap) => gap >= 0 && gap <= 8),
    `gaps ${gapBelow}, ${gapAbove}`,
  ).toBe(true);
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("button", { name: `Reset password of ${target.username}` })).toBeFocused();
  await page.keyboard.press("End");
  await expect(menu.getByRole("button", { name: `Sign out ${target.username} everywhere` })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(actions).toBeFocused();

  // A dialog opened from the menu gives the focus back to the row's button when it closes.
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("button", { name: `Change role of ${target.username}` })).toBeFocused();
  await page.keyboard.press("Enter");
  const roleDialog = page.getByRole("dialog", { name: `Change role of ${target.username}` });
  await expect(roleDialog).toBeVisible();
  await roleDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(actions).toBeFocused();
  await page.context().close();
});

test("Change role, Reset password, Disable / Enable and Sign out everywhere reach the user's open session", async ({
  browser,
}) => {
  const admin = await addUser("ADMIN", "users-admin");
  const target = await addUser("VIEWER", "users-target");
  const page = await signedIn(browser, admin);
  const victim = await signedIn(browser, target);
  await page.goto(PATH);

  // Change role: the next page the user opens shows the new role.
  await rowAction(page, target.username, `Change role of ${target.username}`);
  const roleDialog = page.getByRole("dialog", { name: `Change role of ${target.username}` });
  await roleDialog.getByLabel("Role").selectOption("ADMIN");
  await roleDialog.getByRole("button", { name: "Save" }).click();
  await expect(roleDialog).toBeHidden();
  await expect(row(page, target.username)).toContainText("Administrator");
  await victim.reload();
  await expect(victim.getByText(`${target.username} · Administrator`).first()).toBeVisible();

  // Sign out everywhere: the open session ends at its next request.
  await rowAction(page, target.username, `Sign out ${target.username} everywhere`);
  await confirm(page, "Sign out everywhere");
  await expect(row(page, target.username).getByRole("status")).toHaveText(`${target.username} was signed out of 1 session(s).`);
  await victim.reload();
  await expect(victim).toHaveURL(/\/sign-in/);

  // Disable: refused at sign-in like a wrong password; Enable lets them in again.
  await rowAction(page, target.username, `Disable ${target.username}`);
  await confirm(page, "Disable");
  await expect(row(page, target.username)).toContainText("Disabled");
  await submitSignIn(victim, target.username, target.password);
  await expect(signInAlert(victim)).toHaveText(INVALID_CREDENTIALS);
  await rowAction(page, target.username, `Enable ${target.username}`);
  await confirm(page, "Enable");
  await expect(row(page, target.username)).toContainText("Active");

  // Reset password: the old one stops working, the one shown once works.
  await rowAction(page, target.username, `Reset password of ${target.username}`);
  await confirm(page, "Reset password");
  const password = await takePassword(page, target.username);
  await victim.goto("/sign-in");
  await submitSignIn(victim, target.username, target.password);
  await expect(signInAlert(victim)).toHaveText(INVALID_CREDENTIALS);
  await signIn(victim, { ...target, password });
  await expect(row(page, target.username)).not.toContainText("Never");

  // An administrator cannot disable themselves: the row offers no Disable.
  await expect(row(page, admin.username).getByRole("button", { name: `Disable ${admin.username}` })).toHaveCount(0);
  await victim.context().close();
  await page.context().close();
});

test.describe("as a viewer", () => {
  test.use({ storageState: STORAGE_STATE.viewer });
  test("the page lists no users and offers no action", async ({ page }) => {
    await page.goto(PATH);
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await expect(page.getByText("Only administrators can see and manage users.")).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Add user" })).toHaveCount(0);
  });
});

test("a user changes their own password from the user panel; their other session ends", async ({ browser }) => {
  const user = await addUser("VIEWER", "users-self");
  const page = await signedIn(browser, user);
  const other = await signedIn(browser, user);
  const next = `${user.password} but longer`;

  await page.getByRole("button", { name: "Change password" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Change password" });
  await dialog.getByLabel("Current password").fill("not my password at all");
  await dialog.getByLabel("New password", { exact: true }).fill(next);
  await dialog.getByLabel("New password again").fill(`${next}!`);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByText("The two new passwords differ.")).toBeVisible();
  await dialog.getByLabel("New password again").fill(next);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByText("The current password is wrong.")).toBeVisible();
  await expectNoAxeViolations(page, "change password with an error");
  await dialog.getByLabel("Current password").fill(user.password);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByRole("status")).toContainText("Your password was changed. Your 1 other session(s) were signed out.");
  await dialog.getByRole("button", { name: "Done" }).click();

  await page.reload();
  await expect(page.getByTestId("signed-in-user").first()).toHaveText(user.displayName);
  await other.reload();
  await expect(other).toHaveURL(/\/sign-in/);
  await submitSignIn(other, user.username, user.password);
  await expect(signInAlert(other)).toHaveText(INVALID_CREDENTIALS);
  await signIn(other, { ...user, password: next });
  await page.context().close();
  await other.context().close();
});
