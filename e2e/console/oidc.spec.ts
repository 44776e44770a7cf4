// OpenID Connect in Chromium against a real OpenID provider (oidc-provider, started here): an
// administrator fills the OpenID Connect fields (a message beside each bad one, the redirect URI to
// register shown), saves; the sign-in page offers `Sign in with <label>`, reached by keyboard; a user of
// the Administrators group signs in at the provider's own login page and lands on the console, listed in
// Users with Source OIDC; a user in no group comes back with the wrong-password message; Remove takes
// the button away. axe 0 at 1280 and 390 px, light and dark.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "../support/axe";
import { BASE_URL } from "../support/env";
import { ADMINS, CLIENT_ID, CLIENT_SECRET, startOidcProvider, VIEWERS, type OidcProvider } from "../support/oidc-provider";
import { INVALID_CREDENTIALS, signIn, signInAlert, submitSignIn } from "../support/sign-in";
import { addUser } from "../support/users";

test.describe.configure({ mode: "serial", timeout: 120_000 });

const CALLBACK = `${BASE_URL}/sign-in/oidc/callback`;
let provider: OidcProvider;
test.beforeAll(async () => {
  provider = await startOidcProvider([CALLBACK]);
});
test.afterAll(async () => {
  await (provider as OidcProvider | undefined)?.stop();
});

const NO_SESSION = { storageState: { cookies: [], origins: [] } };
const oidc = (page: Page) => page.getByRole("region", { name: "OpenID Connect" });

async function fill(page: Page, label: string, value: string) {
  await oidc(page).getByLabel(label, { exact: true }).fill(value);
}

/** Through the provider's own login page (any password), back to the console. */
async function signInAtProvider(page: Page, login: string) {
  await page.getByRole("link", { name: "Sign in with Test provider" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test("an administrator sets up OpenID Connect; a provider's administrator signs in through it; Remove takes it away", async ({
  browser,
}) => {
  const admin = await addUser("ADMIN", "oidc-admin");
  const context = await browser.newContext(NO_SESSION);
  const page = await context.newPage();
  await signIn(page, admin);
  await page.goto("/settings/directory");
  await expect(oidc(page)).toContainText(CALLBACK);

  // Bad input: a message beside each field, nothing saved.
  await fill(page, "Issuer URL", "http://sso.example.org");
  await fill(page, "Groups claim", "");
  await oidc(page).getByRole("button", { name: "Save" }).click();
  await expect(oidc(page).getByText("The Issuer URL must be an https:// address without ? or #", { exact: false })).toBeVisible();
  await expect(oidc(page).getByText("Enter the Client ID the provider gave the console.")).toBeVisible();
  await expect(oidc(page).getByText("Enter the Client secret the provider gave the console.")).toBeVisible();
  await expect(oidc(page).getByText("Enter the Groups claim, e.g. groups.")).toBeVisible();
  await expect(oidc(page).getByText("Enter the Administrators group, the Viewers group or both.")).toBeVisible();
  await expectNoAxeViolations(page, "directory, OpenID Connect with errors");

  await fill(page, "Issuer URL", provider.issuer);
  await fill(page, "Client ID", CLIENT_ID);
  await fill(page, "Client secret", CLIENT_SECRET);
  await fill(page, "Groups claim", "groups");
  await fill(page, "Administrators group", ADMINS);
  await fill(page, "Viewers group", VIEWERS);
  await fill(page, "Button label", "Test provider");
  await oidc(page).getByRole("button", { name: "Save" }).click();
  await expect(oidc(page).getByText("Saved. The sign-in page shows Sign in with Test provider.")).toBeVisible();
  await page.reload();
  await expect(oidc(page).getByLabel("Client secret", { exact: true })).toHaveValue("");
  await expect(oidc(page).getByText("Stored and never shown again; leave empty to keep it.")).toBeVisible();
  expect(await page.content()).not.toContain(CLIENT_SECRET);
  await expectNoAxeViolations(page, "directory with OpenID Connect");

  // The provider's administrator: through its login page, onto the console.
  const olivia = await browser.newContext(NO_SESSION);
  const oliviaPage = await olivia.newPage();
  await oliviaPage.goto("/sign-in");
  await expect(oliviaPage.getByRole("link", { name: "Sign in with Test provider" })).toBeVisible();
  await expectNoAxeViolations(oliviaPage, "sign-in with OpenID Connect");
  await signInAtProvider(oliviaPage, "olivia");
  await expect(oliviaPage.getByTestId("signed-in-user")).toHaveText("Olivia Admin");
  expect(new URL(oliviaPage.url()).pathname).toBe("/settings/service-tokens");
  await page.goto("/settings/users");
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "olivia", exact: true }) });
  await expect(row).toContainText("OIDC");
  await expect(row).toContainText("Administrator");

  // In no group: back on the sign-in page with the wrong-password message.
  const nobody = await browser.newContext(NO_SESSION);
  const nobodyPage = await nobody.newPage();
  await nobodyPage.goto("/sign-in");
  await signInAtProvider(nobodyPage, "nobody");
  await nobodyPage.waitForURL((url) => url.pathname === "/sign-in");
  await expect(signInAlert(nobodyPage)).toHaveText(INVALID_CREDENTIALS);
  // A local attempt next replaces that message rather than adding a second one.
  await submitSignIn(nobodyPage, "nobody", "not the password");
  await expect(signInAlert(nobodyPage)).toHaveCount(1);
  await expect(signInAlert(nobodyPage)).toHaveText(INVALID_CREDENTIALS);

  // Remove, after a confirmation: the sign-in page offers the provider no more.
  await page.goto("/settings/directory");
  await oidc(page).getByRole("button", { name: "Remove the OpenID Connect settings" }).click();
  await page
    .getByRole("alertdialog", { name: "Remove the OpenID Connect settings?" })
    .getByRole("button", { name: "Remove" })
    .click();
  await expect(oidc(page).getByText("Not set up.")).toBeVisible();
  await nobodyPage.goto("/sign-in");
  await expect(nobodyPage.getByRole("heading", { name: "Sign in to the console" })).toBeVisible();
  await expect(nobodyPage.getByRole("link", { name: /Sign in with/ })).toHaveCount(0);

  for (const c of [context, olivia, nobody]) await c.close();
});
